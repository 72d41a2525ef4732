"""The course page tells a signed-in parent where they are in each lesson (the learning app
answers the catalogue's progress hook) and where to continue."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.learning.models import LessonProgress
from tests.courses.factories import UserFactory, lesson_add

pytestmark = pytest.mark.django_db


def _marks(html: str) -> list[str]:
    return re.findall(r"data-lesson-mark>([^<]+)<", html)


def _continue_href(html: str) -> str | None:
    found = re.search(r'<a class="button" href="([^"]+)" data-continue-learning>', html)
    return found.group(1) if found else None


def test_each_lesson_is_marked_not_started_watched_or_completed(
    client, parent, course, make_video_lesson
):
    first, second, third = (make_video_lesson(t) for t in ("一", "二", "三"))
    LessonProgress.objects.create(
        user=parent, lesson=first, watched_seconds=100, duration=100, completed_at=timezone.now()
    )
    LessonProgress.objects.create(user=parent, lesson=second, watched_seconds=40, duration=100)
    client.force_login(parent)
    html = client.get(course.url).content.decode()
    assert _marks(html) == ["已完成", "已看 40%", "未开始"]
    assert "继续学习" in html and _continue_href(html) == second.url


def test_continue_goes_to_the_first_unfinished_lesson_when_none_is_half_watched(
    client, parent, course, make_video_lesson
):
    first = make_video_lesson("一")
    optional = make_video_lesson("选学", required=False)
    last = make_video_lesson("三")
    LessonProgress.objects.create(
        user=parent, lesson=first, watched_seconds=95, duration=100, completed_at=timezone.now()
    )
    client.force_login(parent)
    html = client.get(course.url).content.decode()
    assert _continue_href(html) == last.url and optional.url != last.url


def test_a_parent_who_has_not_begun_is_invited_to_start(client, parent, course, make_video_lesson):
    first = make_video_lesson("一")
    client.force_login(parent)
    html = client.get(course.url).content.decode()
    assert _marks(html) == ["未开始"] and "开始学习" in html and _continue_href(html) == first.url


def test_a_finished_course_offers_no_continue_button(client, parent, course):
    reading = lesson_add(course, title="阅读")
    LessonProgress.objects.create(user=parent, lesson=reading, completed_at=timezone.now())
    client.force_login(parent)
    html = client.get(course.url).content.decode()
    assert _marks(html) == ["已完成"] and _continue_href(html) is None


def test_nobody_signed_in_sees_no_marks(client, course, make_video_lesson):
    make_video_lesson("一")
    html = client.get(course.url).content.decode()
    assert _marks(html) == [] and _continue_href(html) is None


def test_marks_are_the_parents_own(client, parent, course, make_video_lesson):
    lesson = make_video_lesson("一")
    LessonProgress.objects.create(
        user=UserFactory(), lesson=lesson, watched_seconds=100, duration=100,
        completed_at=timezone.now(),
    )  # fmt: skip
    client.force_login(parent)
    assert _marks(client.get(course.url).content.decode()) == ["未开始"]


def test_marks_cost_one_query_however_many_lessons(
    client, parent, course, make_video_lesson, django_assert_num_queries
):
    lessons = [make_video_lesson(f"第{n}课") for n in range(8)]
    client.force_login(parent)
    client.get(course.url)
    with CaptureQueriesContext(connection) as before:
        client.get(course.url)
    LessonProgress.objects.bulk_create(
        LessonProgress(user=parent, lesson=lesson, watched_seconds=10, duration=100)
        for lesson in lessons
    )
    with django_assert_num_queries(len(before.captured_queries)):
        html = client.get(course.url).content.decode()
    assert _marks(html) == ["已看 10%"] * 8
