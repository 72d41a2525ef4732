"""Text messages (SMS): one gateway interface, a backend chosen by SMS_BACKEND.

Sign-in codes use it, and so does the notification digest (lms.notifications.delivery),
which also sends WeChat template messages through a second gateway of the same interface.
Callers name a logical template ("verify_code", "digest") with its parameters; each backend
maps that to what its provider needs (see docs/deploy.md).
"""

from lms.sms.gateway import (
    SmsError,
    SmsGateway,
    SmsMessage,
    phone_mask,
    sms_gateway,
    sms_send,
    wechat_gateway,
    wechat_send,
)

__all__ = [
    "SmsError",
    "SmsGateway",
    "SmsMessage",
    "phone_mask",
    "sms_gateway",
    "sms_send",
    "wechat_gateway",
    "wechat_send",
]
