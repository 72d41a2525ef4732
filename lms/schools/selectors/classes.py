"""Reads for the staff's class pages: their classes, a class's families and teachers."""

from __future__ import annotations

from django.db.models import QuerySet

from lms.schools import access
from lms.schools.models import Guardian, School, SchoolClass


def classes_of_staff(*, user) -> QuerySet[SchoolClass]:
    """The classes on a teacher's home page, with their schools."""
    return access.classes_managed(user=user).select_related("school")


def class_guardians(*, school_class: SchoolClass) -> QuerySet[Guardian]:
    """Every family linked to the class (pending and joined), by child's nickname."""
    return (
        Guardian.objects.filter(student__school_class=school_class)
        .select_related("student", "user")
        .order_by("student__nickname", "pk")
    )


def class_guardian(*, school_class: SchoolClass, guardian_id: int) -> Guardian | None:
    return (
        Guardian.objects.select_related("student__school_class__school", "user")
        .filter(pk=guardian_id, student__school_class=school_class)
        .first()
    )


def class_teacher_ids(*, school_class: SchoolClass) -> list[int]:
    return list(school_class.teachers.values_list("pk", flat=True))


def school_classes(*, school: School) -> list[SchoolClass]:
    return list(school.classes.all())
