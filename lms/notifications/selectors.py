"""Reads for notifications: one person's notices and how many are unread."""

from __future__ import annotations

from lms.notifications.hooks import reminder_switch
from lms.notifications.models import Notification


def notifications_for(*, user, limit: int = 50) -> dict:
    """The page's context; `reminders_wanted` is None when no app sends reminders."""
    switch = reminder_switch()
    return {
        "notifications": list(Notification.objects.filter(user=user)[:limit]),
        "reminders_wanted": switch.wanted(user=user) if switch is not None else None,
    }


def unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
