"""Quiet hours: the night, when nothing is pushed to anyone's phone or inbox.

LMS_QUIET_HOURS = "21:30-07:00" (local time; a span may cross midnight; "" turns them
off). In-app notices are still stored at once; only delivery outside the site waits.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone


def quiet_hours_span(value: str | None = None) -> tuple[time, time] | None:
    """(start, end) parsed from LMS_QUIET_HOURS, or None when there are none."""
    raw = (settings.LMS_QUIET_HOURS if value is None else value).strip()
    if not raw:
        return None
    try:
        start_text, end_text = raw.split("-")
        start, end = (time.fromisoformat(part.strip()) for part in (start_text, end_text))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"LMS_QUIET_HOURS must look like 21:30-07:00, not {raw!r}"
        ) from error
    if start == end:
        raise ImproperlyConfigured("LMS_QUIET_HOURS starts and ends at the same time")
    return start, end


def quiet_hours_now(*, at: datetime | None = None) -> bool:
    """Whether `at` (default now) falls in the quiet hours, in the site's time zone."""
    span = quiet_hours_span()
    if span is None:
        return False
    start, end = span
    clock = timezone.localtime(at).time()
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end  # across midnight


def quiet_hours_end(*, at: datetime | None = None) -> datetime:
    """When delivery may resume: `at` itself outside quiet hours, else the span's end."""
    moment = timezone.localtime(at)
    if not quiet_hours_now(at=moment):
        return moment
    _start, end = quiet_hours_span()
    resume = moment.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    return resume if resume > moment else resume + timedelta(days=1)
