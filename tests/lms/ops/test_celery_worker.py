import pytest

from lms.ops.tasks import ping


@pytest.mark.services("postgres", "redis")
def test_a_real_worker_process_answers_through_redis_with_its_database(celery_worker_process):
    result = ping.apply_async(queue=celery_worker_process)
    assert result.get(timeout=60) == {"pong": True, "database": True, "vendor": "postgresql"}


def test_ping_runs_in_process_on_the_test_database(db):
    assert ping.apply().get()["database"] is True
