"""Writes for notifications: sending a notice, marking notices read, a person's choices."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import ServiceError
from lms.notifications.channels import channels_open
from lms.notifications.models import (
    DeliveryChoice,
    Kind,
    KindOptOut,
    Notification,
    site_relative_url,
)

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
    off); `urgent` is for what cannot wait for tomorrow's digest (only a notice the school
    admin marks urgent): it leaves the site at once, on its own (quiet hours still hold).
    """
    link = site_relative_url(url)
    if url and not link:
        logger.warning("notification link dropped: not site-relative: %r", url[:200])
    if len(link) > 200:
        link = ""  # cut short it would lead somewhere else
    note = Notification.objects.create(
        user=user, title=title[:120], body=body, url=link, kind=kind, urgent=urgent
    )
    if urgent:
        _urgent_enqueue(notification_id=note.pk)
    return note


def _urgent_enqueue(*, notification_id: int) -> None:
    """After the commit; a broker that is away only delays it to the periodic task."""

    def send():
        from lms.notifications.tasks import deliver_urgent_task

        try:
            deliver_urgent_task.delay(notification_id)
        except Exception:  # the notice is stored; notifications.deliver picks it up
            logger.exception("could not enqueue notifications.deliver_urgent")

    transaction.on_commit(send)


def notifications_recall(*, url: str) -> int:
    """What was sent about something since withdrawn (a notice the school took back) is not
    delivered outside the site any more: the rows stay on the notifications page, whose link
    now says it was withdrawn, but no digest or text message carries them."""
    return Notification.objects.filter(url=url, delivered_at__isnull=True).update(
        delivered_at=timezone.now()
    )


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_preferences_set(*, user, wanted_kinds: Iterable[str], channel: str) -> None:
    """Which kinds go into this person's digest, and the one channel it goes by."""
    wanted = set(wanted_kinds)
    unknown = wanted - set(Kind.values)
    if unknown:
        raise ServiceError(_("Unknown kind of notification."), field="kinds")
    if channel not in channels_open(user=user):
        raise ServiceError(
            _("This way of sending cannot reach you; choose another."), field="channel"
        )
    with transaction.atomic():
        KindOptOut.objects.filter(user=user, kind__in=wanted).delete()
        have = set(KindOptOut.objects.filter(user=user).values_list("kind", flat=True))
        for kind in set(Kind.values) - wanted - have:
            try:
                with transaction.atomic():  # a double click from two tabs
                    KindOptOut.objects.create(user=user, kind=kind)
            except IntegrityError:
                pass
        DeliveryChoice.objects.update_or_create(user=user, defaults={"channel": channel})


def notification_kind_mute(*, user, kind: str) -> None:
    """Switch one kind off (e.g. from a reminder's "stop these" link)."""
    try:
        with transaction.atomic():
            KindOptOut.objects.get_or_create(user=user, kind=kind)
    except IntegrityError:
        pass
