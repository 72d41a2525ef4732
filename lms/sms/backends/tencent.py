"""Tencent Cloud SMS (腾讯云短信) through its official SDK, `tencentcloud-sdk-python-sms`.

Install with `pip install '.[sms-tencent]'`. Tencent templates take positional parameters:
they are passed in the order the caller gives them (for the code template: code, minutes).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from lms.sms.gateway import SmsError, template_ids


class TencentBackend:
    def __init__(self):
        try:
            from tencentcloud.common import credential
            from tencentcloud.sms.v20210111 import sms_client
        except ImportError as error:
            raise ImproperlyConfigured(
                "SMS_BACKEND=tencent needs the Tencent Cloud SDK: pip install '.[sms-tencent]'"
            ) from error
        if not (
            settings.SMS_ACCESS_KEY_ID and settings.SMS_ACCESS_KEY_SECRET and settings.SMS_APP_ID
        ):
            raise ImproperlyConfigured(
                "SMS_BACKEND=tencent needs SMS_ACCESS_KEY_ID (SecretId), "
                "SMS_ACCESS_KEY_SECRET (SecretKey) and SMS_APP_ID (SmsSdkAppId)"
            )
        cred = credential.Credential(settings.SMS_ACCESS_KEY_ID, settings.SMS_ACCESS_KEY_SECRET)
        self.client = sms_client.SmsClient(cred, settings.SMS_REGION or "ap-guangzhou")

    def send(self, *, to: str, template: str, params: dict[str, str]) -> None:
        from tencentcloud.sms.v20210111 import models

        template_id = template_ids().get(template)
        if not template_id:
            raise SmsError(f"no Tencent template id for {template!r} in SMS_TEMPLATES")
        request = models.SendSmsRequest()
        request.SmsSdkAppId = settings.SMS_APP_ID
        request.SignName = settings.SMS_SIGN_NAME
        request.TemplateId = template_id
        request.TemplateParamSet = [str(value) for value in params.values()]
        request.PhoneNumberSet = [f"+86{to}"]
        try:
            response = self.client.SendSms(request)
        except Exception as error:  # TencentCloudSDKException and network errors
            raise SmsError(f"Tencent SMS failed: {type(error).__name__}") from error
        status = response.SendStatusSet[0] if response.SendStatusSet else None
        if status is None or status.Code != "Ok":
            code = getattr(status, "Code", "no status")
            raise SmsError(f"Tencent SMS refused: {code}")
