"""The county's schools and classes, the families in them, assignments and reminders.

Only what the work needs: a student is a nickname or initials; a guardian is a
phone number, an optional name and a relation. Nothing here identifies a child.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from lms.learning.models import Guardianship
from lms.schools.grades import GRADE_CHOICES, grade_label


class School(models.Model):
    class Kind(models.TextChoices):
        KINDERGARTEN = "kindergarten", _("kindergarten")
        PRIMARY = "primary", _("primary school")
        JUNIOR = "junior", _("junior middle school")
        SENIOR = "senior", _("senior middle school")
        NINE_YEAR = "nine_year", _("nine-year school")
        OTHER = "other", _("other")

    code = models.SlugField(
        _("code"), max_length=32, unique=True, help_text=_("Short and stable, e.g. cxxx.")
    )
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    township = models.CharField(_("township"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["township", "name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self) -> str:
        return self.name


class SchoolStaff(models.Model):
    """A teacher or administrator of one school. Teachers see only their own classes."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_posts"
    )
    is_admin = models.BooleanField(_("school administrator"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "user"], name="one_post")]
        verbose_name = _("school staff member")
        verbose_name_plural = _("school staff")

    def __str__(self) -> str:
        return f"{self.user} @ {self.school}"


_NUMBERED_CLASS = re.compile(r"(\d+)班")


class SchoolClass(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="classes")
    grade = models.CharField(_("grade"), max_length=4, choices=GRADE_CHOICES)
    name = models.CharField(_("class"), max_length=20, help_text=_("For example 2班."))
    head_teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head teacher"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_classes",
    )
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="taught_classes"
    )
    invite_code = models.CharField(max_length=12, unique=True)
    invite_expires_at = models.DateTimeField(_("invitation expires"), null=True, blank=True)
    join_requires_approval = models.BooleanField(
        _("new families need the teacher's approval"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["grade", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "grade", "name"], name="one_class_name")
        ]
        verbose_name = _("class")
        verbose_name_plural = _("classes")

    def __str__(self) -> str:
        # "三年级2班" in Chinese, "Grade 3 Class 2" in English.
        return gettext("%(grade)s %(name)s") % {"grade": self.grade_label, "name": self.name_label}

    def invite_expired(self, now=None) -> bool:
        """The invitation had an end date and it has passed (the link then says so)."""
        expires = self.invite_expires_at
        return bool(expires and expires < (now or timezone.now()))

    @property
    def grade_label(self) -> str:
        return grade_label(self.grade)

    @property
    def name_label(self) -> str:
        """A numbered class ("2班", as rosters are normalised) in the visitor's language; a
        named class ("英才班") as the school wrote it."""
        numbered = _NUMBERED_CLASS.fullmatch(self.name)
        if not numbered:
            return self.name
        return pgettext("class name", "Class %(number)s") % {"number": numbered[1]}


class RetiredInvite(models.Model):
    """A replaced invitation code, kept so a stale link gets a helpful message."""

    code = models.CharField(max_length=12, unique=True)
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="+")
    retired_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.code


class Student(models.Model):
    """A child in a class: a nickname or initials, linked to the family's child profile."""

    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="students")
    nickname = models.CharField(_("nickname or initials"), max_length=20)
    child = models.ForeignKey(
        "learning.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["nickname"]
        constraints = [
            models.UniqueConstraint(fields=["school_class", "nickname"], name="one_nickname")
        ]

    def __str__(self) -> str:
        return self.nickname


class Guardian(models.Model):
    """A student's parent or carer as the school knows them; linked to an account on joining."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the teacher")
        ACTIVE = "active", _("joined")

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="guardians")
    phone = models.CharField(_("mobile number"), max_length=11, blank=True)
    name = models.CharField(_("name"), max_length=40, blank=True)
    relation = models.CharField(_("relation"), max_length=24, choices=Guardianship.Relation.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="school_guardianships",
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    joined_at = models.DateTimeField(null=True, blank=True)
    # A teacher of the class vouched for this family (needed when the account's number was
    # never verified by an SMS code; see selectors.guardians_unverified).
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["student", "phone"], condition=~Q(phone=""), name="one_guardian_phone"
            ),
            models.UniqueConstraint(
                fields=["student", "user"],
                condition=Q(user__isnull=False),
                name="one_guardian_user",
            ),
        ]
        indexes = [models.Index(fields=["phone"]), models.Index(fields=["status", "user"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.get_relation_display()}"


class Assignment(models.Model):
    """A course (or chosen lessons) assigned to a class, a grade or the whole school."""

    class Scope(models.TextChoices):
        CLASS = "class", _("one class")
        GRADE = "grade", _("a whole grade")
        SCHOOL = "school", _("the whole school")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="assignments")
    scope = models.CharField(_("for"), max_length=8, choices=Scope.choices)
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    grade = models.CharField(_("grade"), max_length=4, choices=GRADE_CHOICES, blank=True)
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )
    lessons = models.ManyToManyField(
        "courses.LessonPage",
        verbose_name=_("chosen lessons"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to assign the whole course."),
    )
    starts_on = models.DateField(_("starts on"))
    due_on = models.DateField(_("due on"))
    note = models.CharField(_("note to families"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["school", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("starts_on")), name="due_after_start"
            ),
            models.CheckConstraint(
                condition=(
                    Q(scope="class", school_class__isnull=False)
                    | Q(scope="grade", school_class__isnull=True) & ~Q(grade="")
                    | Q(scope="school", school_class__isnull=True, grade="")
                ),
                name="scope_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} → {self.get_scope_display()}"

    @property
    def audience_label(self) -> str:
        """Who it is for, as a head teacher says it: 三年级2班, 三年级全年级, 全校."""
        if self.scope == self.Scope.CLASS and self.school_class is not None:
            return str(self.school_class)
        if self.scope == self.Scope.GRADE:
            return str(_("all of %(grade)s")) % {"grade": grade_label(self.grade)}
        return str(self.Scope.SCHOOL.label)


class AssignmentException(models.Model):
    """One family excused from an assignment, or given a later due date."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="exceptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    excused = models.BooleanField(_("excused"), default=False)
    due_on = models.DateField(_("later due date"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "user"], name="one_exception")]

    def __str__(self) -> str:
        return f"{self.assignment_id}:{self.user_id}"


class ReminderDigest(models.Model):
    """At most one assignment reminder notice per person per day: the unique row is the cap."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    assignments = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.sent_on}"
