"""Two tabs beating at once lose nothing (row locks on PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from lms.learning.models import LessonProgress
from lms.learning.services import progress_record


@pytest.mark.services("postgres")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_beats_keep_every_interval(parent, video_lesson):
    start = timezone.now() - timedelta(hours=1)
    progress_record(user=parent, lesson=video_lesson, intervals=[], position=0, now=start)
    barrier = threading.Barrier(8)
    errors = []

    def tab(n):
        try:
            barrier.wait()
            progress_record(
                user=parent, lesson=video_lesson, intervals=[[n * 10, n * 10 + 10]], position=n * 10
            )
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tab, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    progress = LessonProgress.objects.get(user=parent, lesson=video_lesson)
    assert progress.intervals == [[0.0, 80.0]]
    assert progress.watched_seconds == 80
