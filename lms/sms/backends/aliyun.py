"""Aliyun SMS (阿里云短信服务) through its official SDK, `alibabacloud_dysmsapi20170525`.

Install with `pip install '.[sms-aliyun]'`. The SDK is imported when the backend is first
used, so the site runs without it under the other backends.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from lms.sms.gateway import SmsError, template_ids


class AliyunBackend:
    def __init__(self):
        try:
            from alibabacloud_dysmsapi20170525.client import Client
            from alibabacloud_tea_openapi.utils_models import Config
        except ImportError as error:
            raise ImproperlyConfigured(
                "SMS_BACKEND=aliyun needs the Aliyun SDK: pip install '.[sms-aliyun]'"
            ) from error
        if not (settings.SMS_ACCESS_KEY_ID and settings.SMS_ACCESS_KEY_SECRET):
            raise ImproperlyConfigured(
                "SMS_BACKEND=aliyun needs SMS_ACCESS_KEY_ID and SMS_ACCESS_KEY_SECRET"
            )
        self.client = Client(
            Config(
                access_key_id=settings.SMS_ACCESS_KEY_ID,
                access_key_secret=settings.SMS_ACCESS_KEY_SECRET,
                endpoint=settings.SMS_ENDPOINT or "dysmsapi.aliyuncs.com",
            )
        )

    def send(self, *, to: str, template: str, params: dict[str, str]) -> None:
        from alibabacloud_dysmsapi20170525.models import SendSmsRequest

        template_code = template_ids().get(template)
        if not template_code:
            raise SmsError(f"no Aliyun template id for {template!r} in SMS_TEMPLATES")
        request = SendSmsRequest(
            phone_numbers=to,
            sign_name=settings.SMS_SIGN_NAME,
            template_code=template_code,
            template_param=json.dumps(params, ensure_ascii=False),
        )
        try:
            response = self.client.send_sms(request)
        except Exception as error:  # the SDK raises its own types for network and API errors
            raise SmsError(f"Aliyun SMS failed: {type(error).__name__}") from error
        body = response.body
        if getattr(body, "code", None) != "OK":
            raise SmsError(f"Aliyun SMS refused: {body.code} {body.message}")
