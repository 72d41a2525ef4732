"""Reads for a school's staff: posts, who may teach, whom an administrator may unlock."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from lms.schools import access
from lms.schools.models import Guardian, School, SchoolStaff


def school_staff_users(*, school: School) -> QuerySet:
    """The people holding a post at the school: those who may teach its classes."""
    return get_user_model().objects.filter(school_posts__school=school).order_by("username")


def staff_posts(*, school: School) -> QuerySet[SchoolStaff]:
    return SchoolStaff.objects.filter(school=school).select_related("user").order_by("-is_admin")


def staff_post(*, school: School, post_id: int) -> SchoolStaff | None:
    return SchoolStaff.objects.filter(pk=post_id, school=school).first()


def classes_creatable(*, user) -> bool:
    """Anyone with a post at a school may create classes there."""
    return access.schools_of_staff(user=user).exists()


@dataclass(frozen=True)
class LockoutScope:
    """Whom someone may unlock after failed sign-ins; `people` None means everyone."""

    people: set[str] | None

    def covers(self, username: str) -> bool:
        return self.people is None or username in self.people


def lockout_scope(*, user) -> LockoutScope | None:
    """The bureau may unlock everyone, a school administrator the families and staff of their
    schools (by username or number); anyone else nobody (None)."""
    if access.is_bureau(user):
        return LockoutScope(people=None)
    schools = access.schools_administered(user=user)
    if not schools.exists():
        return None
    phones = set(
        Guardian.objects.filter(student__school_class__school__in=schools)
        .exclude(phone="")
        .values_list("phone", flat=True)
    )
    staff_ids = SchoolStaff.objects.filter(school__in=schools).values_list("user_id", flat=True)
    accounts = get_user_model().objects.filter(
        Q(pk__in=staff_ids) | Q(school_guardianships__student__school_class__school__in=schools)
    )
    for username, phone in accounts.values_list("username", "phone"):
        phones.add(username)
        if phone:
            phones.add(phone)
    return LockoutScope(people=phones)
