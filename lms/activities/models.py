"""Guidance activities (家长会, 开放日, 讲座 …) held by schools, community stations and the
lecturer team; sign-ups, attendance, surveys; community stations; requests for a talk."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.learning.models import WatchedRecording
from lms.schools.grades import GRADE_CHOICES


def _check_in_code() -> str:
    return secrets.token_urlsafe(9)


class Community(models.Model):
    """A community (社区) or village (村) of the county: what station coverage is counted over."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    township = models.CharField(_("township"), max_length=40)
    is_village = models.BooleanField(_("village (not an urban community)"), default=False)

    class Meta:
        ordering = ["township", "name"]
        verbose_name = _("community or village")
        verbose_name_plural = _("communities and villages")

    def __str__(self) -> str:
        return self.name


class Station(models.Model):
    """A community or village family-education station (社区家庭教育指导站)."""

    class Host(models.TextChoices):
        WOMEN_CHILDREN_HOME = (
            "women_children",
            pgettext_lazy("station host", "Women and children's home"),
        )
        PARTY_SERVICE_CENTRE = (
            "party_service",
            pgettext_lazy("station host", "Party and community service centre"),
        )
        YOUTH_HOME = "youth", pgettext_lazy("station host", "Youth home")
        OTHER = "other", _("other host")

    name = models.CharField(_("name"), max_length=80)
    community = models.OneToOneField(
        Community,
        on_delete=models.PROTECT,
        related_name="station",
        verbose_name=_("community or village"),
        help_text=_("One station each."),
    )
    host = models.CharField(_("host organisation"), max_length=16, choices=Host.choices)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="stations", verbose_name=_("staff")
    )

    class Meta:
        ordering = ["community__township", "name"]
        verbose_name = _("community station")
        verbose_name_plural = _("community stations")

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """One guidance activity. Exactly one organiser: a school, a station, or the lecturer team."""

    class Kind(models.TextChoices):
        PARENT_MEETING = "meeting", pgettext_lazy("activity kind", "Parent meeting")
        OPEN_DAY = "open_day", pgettext_lazy("activity kind", "Parents' open day")
        RECEPTION_DAY = "reception", pgettext_lazy("activity kind", "Parents' reception day")
        LECTURE = "lecture", pgettext_lazy("activity kind", "Talk on a topic")
        PARENT_CHILD = "parent_child", pgettext_lazy("activity kind", "Parent-child activity")
        ONLINE_LECTURE = "online", pgettext_lazy("activity kind", "Online talk")

    class Audience(models.TextChoices):
        CLASSES = "classes", _("chosen classes")
        GRADE = "grade", _("a grade")
        SCHOOL = "school", _("the whole school")
        PUBLIC = "public", _("open to all families")

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
    )
    station = models.ForeignKey(
        Station, null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    by_lecturer_team = models.BooleanField(_("held by the lecturer team"), default=False)
    lecturer = models.ForeignKey(
        "courses.Lecturer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("lecturer"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    live_link = models.URLField(_("live link"), blank=True)
    audience = models.CharField(_("for"), max_length=8, choices=Audience.choices)
    classes = models.ManyToManyField(
        "schools.SchoolClass", blank=True, related_name="+", verbose_name=_("classes")
    )
    grade = models.CharField(_("grade"), max_length=4, choices=GRADE_CHOICES, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    credit_hours = models.DecimalField(
        _("credit hours for attending"), max_digits=3, decimal_places=1, default=1
    )
    description = models.TextField(_("description"), blank=True)
    # An online talk's recording: watching it (in the site's player) for `replay_share`
    # counts as attending, as checking in does (lms.activities.talk_online).
    replay = models.ForeignKey(
        "media_pipeline.MediaAsset",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recording (replay)"),
    )
    replay_share = models.DecimalField(
        _("share to watch to count as attending"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.60"),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("1.0"))],
    )
    check_in_code = models.CharField(max_length=16, unique=True, default=_check_in_code)
    organised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("guidance activity")
        verbose_name_plural = _("guidance activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d} {self.title}"

    @property
    def organiser_name(self) -> str:
        if self.school_id:
            return self.school.name
        if self.station_id:
            return self.station.name
        return str(_("County lecturer team"))


class Signup(models.Model):
    """A family's place at an activity, and whether they came.

    A walk-in is someone who checked in without signing up: recorded, never turned away.
    """

    class Method(models.TextChoices):
        LIST = "list", _("teacher's check list")
        QR = "qr", _("QR code on site")
        ONLINE = "web", _("watched online")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    signed_up_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(default=False)
    walk_in = models.BooleanField(default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    check_in_method = models.CharField(max_length=4, choices=Method.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="one_signup_per_family")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}:{self.user_id}"

    @property
    def holds_place(self) -> bool:
        return self.signed_up_at is not None and self.cancelled_at is None

    @property
    def survey_pending(self) -> bool:
        """Attended and not yet answered the survey (answering is once per attendee)."""
        return self.attended and not hasattr(self, "survey")


class ActivityProgress(WatchedRecording):
    """A family's watching of an online activity's recording; `completed_at` is when it
    reached the activity's share and attendance was credited."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "activity"], name="one_progress_per_activity")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:activity {self.activity_id} {self.watched_seconds:.0f}s"


class SurveyResponse(models.Model):
    """After the activity: satisfaction 1–5 and an optional comment, once per attendee."""

    signup = models.OneToOneField(Signup, on_delete=models.CASCADE, related_name="survey")
    rating = models.PositiveSmallIntegerField(
        _("how useful was it"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.signup_id}: {self.rating}"


class TalkRequest(models.Model):
    """A school asks the county lecturer team for a talk (送教上门); the bureau assigns one."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ASSIGNED = "assigned", _("lecturer assigned")
        DECLINED = "declined", _("declined")

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(_("topic"), max_length=120)
    preferred_dates = models.CharField(_("preferred dates"), max_length=120)
    audience_note = models.CharField(_("audience"), max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    lecturer = models.ForeignKey(
        "courses.Lecturer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activity = models.OneToOneField(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="talk_request"
    )
    reply = models.CharField(_("reply to the school"), max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.school} · {self.topic}"


class ReceptionSlot(models.Model):
    """One bookable time of a reception day (家长接待日): an Activity of kind RECEPTION_DAY
    for one class, cut into slots of a few minutes each."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="reception_slot_ends_after_start",
            ),
            models.UniqueConstraint(fields=["activity", "starts_at"], name="one_slot_per_time"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}@{self.starts_at:%Y-%m-%d %H:%M}"


class ReceptionBooking(models.Model):
    """A family's booking of a slot for one child. Cancelled bookings stay (cancelled_at set)
    so a slot can be booked again; the database allows one live booking per slot, and one
    per child and day."""

    slot = models.ForeignKey(ReceptionSlot, on_delete=models.CASCADE, related_name="bookings")
    student = models.ForeignKey("schools.Student", on_delete=models.CASCADE, related_name="+")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The slot's local date, copied here so a unique index can hold "one slot per child a day".
    day = models.DateField()
    booked_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(cancelled_at__isnull=True),
                name="one_family_per_slot",
            ),
            models.UniqueConstraint(
                fields=["student", "day"],
                condition=models.Q(cancelled_at__isnull=True),
                name="one_slot_per_child_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slot_id}:{self.student_id}"
