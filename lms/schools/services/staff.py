"""Writes for a school's staff: appointing and ending posts."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.roles import Role
from lms.accounts.services import user_roles_add
from lms.core.errors import ServiceError
from lms.schools.models import School, SchoolClass, SchoolStaff


def staff_appoint(*, school: School, user, is_admin: bool = False) -> SchoolStaff:
    """Give someone a post at the school (teacher, or administrator) and the matching role."""
    post, _created = SchoolStaff.objects.update_or_create(
        school=school, user=user, defaults={"is_admin": is_admin}
    )
    user_roles_add(user=user, roles=[Role.SCHOOL_ADMIN if is_admin else Role.TEACHER])
    return post


def staff_remove(*, post: SchoolStaff, by) -> None:
    """End a post; the person's classes at this school lose them as teacher.

    Nobody ends their own post (a school would be left without its last administrator)."""
    if post.user_id == by.pk:
        raise ServiceError(_("You cannot remove your own post."))
    with transaction.atomic():
        classes = SchoolClass.objects.filter(school=post.school_id)
        classes.filter(head_teacher=post.user_id).update(head_teacher=None)
        for school_class in classes.filter(teachers=post.user_id):
            school_class.teachers.remove(post.user_id)
        post.delete()
