"""Recording home visits."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import ServiceError
from lms.homevisits.models import HomeVisit
from lms.schools.models import SchoolClass, Student


def visit_record(
    *,
    student: Student,
    school_class: SchoolClass,
    visited_on: date,
    form: str,
    participants: str,
    topics: list[str],
    follow_up_needed: bool,
    notes: str,
    recorded_by,
    today: date | None = None,
) -> HomeVisit:
    """`school_class` is the class the recorder manages; the student must be in it."""
    today = today or timezone.localdate()
    if student.school_class_id != school_class.pk:
        raise ServiceError(_("This student is not in your class."), field="student")
    if visited_on > today:
        raise ServiceError(_("A visit cannot be recorded before it happens."), field="visited_on")
    if visited_on.year < today.year - 1:
        raise ServiceError(_("That date is too long ago; check the year."), field="visited_on")
    if form not in HomeVisit.Form.values:
        raise ServiceError(_("Choose how the visit took place."), field="form")
    unknown = [t for t in topics if t not in HomeVisit.Topic.values]
    if unknown:
        raise ServiceError(_("Unknown topic."), field="topics")
    if not participants.strip():
        raise ServiceError(_("Say who took part."), field="participants")
    return HomeVisit.objects.create(
        student=student,
        visited_on=visited_on,
        form=form,
        participants=participants.strip()[:120],
        topics=list(dict.fromkeys(topics)),
        follow_up_needed=follow_up_needed,
        notes=notes.strip()[:2000],
        recorded_by=recorded_by,
    )
