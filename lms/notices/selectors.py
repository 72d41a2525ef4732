"""Reads for notices: who a notice is for, what a family sees, what a sender may post and
manage, and the sender's confirmation count.

Nothing here orders families by when they read or confirmed: the list of families still to
confirm is in class and nickname order, so nobody is ranked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from lms.notices.attachments import COLLECTION_NAME
from lms.notices.models import Attachment, Confirmation, Notice, Reading
from lms.schools import access as school_access
from lms.schools.models import Guardian, School, SchoolClass, Student
from lms.sms import phone_mask


def _joined(guardians: QuerySet[Guardian]) -> QuerySet[Guardian]:
    return guardians.filter(status=Guardian.Status.ACTIVE, user__isnull=False)


def notice_students(*, notice: Notice) -> QuerySet[Student]:
    """Every child the notice is for (families are counted per child)."""
    found = Student.objects.filter(school_class__school_id=notice.school_id)
    if notice.audience == Notice.Audience.GRADE:
        found = found.filter(school_class__grade=notice.grade)
    elif notice.audience == Notice.Audience.CLASSES:
        found = found.filter(school_class__in=notice.classes.all())
    return found


def notice_families(*, notice: Notice) -> QuerySet[Student]:
    """The children in the audience with at least one joined guardian account."""
    joined = _joined(Guardian.objects.all()).values("student_id")
    return notice_students(notice=notice).filter(pk__in=joined)


def notice_recipients(*, notice: Notice) -> list[int]:
    """User ids of every joined guardian of a child in the audience, once each."""
    guardians = _joined(Guardian.objects.filter(student__in=notice_students(notice=notice)))
    return sorted(set(guardians.values_list("user_id", flat=True)))


def _family_condition(*, user) -> Q | None:
    rows = _joined(Guardian.objects.filter(user=user)).values_list(
        "student__school_class__school_id",
        "student__school_class__grade",
        "student__school_class_id",
    )
    condition = None
    for school_id, grade, class_id in set(rows):
        one = Q(school_id=school_id) & (
            Q(audience=Notice.Audience.SCHOOL)
            | Q(audience=Notice.Audience.GRADE, grade=grade)
            | Q(audience=Notice.Audience.CLASSES, classes=class_id)
        )
        condition = one if condition is None else condition | one
    return condition


def _published(*, now: datetime | None = None) -> QuerySet[Notice]:
    return Notice.objects.filter(publish_at__lte=now or timezone.now())


def notice_for_family(*, user, notice_id: int, now: datetime | None = None) -> Notice | None:
    """A published notice for one of the user's children (withdrawn ones included: the page
    then says so and shows nothing of it)."""
    if not user.is_authenticated:
        return None
    condition = _family_condition(user=user)
    if condition is None:
        return None
    return (
        _published(now=now)
        .filter(condition, pk=notice_id)
        .select_related("school")
        .distinct()
        .first()
    )


def family_students_in(*, notice: Notice, user) -> list[Student]:
    """The user's children (as a joined guardian) the notice is for."""
    mine = _joined(Guardian.objects.filter(user=user)).values("student_id")
    return list(notice_students(notice=notice).filter(pk__in=mine))


@dataclass(frozen=True)
class FamilyNotice:
    notice: Notice
    read: bool
    to_confirm: bool  # asks for confirmation and this family has not confirmed yet


def notices_for_family(*, user, limit: int = 50, now: datetime | None = None) -> list[FamilyNotice]:
    """The family's current notices, newest first, with their own read/confirm marks."""
    if not user.is_authenticated:
        return []
    condition = _family_condition(user=user)
    if condition is None:
        return []
    notices = list(
        _published(now=now)
        .filter(condition, withdrawn_at__isnull=True)
        .select_related("school")
        .distinct()[:limit]
    )
    ids = [n.pk for n in notices]
    read = set(
        Reading.objects.filter(notice_id__in=ids, user=user).values_list("notice_id", flat=True)
    )
    mine = _joined(Guardian.objects.filter(user=user)).values("student_id")
    confirmed = set(
        Confirmation.objects.filter(notice_id__in=ids, student_id__in=mine).values_list(
            "notice_id", flat=True
        )
    )
    return [
        FamilyNotice(
            notice=n, read=n.pk in read, to_confirm=n.asks_confirmation and n.pk not in confirmed
        )
        for n in notices
    ]


def notice_confirmed_by_family(*, notice: Notice, user) -> bool:
    mine = _joined(Guardian.objects.filter(user=user)).values("student_id")
    return Confirmation.objects.filter(notice=notice, student_id__in=mine).exists()


# Senders --------------------------------------------------------------------------------


def classes_postable(*, user) -> QuerySet[SchoolClass]:
    """Classes the user may send a notice to: those they head or teach, and every class of a
    school they administer."""
    if not user.is_authenticated:
        return SchoolClass.objects.none()
    return (
        SchoolClass.objects.filter(
            Q(head_teacher=user)
            | Q(teachers=user)
            | Q(school__staff__user=user, school__staff__is_admin=True)
        )
        .select_related("school")
        .distinct()
        .order_by("school__name", "grade", "name")
    )


def schools_postable_to_all(*, user) -> QuerySet[School]:
    """Schools whose whole school or grades the user may address: those they administer."""
    return school_access.schools_administered(user=user)


def administers_any(*, user) -> bool:
    return schools_postable_to_all(user=user).exists()


def may_post(*, user) -> bool:
    return classes_postable(user=user).exists() or schools_postable_to_all(user=user).exists()


def notices_managed(*, user) -> QuerySet[Notice]:
    """Notices the user sent, and every notice of a school they administer."""
    if not user.is_authenticated:
        return Notice.objects.none()
    return Notice.objects.filter(
        Q(author=user) | Q(school__in=school_access.schools_administered(user=user))
    ).distinct()


def notice_managed(*, user, notice_id: int) -> Notice | None:
    return (
        notices_managed(user=user).select_related("school", "author").filter(pk=notice_id).first()
    )


@dataclass(frozen=True)
class Tally:
    confirmed: int
    families: int


def confirmation_tally(*, notice: Notice) -> Tally:
    families = notice_families(notice=notice)
    confirmed = Confirmation.objects.filter(notice=notice, student__in=families).count()
    return Tally(confirmed=confirmed, families=families.count())


@dataclass(frozen=True)
class ManagedNotice:
    notice: Notice
    tally: Tally | None


def notices_managed_listed(*, user, limit: int = 50) -> list[ManagedNotice]:
    notices = list(notices_managed(user=user).select_related("school")[:limit])
    return [
        ManagedNotice(notice=n, tally=confirmation_tally(notice=n) if n.asks_confirmation else None)
        for n in notices
    ]


@dataclass(frozen=True)
class FamilyToFollow:
    """A child whose family has not confirmed: enough to ring them, nothing more."""

    class_label: str
    nickname: str
    phones: tuple[str, ...]


def families_unconfirmed(*, notice: Notice) -> list[FamilyToFollow]:
    confirmed = Confirmation.objects.filter(notice=notice).values("student_id")
    students = (
        notice_families(notice=notice)
        .exclude(pk__in=confirmed)
        .select_related("school_class")
        .order_by("school_class__grade", "school_class__name", "nickname")
    )
    guardians = _joined(Guardian.objects.filter(student__in=students)).select_related("user")
    phones: dict[int, list[str]] = {}
    for guardian in guardians:
        phone = guardian.phone or getattr(guardian.user, "phone", "") or ""
        phones.setdefault(guardian.student_id, []).append(phone_mask(phone))
    return [
        FamilyToFollow(
            class_label=str(student.school_class),
            nickname=student.nickname,
            phones=tuple(sorted(phones.get(student.pk, []))),
        )
        for student in students
    ]


def notices_due(*, now: datetime | None = None) -> list[int]:
    """Published, not withdrawn and not yet announced: the periodic task's work."""
    return list(
        _published(now=now)
        .filter(notified_at__isnull=True, withdrawn_at__isnull=True)
        .order_by("publish_at", "pk")
        .values_list("pk", flat=True)
    )


def attachment_of(*, notice: Notice, attachment_id: int) -> Attachment | None:
    return (
        Attachment.objects.filter(notice=notice, pk=attachment_id)
        .select_related("document", "image")
        .first()
    )


def attachments_of(*, notice: Notice) -> list[Attachment]:
    return list(Attachment.objects.filter(notice=notice))


def has_read(*, notice: Notice, user) -> bool:
    return Reading.objects.filter(notice=notice, user=user).exists()


def schools_postable(*, user) -> list[School]:
    """Schools the user may send a notice in (to some class, or to anything there)."""
    classes = classes_postable(user=user).values("school_id")
    return list(
        School.objects.filter(
            Q(pk__in=classes) | Q(pk__in=schools_postable_to_all(user=user).values("pk"))
        ).order_by("name")
    )


def library_without_notice_files(*, queryset: QuerySet, user) -> QuerySet:
    """A document or image chooser's rows without the notices' attachments: a class list
    must not be picked into a public page (superusers still see everything)."""
    if getattr(user, "is_superuser", False):
        return queryset
    return queryset.exclude(collection__name=COLLECTION_NAME, collection__depth=2)
