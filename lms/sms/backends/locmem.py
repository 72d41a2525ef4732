"""For tests: messages are kept in `outbox` (like Django's locmem e-mail backend)."""

from __future__ import annotations

from lms.sms.gateway import SmsMessage

outbox: list[SmsMessage] = []


class LocmemBackend:
    def send(self, *, to: str, template: str, params: dict[str, str]) -> None:
        outbox.append(SmsMessage(to=to, template=template, params=dict(params)))
