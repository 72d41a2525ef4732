"""Reads for parents' learning."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Length, Substr
from django.utils import timezone

from courses.models import CoursePage, LessonPage, TalkPage
from lms.core.semesters import school_year, school_year_of
from lms.learning.caches import SettingTTLCache
from lms.learning.models import (
    Certificate,
    Child,
    CreditEntry,
    Enrolment,
    LessonProgress,
    TalkProgress,
)
from lms.learning.progress import ProgressState

# Lessons looked up by the heartbeat, per process: {lesson id: lesson}.
# A lesson changes rarely and is read on every beat; the cache is emptied in this process
# when any lesson is saved, published, unpublished, deleted or restricted (signals.py), and
# other processes see the change within LEARNING_LESSON_CACHE_SECONDS.
_lesson_cache = SettingTTLCache(setting="LEARNING_LESSON_CACHE_SECONDS", maxsize=4096)


def lesson_cache_clear() -> None:
    _lesson_cache.clear()


def lesson_for_progress(*, lesson_id: int) -> LessonPage | None:
    """A live, public lesson with its course's id as `course_pk`; None for unknown and
    unpublished lessons alike (the heartbeat's hottest read, so it is cached briefly)."""
    cached = _lesson_cache.get(lesson_id)
    if cached is not None:
        return cached
    lesson = _lesson_query(lesson_id)
    if lesson is None:
        # Unknown ids are not cached: a lesson published a moment later must be found, and
        # random ids must not fill the memory.
        _lesson_cache.pop(lesson_id)
        return None
    _lesson_cache.set(lesson_id, lesson)
    return lesson


def _lesson_query(lesson_id: int) -> LessonPage | None:
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - LessonPage.steplen)
    course = CoursePage.objects.filter(path=parent_path).values("pk")[:1]
    return (
        LessonPage.objects.live()
        .public()
        .select_related("media")
        # Only what progress needs: a page row has dozens of columns the beat never reads.
        .only(
            "pk",
            "path",
            "depth",
            "title",
            "live",
            "completion_threshold",
            "min_reading_seconds",
            "duration_seconds",
            "media_id",
            "media__duration",
        )
        .annotate(course_pk=Subquery(course, output_field=IntegerField()))
        .filter(pk=lesson_id)
        .first()
    )


def progress_get(*, user, lesson: LessonPage) -> ProgressState:
    progress = LessonProgress.objects.filter(user=user, lesson=lesson).first()
    return ProgressState.of(progress, lesson.duration or 0.0)


def talk_for_progress(*, talk_id: int) -> TalkPage | None:
    """A live, public talk with its recording; None for unknown and unpublished ones."""
    return TalkPage.objects.live().public().filter(pk=talk_id).select_related("media").first()


def talk_duration(*, talk: TalkPage) -> float:
    """The recording's length once it is ready to play (0 before: nothing can be earned)."""
    media = talk.media
    return float(media.duration or 0.0) if media is not None and media.is_ready else 0.0


def talk_progress_get(*, user, talk: TalkPage) -> ProgressState:
    progress = TalkProgress.objects.filter(user=user, talk=talk).first()
    return ProgressState.of(progress, talk_duration(talk=talk))


def lessons_progress(*, user, lessons) -> dict[int, tuple[float, bool]]:
    """{lesson id: (fraction watched, completed)} for the lessons this user has begun, in one
    query (lessons never begun are left out)."""
    rows = LessonProgress.objects.filter(user=user, lesson__in=[lesson.pk for lesson in lessons])
    return {
        lesson_id: (min(1.0, watched / duration) if duration else 0.0, completed is not None)
        for lesson_id, watched, duration, completed in rows.values_list(
            "lesson_id", "watched_seconds", "duration", "completed_at"
        )
    }


def my_learning(*, user) -> dict:
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "certificate")
        .order_by("-last_activity_at")
    )
    # The school year, as the class, school and county reports count 学时.
    year = school_year_of(timezone.localdate()).start_year
    return {
        "in_progress": [e for e in enrolments if e.completed_at is None],
        "completed": [e for e in enrolments if e.completed_at is not None],
        "hours_this_year": credit_year_total(user=user, year=year),
        "credits": credit_year_entries(user=user, year=year)[::-1],
        "children": list(Child.objects.filter(guardians=user).order_by("created_at")),
    }


def _school_year_span(year: int):
    """The aware datetimes [start, end) of the school year starting in `year`."""
    from datetime import datetime, time, timedelta

    span = school_year(year)
    start = timezone.make_aware(datetime.combine(span.first_day, time.min))
    end = timezone.make_aware(datetime.combine(span.last_day + timedelta(days=1), time.min))
    return start, end


def credit_year_entries(*, user, year: int) -> list[CreditEntry]:
    """The user's 学时 ledger lines earned in the school year starting in `year` (2026 is
    2026-09-01 … 2027-08-31 with the default LMS_SEMESTERS; lms.core.semesters.school_year),
    oldest first. An empty list for a year without hours."""
    start, end = _school_year_span(year)
    return list(
        CreditEntry.objects.filter(user=user, earned_at__gte=start, earned_at__lt=end).order_by(
            "earned_at", "pk"
        )
    )


def credit_year_total(*, user, year: int) -> Decimal:
    """The sum of `credit_year_entries` (Decimal("0") for a year without hours)."""
    start, end = _school_year_span(year)
    total = CreditEntry.objects.filter(
        user=user, earned_at__gte=start, earned_at__lt=end
    ).aggregate(total=Sum("hours"))["total"]
    return total or Decimal("0")


def credit_days(*, user) -> list:
    """The local days on which the user earned 学时 (the statement's choice of years)."""
    return list(CreditEntry.objects.filter(user=user).dates("earned_at", "day"))


def certificate_by_code(*, code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("enrolment__course", "enrolment__user")
        .filter(code=code.strip().upper())
        .first()
    )


def certificate_of_holder(*, user, code: str) -> Certificate | None:
    """The certificate behind a code, if it is this user's own."""
    found = certificate_by_code(code=code)
    if found is None or found.enrolment.user_id != user.pk:
        return None
    return found


def child_of_guardian(*, user, child_id: int) -> Child | None:
    return Child.objects.filter(pk=child_id, guardians=user).first()


def _child_age(child: Child, today) -> int | None:
    """Completed years from the birth year (and month when given; January otherwise)."""
    if not child.birth_year:
        return None
    before_birthday = (child.birth_month or 1) > today.month
    return today.year - child.birth_year - (1 if before_birthday else 0)


def children_stage_codes(*, user) -> list[str]:
    """Stages of the user's children, from the stage given or the birth year."""
    from courses.vocabulary import stages_for_age

    codes: list[str] = []
    today = timezone.localdate()
    for child in Child.objects.filter(guardians=user).order_by("pk"):
        if child.stage:
            codes.append(child.stage)
        elif (age := _child_age(child, today)) is not None:
            codes.extend(stages_for_age(age))
    return list(dict.fromkeys(codes))


def children_ages(*, user) -> list[int]:
    """The ages (0–17) of the user's children, for age pickers: from the birth year, or the
    youngest age of the stage given; [] for a visitor or a user without children."""
    from courses.vocabulary import MAX_CHILD_AGE, STAGES

    if not getattr(user, "is_authenticated", False):
        return []
    youngest = {stage.code: stage.min_age for stage in STAGES}
    today = timezone.localdate()
    ages: list[int] = []
    for child in Child.objects.filter(guardians=user).order_by("pk"):
        age = _child_age(child, today)
        if age is None:
            age = youngest.get(child.stage)
        if age is not None and 0 <= age <= MAX_CHILD_AGE:
            ages.append(age)
    return list(dict.fromkeys(ages))


def holder_name_masked(name: str) -> str:
    """Only the first character on the public verification page: 王** rather than 王秀兰."""
    return (name[:1] + "*" * max(1, len(name) - 1)) if name else ""


def recommendations_for(*, user, limit: int = 6) -> list:
    """Live courses for the stages of the user's children, not yet completed by the user."""
    from courses.selectors import courses_live

    stages = children_stage_codes(user=user)
    if not stages:
        return []
    done = Enrolment.objects.filter(user=user, completed_at__isnull=False).values("course_id")
    return list(
        courses_live().filter(stages__code__in=stages).exclude(pk__in=done).distinct()[:limit]
    )
