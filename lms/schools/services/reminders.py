"""Writes for the reminder digest's own switch (shown on the notifications page)."""

from __future__ import annotations

import contextlib

from django.db import IntegrityError

from lms.schools.models import ReminderOptOut


def reminders_opt_set(*, user, wanted: bool) -> None:
    """The reminder digest's own switch (registered with lms.notifications' hook)."""
    if wanted:
        ReminderOptOut.objects.filter(user=user).delete()
    else:
        with contextlib.suppress(IntegrityError):  # a double click from two tabs
            ReminderOptOut.objects.get_or_create(user=user)
