"""Writes for schools: classes, invitations, joining, assignments, staff, reminders."""

from __future__ import annotations

import contextlib
import logging
import secrets
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, LessonPage
from lms.accounts.codes import recovery_code_issue
from lms.accounts.roles import Role
from lms.accounts.services import user_roles_add
from lms.core.errors import ServiceError
from lms.learning.models import Child
from lms.learning.services import CODE_ALPHABET, child_add, child_guardian_add
from lms.notifications.services import notification_send
from lms.schools.access import schools_administered
from lms.schools.grades import GRADE_BY_CODE, class_name_normalize
from lms.schools.models import (
    Assignment,
    AssignmentException,
    Guardian,
    ReminderOptOut,
    RetiredInvite,
    School,
    SchoolClass,
    SchoolStaff,
    Student,
)

logger = logging.getLogger(__name__)


def invite_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def class_create(
    *, school: School, grade: str, name: str, head_teacher=None, requires_approval: bool = False
) -> SchoolClass:
    if grade not in GRADE_BY_CODE:
        raise ServiceError(_("Choose a grade from the list."), field="grade")
    name = class_name_normalize(name)
    if not name:
        raise ServiceError(_("Give the class a name, such as 2班."), field="name")
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


@transaction.atomic
def assignment_create(
    *,
    school: School,
    scope: str,
    course: CoursePage,
    starts_on: date,
    due_on: date,
    created_by,
    school_class: SchoolClass | None = None,
    grade: str = "",
    lessons: list[LessonPage] | None = None,
    note: str = "",
) -> Assignment:
    if due_on < starts_on:
        raise ServiceError(_("The due date cannot be before the start date."), field="due_on")
    if scope == Assignment.Scope.CLASS:
        if school_class is None or school_class.school_id != school.pk:
            raise ServiceError(_("Choose one of this school's classes."), field="school_class")
        grade = ""
    elif scope == Assignment.Scope.GRADE:
        if grade not in GRADE_BY_CODE:
            raise ServiceError(_("Choose a grade."), field="grade")
        school_class = None
    elif scope == Assignment.Scope.SCHOOL:
        school_class, grade = None, ""
    else:
        raise ServiceError(_("Choose who the assignment is for."), field="scope")
    if not CoursePage.objects.live().public().filter(pk=course.pk).exists():
        raise ServiceError(_("Only published courses can be assigned."), field="course")
    lessons = list(lessons or [])
    course_lessons = set(LessonPage.objects.child_of(course).live().values_list("pk", flat=True))
    if any(lesson.pk not in course_lessons for lesson in lessons):
        raise ServiceError(_("Choose lessons of this course only."), field="lessons")
    assignment = Assignment.objects.create(
        school=school,
        scope=scope,
        school_class=school_class,
        grade=grade,
        course=course,
        starts_on=starts_on,
        due_on=due_on,
        note=note.strip()[:200],
        created_by=created_by,
    )
    assignment.lessons.set(lessons)
    return assignment


def assignment_exception_set(
    *, assignment: Assignment, user_id: int, excused: bool, due_on: date | None
) -> AssignmentException | None:
    """Excuse one family or give them a later date; with neither, the exception is removed."""
    if due_on is not None and due_on < assignment.starts_on:
        raise ServiceError(_("The due date cannot be before the start date."), field="due_on")
    if not excused and due_on is None:
        AssignmentException.objects.filter(assignment=assignment, user_id=user_id).delete()
        return None
    exception, _created = AssignmentException.objects.update_or_create(
        assignment=assignment, user_id=user_id, defaults={"excused": excused, "due_on": due_on}
    )
    return exception


def assignment_delete(*, assignment: Assignment) -> None:
    assignment.delete()


def reminders_opt_set(*, user, wanted: bool) -> None:
    """The reminder digest's own switch (registered with lms.notifications' hook)."""
    if wanted:
        ReminderOptOut.objects.filter(user=user).delete()
    else:
        with contextlib.suppress(IntegrityError):  # a double click from two tabs
            ReminderOptOut.objects.get_or_create(user=user)


def staff_appoint(*, school: School, user, is_admin: bool = False) -> SchoolStaff:
    """Give someone a post at the school (teacher, or administrator) and the matching role."""
    post, _created = SchoolStaff.objects.update_or_create(
        school=school, user=user, defaults={"is_admin": is_admin}
    )
    user_roles_add(user=user, roles=[Role.SCHOOL_ADMIN if is_admin else Role.TEACHER])
    return post


def staff_remove(*, post: SchoolStaff) -> None:
    """End a post; the person's classes at this school lose them as teacher."""
    with transaction.atomic():
        classes = SchoolClass.objects.filter(school=post.school_id)
        classes.filter(head_teacher=post.user_id).update(head_teacher=None)
        for school_class in classes.filter(teachers=post.user_id):
            school_class.teachers.remove(post.user_id)
        post.delete()


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
