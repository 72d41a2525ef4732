"""Reads for messaging, and who may see which thread.

A thread is visible to the active guardians of its student, to its teacher while they
still teach the student's class, and to the administrators of the student's school.
Everyone else gets None from these functions, which the views turn into a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from lms.messaging.models import Message, Report, SchoolMessaging, Thread, ThreadRead
from lms.schools.models import Guardian, School, SchoolClass, SchoolStaff, Student


class Side(Enum):
    FAMILY = "family"
    TEACHER = "teacher"
    ADMIN = "admin"


def _family_of(*, user) -> Q:
    return Q(student__guardians__user=user, student__guardians__status=Guardian.Status.ACTIVE)


def _teacher_of(*, user) -> Q:
    return Q(teacher=user) & (
        Q(student__school_class__head_teacher=user) | Q(student__school_class__teachers=user)
    )


def _admin_of(*, user) -> Q:
    return Q(
        student__school_class__school__staff__user=user,
        student__school_class__school__staff__is_admin=True,
    )


def threads_visible(*, user) -> QuerySet[Thread]:
    if not user.is_authenticated:
        return Thread.objects.none()
    ids = Thread.objects.filter(
        _family_of(user=user) | _teacher_of(user=user) | _admin_of(user=user)
    ).values("pk")
    return Thread.objects.filter(pk__in=ids)


@dataclass(frozen=True)
class ThreadSeen:
    """A thread as one person sees it: which side they are on in it."""

    thread: Thread
    side: Side

    @property
    def writes(self) -> bool:
        return self.side in (Side.FAMILY, Side.TEACHER)


def thread_for(*, user, thread_id: int) -> ThreadSeen | None:
    """The thread and the person's side in it (writing sides before reading), or None."""
    if not user.is_authenticated:
        return None
    thread = (
        Thread.objects.select_related("student__school_class__school", "teacher")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None:
        return None
    own = Thread.objects.filter(pk=thread.pk)
    if own.filter(_teacher_of(user=user)).exists():
        return ThreadSeen(thread=thread, side=Side.TEACHER)
    if own.filter(_family_of(user=user)).exists():
        return ThreadSeen(thread=thread, side=Side.FAMILY)
    if own.filter(_admin_of(user=user)).exists():
        return ThreadSeen(thread=thread, side=Side.ADMIN)
    return None


def thread_messages(*, thread: Thread) -> list[Message]:
    return list(thread.messages.select_related("author"))


def thread_reports(*, thread: Thread) -> dict[int, list[Report]]:
    """The reports on each message of the thread (for its school administrators)."""
    found: dict[int, list[Report]] = {}
    for report in Report.objects.filter(message__thread=thread).select_related("message"):
        found.setdefault(report.message_id, []).append(report)
    return found


def thread_message(*, thread: Thread, message_id: int) -> Message | None:
    return thread.messages.filter(pk=message_id).first()


def _with_read(threads: QuerySet[Thread], *, user) -> QuerySet[Thread]:
    mark = ThreadRead.objects.filter(thread=OuterRef("pk"), user=user).values("read_at")[:1]
    return threads.annotate(read_at=Subquery(mark))


def _unread(thread: Thread, *, side: Side) -> bool:
    """The other side wrote last and this person has not opened the thread since."""
    if side is Side.TEACHER and not thread.awaiting_teacher:
        return False
    if side is Side.FAMILY and thread.awaiting_teacher:
        return False
    return thread.read_at is None or thread.read_at < thread.last_message_at


@dataclass(frozen=True)
class ThreadRow:
    thread: Thread
    unread: bool


def threads_of_family(*, user) -> list[ThreadRow]:
    found = _with_read(
        Thread.objects.filter(pk__in=Thread.objects.filter(_family_of(user=user)).values("pk")),
        user=user,
    ).select_related("student__school_class", "teacher")
    return [
        ThreadRow(thread=t, unread=_unread(t, side=Side.FAMILY))
        for t in found.order_by("-last_message_at")
    ]


def family_unread_count(*, user) -> int:
    return sum(1 for row in threads_of_family(user=user) if row.unread)


def family_children(*, user) -> QuerySet[Student]:
    """The children whose family this person is (an active guardian)."""
    return (
        Student.objects.filter(guardians__user=user, guardians__status=Guardian.Status.ACTIVE)
        .select_related("school_class__school", "school_class__head_teacher")
        .distinct()
        .order_by("nickname")
    )


def subject_teachers_allowed(*, school: School) -> bool:
    return SchoolMessaging.objects.filter(school=school, subject_teachers=True).exists()


def teachers_for(*, student: Student) -> list:
    """Whom this child's family may write to: the head teacher, and the class's subject
    teachers when the school allows it."""
    school_class = student.school_class
    found = [school_class.head_teacher] if school_class.head_teacher else []
    if subject_teachers_allowed(school=school_class.school):
        found += [t for t in school_class.teachers.order_by("pk") if t not in found]
    return found


def classes_taught(*, user) -> QuerySet[SchoolClass]:
    if not user.is_authenticated:
        return SchoolClass.objects.none()
    return (
        SchoolClass.objects.filter(Q(head_teacher=user) | Q(teachers=user))
        .select_related("school")
        .distinct()
    )


def class_taught(*, user, class_id: int) -> SchoolClass | None:
    return classes_taught(user=user).filter(pk=class_id).first()


@dataclass(frozen=True)
class ClassInbox:
    school_class: SchoolClass
    waiting: int
    unread: int


def inboxes_of_teacher(*, user) -> list[ClassInbox]:
    result = []
    for school_class in classes_taught(user=user):
        rows = class_inbox(user=user, school_class=school_class)
        result.append(
            ClassInbox(
                school_class=school_class,
                waiting=len(rows.waiting),
                unread=sum(1 for r in rows.waiting + rows.answered if r.unread),
            )
        )
    return result


@dataclass(frozen=True)
class Inbox:
    waiting: list[ThreadRow]  # oldest question first: the teacher's to-do list
    answered: list[ThreadRow]


INBOX_ANSWERED_SHOWN = 100


def class_inbox(*, user, school_class: SchoolClass) -> Inbox:
    found = _with_read(
        Thread.objects.filter(teacher=user, student__school_class=school_class), user=user
    ).select_related("student")
    waiting = [
        ThreadRow(thread=t, unread=_unread(t, side=Side.TEACHER))
        for t in found.filter(awaiting_teacher=True).order_by("last_message_at")
    ]
    answered = [
        ThreadRow(thread=t, unread=False)
        for t in found.filter(awaiting_teacher=False).order_by("-last_message_at")[
            :INBOX_ANSWERED_SHOWN
        ]
    ]
    return Inbox(waiting=waiting, answered=answered)


def school_of_admin(*, user, code: str) -> School | None:
    if not user.is_authenticated:
        return None
    return School.objects.filter(code=code, staff__user=user, staff__is_admin=True).first()


def schools_of_admin(*, user) -> QuerySet[School]:
    if not user.is_authenticated:
        return School.objects.none()
    return School.objects.filter(staff__user=user, staff__is_admin=True)


@dataclass(frozen=True)
class SchoolThreads:
    reported: list[Thread]
    recent: list[Thread]


SCHOOL_THREADS_SHOWN = 100


def threads_of_school(*, school: School) -> SchoolThreads:
    found = Thread.objects.filter(student__school_class__school=school).select_related(
        "student__school_class", "teacher"
    )
    flagged = Message.objects.filter(
        thread=OuterRef("pk"), reported_at__isnull=False, hidden_at__isnull=True
    )
    reported = list(found.filter(Exists(flagged)).order_by("-last_message_at"))
    recent = list(found.exclude(pk__in=[t.pk for t in reported]).order_by("-last_message_at"))
    return SchoolThreads(reported=reported, recent=recent[:SCHOOL_THREADS_SHOWN])


def school_admins(*, school_id: int) -> list:
    return [
        post.user
        for post in SchoolStaff.objects.filter(school_id=school_id, is_admin=True).select_related(
            "user"
        )
    ]


def messages_sent_since(*, user, since) -> QuerySet[Message]:
    return Message.objects.filter(author=user, created_at__gte=since)


def is_teacher_or_admin(user) -> bool:
    """The header link's condition: anyone teaching a class or administering a school."""
    if not user.is_authenticated:
        return False
    return classes_taught(user=user).exists() or schools_of_admin(user=user).exists()


@dataclass(frozen=True)
class Recipient:
    student: Student
    teacher: object
    head: bool  # the class's head teacher (else a subject teacher)

    @property
    def key(self) -> str:
        return f"{self.student.pk}:{self.teacher.pk}"


def recipients_for(*, user) -> list[Recipient]:
    """Every (child, teacher) this family member may write to."""
    found = []
    for student in family_children(user=user):
        head = student.school_class.head_teacher_id
        for teacher in teachers_for(student=student):
            found.append(Recipient(student=student, teacher=teacher, head=teacher.pk == head))
    return found


def recipient_for(*, user, key: str) -> Recipient | None:
    """The recipient a submitted "<student>:<teacher>" names, if this person may write to it."""
    return next((r for r in recipients_for(user=user) if r.key == key), None)
