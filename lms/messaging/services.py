"""Writes for messaging: starting a thread, posting, reading, reporting, hiding, the school's
switch and the retention purge. Every rule is checked here, whatever the view sent."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import ServiceError
from lms.messaging import selectors
from lms.messaging.models import BODY_LIMIT, Message, Report, SchoolMessaging, Thread, ThreadRead
from lms.messaging.selectors import Side, ThreadSeen
from lms.notifications.models import Notification
from lms.notifications.services import notification_send
from lms.schools.models import Guardian, School, Student


def _body_clean(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise ServiceError(_("Write your message first."), field="body")
    if len(body) > BODY_LIMIT:
        raise ServiceError(
            _(
                "A message can be at most %(limit)d characters; this one has %(length)d. "
                "Shorten it, or send it in two parts."
            )
            % {"limit": BODY_LIMIT, "length": len(body)},
            field="body",
        )
    return body


def _rate_check(*, user, now) -> None:
    limit = settings.LMS_MESSAGES_PER_HOUR
    sent = list(
        selectors.messages_sent_since(user=user, since=now - timedelta(hours=1))
        .order_by("created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(sent) >= limit:
        wait = int((sent[0] + timedelta(hours=1) - now).total_seconds()) + 1
        raise ServiceError(
            _(
                "You have sent %(limit)d messages in the last hour. Please wait about "
                "%(minutes)d minutes before sending another; what you wrote is still here."
            )
            % {"limit": limit, "minutes": max(1, (wait + 59) // 60)},
            field="body",
            retry_after=wait,
        )


def _name_of(user) -> str:
    return str(user)  # the display name, else the full name, else the username


def _notify(*, thread: Thread, message: Message) -> None:
    """Tell the other side; the text itself stays on the site (channels outside it only
    say that there is a message)."""
    url = reverse("messaging:thread", args=[thread.pk])
    if message.from_teacher:
        guardians = Guardian.objects.filter(
            student_id=thread.student_id, status=Guardian.Status.ACTIVE, user__isnull=False
        ).select_related("user")
        for guardian in guardians:
            notification_send(
                user=guardian.user,
                title=_("%(teacher)s wrote to you about %(child)s")
                % {"teacher": _name_of(thread.teacher), "child": thread.student.nickname},
                url=url,
                kind=Notification.Kind.MESSAGE,
            )
    else:
        notification_send(
            user=thread.teacher,
            title=_("A message from %(child)s's family") % {"child": thread.student.nickname},
            url=url,
            kind=Notification.Kind.MESSAGE,
        )


def _read_mark(*, thread: Thread, user, at) -> None:
    ThreadRead.objects.update_or_create(thread=thread, user=user, defaults={"read_at": at})


def _add(*, thread: Thread, user, body: str, from_teacher: bool, now) -> Message:
    message = Message.objects.create(
        thread=thread, author=user, body=body, from_teacher=from_teacher, created_at=now
    )
    thread.last_message_at = now
    thread.awaiting_teacher = not from_teacher
    thread.save(update_fields=["last_message_at", "awaiting_teacher"])
    _read_mark(thread=thread, user=user, at=now)
    transaction.on_commit(lambda: _notify(thread=thread, message=message))
    return message


@transaction.atomic
def thread_start(*, user, student: Student, teacher, subject: str = "", body: str) -> Thread:
    """A family member writes to a teacher of the child's class."""
    if not selectors.family_children(user=user).filter(pk=student.pk).exists():
        raise ServiceError(_("Choose one of your children."), field="student")
    if teacher not in selectors.teachers_for(student=student):
        raise ServiceError(_("Choose a teacher of your child's class."), field="teacher")
    subject = (subject or "").strip()
    if len(subject) > 80:
        raise ServiceError(_("Keep the subject under 80 characters."), field="subject")
    body = _body_clean(body)
    now = timezone.now()
    _rate_check(user=user, now=now)
    thread = Thread.objects.create(
        student=student, teacher=teacher, subject=subject, last_message_at=now
    )
    _add(thread=thread, user=user, body=body, from_teacher=False, now=now)
    return thread


@transaction.atomic
def message_post(*, seen: ThreadSeen, user, body: str) -> Message:
    """A reply in a thread, by its family or its teacher (administrators only read)."""
    if not seen.writes:
        raise ServiceError(_("Only the family and the teacher write in this conversation."))
    body = _body_clean(body)
    now = timezone.now()
    _rate_check(user=user, now=now)
    thread = Thread.objects.select_for_update().get(pk=seen.thread.pk)
    thread.student, thread.teacher = seen.thread.student, seen.thread.teacher
    return _add(
        thread=thread, user=user, body=body, from_teacher=seen.side is Side.TEACHER, now=now
    )


def thread_read(*, seen: ThreadSeen, user) -> None:
    """Opening a thread clears its unread marker (an administrator's reading marks nothing)."""
    if seen.writes:
        _read_mark(thread=seen.thread, user=user, at=timezone.now())


@transaction.atomic
def message_report(
    *, seen: ThreadSeen, user, message: Message, reason: str, note: str = ""
) -> Report:
    if not seen.writes or message.thread_id != seen.thread.pk:
        raise ServiceError(_("You cannot report this message."))
    if message.author_id == user.pk:
        raise ServiceError(_("This is your own message."))
    if reason not in Report.Reason.values:
        raise ServiceError(_("Choose a reason from the list."), field="reason")
    note = (note or "").strip()
    if len(note) > 200:
        raise ServiceError(_("Keep the note under 200 characters."), field="note")
    if Report.objects.filter(message=message, reporter=user).exists():
        raise ServiceError(_("You have already reported this message."))
    report = Report.objects.create(message=message, reporter=user, reason=reason, note=note)
    if message.reported_at is None:
        message.reported_at = timezone.now()
        message.save(update_fields=["reported_at"])
    school = seen.thread.student.school_class.school
    url = reverse("messaging:thread", args=[seen.thread.pk])
    for admin in selectors.school_admins(school_id=school.pk):
        transaction.on_commit(
            lambda admin=admin: notification_send(
                user=admin,
                title=_("A message was reported in %(class)s")
                % {"class": seen.thread.student.school_class},
                url=url,
                kind=Notification.Kind.MESSAGE,
            )
        )
    return report


def message_hide(*, seen: ThreadSeen, user, message: Message) -> None:
    """The school administrator hides a message; it is kept for the record."""
    if seen.side is not Side.ADMIN or message.thread_id != seen.thread.pk:
        raise ServiceError(_("Only the school's administrators can hide a message."))
    if message.hidden_at is None:
        message.hidden_at = timezone.now()
        message.hidden_by = user
        message.save(update_fields=["hidden_at", "hidden_by"])


def school_messaging_set(*, school: School, subject_teachers: bool) -> None:
    SchoolMessaging.objects.update_or_create(
        school=school, defaults={"subject_teachers": subject_teachers}
    )


def threads_purge(*, now=None) -> int:
    """Delete threads past their keeping period (see docs/messaging.md): two years after the
    last message, or one year when no family member of the child is left in the class."""
    now = now or timezone.now()
    keep = timedelta(days=settings.LMS_MESSAGE_RETENTION_DAYS)
    keep_left = timedelta(days=settings.LMS_MESSAGE_RETENTION_AFTER_LEAVING_DAYS)
    family_here = Guardian.objects.filter(
        student_id=OuterRef("student_id"), status=Guardian.Status.ACTIVE
    )
    old = Thread.objects.filter(last_message_at__lt=now - keep)
    left = Thread.objects.filter(last_message_at__lt=now - keep_left).exclude(Exists(family_here))
    ids = set(old.values_list("pk", flat=True)) | set(left.values_list("pk", flat=True))
    Thread.objects.filter(pk__in=ids).delete()
    return len(ids)
