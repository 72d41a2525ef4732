"""The reminder switch on the notifications page, filled in by the app that sends reminders.

The daily digest and its opt-out belong to lms.schools (a higher floor, which this app must
not import). The notifications page only shows the switch, so schools registers two plain
functions from its AppConfig.ready():

    reminder_switch_register(wanted=reminders_wanted, opt=reminders_opt_set)

`wanted(*, user) -> bool` reads the choice, `opt(*, user, wanted: bool) -> None` stores it.
With nothing registered the page shows no switch and the form does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReminderSwitch:
    wanted: Callable[..., bool]
    opt: Callable[..., None]


_switch: ReminderSwitch | None = None


def reminder_switch_register(*, wanted: Callable[..., bool], opt: Callable[..., None]) -> None:
    global _switch
    _switch = ReminderSwitch(wanted=wanted, opt=opt)


def reminder_switch() -> ReminderSwitch | None:
    return _switch
