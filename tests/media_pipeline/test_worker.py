import time

import pytest
from django.core.files import File

from media_pipeline.models import MediaAsset
from media_pipeline.services import asset_create


@pytest.mark.services("postgres", "redis", "ffmpeg")
def test_a_real_worker_on_redis_processes_an_upload_end_to_end(
    celery_worker_process, make_clip, lecturer
):
    with make_clip("portrait.mp4").open("rb") as handle:
        asset = asset_create(
            file=File(handle, name="phone.mp4"),
            title="手机录像",
            original_name="phone.mp4",
            uploaded_by=lecturer,
        )
    deadline = time.monotonic() + 120
    seen = set()
    while time.monotonic() < deadline:
        asset.refresh_from_db()
        seen.add(asset.status)
        if asset.status in (MediaAsset.Status.READY, MediaAsset.Status.FAILED):
            break
        time.sleep(0.2)
    assert asset.status == MediaAsset.Status.READY, (asset.error_code, asset.error_detail)
    assert (asset.width, asset.height) == (480, 854)
    assert asset.renditions.filter(kind="video").count() == 3
