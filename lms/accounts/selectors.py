"""Reads for accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from lms.accounts.throttle import cool_off


@dataclass(frozen=True)
class Lockout:
    username: str
    failures: int
    last_at: datetime


def lockouts_current(*, usernames: set[str] | None = None) -> list[Lockout]:
    """Numbers or usernames locked out of signing in now (None: every one)."""
    found = AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - cool_off(), username__isnull=False
    )
    if usernames is not None:
        found = found.filter(username__in=usernames)
    rows = (
        found.values("username")
        .annotate(failures=Sum("failures_since_start"), last_at=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURES_PER_NUMBER)
        .order_by("-last_at")
    )
    return [Lockout(r["username"], r["failures"], r["last_at"]) for r in rows]
