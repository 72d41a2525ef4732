from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from media_pipeline.models import MediaAsset
from media_pipeline.selectors import asset_playback
from media_pipeline.services import asset_transcode, assets_reap_stuck

pytestmark = [pytest.mark.django_db, pytest.mark.services("ffmpeg")]
Status = MediaAsset.Status


def _stored_files(prefix):
    root = Path(default_storage.path(prefix))
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_upload_ends_ready_with_renditions_and_playback(upload):
    asset = upload("portrait.mp4")
    assert asset.status == Status.READY and asset.progress == 100
    assert (asset.kind, asset.width, asset.height) == ("video", 480, 854)
    assert list(asset.renditions.values_list("name", flat=True)) == [
        "audio",
        "240p",
        "360p",
        "480p",
    ]
    assert all(r.size > 0 for r in asset.renditions.all())
    playback = asset_playback(asset)
    assert playback.hls.endswith("hls/master.m3u8")
    assert playback.mp4.endswith("fallback.mp4") and playback.poster.endswith("poster.jpg")
    assert default_storage.exists(asset.hls_master)


def test_rejected_upload_fails_with_a_reason_and_keeps_the_original(upload):
    asset = upload("png.mp4")
    assert asset.status == Status.FAILED
    assert asset.error_code == "still_image"
    assert "图片" in asset.error_message or "picture" in asset.error_message
    assert default_storage.exists(asset.original.name)
    assert asset_playback(asset) is None


def test_running_again_gives_the_same_outputs_without_duplicates(
    upload, django_capture_on_commit_callbacks
):
    asset = upload("talk.mp3")
    first_prefix, first_files = asset.output_prefix, _stored_files(asset.output_prefix)
    MediaAsset.objects.filter(pk=asset.pk).update(status=Status.QUEUED)
    with django_capture_on_commit_callbacks(execute=True):
        asset_transcode(asset_id=asset.pk)
    asset.refresh_from_db()
    assert asset.status == Status.READY
    assert asset.output_prefix != first_prefix
    assert _stored_files(asset.output_prefix) == first_files
    assert not default_storage.exists(first_prefix + "/audio.m4a")  # old run removed
    assert asset.renditions.count() == 1
    assert default_storage.exists(asset.original.name)


def test_a_repeated_message_for_a_ready_asset_changes_nothing(upload):
    asset = upload("talk.mp3")
    asset_transcode(asset_id=asset.pk)
    asset.refresh_from_db()
    assert asset.attempts == 1


def test_a_job_another_worker_is_processing_is_left_alone(upload):
    asset = upload("talk.mp3")
    MediaAsset.objects.filter(pk=asset.pk).update(
        status=Status.PROCESSING, heartbeat_at=timezone.now()
    )
    asset_transcode(asset_id=asset.pk)
    asset.refresh_from_db()
    assert (asset.status, asset.attempts) == (Status.PROCESSING, 1)


def test_the_reaper_requeues_jobs_of_dead_workers_then_gives_up(
    upload, settings, django_capture_on_commit_callbacks
):
    asset = upload("talk.mp3")
    long_ago = timezone.now() - timedelta(hours=1)
    MediaAsset.objects.filter(pk=asset.pk).update(
        status=Status.PROCESSING, heartbeat_at=long_ago, attempts=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        counts = assets_reap_stuck()
    asset.refresh_from_db()
    assert counts["requeued"] == 1
    assert asset.status == Status.READY  # requeued, then processed inline by the eager task
    MediaAsset.objects.filter(pk=asset.pk).update(
        status=Status.PROCESSING, heartbeat_at=long_ago, attempts=settings.MEDIA_MAX_ATTEMPTS
    )
    assert assets_reap_stuck()["failed"] == 1
    asset.refresh_from_db()
    assert (asset.status, asset.error_code) == (Status.FAILED, "internal")
    assert default_storage.exists(asset.original.name)


def test_a_fresh_heartbeat_is_not_reaped(upload):
    asset = upload("talk.mp3")
    MediaAsset.objects.filter(pk=asset.pk).update(
        status=Status.PROCESSING, heartbeat_at=timezone.now()
    )
    assert assets_reap_stuck() == {"requeued": 0, "failed": 0, "rechecked": 0}


def test_a_message_for_a_deleted_asset_is_dropped_quietly(upload):
    from media_pipeline.services import asset_check

    asset = upload("talk.mp3")
    asset_id = asset.pk
    asset.delete()
    asset_check(asset_id=asset_id)
    asset_transcode(asset_id=asset_id)
    assert not MediaAsset.objects.filter(pk=asset_id).exists()
