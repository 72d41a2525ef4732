"""The gateway interface, the choice of backend, and masking numbers for logs.

Two gateways share the interface: SMS (SMS_BACKEND, to an 11-digit number) and WeChat
template messages (WECHAT_BACKEND, to an openid of the official account).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)

BACKENDS = {
    "console": "lms.sms.backends.console.ConsoleBackend",
    "locmem": "lms.sms.backends.locmem.LocmemBackend",
    "aliyun": "lms.sms.backends.aliyun.AliyunBackend",
    "tencent": "lms.sms.backends.tencent.TencentBackend",
}
WECHAT_BACKENDS = {
    "console": "lms.sms.backends.console.WechatConsoleBackend",
    "locmem": "lms.sms.backends.locmem.WechatLocmemBackend",
    "wechat": "lms.sms.backends.wechat.WechatTemplateBackend",
}


class SmsError(RuntimeError):
    """The provider refused or could not be reached; the text says why, without the number."""


@dataclass(frozen=True)
class SmsMessage:
    to: str
    template: str
    params: dict[str, str] = field(default_factory=dict)


class SmsGateway(Protocol):
    def send(self, *, to: str, template: str, params: dict[str, str]) -> None:
        """Send one templated message to an 11-digit mainland number, or raise SmsError."""


def phone_mask(phone: str | None) -> str:
    """138****8000: enough to tell numbers apart in a log, not enough to call one."""
    if not phone:
        return "-"
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


def template_ids() -> dict[str, str]:
    """SMS_TEMPLATES="verify_code=SMS_123,notice=SMS_456": logical name → provider's id."""
    pairs = (item.split("=", 1) for item in settings.SMS_TEMPLATES.split(",") if "=" in item)
    return {name.strip(): value.strip() for name, value in pairs}


@cache
def sms_gateway() -> SmsGateway:
    path = BACKENDS.get(settings.SMS_BACKEND, settings.SMS_BACKEND)
    return import_string(path)()


@cache
def wechat_gateway() -> SmsGateway:
    path = WECHAT_BACKENDS.get(settings.WECHAT_BACKEND, settings.WECHAT_BACKEND)
    return import_string(path)()


def _forget_gateway(*, setting, **kwargs):
    if setting.startswith("SMS_"):
        sms_gateway.cache_clear()
    if setting.startswith("WECHAT_"):
        wechat_gateway.cache_clear()


setting_changed.connect(_forget_gateway)


def sms_send(*, to: str, template: str, params: dict[str, str]) -> None:
    """Send through the configured backend. Logs the masked number and template, never params
    (they hold codes)."""
    try:
        sms_gateway().send(to=to, template=template, params=params)
    except SmsError:
        log.warning("sms not sent to %s (template %s)", phone_mask(to), template, exc_info=True)
        raise
    log.info("sms sent to %s (template %s)", phone_mask(to), template)


def wechat_send(*, to: str, template: str, params: dict[str, str]) -> None:
    """A WeChat template message to an openid; logs it masked, never the params."""
    try:
        wechat_gateway().send(to=to, template=template, params=params)
    except SmsError:
        log.warning("wechat not sent to %s (template %s)", phone_mask(to), template, exc_info=True)
        raise
    log.info("wechat sent to %s (template %s)", phone_mask(to), template)
