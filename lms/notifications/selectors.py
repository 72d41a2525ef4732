"""Reads for notifications: one person's notices, how many are unread, their choices."""

from __future__ import annotations

from django.db.models import QuerySet

from lms.notifications.channels import channel_for, channels_open
from lms.notifications.models import KindOptOut, Notification


def notifications_for(*, user, limit: int = 50) -> dict:
    """The page's context: the notices and the person's delivery choices."""
    return {
        "notifications": list(Notification.objects.filter(user=user)[:limit]),
        **notification_preferences_of(user=user),
    }


def notification_kinds_muted(*, user) -> set[str]:
    return set(KindOptOut.objects.filter(user=user).values_list("kind", flat=True))


def notification_preferences_of(*, user) -> dict:
    """What the preferences form starts from: kinds wanted, channels open, the current one."""
    muted = notification_kinds_muted(user=user)
    return {
        "wanted_kinds": [kind for kind in Notification.Kind.values if kind not in muted],
        "channels_open": channels_open(user=user),
        "channel": channel_for(user=user),
    }


def notification_muted_user_ids(*, kind: str) -> QuerySet:
    """Ids of the people who switched this kind off, for reminders that only nudge (due
    courses, tomorrow's talk) and are then not written at all."""
    return KindOptOut.objects.filter(kind=kind).values("user_id")


def unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
