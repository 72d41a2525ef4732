from datetime import timedelta

import pytest
from django.utils import timezone

from lms.core.errors import ServiceError
from lms.learning.models import Certificate, Enrolment, LessonProgress
from lms.learning.services import progress_record, reading_mark_read
from tests.courses.factories import lesson_add

pytestmark = pytest.mark.django_db
T0 = timezone.now()


def beat(parent, lesson, intervals, at_seconds, position=None):
    return progress_record(
        user=parent,
        lesson=lesson,
        intervals=intervals,
        position=position,
        now=T0 + timedelta(seconds=at_seconds),
    )


def test_claiming_ten_minutes_in_one_request_earns_seconds(parent, video_lesson):
    state = beat(parent, video_lesson, [[0, 100]], 0)
    assert state.watched_seconds == 30  # the first beat: slack only
    state = beat(parent, video_lesson, [[0, 100]], 5)
    assert state.watched_seconds == 30 + 5 * 2 + 30


def test_honest_watching_completes_at_the_threshold_and_stays_complete(parent, video_lesson):
    for n in range(6):  # 15-second beats of real playback
        state = beat(
            parent, video_lesson, [[n * 15, (n + 1) * 15]], (n + 1) * 15, position=(n + 1) * 15
        )
    assert state.watched_seconds == 90 and state.fraction == 0.9 and state.completed
    state = beat(parent, video_lesson, [], 200, position=10)
    assert state.completed and state.position == 10


def test_skipping_and_rewatching(parent, video_lesson):
    beat(parent, video_lesson, [[0, 10]], 10)
    state = beat(parent, video_lesson, [[0, 10], [80, 90]], 30)
    assert state.watched_seconds == 20
    state = beat(parent, video_lesson, [[0, 10]], 60)
    assert state.watched_seconds == 20


def test_two_lessons_complete_the_course_with_credit_hours_and_a_certificate(
    parent, course, make_video_lesson
):
    first, second = make_video_lesson("一"), make_video_lesson("二")
    make_video_lesson("选学", required=False)
    for lesson in (first, second):
        for n in range(7):
            beat(parent, lesson, [[n * 15, (n + 1) * 15]], 1000 * lesson.pk + (n + 1) * 15)
        enrolment = Enrolment.objects.get(user=parent, course=course)
    assert (enrolment.lessons_completed, enrolment.lessons_required) == (2, 2)
    assert enrolment.completed_at is not None and str(enrolment.credit_hours) == "2.0"
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.holder_name == "王秀兰" and certificate.course_title == "亲子沟通"
    assert len(certificate.code) == 10


def test_counters_follow_lesson_completion_not_raw_beats(parent, course, make_video_lesson):
    first = make_video_lesson("一")
    make_video_lesson("二")
    beat(parent, first, [[0, 15]], 15)
    enrolment = Enrolment.objects.get(user=parent, course=course)
    assert (enrolment.lessons_completed, enrolment.lessons_required) == (0, 2)
    for n in range(1, 7):
        beat(parent, first, [[n * 15, (n + 1) * 15]], (n + 1) * 15)
    enrolment.refresh_from_db()
    assert enrolment.lessons_completed == 1 and enrolment.completed_at is None


def test_reading_lessons_need_the_minimum_time(parent, course):
    reading = lesson_add(course, title="阅读")
    progress_record(user=parent, lesson=reading, intervals=[], position=0)  # opened
    with pytest.raises(ServiceError, match=r"请再阅读 \d+ 秒") as raised:
        reading_mark_read(user=parent, lesson=reading)
    assert 55 <= raised.value.retry_after <= 60  # the page counts down from what the server says
    later = timezone.now() + timedelta(seconds=reading.min_reading_seconds + 1)
    assert reading_mark_read(user=parent, lesson=reading, now=later).completed
    assert LessonProgress.objects.get(user=parent, lesson=reading).completed_at is not None


def test_videos_cannot_be_marked_as_read(parent, video_lesson):
    with pytest.raises(ServiceError):
        reading_mark_read(user=parent, lesson=video_lesson)
