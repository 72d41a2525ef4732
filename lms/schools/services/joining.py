"""Writes for families joining a class: the join itself, teachers' approval and confirmation,
roster entries claimed once a number is proved, reset codes for families without SMS."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.codes import recovery_code_issue
from lms.accounts.roles import Role
from lms.core.errors import ServiceError
from lms.learning.models import Child
from lms.learning.services import child_add, child_guardian_add
from lms.notifications.services import notification_send
from lms.schools.access import schools_administered
from lms.schools.grades import GRADE_BY_CODE
from lms.schools.models import Guardian, SchoolClass, Student


def student_child_link(*, guardian: Guardian, user, child: Child | None = None) -> None:
    """Make sure the parent's own child profile exists and is linked to the student.

    `child`, the parent's own existing profile, becomes the student's only when the student has
    none yet; otherwise the parent joins the profile the student already has.
    """
    student = guardian.student
    if student.child_id is None:
        if child is None:
            stage = GRADE_BY_CODE[student.school_class.grade].stage
            child = child_add(
                guardian=user, nickname=student.nickname, relation=guardian.relation, stage=stage
            )
        student.child = child
        student.save(update_fields=["child"])
    else:
        child_guardian_add(child=student.child, guardian=user, relation=guardian.relation)


@transaction.atomic
def class_join(
    *,
    user,
    school_class: SchoolClass,
    relation: str,
    nickname: str = "",
    child: Child | None = None,
    now: datetime | None = None,
) -> Guardian:
    """Link a parent to a class through their child (an existing profile or a new nickname).

    A student the school imported is matched by nickname; a roster entry with the parent's
    phone number is claimed rather than duplicated. A nickname is no proof of being family:
    joining a student whom the school lists with other guardians, or who already has a child
    profile, waits for a teacher of the class to confirm (nickname lists circulate in every
    class group); only a student nobody claims yet is joined at once.
    """
    now = now or timezone.now()
    if child is not None:
        nickname = child.nickname
    nickname = nickname.strip()[:20]
    if not nickname:
        raise ServiceError(_("Tell us your child's nickname."), field="nickname")
    student, created = Student.objects.get_or_create(school_class=school_class, nickname=nickname)
    claimed = not created and (
        student.child_id is not None or Guardian.objects.filter(student=student).exists()
    )
    guardian = Guardian.objects.filter(student=student, user=user).first()
    listed = None
    if guardian is None and user.phone:
        listed = Guardian.objects.filter(student=student, phone=user.phone).first()
        guardian = listed
    if guardian is None:
        guardian = Guardian(student=student, phone=user.phone or "", relation=relation)
        guardian.status = (
            Guardian.Status.PENDING
            if school_class.join_requires_approval or claimed
            else Guardian.Status.ACTIVE
        )
    elif guardian.user_id is None and user.phone_verified_at is not None:
        # The school listed this number and the parent proved it: known, no approval needed.
        guardian.status = Guardian.Status.ACTIVE
    elif listed is not None and listed.user_id is None:
        # A listed number nobody proved: a teacher of the class confirms first.
        guardian.status = Guardian.Status.PENDING
    guardian.user = user
    guardian.joined_at = guardian.joined_at or now
    guardian.save()
    if guardian.status == Guardian.Status.ACTIVE:
        # The parent's own profile may become the student's only when the school listed this
        # parent (number proved) or nobody else claims the student.
        own = child if child is not None and (listed is not None or not claimed) else None
        student_child_link(guardian=guardian, user=user, child=own)
    return guardian


@transaction.atomic
def guardian_approve(*, guardian: Guardian) -> Guardian:
    if guardian.status != Guardian.Status.ACTIVE:
        guardian.status = Guardian.Status.ACTIVE
        guardian.save(update_fields=["status"])
        if guardian.user_id:
            student_child_link(guardian=guardian, user=guardian.user)
            notification_send(
                user=guardian.user,
                title=_("You have joined %(class)s") % {"class": guardian.student.school_class},
                url="/learning/",
            )
    return guardian


def guardian_remove(*, guardian: Guardian) -> None:
    """Decline a join request or remove a family from the class (their own data stays theirs)."""
    student = guardian.student
    guardian.delete()
    if not student.guardians.exists() and student.child_id is None:
        student.delete()


def guardians_claim(*, user) -> int:
    """Link roster entries carrying this user's phone number, once the number is verified.

    Runs when the person proves the number by an SMS code (accounts' phone_verified hook), never
    at bare registration: class rosters circulate, and a stranger typing a listed number must
    not be handed the child.
    """
    if not user.phone or user.phone_verified_at is None:
        return 0
    claimed = 0
    for guardian in Guardian.objects.select_related("student__school_class").filter(
        phone=user.phone, user__isnull=True
    ):
        with transaction.atomic():
            guardian.user = user
            guardian.joined_at = timezone.now()
            guardian.save(update_fields=["user", "joined_at"])
            if guardian.status == Guardian.Status.ACTIVE:
                student_child_link(guardian=guardian, user=user)
        claimed += 1
    return claimed


def _guardians_claim_on_verify(sender, user, **kwargs) -> None:
    guardians_claim(user=user)


@transaction.atomic
def guardian_confirm(*, guardian: Guardian, by) -> Guardian:
    """A teacher of the class vouches for a family whose number was never verified."""
    guardian.confirmed_at = timezone.now()
    guardian.confirmed_by = by
    guardian.save(update_fields=["confirmed_at", "confirmed_by"])
    if guardian.status != Guardian.Status.ACTIVE:
        guardian_approve(guardian=guardian)
    return guardian


def guardian_reset_code_issue(*, guardian: Guardian, by) -> str:
    """A one-time password reset code for a parent of the class, for a family without SMS.

    Only the class's head teacher or an administrator of its school may ask, and only for a
    parent's account (never a staff account: that would be a way into someone's post).
    """
    school_class = guardian.student.school_class
    allowed = school_class.head_teacher_id == by.pk or (
        schools_administered(user=by).filter(pk=school_class.school_id).exists()
    )
    if not allowed:
        raise ServiceError(_("Only the head teacher or a school administrator can do this."))
    user = guardian.user
    if user is None:
        raise ServiceError(_("This family has not registered yet."))
    if user.pk == by.pk:
        raise ServiceError(_("You cannot issue a reset code for your own account."))
    if (
        user.is_superuser
        or user.is_staff
        or user.school_posts.exists()
        or user.groups.exclude(name=Role.PARENT.value).exists()
    ):
        raise ServiceError(_("Reset codes are only for parents' accounts."))
    return recovery_code_issue(user=user, issued_by=by)
