"""A broker that is away never breaks an upload: the asset waits and the reaper sends it later."""

import base64
import logging
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from lms.celery import app
from media_pipeline.models import MediaAsset
from media_pipeline.services import asset_retry, assets_reap_stuck
from tests.fixtures.broker import celery_broker, queued_task_take

TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}
DATA = b"\\x00\\x00\\x00\\x18ftypmp42" + b"\\x00" * 4000  # never probed: nothing is sent


def _meta(**values):
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def _tus_upload(client) -> tuple[object, float]:
    created = client.post(
        "/api/v1/uploads/",
        HTTP_UPLOAD_LENGTH=str(len(DATA)),
        HTTP_UPLOAD_METADATA=_meta(filename="讲座.mp4", title="断网时上传"),
        **TUS,
    )
    assert created.status_code == 201
    started = time.monotonic()
    finished = client.generic(
        "PATCH",
        created["Location"],
        DATA,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET="0",
        **TUS,
    )
    return finished, time.monotonic() - started


@pytest.fixture
def signed_in(client, lecturer):
    client.force_login(lecturer)
    return client


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_finishing_an_upload_with_the_broker_unreachable_answers_fast_with_the_asset_id(
    signed_in, unused_tcp_port, caplog
):
    caplog.set_level(logging.WARNING, logger="media_pipeline.services")
    with celery_broker(f"redis://127.0.0.1:{unused_tcp_port}/0"):
        finished, seconds = _tus_upload(signed_in)

    assert finished.status_code == 204
    assert seconds < 3, f"the finishing request took {seconds:.1f}s"
    asset = MediaAsset.objects.get(pk=int(finished["Upload-Asset-Id"]))
    assert asset.status == MediaAsset.Status.UPLOADED
    assert asset.original_size == len(DATA)
    assert f"media {asset.pk}: could not send media.check" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_retrying_from_the_admin_with_the_broker_unreachable_keeps_the_asset_waiting(
    signed_in, unused_tcp_port
):
    finished, _ = _tus_upload(signed_in)  # inline tasks fail it: the bytes are no video
    asset = MediaAsset.objects.get(pk=int(finished["Upload-Asset-Id"]))
    assert asset.status == MediaAsset.Status.FAILED
    with celery_broker(f"redis://127.0.0.1:{unused_tcp_port}/0"):
        started = time.monotonic()
        asset_retry(asset_id=asset.pk)
        assert time.monotonic() - started < 3
    asset.refresh_from_db()
    assert asset.status == MediaAsset.Status.UPLOADED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_reaper_sends_a_waiting_upload_once_the_broker_is_back(signed_in, unused_tcp_port):
    with celery_broker(f"redis://127.0.0.1:{unused_tcp_port}/0"):
        finished, _ = _tus_upload(signed_in)
        asset_id = int(finished["Upload-Asset-Id"])
        # Still away when beat's reaper runs: it counts the asset and keeps it waiting.
        later = timezone.now() + timedelta(seconds=settings.MEDIA_STALE_AFTER_SECONDS + 1)
        assert assets_reap_stuck(now=later)["rechecked"] == 1
    assert MediaAsset.objects.get(pk=asset_id).status == MediaAsset.Status.UPLOADED

    with celery_broker(None):  # the configured broker, reachable again
        much_later = later + timedelta(seconds=settings.MEDIA_STALE_AFTER_SECONDS + 1)
        assert assets_reap_stuck(now=much_later)["rechecked"] == 1
        # The check goes to the default queue: it must not wait behind encodes.
        assert queued_task_take(app.conf.task_default_queue, "media.check", f"({asset_id},)")
