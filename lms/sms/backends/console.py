"""For `make run`: the message is printed on the terminal, where the developer reads the code.

It writes to standard output directly rather than through logging. With DEBUG off (a
production server left on this backend by mistake, whose output is collected as logs) the
number is masked and the parameters are withheld, so a code never reaches a log.
"""

from __future__ import annotations

import sys

from django.conf import settings

from lms.sms.gateway import phone_mask, template_ids


class ConsoleBackend:
    label = "SMS"

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, *, to: str, template: str, params: dict[str, str]) -> None:
        provider_id = template_ids().get(template, template)
        if settings.DEBUG:
            shown = " ".join(f"{key}={value}" for key, value in params.items())
            line = f"[{self.label} to {to}] template {provider_id}: {shown}\n"
        else:
            line = (
                f"[{self.label} to {phone_mask(to)}] template {provider_id}: not sent "
                f"({self.label.upper()}_BACKEND=console; "
                "parameters withheld because DEBUG is off)\n"
            )
        self.stream.write(line)
        self.stream.flush()


class WechatConsoleBackend(ConsoleBackend):
    """WeChat template messages on the terminal; `to` is an openid."""

    label = "WeChat"
