"""Reads of the catalogue, for pages, the API and search. Query counts stay bounded."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from wagtail import hooks

from courses.models import CoursePage, Lecturer, LessonPage, Stage, TalkPage, TalkSignup, Topic
from courses.vocabulary import MAX_CHILD_AGE, STAGE_CODES, stages_for_age
from media_pipeline.selectors import asset_playback, captions_text

TYPES = ("course", "talk")

# Learners' progress lives in an app that depends on this one, so it answers through a
# hook: fn(*, user, lessons) -> {lesson id: (fraction watched 0..1, completed)}.
LESSON_PROGRESS_HOOK = "courses_lesson_progress"
# The app that runs talk sign-ups answers for organisers the same way:
# fn(*, user, talk) -> {"count": places taken, "url": their list} or None for anyone else.
TALK_ORGANISER_HOOK = "courses_talk_organiser"

# The live link shows this long before the start, so a parent can join and settle in.
LIVE_LINK_EARLY = timedelta(minutes=10)


@dataclass(frozen=True)
class CatalogueFilters:
    age: int | None = None
    stages: tuple[str, ...] = ()
    topic: str | None = None
    type: str | None = None
    errors: tuple[str, ...] = field(default=())

    @property
    def stage_codes(self) -> tuple[str, ...]:
        if self.age is not None:
            return tuple(stages_for_age(self.age))
        return self.stages


def catalogue_filters_parse(params) -> CatalogueFilters:
    """Read ?age=&stage=&topic=&type= leniently: a bad value is ignored and reported."""
    errors = []
    age = None
    raw_age = (params.get("age") or "").strip()
    if raw_age:
        if raw_age.isdigit() and 0 <= int(raw_age) <= MAX_CHILD_AGE:
            age = int(raw_age)
        else:
            errors.append("age")
    stages = tuple(code for code in params.getlist("stage") if code in STAGE_CODES)
    if len(stages) != len(params.getlist("stage")):
        errors.append("stage")
    topic = (params.get("topic") or "").strip()[:100] or None
    kind = params.get("type") if params.get("type") in TYPES else None
    return CatalogueFilters(age=age, stages=stages, topic=topic, type=kind, errors=tuple(errors))


def courses_live() -> QuerySet[CoursePage]:
    return (
        CoursePage.objects.live()
        .public()
        .select_related("cover")
        .prefetch_related("stages", "topics", "lecturers")
        .order_by("path")
    )


def talks_live() -> QuerySet[TalkPage]:
    return (
        TalkPage.objects.live()
        .public()
        .select_related("lecturer", "media")
        .prefetch_related("stages", "topics")
    )


def _filtered(queryset, filters: CatalogueFilters):
    if filters.stage_codes:
        queryset = queryset.filter(stages__code__in=filters.stage_codes)
    if filters.topic:
        queryset = queryset.filter(topics__name=filters.topic)
    return queryset.distinct()


def _with_live_lesson_counts(courses: list[CoursePage], index_page) -> list[CoursePage]:
    """Count live lessons per course in one query (numchild would count drafts too)."""
    steplen = CoursePage.steplen
    paths = (
        LessonPage.objects.live().public().descendant_of(index_page).values_list("path", flat=True)
    )
    counts = Counter(path[:-steplen] for path in paths)
    for course in courses:
        course.live_lesson_count = counts[course.path]
    return courses


def catalogue_list(*, index_page, filters: CatalogueFilters) -> dict:
    courses = (
        []
        if filters.type == "talk"
        else _with_live_lesson_counts(
            list(_filtered(courses_live().child_of(index_page), filters)), index_page
        )
    )
    talks = (
        []
        if filters.type == "course"
        else list(_filtered(talks_live(), filters).order_by("-date")[:12])
    )
    return {
        "filters": filters,
        "courses": courses,
        "talks": talks,
        "stages": list(Stage.objects.all()),
        "topics": list(Topic.objects.filter(curated=True)),
        "ages": range(0, MAX_CHILD_AGE + 1),
    }


def course_lessons(*, course: CoursePage) -> list[LessonPage]:
    return list(
        LessonPage.objects.child_of(course).live().public().select_related("media").order_by("path")
    )


@dataclass(frozen=True)
class LessonMark:
    """Where a learner is in one lesson, for the course page's list."""

    percent: int
    completed: bool

    @property
    def started(self) -> bool:
        return self.completed or self.percent > 0


def _lesson_marks(*, user, lessons: list[LessonPage]) -> dict[int, LessonMark] | None:
    """Marks for the signed-in learner; None when nobody is signed in or nothing answers."""
    if not lessons or not getattr(user, "is_authenticated", False):
        return None
    providers = hooks.get_hooks(LESSON_PROGRESS_HOOK)
    if not providers:
        return None
    found: dict[int, tuple[float, bool]] = {}
    for provider in providers:
        found.update(provider(user=user, lessons=lessons))
    marks = {}
    for lesson in lessons:
        fraction, completed = found.get(lesson.pk, (0.0, False))
        # Never show 100 % for an unfinished lesson, nor 0 % for a started one.
        percent = 100 if completed else min(99, int(fraction * 100))
        marks[lesson.pk] = LessonMark(percent=percent, completed=completed)
    return marks


def course_context(*, course: CoursePage, user) -> dict:
    """The course page: its lessons, and for a signed-in learner each lesson's mark and the
    lesson to continue with (the first one begun and unfinished, else the first unfinished,
    required lessons before optional ones)."""
    lessons = course_lessons(course=course)
    marks = _lesson_marks(user=user, lessons=lessons)
    continue_lesson = None
    if marks is not None:
        for lesson in lessons:
            lesson.mark = marks[lesson.pk]
        unfinished = [lesson for lesson in lessons if not lesson.mark.completed]
        continue_lesson = next(
            (lesson for lesson in unfinished if lesson.mark.started),
            next((lesson for lesson in unfinished if lesson.required), None)
            or (unfinished[0] if unfinished else None),
        )
    return {
        "lessons": lessons,
        "progress_shown": marks is not None,
        "continue_lesson": continue_lesson,
        "course_begun": bool(marks) and any(mark.started for mark in marks.values()),
    }


def lesson_context(*, lesson: LessonPage) -> dict:
    course = lesson.get_parent().specific
    siblings = list(
        LessonPage.objects.child_of(course)
        .live()
        .public()
        .order_by("path")
        .only("id", "title", "path", "url_path")
    )
    position = next((i for i, sibling in enumerate(siblings) if sibling.pk == lesson.pk), 0)
    media = lesson.media
    playback = asset_playback(media)
    return {
        "course": course,
        "playback": playback,
        # The lecturer's own text wins; otherwise what the captions say.
        "transcript": lesson.transcript.strip() or (captions_text(media) if playback else ""),
        "media_pending": media is not None and not media.is_ready,
        "lesson_number": position + 1,
        "lesson_count": len(siblings),
        "previous_lesson": siblings[position - 1] if position > 0 else None,
        "next_lesson": siblings[position + 1] if position + 1 < len(siblings) else None,
        "attachments": list(lesson.attachments.select_related("document")),
    }


def talks_list(*, index_page) -> dict:
    today = timezone.localdate()
    talks = talks_live().child_of(index_page)
    return {
        "upcoming": list(talks.filter(date__gte=today).order_by("date")),
        "replays": list(talks.filter(date__lt=today, media__isnull=False).order_by("-date")),
    }


def talk_live_opens_at(*, talk: TalkPage) -> datetime:
    """When the live link appears: a little before the start time; on the talk's day when
    it has no time."""
    if talk.starts_at:
        return talk.starts_at - LIVE_LINK_EARLY
    return timezone.make_aware(datetime.combine(talk.date, time.min))


def _talk_organiser(*, talk: TalkPage, user) -> dict | None:
    if not getattr(user, "is_authenticated", False):
        return None
    for provider in hooks.get_hooks(TALK_ORGANISER_HOOK):
        found = provider(user=user, talk=talk)
        if found is not None:
            return found
    return None


def talk_context(*, talk: TalkPage, user, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    signups = TalkSignup.objects.filter(talk=talk, cancelled_at__isnull=True)
    signed_up = bool(user.is_authenticated and signups.filter(user=user).exists())
    places_left = max(0, talk.capacity - signups.count()) if talk.capacity is not None else None
    opens_at = talk_live_opens_at(talk=talk)
    upcoming = talk.date >= timezone.localdate()
    return {
        "playback": asset_playback(talk.media),
        "media_pending": talk.media is not None and not talk.media.is_ready,
        "upcoming": upcoming,
        "signed_up": signed_up,
        "places_left": places_left,
        # Before it opens the link is not in the page at all, only when it opens.
        "live_open": bool(talk.live_url and upcoming and now >= opens_at),
        "live_opens_at": opens_at,
        "organiser": _talk_organiser(talk=talk, user=user),
        # The progress API (public, documented) counts the recording as it counts lessons.
        "talk_progress_url": f"/api/v1/talks/{talk.pk}/progress",
    }


def lecturers_by_category() -> list[tuple[str, list[Lecturer]]]:
    groups: dict[str, list[Lecturer]] = {}
    for lecturer in Lecturer.objects.select_related("photo"):
        groups.setdefault(lecturer.get_category_display(), []).append(lecturer)
    return list(groups.items())


def lecturer_work(*, lecturer: Lecturer, index_page=None) -> dict:
    from courses.models import CourseIndexPage

    courses = list(courses_live().filter(lecturers=lecturer))
    index_page = index_page or CourseIndexPage.objects.first()
    return {
        "courses": _with_live_lesson_counts(courses, index_page) if index_page else courses,
        "talks": list(talks_live().filter(lecturer=lecturer).order_by("-date")),
    }


def lecturer_has_content(*, lecturer: Lecturer) -> bool:
    """Any course or talk, live or draft, still names this lecturer."""
    return (
        CoursePage.objects.filter(lecturers=lecturer).exists()
        or TalkPage.objects.filter(lecturer=lecturer).exists()
    )


def home_sections(*, home) -> dict:
    """The catalogue's sections under the home page, and the ages to pick from."""
    from courses.models import CourseIndexPage, LecturerIndexPage, TalkIndexPage

    sections = {}
    for key, model in (
        ("catalogue", CourseIndexPage),
        ("talks", TalkIndexPage),
        ("lecturers", LecturerIndexPage),
    ):
        sections[key] = model.objects.child_of(home).live().first()
    return {"sections": sections, "ages": range(0, MAX_CHILD_AGE + 1)}
