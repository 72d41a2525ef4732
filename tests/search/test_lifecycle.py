"""Publishing, unpublishing and deleting reach the index after the transaction commits."""

import time

import pytest

from search.models import SearchEntry
from tests.courses.factories import LecturerFactory, course_add, lesson_add
from tests.fixtures.broker import celery_broker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_only(settings):
    settings.ELASTICSEARCH_URL = None


def test_publish_indexes_after_commit(django_capture_on_commit_callbacks):
    course = course_add(title="家务劳动与好家风", live=False)
    lesson_add(course, title="每个孩子都有一项家务", live=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        course.save_revision().publish()
    assert callbacks  # enqueued on commit, not before
    assert SearchEntry.objects.filter(title="家务劳动与好家风").exists()
    lesson = course.get_children().first().specific
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    entry = SearchEntry.objects.get(title="每个孩子都有一项家务")
    assert entry.type == "lesson" and entry.stage_list == ["primary_lower"]


def test_unpublish_and_delete_remove(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        course = course_add(title="防溺水", live=False)
        course.save_revision().publish()
    assert SearchEntry.objects.filter(title="防溺水").exists()
    course.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        course.unpublish()
    assert not SearchEntry.objects.filter(title="防溺水").exists()
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    assert SearchEntry.objects.filter(title="防溺水").exists()
    with django_capture_on_commit_callbacks(execute=True):
        course.delete()
    assert not SearchEntry.objects.filter(title="防溺水").exists()


def test_lecturers_follow_their_work(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lecturer = LecturerFactory(name="刘德福")
    assert not SearchEntry.objects.filter(type="lecturer").exists()  # no live work yet
    with django_capture_on_commit_callbacks(execute=True):
        course = course_add(title="劳动课", lecturer=lecturer, live=False)
        course.save_revision().publish()
    assert SearchEntry.objects.filter(type="lecturer", title="刘德福").exists()


def test_a_failing_enqueue_never_breaks_publishing(django_capture_on_commit_callbacks, monkeypatch):
    from search import tasks

    def broken(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.search_reindex_task, "delay", broken)
    course = course_add(title="断网也能发布", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    course.refresh_from_db()
    assert course.live


def test_publishing_with_the_broker_at_a_closed_port_answers_within_seconds(
    django_capture_on_commit_callbacks, unused_tcp_port, caplog
):
    course = course_add(title="断网时发布的课程", live=False)
    with celery_broker(f"redis://127.0.0.1:{unused_tcp_port}/0"):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            course.save_revision().publish()
        seconds = time.monotonic() - started
    assert callbacks and seconds < 3, f"publishing took {seconds:.1f}s"
    course.refresh_from_db()
    assert course.live
    assert "could not enqueue search.reindex(page, " in caplog.text
