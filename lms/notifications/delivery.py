"""What leaves the site: one digest a day per person, urgent notices at once.

Every notification is on the notifications page the moment it is sent. The periodic task
(`notifications.deliver`, every few minutes) then, outside quiet hours:

1. opens a Delivery for each urgent notice not yet delivered (on its own, whatever the
   person switched off; notification_send also asks for this at once);
2. from settings.LMS_DIGEST_AT, opens each person's digest of the day: their unread,
   undelivered notifications of the kinds they have not switched off, from the last few days;
3. sends every Delivery with channels still pending on them.

Opening a Delivery (its unique row, and marking its notifications delivered) is one
transaction, so a second or concurrent run opens nothing twice; sending claims the row for a
few minutes by a conditional update, so two runs never send it twice either. A channel that
fails stays pending and is tried again by the next run, up to MAX_ATTEMPTS.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.core.quiet_hours import quiet_hours_now
from lms.notifications.channels import ChannelFailed, Outgoing, channel_for, channel_send
from lms.notifications.models import Channel, Delivery, KindOptOut, Notification

logger = logging.getLogger(__name__)

DIGEST_LINES = 10  # a longer digest ends with "and N more" (the page has them all)
WINDOW = timedelta(days=3)  # older undelivered notices are not sent any more
LEASE = timedelta(minutes=5)  # how long a run holds a Delivery while sending it
MAX_ATTEMPTS = 6  # then a failing channel is given up (and logged)
KEEP = timedelta(days=60)  # Delivery rows are a record of sending, kept this long


@dataclass
class DeliveryRun:
    quiet: bool = False
    digests: int = 0
    urgent: int = 0
    sent: int = 0
    failed: int = 0


def digest_at() -> time:
    try:
        return time.fromisoformat(settings.LMS_DIGEST_AT.strip())
    except ValueError as error:
        raise ImproperlyConfigured(
            f"LMS_DIGEST_AT must look like 19:30, not {settings.LMS_DIGEST_AT!r}"
        ) from error


def deliveries_run(*, now: datetime | None = None) -> DeliveryRun:
    """The periodic task's work (see the module's docstring)."""
    now = now or timezone.now()
    run = DeliveryRun()
    if quiet_hours_now(at=now):
        run.quiet = True
        return run
    Delivery.objects.filter(created_at__lt=now - KEEP).delete()
    for note_id in _urgent_waiting(now=now).values_list("pk", flat=True):
        run.urgent += int(_urgent_open(note_id=note_id, now=now) is not None)
    if timezone.localtime(now).time() >= digest_at():
        run.digests += _digests_open(now=now)
    waiting = Delivery.objects.exclude(pending="").filter(
        created_at__gte=now - WINDOW, attempts__lt=MAX_ATTEMPTS
    )
    for delivery_id in waiting.values_list("pk", flat=True):
        _send(delivery_id=delivery_id, now=now, run=run)
    logger.info(
        "deliveries run",
        extra={"digests": run.digests, "urgent": run.urgent, "sent": run.sent},
    )
    return run


def urgent_deliver(*, notification_id: int, now: datetime | None = None) -> bool:
    """Send one urgent notice now (asked for by notification_send). During quiet hours it
    waits for the periodic task. True when this call sent it on some channel."""
    now = now or timezone.now()
    if quiet_hours_now(at=now):
        return False
    delivery = _urgent_open(note_id=notification_id, now=now)
    if delivery is None:
        return False
    run = DeliveryRun()
    _send(delivery_id=delivery.pk, now=now, run=run)
    return run.sent > 0


def _waiting(*, now: datetime):
    return Notification.objects.filter(
        delivered_at__isnull=True,
        read_at__isnull=True,  # already seen on the site: nothing to tell
        created_at__gte=now - WINDOW,
        created_at__lte=now,
        user__is_active=True,
    )


def _urgent_waiting(*, now: datetime):
    return _waiting(now=now).filter(urgent=True).order_by("created_at", "pk")


def _urgent_open(*, note_id: int, now: datetime) -> Delivery | None:
    with transaction.atomic():
        claimed = Notification.objects.filter(
            pk=note_id, urgent=True, delivered_at__isnull=True
        ).update(delivered_at=now)
        if not claimed:
            return None  # another run has it
        note = Notification.objects.select_related("user").get(pk=note_id)
        message = _urgent_message(note)
        return Delivery.objects.create(
            user=note.user,
            sort=Delivery.Sort.URGENT,
            day=timezone.localdate(now),
            notification=note,
            count=1,
            title=message.subject[:120],
            body=message.body,
            pending=_pending(note.user),
        )


def _digests_open(*, now: datetime) -> int:
    day = timezone.localdate(now)
    muted = KindOptOut.objects.filter(user=OuterRef("user"), kind=OuterRef("kind"))
    had = Delivery.objects.filter(user=OuterRef("user"), sort=Delivery.Sort.DIGEST, day=day)
    notes = (
        _waiting(now=now)
        .filter(urgent=False)
        .exclude(Exists(muted))
        .exclude(Exists(had))
        .order_by("user_id", "-created_at", "-pk")
        .only("pk", "user_id", "title")
    )
    by_user = {uid: list(group) for uid, group in groupby(notes, key=lambda n: n.user_id)}
    users = get_user_model().objects.filter(pk__in=list(by_user)).select_related("delivery_choice")
    opened = 0
    for user in users:
        items = by_user[user.pk]
        message = _digest_message(items)
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    user=user,
                    sort=Delivery.Sort.DIGEST,
                    day=day,
                    count=len(items),
                    title=message.subject[:120],
                    body=message.body,
                    pending=_pending(user),
                )
                Notification.objects.filter(
                    pk__in=[n.pk for n in items], delivered_at__isnull=True
                ).update(delivered_at=now)
        except IntegrityError:
            continue  # today's digest was opened by another run
        opened += 1
        logger.debug("digest opened", extra={"delivery": delivery.pk, "count": len(items)})
    return opened


def _pending(user) -> str:
    channel = channel_for(user=user)
    return "" if channel == Channel.NONE else channel


def _send(*, delivery_id: int, now: datetime, run: DeliveryRun) -> None:
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    claimed = (
        Delivery.objects.filter(pk=delivery_id)
        .exclude(pending="")
        .filter(free)
        .update(claimed_until=now + LEASE)
    )
    if not claimed:
        return  # sent meanwhile, or another run is sending it
    delivery = Delivery.objects.select_related("user", "user__delivery_choice").get(pk=delivery_id)
    message = _stored_message(delivery)
    still, sent = [], [c for c in delivery.sent.split(",") if c]
    for channel in [c for c in delivery.pending.split(",") if c]:
        try:
            channel_send(channel=channel, user=delivery.user, message=message)
        except ChannelFailed:
            still.append(channel)
            run.failed += 1
            continue
        sent.append(channel)
        run.sent += 1
    Delivery.objects.filter(pk=delivery_id).update(
        pending=",".join(still),
        sent=",".join(sent),
        attempts=F("attempts") + 1,
        claimed_until=None,
    )
    if still and delivery.attempts + 1 >= MAX_ATTEMPTS:
        logger.error("delivery %s given up on %s", delivery_id, ",".join(still))


def _site_link() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("notifications")


def _digest_message(items: list[Notification]) -> Outgoing:
    with translation.override(settings.LANGUAGE_CODE):
        lines = [f"· {note.title}" for note in items[:DIGEST_LINES]]
        if len(items) > DIGEST_LINES:
            lines.append(_("… and %(n)s more") % {"n": len(items) - DIGEST_LINES})
        link = _site_link()
        subject = _("%(site)s: %(n)s new notifications") % {
            "site": settings.WAGTAIL_SITE_NAME,
            "n": len(items),
        }
        footer = _(
            "Read them all on your notifications page: %(link)s\n"
            "You can choose there what is sent to you, and how."
        ) % {"link": link}
    return Outgoing(
        template="digest",
        count=len(items),
        first_title=items[0].title,
        subject=subject,
        body="\n".join(lines) + "\n\n" + footer,
        link=link,
    )


def _urgent_message(note: Notification) -> Outgoing:
    with translation.override(settings.LANGUAGE_CODE):
        link = _site_link()
        subject = _("Urgent: %(title)s") % {"title": note.title}
        footer = _("From your notifications page: %(link)s") % {"link": link}
    body = f"{note.title}\n\n{note.body}\n\n{footer}" if note.body else f"{note.title}\n\n{footer}"
    return Outgoing(
        template="urgent_notice",
        count=1,
        first_title=note.title,
        subject=subject,
        body=body,
        link=link,
    )


def _stored_message(delivery: Delivery) -> Outgoing:
    """The message as it was opened (a retry tomorrow says what it said today)."""
    if delivery.sort == Delivery.Sort.URGENT and delivery.notification_id:
        first = delivery.notification.title
        template = "urgent_notice"
    else:
        first = delivery.body.split("\n", 1)[0].removeprefix("· ")
        template = "digest"
    return Outgoing(
        template=template,
        count=delivery.count,
        first_title=first,
        subject=delivery.title,
        body=delivery.body,
        link=_site_link(),
    )
