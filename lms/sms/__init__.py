"""Text messages (SMS): one gateway interface, a backend chosen by SMS_BACKEND.

Sign-in codes use it today; notification channels are meant to reuse it. Callers name a
logical template ("verify_code") with its parameters; each backend maps that to what its
provider needs (see docs/deploy.md).
"""

from lms.sms.gateway import SmsError, SmsGateway, SmsMessage, phone_mask, sms_gateway, sms_send

__all__ = ["SmsError", "SmsGateway", "SmsMessage", "phone_mask", "sms_gateway", "sms_send"]
