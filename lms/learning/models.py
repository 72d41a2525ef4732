from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.vocabulary import STAGES


class Child(models.Model):
    """The minimum about a child: a nickname and an age or stage. No names, no ID numbers."""

    nickname = models.CharField(
        _("nickname"), max_length=20, help_text=_("For example 小明 or 大宝.")
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("birth month"), null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, blank=True, choices=[(s.code, s.label) for s in STAGES]
    )
    guardians = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Guardianship", related_name="children"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self) -> str:
        return self.nickname


class Guardianship(models.Model):
    class Relation(models.TextChoices):
        FATHER = "father", _("father")
        MOTHER = "mother", _("mother")
        GRANDFATHER = "grandfather", _("grandfather (father's side)")
        GRANDMOTHER = "grandmother", _("grandmother (father's side)")
        MATERNAL_GRANDFATHER = "maternal_grandfather", _("grandfather (mother's side)")
        MATERNAL_GRANDMOTHER = "maternal_grandmother", _("grandmother (mother's side)")
        OTHER = "other", _("other")

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="guardianships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guardianships"
    )
    relation = models.CharField(_("relation"), max_length=24, choices=Relation.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "user"], name="one_guardianship")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.relation} {self.child_id}"


class LessonProgress(models.Model):
    """One parent's progress in one lesson: the union of watched intervals and the position."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    intervals = models.JSONField(default=list)
    watched_seconds = models.FloatField(default=0)
    duration = models.FloatField(default=0)
    position = models.FloatField(default=0)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_beat_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Beats credited so far; every write increments it, so a beat written without a lock
    # can check that nobody wrote in between (compare-and-set).
    beats = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="one_progress_per_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.lesson_id} {self.watched_seconds:.0f}s"

    @property
    def fraction(self) -> float:
        return min(1.0, self.watched_seconds / self.duration) if self.duration else 0.0


class WatchedRecording(models.Model):
    """One person's watching of a recording that is not a lesson (a talk's replay, an online
    activity's recording), counted as a lesson's is: the union of honestly watched
    intervals, rate-limited per beat. A concrete model adds what was watched and its
    unique constraint; `completed_at` is when its threshold was reached."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    intervals = models.JSONField(default=list)
    watched_seconds = models.FloatField(default=0)
    duration = models.FloatField(default=0)
    position = models.FloatField(default=0)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_beat_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def fraction(self) -> float:
        return min(1.0, self.watched_seconds / self.duration) if self.duration else 0.0


class TalkProgress(WatchedRecording):
    """A parent's watching of a talk's recording or replay; complete at the talk's threshold."""

    talk = models.ForeignKey("courses.TalkPage", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "talk"], name="one_progress_per_talk")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:talk {self.talk_id} {self.watched_seconds:.0f}s"


class Enrolment(models.Model):
    """A parent's course, with counters kept current as lessons complete (reports read these)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now=True)
    lessons_completed = models.PositiveIntegerField(default=0)
    lessons_required = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    credit_hours = models.DecimalField(max_digits=4, decimal_places=1, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrolment")]
        indexes = [models.Index(fields=["user", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.course_id}"

    @property
    def percent(self) -> int:
        return (
            round(100 * self.lessons_completed / self.lessons_required)
            if self.lessons_required
            else 0
        )


class Certificate(models.Model):
    """Proof of a completed course; verifiable by its code without signing in."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(max_length=16, unique=True)
    holder_name = models.CharField(max_length=40)
    course_title = models.CharField(max_length=255)
    credit_hours = models.DecimalField(max_digits=4, decimal_places=1)
    issued_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.code


class ApiToken(models.Model):
    """A bearer token for a future mobile or WeChat client; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"token for {self.user_id}"


class CreditEntry(models.Model):
    """One line of a parent's 学时 ledger: a completed course or an attended guidance activity.

    Written once per source (course completion, activity attendance) by
    lms.learning.services.credit_record, so the year's total is a sum of one table.
    """

    class Source(models.TextChoices):
        COURSE = "course", _("course")
        ACTIVITY = "activity", _("guidance activity")
        TALK = "talk", _("talk replay")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=8, choices=Source.choices)
    source_id = models.PositiveIntegerField()
    title = models.CharField(max_length=255)
    hours = models.DecimalField(max_digits=4, decimal_places=1)
    earned_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source", "source_id"], name="one_credit_per_source"
            )
        ]
        indexes = [models.Index(fields=["user", "earned_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.source}:{self.source_id} {self.hours}"


class FamilyInvite(models.Model):
    """A one-time family code: a guardian invites another family member (a grandparent, the
    other parent) to a child, without going through a class. Only a hash of the code is kept."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family_invites")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"family code {self.pk} for child {self.child_id}"
