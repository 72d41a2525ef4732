"""Who sees a care notice. The family (every active guardian of the child) sees and keeps
its own; the school sees it through the class's head teacher and the school's administrators;
the village or residents' committee through its station's staff; designated ledger staff of
the school (or bureau-wide) see it to copy it into the ledger. Nobody else: not other
parents, not other teachers, not other stations, and the bureau only as counts per school.

The school, the station and the ledger staff see notices until they end; the family keeps
its ended ones. Anything not visible is simply not found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from lms.accounts.roles import is_bureau
from lms.activities.models import Community, Station
from lms.care.models import CareNotice
from lms.schools import access as school_access
from lms.schools.models import Guardian, SchoolClass, Student
from lms.support.access import designated_scope


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def students_of_family(*, user) -> list[Student]:
    """The children a notice may be about: those the user is an active guardian of."""
    if not user.is_authenticated:
        return []
    return list(
        Student.objects.filter(
            guardians__user=user, guardians__status=Guardian.Status.ACTIVE
        ).order_by("nickname", "pk")
    )


def student_of_family(*, user, student_id: int) -> Student | None:
    return next((s for s in students_of_family(user=user) if s.pk == student_id), None)


def _family_condition(user) -> Q:
    return Q(student__guardians__user=user, student__guardians__status=Guardian.Status.ACTIVE)


def notices_of_family(*, user) -> QuerySet[CareNotice]:
    if not user.is_authenticated:
        return CareNotice.objects.none()
    return (
        CareNotice.objects.filter(_family_condition(user))
        .select_related("student", "community")
        .distinct()
    )


def notice_of_family(*, user, notice_id: int) -> CareNotice | None:
    """A notice the user may change or end: one about their own child."""
    return notices_of_family(user=user).filter(pk=notice_id).first()


def _received_condition(user) -> Q | None:
    """Notices the user receives for the school or the community; None when nothing."""
    if not user.is_authenticated:
        return None
    condition = Q(student__school_class__head_teacher=user)
    condition |= Q(student__school_class__school__in=school_access.schools_administered(user=user))
    condition |= Q(community__station__staff=user)
    bureau_wide, schools = designated_scope(user=user)
    if bureau_wide:
        return Q()
    if schools:
        condition |= Q(student__school_class__school_id__in=schools)
    return condition


def _open(today: date) -> Q:
    return Q(ended_on__isnull=True, ends_on__gte=today)


def notices_received(
    *, user, class_id: int | None = None, today: date | None = None
) -> QuerySet[CareNotice]:
    """The school's and the station's list: notices not yet ended, soonest ending first;
    `class_id` narrows it to one class."""
    condition = _received_condition(user)
    if condition is None:
        return CareNotice.objects.none()
    if class_id is not None:
        condition &= Q(student__school_class_id=class_id)
    return (
        CareNotice.objects.filter(condition, _open(_today(today)))
        .select_related("student__school_class__school", "community")
        .distinct()
        .order_by("ends_on", "pk")
    )


def may_receive(*, user) -> bool:
    """Whether the user has a place notices go to (a class, a school, a station, the ledger)."""
    if not user.is_authenticated:
        return False
    bureau_wide, schools = designated_scope(user=user)
    return (
        bureau_wide
        or bool(schools)
        or SchoolClass.objects.filter(head_teacher=user).exists()
        or school_access.schools_administered(user=user).exists()
        or Station.objects.filter(staff=user).exists()
    )


def is_station_staff(user) -> bool:
    return user.is_authenticated and Station.objects.filter(staff=user).exists()


def notice_visible(*, user, notice_id: int, today: date | None = None) -> CareNotice | None:
    """The detail page: the family's own notice, or one the user receives."""
    found = notice_of_family(user=user, notice_id=notice_id)
    if found is not None:
        return found
    return notices_received(user=user, today=today).filter(pk=notice_id).first()


def notice_copyable(*, user, notice_id: int, today: date | None = None) -> CareNotice | None:
    """A notice designated ledger staff may copy: one of a school they are designated for
    (bureau-wide designation: any). Whether it is already in the ledger is not said here."""
    bureau_wide, schools = designated_scope(user=user)
    if not bureau_wide and not schools:
        return None
    notices = CareNotice.objects.filter(_open(_today(today)), pk=notice_id)
    if not bureau_wide:
        notices = notices.filter(student__school_class__school_id__in=schools)
    return notices.select_related("student__school_class__school", "community").first()


def may_copy(*, user, notice: CareNotice) -> bool:
    bureau_wide, schools = designated_scope(user=user)
    return bureau_wide or notice.student.school_class.school_id in schools


def communities_grouped() -> list[tuple[str, list[tuple[int, str]]]]:
    """Villages and residents' committees by township, for the guardian's choice."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for community in Community.objects.order_by("township", "name"):
        groups.setdefault(community.township, []).append((community.pk, community.name))
    return list(groups.items())


def community_get(*, community_id: int) -> Community | None:
    return Community.objects.filter(pk=community_id).first()


def class_notices_current(*, user, class_id: int, today: date | None = None) -> int | None:
    """How many notices of the class the user receives now; None when the user is not the
    class's head teacher or an administrator of its school (the class page's panel)."""
    if not user.is_authenticated:
        return None
    school_class = school_access.class_managed(user=user, class_id=class_id)
    if school_class is None:
        return None
    if school_class.head_teacher_id != user.pk and not (
        school_access.schools_administered(user=user).filter(pk=school_class.school_id).exists()
    ):
        return None
    return notices_received(user=user, class_id=school_class.pk, today=today).count()


@dataclass(frozen=True)
class SchoolCount:
    school_name: str
    current: int


def county_counts(*, today: date | None = None) -> list[SchoolCount]:
    """For the bureau: how many notices are current per school. No child, caregiver or
    community is named."""
    day = _today(today)
    rows = (
        CareNotice.objects.filter(_open(day), starts_on__lte=day)
        .values("student__school_class__school__name")
        .annotate(n=Count("pk"))
        .order_by("student__school_class__school__name")
    )
    return [SchoolCount(row["student__school_class__school__name"], row["n"]) for row in rows]


def may_see_counts(*, user) -> bool:
    return user.is_authenticated and is_bureau(user)
