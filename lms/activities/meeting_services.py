"""Scheduling from the organiser's form, with the school's rules for its own kinds:
a parent meeting (家长会) is held by a class's head teacher for their class, or by the
school's administrator for any classes, a grade or the whole school; an open day (家长开放日)
is the administrator's, for the whole school; a reception day has its own page (slots).
Stations and the lecturer team hold the other kinds."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from lms.activities.models import Activity, Station
from lms.activities.services import activity_create
from lms.activities.slot_selectors import reception_classes_openable
from lms.core.errors import ServiceError
from lms.schools import access as school_access
from lms.schools.models import School, SchoolClass

SCHOOL_KINDS = (Activity.Kind.PARENT_MEETING, Activity.Kind.OPEN_DAY, Activity.Kind.RECEPTION_DAY)


def meeting_rules_check(
    *, user, kind: str, audience: str, school: School | None, classes: list[SchoolClass]
) -> None:
    """Refuse, with the reason, what the organiser may not schedule."""
    if kind not in SCHOOL_KINDS:
        return
    if kind == Activity.Kind.RECEPTION_DAY:
        raise ServiceError(
            _("Open a reception day on its own page: it is booked in slots."), field="kind"
        )
    if school is None:
        raise ServiceError(
            _("Parent meetings and open days are held by a school."), field="organiser"
        )
    is_admin = school_access.schools_administered(user=user).filter(pk=school.pk).exists()
    if kind == Activity.Kind.OPEN_DAY:
        if not is_admin:
            raise ServiceError(
                _("An open day is scheduled by the school's administrator."), field="kind"
            )
        if audience != Activity.Audience.SCHOOL:
            raise ServiceError(_("An open day is for the whole school."), field="audience")
        return
    if is_admin:
        if audience == Activity.Audience.PUBLIC:
            raise ServiceError(
                _("A parent meeting is for classes, a grade or the school."), field="audience"
            )
        return
    if audience != Activity.Audience.CLASSES:
        raise ServiceError(
            _("A head teacher holds the parent meeting of their own class: choose it."),
            field="audience",
        )
    own = set(reception_classes_openable(user=user).values_list("pk", flat=True))
    if any(c.pk not in own for c in classes):
        raise ServiceError(
            _("A head teacher holds the parent meeting of their own class: choose it."),
            field="classes",
        )


def activity_schedule(
    *,
    title: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    audience: str,
    organised_by,
    school: School | None = None,
    station: Station | None = None,
    by_lecturer_team: bool = False,
    classes: list[SchoolClass] | None = None,
    grade: str = "",
    place: str = "",
    live_link: str = "",
    capacity: int | None = None,
    credit_hours: Decimal = Decimal("1"),
    description: str = "",
) -> Activity:
    """What the organiser's form calls: the school's rules, then `activity_create`."""
    classes = list(classes or [])
    meeting_rules_check(
        user=organised_by, kind=kind, audience=audience, school=school, classes=classes
    )
    return activity_create(
        title=title,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        audience=audience,
        organised_by=organised_by,
        school=school,
        station=station,
        by_lecturer_team=by_lecturer_team,
        classes=classes,
        grade=grade,
        place=place,
        live_link=live_link,
        capacity=capacity,
        credit_hours=credit_hours,
        description=description,
    )
