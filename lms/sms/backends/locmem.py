"""For tests: messages are kept in `outbox` (like Django's locmem e-mail backend)."""

from __future__ import annotations

from lms.sms.gateway import SmsMessage

outbox: list[SmsMessage] = []
wechat_outbox: list[SmsMessage] = []


class LocmemBackend:
    def send(self, *, to: str, template: str, params: dict[str, str]) -> None:
        outbox.append(SmsMessage(to=to, template=template, params=dict(params)))


class WechatLocmemBackend:
    def send(self, *, to: str, template: str, params: dict[str, str]) -> None:
        wechat_outbox.append(SmsMessage(to=to, template=template, params=dict(params)))
