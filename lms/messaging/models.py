"""Private threads between one child's family and one teacher of the child's class.

A thread belongs to a Student (every active guardian of that student sees it) and one
teacher; the school's administrators may read it for safeguarding. Messages are plain
text. A hidden message is kept for the record; only the administrators see its text.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.schools.models import School, Student

BODY_LIMIT = 2000


class SchoolMessaging(models.Model):
    """A school's switch: families may write to subject teachers too, not only the head
    teacher (off unless the school administrator turns it on)."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="+")
    subject_teachers = models.BooleanField(
        _("families may also write to the class's subject teachers"), default=False
    )

    def __str__(self) -> str:
        return str(self.school_id)


class Thread(models.Model):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField()
    # The family wrote last: the thread is on the teacher's to-do list.
    awaiting_teacher = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["teacher", "awaiting_teacher"]),
            models.Index(fields=["last_message_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.student_id}↔{self.teacher_id}"


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_teacher = models.BooleanField(default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField()
    reported_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["author", "created_at"])]

    def __str__(self) -> str:
        return f"{self.thread_id}:{self.pk}"


class Report(models.Model):
    class Reason(models.TextChoices):
        RUDE = "rude", pgettext_lazy("report reason", "Rude or insulting")
        HARASSMENT = "harassment", pgettext_lazy("report reason", "Harassment or threats")
        PRIVACY = "privacy", pgettext_lazy("report reason", "Shares someone's private details")
        ADVERT = "advert", pgettext_lazy("report reason", "Advertising or fraud")
        OTHER = "other", pgettext_lazy("report reason", "Something else")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.CharField(_("note for the school (optional)"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "reporter"], name="one_report_each")
        ]

    def __str__(self) -> str:
        return f"{self.message_id}:{self.reason}"


class ThreadRead(models.Model):
    """When a person last opened a thread (the unread marker)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_read_mark")]

    def __str__(self) -> str:
        return f"{self.thread_id}:{self.user_id}"
