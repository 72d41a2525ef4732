"""Threads are kept two years after their last message, one year once the child's family has
left the class; a daily beat task deletes the rest."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from lms.messaging.models import Message, Thread
from lms.messaging.services import thread_start, threads_purge
from lms.messaging.tasks import purge_task
from lms.schools.models import Student
from lms.schools.services.joining import guardian_remove
from tests.lms.messaging.factories import world_build

pytestmark = pytest.mark.django_db


def _age(thread, days):
    Thread.objects.filter(pk=thread.pk).update(
        last_message_at=timezone.now() - timedelta(days=days)
    )


def test_old_threads_and_those_of_families_who_left_are_purged_and_the_rest_kept():
    world = world_build()
    le = world.other_parent.school_guardianships.get()
    left_recently = thread_start(
        user=world.other_parent, student=le.student, teacher=world.head, body="一"
    )
    staying = world.thread
    stale = thread_start(user=world.mother, student=world.student, teacher=world.head, body="二")
    _age(staying, 400)  # over a year, but the family is still in the class
    _age(stale, 2 * 365 + 1)
    _age(left_recently, 200)
    left_long_ago = thread_start(
        user=world.other_parent, student=le.student, teacher=world.head, body="三"
    )
    _age(left_long_ago, 366)
    guardian_remove(guardian=le)
    # The student row stays (it is linked to the family's child profile): only the family left.
    assert Student.objects.filter(pk=le.student_id).exists()

    assert threads_purge() == 2
    remaining = set(Thread.objects.values_list("pk", flat=True))
    assert remaining == {staying.pk, left_recently.pk}
    assert not Message.objects.filter(thread_id__in=[stale.pk, left_long_ago.pk]).exists()


def test_the_purge_runs_daily_from_the_beat_with_the_documented_settings():
    entry = settings.CELERY_BEAT_SCHEDULE["messaging-purge"]
    assert entry["task"] == "messaging.purge" and entry["schedule"] == 24 * 3600.0
    assert settings.LMS_MESSAGE_RETENTION_DAYS == 730
    assert settings.LMS_MESSAGE_RETENTION_AFTER_LEAVING_DAYS == 365
    world = world_build()
    _age(world.thread, 731)
    assert purge_task() == 1 and not Thread.objects.exists()


def test_the_keeping_period_is_a_setting(settings):
    world = world_build()
    _age(world.thread, 40)
    settings.LMS_MESSAGE_RETENTION_DAYS = 30
    assert threads_purge() == 1
