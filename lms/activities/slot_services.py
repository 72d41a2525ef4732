"""Writes for reception days (家长接待日): opening a class's slots, a family booking one,
cancelling (by the family before the start; by the teacher, who tells the family), and the
reminder the day before (once per booking, however often the task runs).

Two families booking the same slot at once: the slot's row is locked while booking
(PostgreSQL), and a partial unique index allows one live booking per slot and one per child
and day, so on any database one wins and the other gets a clear message."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.activities.models import Activity, ReceptionBooking, ReceptionSlot
from lms.activities.services import activity_create
from lms.activities.slot_selectors import (
    reception_bookings_to_remind,
    reception_class_openable,
    reception_slots_overlapping,
)
from lms.core.errors import ServiceError
from lms.notifications.models import Notification
from lms.notifications.services import notification_send
from lms.schools.models import SchoolClass, Student

logger = logging.getLogger(__name__)

SLOT_MINUTES = (5, 120)
SLOTS_AT_MOST = 48


def reception_day_open(
    *,
    user,
    school_class: SchoolClass,
    day: date,
    starts: time,
    ends: time,
    minutes: int = 15,
    place: str = "",
    by_phone: bool = False,
    now: datetime | None = None,
) -> Activity:
    """Open slots of `minutes` from `starts` to `ends` on `day` for the class (a time left
    over at the end that is shorter than a slot is not offered)."""
    now = now or timezone.now()
    if reception_class_openable(user=user, class_id=school_class.pk) is None:
        raise ServiceError(
            _("Only the class's head teacher or the school's administrator can open slots."),
            field="school_class",
        )
    if not SLOT_MINUTES[0] <= minutes <= SLOT_MINUTES[1]:
        raise ServiceError(
            _("A slot lasts from %(low)s to %(high)s minutes.")
            % {"low": SLOT_MINUTES[0], "high": SLOT_MINUTES[1]},
            field="minutes",
        )
    zone = timezone.get_current_timezone()
    starts_at = timezone.make_aware(datetime.combine(day, starts), zone)
    ends_at = timezone.make_aware(datetime.combine(day, ends), zone)
    if ends_at <= starts_at:
        raise ServiceError(_("The last slot must end after the first starts."), field="ends")
    if starts_at <= now:
        raise ServiceError(_("Slots can only be opened for a time still to come."), field="day")
    count = int((ends_at - starts_at) / timedelta(minutes=minutes))
    if count < 1:
        raise ServiceError(_("The time is too short for one slot."), field="ends")
    if count > SLOTS_AT_MOST:
        raise ServiceError(
            _("At most %(count)s slots at a time: shorten the time or lengthen the slots.")
            % {"count": SLOTS_AT_MOST},
            field="ends",
        )
    place = _("By telephone") if by_phone else place.strip()[:120]
    if not place:
        raise ServiceError(_("Give the place, or choose “by telephone”."), field="place")
    last_end = starts_at + count * timedelta(minutes=minutes)
    if reception_slots_overlapping(
        school_class=school_class, starts_at=starts_at, ends_at=last_end
    ):
        raise ServiceError(_("The class already has reception slots at this time."), field="starts")
    with transaction.atomic():
        activity = activity_create(
            title=_("Reception day · %(class)s") % {"class": school_class},
            kind=Activity.Kind.RECEPTION_DAY,
            starts_at=starts_at,
            ends_at=last_end,
            audience=Activity.Audience.CLASSES,
            classes=[school_class],
            organised_by=user,
            school=school_class.school,
            place=place,
            credit_hours=Decimal("0"),
        )
        ReceptionSlot.objects.bulk_create(
            ReceptionSlot(
                activity=activity,
                starts_at=starts_at + n * timedelta(minutes=minutes),
                ends_at=starts_at + (n + 1) * timedelta(minutes=minutes),
            )
            for n in range(count)
        )
    return activity


def _taken_message() -> str:
    return _("Sorry, someone has just booked this slot. Please choose another one.")


def _same_day_message() -> str:
    return _(
        "You already booked a slot for this child on this day. To change it, cancel that one first."
    )


def reception_book(
    *, user, slot: ReceptionSlot, student: Student, now: datetime | None = None
) -> ReceptionBooking:
    """Book the slot for the child (the caller has checked the child is the family's and in
    the class). Booking the same slot again for the same child is harmless."""
    now = now or timezone.now()
    if now >= slot.starts_at:
        raise ServiceError(_("This slot has already begun: choose a later one."), field="slot")
    day = timezone.localdate(slot.starts_at)
    with transaction.atomic():
        # Wait for anyone booking this slot right now (PostgreSQL; SQLite writes one at a time).
        ReceptionSlot.objects.select_for_update().filter(pk=slot.pk).first()
        live = ReceptionBooking.objects.filter(slot=slot, cancelled_at__isnull=True).first()
        if live is not None:
            if live.student_id == student.pk:
                return live
            raise ServiceError(_taken_message(), field="slot")
        if ReceptionBooking.objects.filter(
            student=student, day=day, cancelled_at__isnull=True
        ).exists():
            raise ServiceError(_same_day_message(), field="slot")
        try:
            with transaction.atomic():
                return ReceptionBooking.objects.create(
                    slot=slot, student=student, booked_by=user, day=day
                )
        except IntegrityError:
            # Lost a race the lock did not cover (SQLite, or the same child elsewhere).
            if ReceptionBooking.objects.filter(slot=slot, cancelled_at__isnull=True).exists():
                raise ServiceError(_taken_message(), field="slot") from None
            raise ServiceError(_same_day_message(), field="slot") from None


def reception_cancel_by_family(
    *, booking: ReceptionBooking, user, now: datetime | None = None
) -> ReceptionBooking:
    """The family gives the slot back, up to its start (afterwards they call the teacher)."""
    now = now or timezone.now()
    if booking.cancelled_at is not None:
        return booking
    if now >= booking.slot.starts_at:
        raise ServiceError(
            _("This slot has begun and can no longer be cancelled here. Please call the teacher."),
            field="slot",
        )
    booking.cancelled_at, booking.cancelled_by = now, user
    booking.save(update_fields=["cancelled_at", "cancelled_by"])
    return booking


def reception_cancel_by_staff(
    *, booking: ReceptionBooking, user, reason: str = "", now: datetime | None = None
) -> ReceptionBooking:
    """The teacher cancels a booking (until the slot ends) and the family is told why."""
    now = now or timezone.now()
    if booking.cancelled_at is not None:
        return booking
    slot = booking.slot
    if now >= slot.ends_at:
        raise ServiceError(_("This slot is over; there is nothing to cancel."), field="slot")
    with transaction.atomic():
        booking.cancelled_at, booking.cancelled_by = now, user
        booking.save(update_fields=["cancelled_at", "cancelled_by"])
        when = timezone.localtime(slot.starts_at).strftime("%m-%d %H:%M")
        body = _("The teacher cancelled your reception-day slot at %(when)s.") % {"when": when}
        if reason.strip():
            body += " " + _("Reason: %(reason)s") % {"reason": reason.strip()[:200]}
        body += "\n" + _("You may book another slot on the page.")
        notification_send(
            user=booking.booked_by,
            title=_("Reception-day slot cancelled: %(child)s") % {"child": booking.student},
            body=body,
            url=reverse("activities:reception", args=[slot.activity_id]),
            kind=Notification.Kind.ACTIVITY,
        )
    return booking


def reception_reminders_send(*, today: date | None = None, now: datetime | None = None) -> int:
    """Remind each family with a slot tomorrow. Each booking is claimed by a conditional
    update before its notice is written, in one transaction, so two runs never send twice."""
    now = now or timezone.now()
    tomorrow = (today or timezone.localdate(now)) + timedelta(days=1)
    sent = 0
    for booking in reception_bookings_to_remind(on=tomorrow):
        with transaction.atomic():
            claimed = ReceptionBooking.objects.filter(
                pk=booking.pk, reminded_at__isnull=True, cancelled_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            _remind(booking=booking)
        sent += 1
    logger.info("reception reminders sent", extra={"sent": sent})
    return sent


def _remind(*, booking: ReceptionBooking) -> None:
    slot, activity = booking.slot, booking.slot.activity
    when = timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M")
    # A task has no request: notices are written in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Tomorrow: reception-day slot for %(child)s") % {"child": booking.student}
        body = _("Your slot with the teacher is at %(when)s.") % {"when": when}
        body += " " + _("Place: %(place)s") % {"place": activity.place}
        body += "\n" + _("If you cannot come, please cancel on the page.")
    notification_send(
        user=booking.booked_by,
        title=title,
        body=body,
        url=reverse("activities:reception", args=[activity.pk]),
        kind=Notification.Kind.ACTIVITY,
    )
