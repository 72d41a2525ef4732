"""WeChat official-account template messages (公众号模板消息) over the plain HTTPS API.

Configured from the environment (docs/deploy.md): WECHAT_APP_ID, WECHAT_APP_SECRET,
WECHAT_API_BASE (default https://api.weixin.qq.com) and WECHAT_TEMPLATES, a JSON object
mapping our logical template to the account's template id and its field names, e.g.

    {"digest": {"id": "AbC…", "fields": {"count": "number1", "title": "thing2"}},
     "urgent_notice": {"id": "XyZ…", "fields": {"title": "thing1"}}}

A `link` parameter becomes the message's url. Only the standard library is used (no SDK).
Tested against a local fake of the two endpoints, not against WeChat itself.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from lms.sms.gateway import SmsError

TIMEOUT = 5  # seconds; a slow API must not hold the delivery run
TOKEN_MARGIN = 300  # renew the access token this many seconds before WeChat expires it
TOKEN_ERRORS = {40001, 40014, 42001}  # invalid or expired access token: fetch a new one


def wechat_templates(raw: str | None = None) -> dict[str, dict]:
    """WECHAT_TEMPLATES parsed; refuses a value that is not the documented shape."""
    raw = settings.WECHAT_TEMPLATES if raw is None else raw
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw)
        for spec in value.values():
            if not isinstance(spec["id"], str) or not isinstance(spec["fields"], dict):
                raise TypeError
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise ImproperlyConfigured(
            'WECHAT_TEMPLATES must be JSON like {"digest": {"id": "…", "fields": '
            '{"count": "number1", "title": "thing2"}}}'
        ) from error
    return value


class WechatTemplateBackend:
    def __init__(self):
        if not (settings.WECHAT_APP_ID and settings.WECHAT_APP_SECRET):
            raise ImproperlyConfigured(
                "WECHAT_BACKEND=wechat needs WECHAT_APP_ID and WECHAT_APP_SECRET"
            )
        self.base = settings.WECHAT_API_BASE.rstrip("/")
        self.templates = wechat_templates()
        self._token: str | None = None
        self._token_expires = 0.0
        self._lock = threading.Lock()

    def send(self, *, to: str, template: str, params: dict[str, str]) -> None:
        spec = self.templates.get(template)
        if spec is None:
            raise SmsError(f"no WeChat template for {template!r} in WECHAT_TEMPLATES")
        message = {
            "touser": to,
            "template_id": spec["id"],
            "data": {
                field: {"value": str(params[name])}
                for name, field in spec["fields"].items()
                if name in params
            },
        }
        if params.get("link"):
            message["url"] = params["link"]
        answer = self._post_message(message)
        if answer.get("errcode") in TOKEN_ERRORS:
            self._forget_token()
            answer = self._post_message(message)
        if answer.get("errcode", 0) != 0:
            raise SmsError(f"WeChat refused: {answer.get('errcode')} {answer.get('errmsg', '')}")

    def _post_message(self, message: dict) -> dict:
        query = urllib.parse.urlencode({"access_token": self._access_token()})
        return self._call(
            f"{self.base}/cgi-bin/message/template/send?{query}",
            data=json.dumps(message, ensure_ascii=False).encode(),
        )

    def _access_token(self) -> str:
        with self._lock:
            if self._token and time.monotonic() < self._token_expires:
                return self._token
            query = urllib.parse.urlencode(
                {
                    "grant_type": "client_credential",
                    "appid": settings.WECHAT_APP_ID,
                    "secret": settings.WECHAT_APP_SECRET,
                }
            )
            answer = self._call(f"{self.base}/cgi-bin/token?{query}")
            token = answer.get("access_token")
            if not token:
                raise SmsError(f"WeChat token refused: {answer.get('errcode')}")
            self._token = token
            lifetime = int(answer.get("expires_in", 7200))
            self._token_expires = time.monotonic() + max(lifetime - TOKEN_MARGIN, 60)
            return token

    def _forget_token(self) -> None:
        with self._lock:
            self._token = None

    def _call(self, url: str, *, data: bytes | None = None) -> dict:
        request = urllib.request.Request(  # noqa: S310 (the base is ours, https in production)
            url,
            data=data,
            headers={"Content-Type": "application/json; charset=utf-8"} if data else {},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
                return json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            # The URL holds the secret or the token: never put it in the error.
            raise SmsError(f"WeChat API unreachable: {type(error).__name__}") from None
