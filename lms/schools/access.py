"""Who may see and change what. Every school view resolves its objects through here.

A teacher sees only their classes, a school administrator only their school, the
bureau every school read-only and only in aggregate; anything else is not found.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from lms.accounts.roles import is_bureau
from lms.schools.models import Assignment, School, SchoolClass


def schools_administered(*, user) -> QuerySet[School]:
    if not user.is_authenticated:
        return School.objects.none()
    return School.objects.filter(staff__user=user, staff__is_admin=True)


def schools_of_staff(*, user) -> QuerySet[School]:
    """Schools where the user teaches or administers (where they may create classes)."""
    if not user.is_authenticated:
        return School.objects.none()
    return School.objects.filter(staff__user=user).distinct()


def classes_managed(*, user) -> QuerySet[SchoolClass]:
    """Classes the user may see in detail and change: their own, or all in their school."""
    if not user.is_authenticated:
        return SchoolClass.objects.none()
    return SchoolClass.objects.filter(
        Q(head_teacher=user)
        | Q(teachers=user)
        | Q(school__staff__user=user, school__staff__is_admin=True)
    ).distinct()


def class_managed(*, user, class_id: int) -> SchoolClass | None:
    return classes_managed(user=user).select_related("school").filter(pk=class_id).first()


def school_readable(*, user, code: str) -> School | None:
    """A school's aggregate report: its administrators and the bureau."""
    if is_bureau(user):
        return School.objects.filter(code=code).first()
    return schools_administered(user=user).filter(code=code).first()


def school_administered(*, user, code: str) -> School | None:
    return schools_administered(user=user).filter(code=code).first()


def assignment_managed(*, user, assignment_id: int) -> Assignment | None:
    """An assignment the user may change: a school admin's, or a class assignment of their class."""
    found = Assignment.objects.select_related("school", "school_class", "course").filter(
        pk=assignment_id
    )
    assignment = found.first()
    if assignment is None:
        return None
    if schools_administered(user=user).filter(pk=assignment.school_id).exists():
        return assignment
    if (
        assignment.scope == Assignment.Scope.CLASS
        and classes_managed(user=user).filter(pk=assignment.school_class_id).exists()
    ):
        return assignment
    return None


def is_school_staff(user) -> bool:
    """Anyone with a school post or the bureau role: the staff pages' entry condition."""
    if not user.is_authenticated:
        return False
    # Teachers of a class always hold a post at its school (class_create and
    # class_teachers_set allow only staff), so the post is enough; this runs on every page.
    return user.school_posts.exists() or is_bureau(user)
