"""Thin Celery tasks: ids in, a service call, retries for passing faults only."""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError

from media_pipeline import services
from media_pipeline.errors import MediaRejected, TransientMediaError

logger = logging.getLogger(__name__)

TRANSIENT = (TransientMediaError, DatabaseError, OSError)


def _retry_or_fail(task, asset_id: int, error: Exception):
    if task.request.retries >= settings.MEDIA_MAX_ATTEMPTS - 1:
        services.asset_fail(asset_id=asset_id, error=MediaRejected("internal", str(error)[:500]))
        logger.error(
            "media %s gave up after %s tries: %s", asset_id, task.request.retries + 1, error
        )
        return None
    # 30 s, 2 min, 8 min ...: long enough for a restarted store or a freed disk.
    raise task.retry(exc=error, countdown=30 * 4**task.request.retries)


@shared_task(bind=True, name="media.check", acks_late=True, max_retries=None, ignore_result=True)
def asset_check_task(self, asset_id: int) -> None:
    try:
        services.asset_check(asset_id=asset_id)
    except TRANSIENT as error:
        return _retry_or_fail(self, asset_id, error)


@shared_task(
    bind=True,
    name="media.transcode",
    acks_late=True,
    ignore_result=True,
    max_retries=None,
    soft_time_limit=settings.MEDIA_TASK_TIME_LIMIT_SECONDS,
    time_limit=settings.MEDIA_TASK_TIME_LIMIT_SECONDS + 120,
)
def asset_transcode_task(self, asset_id: int) -> None:
    try:
        services.asset_transcode(asset_id=asset_id)
    except SoftTimeLimitExceeded:
        services.asset_fail(
            asset_id=asset_id, error=MediaRejected("internal", "processing took too long")
        )
    except TRANSIENT as error:
        services.asset_requeue(asset_id=asset_id, detail=str(error))
        return _retry_or_fail(self, asset_id, error)


@shared_task(name="media.reap", ignore_result=True)
def assets_reap_task() -> dict:
    return services.assets_reap_stuck()


@shared_task(name="media.uploads_expire", ignore_result=True)
def uploads_expire_task() -> int:
    from media_pipeline.uploads import uploads_expire

    return uploads_expire()
