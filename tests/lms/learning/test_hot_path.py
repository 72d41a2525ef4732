"""The heartbeat's hot path: compare-and-set without a transaction, and its per-process caches."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.utils import timezone

from courses.models import LessonPage
from lms.learning.models import ApiToken, LessonProgress
from lms.learning.services import api_token_create, progress_record

pytestmark = pytest.mark.django_db


def beat(lesson, user, interval, now):
    return progress_record(
        user=user, lesson=lesson, intervals=[interval], position=interval[1], now=now
    )


def test_each_beat_counts_once_on_the_unlocked_path(parent, video_lesson):
    start = timezone.now() - timedelta(minutes=5)
    for n in range(4):
        state = beat(video_lesson, parent, (n * 15, n * 15 + 15), start + timedelta(seconds=15 * n))
    progress = LessonProgress.objects.get(user=parent, lesson=video_lesson)
    assert progress.beats == 4
    assert progress.intervals == [[0.0, 60.0]]
    assert state.watched_seconds == 60 and state.fraction == 0.6 and not state.completed
    assert state.position == 60


def test_a_write_between_read_and_update_is_merged_not_lost(parent, video_lesson):
    """Another tab writes after this beat read the row: the guarded UPDATE misses, and the
    locked path merges both tabs' coverage."""
    start = timezone.now() - timedelta(minutes=5)
    beat(video_lesson, parent, (0, 10), start)
    progress = LessonProgress.objects.get(user=parent, lesson=video_lesson)
    intruded = []

    def other_tab_first(execute, sql, params, many, context):
        if not intruded and sql.startswith("UPDATE") and '"beats" = %s' in sql:
            intruded.append(sql)
            LessonProgress.objects.filter(pk=progress.pk).update(
                intervals=[[0.0, 10.0], [50.0, 60.0]], watched_seconds=20, beats=F("beats") + 1
            )
        return execute(sql, params, many, context)

    with connection.execute_wrapper(other_tab_first):
        state = beat(video_lesson, parent, (10, 20), start + timedelta(seconds=15))
    assert intruded, "the unlocked UPDATE was never attempted"
    progress.refresh_from_db()
    assert progress.intervals == [[0.0, 20.0], [50.0, 60.0]]
    assert state.watched_seconds == 30
    assert progress.beats == 3


def test_completion_goes_through_the_locked_path(parent, video_lesson):
    start = timezone.now() - timedelta(minutes=10)
    beat(video_lesson, parent, (0, 1), start)
    for n in range(1, 7):
        state = beat(
            video_lesson, parent, (n * 15 - 14, n * 15 + 1), start + timedelta(seconds=15 * n)
        )
    assert state.completed and state.fraction == 0.91
    enrolment = parent.enrolments.get()
    assert enrolment.lessons_completed == 1 and enrolment.completed_at is not None


def _post(client, lesson, **extra):
    return client.post(
        f"/api/v1/lessons/{lesson.pk}/progress",
        json.dumps({"intervals": [[0, 5]], "position": 5}),
        content_type="application/json",
        **extra,
    )


def test_unpublishing_stops_beats_at_once_in_this_process(parent, video_lesson):
    client = Client()
    client.force_login(parent)
    assert _post(client, video_lesson).status_code == 200  # now cached
    LessonPage.objects.get(pk=video_lesson.pk).unpublish()
    assert _post(client, video_lesson).status_code == 404


def test_other_processes_follow_within_the_cache_time(parent, video_lesson, settings):
    client = Client()
    client.force_login(parent)
    assert _post(client, video_lesson).status_code == 200
    # As another process would see it: the row changes, no signal reaches this one.
    LessonPage.objects.filter(pk=video_lesson.pk).update(live=False)
    assert _post(client, video_lesson).status_code == 200  # within the documented lag
    settings.LEARNING_LESSON_CACHE_SECONDS = 0
    assert _post(client, video_lesson).status_code == 404


def test_revoked_tokens_and_deactivated_parents_stop_at_once(parent, video_lesson):
    token = api_token_create(user=parent)
    api = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert _post(api, video_lesson, **auth).status_code == 200  # now cached
    parent.is_active = False
    parent.save()
    assert _post(api, video_lesson, **auth).status_code == 401
    parent.is_active = True
    parent.save()
    assert _post(api, video_lesson, **auth).status_code == 200
    ApiToken.objects.filter(user=parent).delete()
    assert _post(api, video_lesson, **auth).status_code == 401
