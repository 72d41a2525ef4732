"""Writes for classes: creating one, its invitation code and join settings, its teachers."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import ServiceError
from lms.learning.services import CODE_ALPHABET
from lms.schools.grades import GRADE_BY_CODE, class_name_normalize
from lms.schools.models import RetiredInvite, School, SchoolClass, SchoolStaff


def invite_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def class_create(
    *, school: School, grade: str, name: str, head_teacher=None, requires_approval: bool = False
) -> SchoolClass:
    if grade not in GRADE_BY_CODE:
        raise ServiceError(_("Choose a grade from the list."), field="grade")
    name = class_name_normalize(name)
    if not name:
        raise ServiceError(_("Give the class a name, such as 2 for class 2."), field="name")
    if SchoolClass.objects.filter(school=school, grade=grade, name=name).exists():
        raise ServiceError(_("This school already has that class."), field="name")
    return SchoolClass.objects.create(
        school=school,
        grade=grade,
        name=name,
        head_teacher=head_teacher,
        invite_code=invite_code_new(),
        join_requires_approval=requires_approval,
    )


@transaction.atomic
def invite_rotate(*, school_class: SchoolClass, expires_at: datetime | None = None) -> str:
    """A new invitation code; the old link now says it was replaced."""
    RetiredInvite.objects.get_or_create(
        code=school_class.invite_code, defaults={"school_class": school_class}
    )
    school_class.invite_code = invite_code_new()
    school_class.invite_expires_at = expires_at
    school_class.save(update_fields=["invite_code", "invite_expires_at"])
    return school_class.invite_code


def class_settings_update(
    *, school_class: SchoolClass, requires_approval: bool, expires_at: datetime | None
) -> None:
    school_class.join_requires_approval = requires_approval
    school_class.invite_expires_at = expires_at
    school_class.save(update_fields=["join_requires_approval", "invite_expires_at"])


def class_teachers_set(*, school_class: SchoolClass, head_teacher, teachers) -> None:
    """Only the school's own staff can teach its classes."""
    allowed = set(
        SchoolStaff.objects.filter(school=school_class.school_id).values_list("user_id", flat=True)
    )
    chosen = [head_teacher, *teachers] if head_teacher else list(teachers)
    if any(user.pk not in allowed for user in chosen):
        raise ServiceError(_("Choose teachers of this school."), field="teachers")
    school_class.head_teacher = head_teacher
    school_class.save(update_fields=["head_teacher"])
    school_class.teachers.set([t for t in teachers if t != head_teacher])


def invite_expires_at_for(*, expires_on: date | None) -> datetime | None:
    """An invitation valid "until" a day lasts to the end of that day (local time)."""
    if not expires_on:
        return None
    return timezone.make_aware(datetime.combine(expires_on, time.max))
