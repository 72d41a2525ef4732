"""Reads for the reminder digest's switch."""

from __future__ import annotations

from lms.schools.models import ReminderOptOut


def reminders_wanted(*, user) -> bool:
    return not ReminderOptOut.objects.filter(user=user).exists()
