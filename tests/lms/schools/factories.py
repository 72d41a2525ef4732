"""Schools test data: a school with staff, classes and families, built through the services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from lms.accounts.roles import Role
from lms.learning.models import LessonProgress
from lms.learning.services import reading_mark_read
from lms.schools.models import Guardian, School, SchoolStaff
from lms.schools.services.classes import class_create
from lms.schools.services.joining import class_join, guardian_approve
from tests.courses.factories import UserFactory

_phones = iter(range(13900000000, 13999999999))


def school_add(code="s1", name="城关小学", kind=School.Kind.PRIMARY, township="城关镇") -> School:
    return School.objects.create(code=code, name=name, kind=kind, township=township)


def staff_add(school: School, *, admin=False, username=None):
    user = UserFactory(
        role=Role.SCHOOL_ADMIN if admin else Role.TEACHER,
        **({"username": username} if username else {}),
    )
    SchoolStaff.objects.create(school=school, user=user, is_admin=admin)
    return user


def class_add(school: School, *, grade="p3", name="2班", teacher=None):
    return class_create(school=school, grade=grade, name=name, head_teacher=teacher)


def parent_add(**kwargs):
    return UserFactory(role=Role.PARENT, phone=str(next(_phones)), **kwargs)


def family_join(school_class, *, nickname="小明", relation="mother", parent=None):
    """A family member joins through the invitation. A second member of a child already in
    the class waits for the teacher, who knows the family and confirms here (unless the class
    asks for approval of everyone, which tests of approval look at themselves)."""
    parent = parent or parent_add()
    guardian = class_join(
        user=parent, school_class=school_class, nickname=nickname, relation=relation
    )
    if guardian.status == Guardian.Status.PENDING and not school_class.join_requires_approval:
        guardian_approve(guardian=guardian)
    return parent


def lesson_read(parent, lesson, *, at=None):
    """Complete a reading lesson at `at` through the learning service ('mark as read'),
    having opened it an hour before."""
    at = at or timezone.now()
    LessonProgress.objects.get_or_create(user=parent, lesson=lesson)
    LessonProgress.objects.filter(user=parent, lesson=lesson).update(
        first_seen_at=at - timedelta(hours=1)
    )
    return reading_mark_read(user=parent, lesson=lesson, now=at)
