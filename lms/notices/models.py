"""School notices (通知 / 校务公开): to a whole school, a grade or chosen classes.

A notice may ask families to confirm they have read it. Confirmation is counted per family,
that is per child in the audience (a Student with a joined guardian account): either guardian
confirming counts for that child. Only the sender sees the count and who has not confirmed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.documents import get_document_model_string
from wagtail.images import get_image_model_string

from lms.schools.grades import GRADE_CHOICES

TITLE_MAX = 80
BODY_MAX = 5000


class Notice(models.Model):
    class Audience(models.TextChoices):
        SCHOOL = "school", _("the whole school")
        GRADE = "grade", _("a grade")
        CLASSES = "classes", _("chosen classes")

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(_("for"), max_length=8, choices=Audience.choices)
    grade = models.CharField(_("grade"), max_length=4, choices=GRADE_CHOICES, blank=True)
    classes = models.ManyToManyField(
        "schools.SchoolClass", blank=True, related_name="+", verbose_name=_("classes")
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("text"))
    asks_confirmation = models.BooleanField(_("ask families to confirm they have read it"))
    urgent = models.BooleanField(pgettext_lazy("notice", "urgent"), default=False)
    publish_at = models.DateTimeField(pgettext_lazy("notice", "publish at"))
    # Set, in the same transaction as the notifications, by the one run that sends them.
    notified_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("school notice")
        verbose_name_plural = _("school notices")
        indexes = [models.Index(fields=["notified_at", "publish_at"])]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    """A file of a notice: a Wagtail document or image in the notices' collection, served
    only through the notices' own view (which checks the audience)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    image = models.ForeignKey(
        get_image_model_string(), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=120)
    extension = models.CharField(max_length=5)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document__isnull=True) ^ models.Q(image__isnull=True),
                name="notice_attachment_one_file",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def file(self):
        return (self.document or self.image).file


class Reading(models.Model):
    """A family member opened the notice (for the unread mark on their own list only)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="one_notice_read")]

    def __str__(self) -> str:
        return f"{self.notice_id}:{self.user_id}"


class Confirmation(models.Model):
    """A child's family confirmed reading the notice (either guardian; once per child)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="confirmations")
    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notice", "student"], name="one_confirmation_per_child")
        ]

    def __str__(self) -> str:
        return f"{self.notice_id}:{self.student_id}"
