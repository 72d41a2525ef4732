"""Reads for reception days (家长接待日): who may open one, which slots a family sees and how,
the organiser's list of who booked, reminders due, and the counts supervision needs.

Visibility: a family sees every slot of their child's class, each as free, booked by them,
or only “已约” (never whose); the class's teachers and the school's administrators see who
booked; anyone else is not found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lms.activities.models import Activity, ReceptionBooking, ReceptionSlot
from lms.activities.selectors import _shown_name, activities_managed
from lms.schools.models import Guardian, SchoolClass, Student


def reception_classes_openable(*, user) -> QuerySet[SchoolClass]:
    """Classes for which the user may open reception slots: those they are head teacher
    of, and every class of a school they administer."""
    if not user.is_authenticated:
        return SchoolClass.objects.none()
    return (
        SchoolClass.objects.filter(
            Q(head_teacher=user) | Q(school__staff__user=user, school__staff__is_admin=True)
        )
        .select_related("school")
        .distinct()
    )


def reception_may_open(*, user) -> bool:
    return reception_classes_openable(user=user).exists()


def reception_class_openable(*, user, class_id: int) -> SchoolClass | None:
    return reception_classes_openable(user=user).filter(pk=class_id).first()


def reception_slots_overlapping(
    *, school_class: SchoolClass, starts_at: datetime, ends_at: datetime
) -> bool:
    """Whether the class already has reception slots in [starts_at, ends_at)."""
    return ReceptionSlot.objects.filter(
        activity__kind=Activity.Kind.RECEPTION_DAY,
        activity__classes=school_class,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).exists()


def _children(*, user) -> QuerySet[Student]:
    """The children this account is a joined guardian of."""
    return Student.objects.filter(
        guardians__user=user, guardians__status=Guardian.Status.ACTIVE
    ).distinct()


def reception_day_managed(*, user, activity_id: int) -> Activity | None:
    return (
        activities_managed(user=user)
        .filter(kind=Activity.Kind.RECEPTION_DAY, pk=activity_id)
        .select_related("school")
        .first()
    )


def reception_day_for_family(*, user, activity_id: int) -> Activity | None:
    """A reception day of a class one of the family's children is in (else None: a 404)."""
    if not user.is_authenticated:
        return None
    return (
        Activity.objects.filter(
            kind=Activity.Kind.RECEPTION_DAY,
            pk=activity_id,
            classes__students__in=_children(user=user),
        )
        .select_related("school")
        .distinct()
        .first()
    )


def reception_children(*, user, activity: Activity) -> list[Student]:
    """The family's children the reception day is for (a slot is booked for one of them)."""
    return list(
        _children(user=user)
        .filter(school_class__in=activity.classes.all())
        .select_related("school_class")
    )


def reception_class_of(*, activity: Activity) -> SchoolClass | None:
    return activity.classes.select_related("school").first()


@dataclass(frozen=True)
class FamilySlot:
    """A slot as a family sees it: `mine` is their own live booking; `taken` says only that
    someone else booked it."""

    slot: ReceptionSlot
    mine: ReceptionBooking | None
    taken: bool
    past: bool


def reception_slots_for_family(
    *, user, activity: Activity, now: datetime | None = None
) -> list[FamilySlot]:
    now = now or timezone.now()
    slots = list(activity.slots.all())
    live = {
        b.slot_id: b
        for b in ReceptionBooking.objects.filter(
            slot__in=slots, cancelled_at__isnull=True
        ).select_related("student")
    }
    children = set(_children(user=user).values_list("pk", flat=True))
    found = []
    for slot in slots:
        booking = live.get(slot.pk)
        mine = booking if booking is not None and booking.student_id in children else None
        found.append(
            FamilySlot(
                slot=slot,
                mine=mine,
                taken=booking is not None and mine is None,
                past=slot.starts_at <= now,
            )
        )
    return found


@dataclass(frozen=True)
class StaffSlot:
    slot: ReceptionSlot
    booking: ReceptionBooking | None
    child: str
    family: str


def reception_slots_for_staff(*, activity: Activity) -> list[StaffSlot]:
    """Every slot with who booked it: the child's nickname and the booker's shown name
    (a mobile number is masked)."""
    slots = list(activity.slots.all())
    live = {
        b.slot_id: b
        for b in ReceptionBooking.objects.filter(
            slot__in=slots, cancelled_at__isnull=True
        ).select_related("student", "booked_by")
    }
    rows = []
    for slot in slots:
        booking = live.get(slot.pk)
        rows.append(
            StaffSlot(
                slot=slot,
                booking=booking,
                child=booking.student.nickname if booking else "",
                family=_shown_name(booking.booked_by) if booking else "",
            )
        )
    return rows


def reception_slot_for_family(*, user, slot_id: int) -> ReceptionSlot | None:
    """A slot of a reception day the family may book (else None: a 404)."""
    if not user.is_authenticated:
        return None
    return (
        ReceptionSlot.objects.filter(
            pk=slot_id,
            activity__kind=Activity.Kind.RECEPTION_DAY,
            activity__classes__students__in=_children(user=user),
        )
        .select_related("activity")
        .distinct()
        .first()
    )


def reception_child_of(*, user, activity: Activity, student_id: int | None) -> Student | None:
    """One of the family's children the reception day is for; with a single child and no
    choice made, that child."""
    children = reception_children(user=user, activity=activity)
    if student_id is None:
        return children[0] if len(children) == 1 else None
    return next((c for c in children if c.pk == student_id), None)


def reception_booking_of_family(*, user, slot: ReceptionSlot) -> ReceptionBooking | None:
    """The live booking of this slot for one of the family's children, if any."""
    return ReceptionBooking.objects.filter(
        slot=slot, cancelled_at__isnull=True, student__in=_children(user=user)
    ).first()


def reception_slot_managed(*, user, slot_id: int) -> ReceptionSlot | None:
    return (
        ReceptionSlot.objects.filter(
            pk=slot_id,
            activity__in=activities_managed(user=user).filter(kind=Activity.Kind.RECEPTION_DAY),
        )
        .select_related("activity")
        .first()
    )


def reception_booking_live(*, slot: ReceptionSlot) -> ReceptionBooking | None:
    return (
        ReceptionBooking.objects.filter(slot=slot, cancelled_at__isnull=True)
        .select_related("booked_by", "student")
        .first()
    )


def reception_bookings_to_remind(*, on: date) -> list[ReceptionBooking]:
    """Live bookings of slots on `on` (the local date) whose family was not yet reminded."""
    return list(
        ReceptionBooking.objects.filter(day=on, cancelled_at__isnull=True, reminded_at__isnull=True)
        .select_related("slot__activity", "booked_by", "student")
        .order_by("slot__starts_at")
    )


def reception_slots_held_by_school(*, start: datetime, end: datetime) -> dict[int, int]:
    """Booked slots that took place in [start, end), per school id: a live booking of a slot
    over by now (a cancelled booking does not count)."""
    found = (
        ReceptionBooking.objects.filter(
            cancelled_at__isnull=True,
            slot__starts_at__gte=start,
            slot__starts_at__lt=end,
            slot__ends_at__lte=timezone.now(),
            slot__activity__kind=Activity.Kind.RECEPTION_DAY,
            slot__activity__school__isnull=False,
        )
        .values_list("slot__activity__school_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(found)
