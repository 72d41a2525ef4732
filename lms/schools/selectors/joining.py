"""Reads for the join page: which class an invitation code opens, and what the parent can join."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from lms.learning.models import Child
from lms.schools.models import Guardian, RetiredInvite, SchoolClass


@dataclass(frozen=True)
class Invitation:
    """The class a code opens, or why it opens none: "unknown", "replaced" or "expired"."""

    school_class: SchoolClass | None
    unavailable: str = ""


def invitation_find(*, code: str, now: datetime | None = None) -> Invitation:
    school_class = SchoolClass.objects.select_related("school").filter(invite_code=code).first()
    if school_class is None:
        retired = RetiredInvite.objects.filter(code=code).exists()
        return Invitation(None, "replaced" if retired else "unknown")
    if school_class.invite_expired(now):
        return Invitation(None, "expired")
    return Invitation(school_class)


def memberships_in_class(*, user, school_class: SchoolClass) -> list[Guardian]:
    """The parent's links to children of this class (pending or joined)."""
    return list(
        Guardian.objects.filter(student__school_class=school_class, user=user).select_related(
            "student"
        )
    )


def children_to_join(*, user, memberships: list[Guardian]) -> QuerySet[Child]:
    """The parent's own child profiles not yet in the class."""
    joined = {guardian.student.child_id for guardian in memberships}
    return Child.objects.filter(guardians=user).exclude(pk__in=joined)
