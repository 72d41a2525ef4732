"""Writes for notifications: sending a notice, marking notices read, the reminder switch."""

from __future__ import annotations

import logging

from django.utils import timezone

from lms.notifications.hooks import reminder_switch
from lms.notifications.models import Notification, site_relative_url

logger = logging.getLogger(__name__)


def notification_send(
    *,
    user,
    title: str,
    body: str = "",
    url: str = "",
    kind: str = Notification.Kind.ACCOUNT,
    urgent: bool = False,
) -> Notification:
    """A notice; a link that is not a path on this site is dropped (the notice still goes).

    `kind` is one of Notification.Kind (the digest groups by it, and people switch kinds
    off); `urgent` is for what cannot wait for tomorrow's digest.
    """
    link = site_relative_url(url)
    if url and not link:
        logger.warning("notification link dropped: not site-relative: %r", url[:200])
    if len(link) > 200:
        link = ""  # cut short it would lead somewhere else
    return Notification.objects.create(
        user=user, title=title[:120], body=body, url=link, kind=kind, urgent=urgent
    )


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def reminders_opt(*, user, wanted: bool) -> None:
    """Switch the reminder digest on or off, through the app that sends it (see hooks)."""
    switch = reminder_switch()
    if switch is not None:
        switch.opt(user=user, wanted=wanted)
