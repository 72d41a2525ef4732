"""Reads for the staff's assignment pages: one family of an assignment and its exception."""

from __future__ import annotations

from lms.schools import access
from lms.schools.models import Assignment, AssignmentException, Guardian


def assignment_family_guardian(*, user, assignment: Assignment, user_id: int) -> Guardian | None:
    """The joined family `user_id` in one of the classes `user` manages at the assignment's
    school (the families whose exceptions that member of staff may set)."""
    return (
        Guardian.objects.filter(
            user_id=user_id,
            status=Guardian.Status.ACTIVE,
            student__school_class__in=access.classes_managed(user=user).filter(
                school=assignment.school
            ),
        )
        .select_related("student__school_class")
        .first()
    )


def assignment_exception(*, assignment: Assignment, user_id: int) -> AssignmentException | None:
    return AssignmentException.objects.filter(assignment=assignment, user_id=user_id).first()
