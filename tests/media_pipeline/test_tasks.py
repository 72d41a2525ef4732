"""Retries: passing faults are retried, then the asset fails with the original kept."""

import stat

import pytest
from celery.exceptions import Retry
from django.core.files.storage import default_storage

from media_pipeline.models import MediaAsset
from media_pipeline.tasks import asset_transcode_task

pytestmark = [pytest.mark.django_db, pytest.mark.services("ffmpeg")]


@pytest.fixture
def killed_ffmpeg(settings, tmp_path):
    """An ffmpeg that dies as if the kernel's OOM killer took it (ffprobe stays real)."""
    killed = tmp_path / "ffmpeg"
    killed.write_text("#!/bin/sh\nkill -9 $$\n")
    killed.chmod(killed.stat().st_mode | stat.S_IEXEC)
    settings.FFMPEG_BINARY = str(killed)


def test_a_killed_encoder_is_retried_and_the_asset_waits_in_the_queue(
    upload, killed_ffmpeg, settings
):
    settings.MEDIA_MAX_ATTEMPTS = 1
    asset = upload("talk.mp3")  # the one allowed attempt fails
    MediaAsset.objects.filter(pk=asset.pk).update(status=MediaAsset.Status.QUEUED, error_code="")
    settings.MEDIA_MAX_ATTEMPTS = 3
    with pytest.raises(Retry):
        asset_transcode_task.apply(args=[asset.pk], throw=True)
    asset.refresh_from_db()
    assert asset.status == MediaAsset.Status.QUEUED
    assert "signal 9" in asset.error_detail


def test_after_the_last_attempt_the_asset_fails_and_keeps_its_original(
    upload, killed_ffmpeg, settings
):
    settings.MEDIA_MAX_ATTEMPTS = 1
    asset = upload("talk.mp3")
    assert asset.status == MediaAsset.Status.FAILED
    assert asset.error_code == "internal"
    assert "signal 9" in asset.error_detail
    assert default_storage.exists(asset.original.name)
    assert not asset.output_prefix
