"""Re-checking a library made before the ladder check: broken ladders go back to be encoded."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from media_pipeline.models import MediaAsset
from media_pipeline.selectors import asset_ladder_problems
from media_pipeline.services import assets_ladder_recheck

pytestmark = [pytest.mark.django_db, pytest.mark.services("ffmpeg")]
Status = MediaAsset.Status

# What the old pipeline wrote for a 720p source with a keyframe every 10 s (remuxed top rung).
OLD_MASTER = """#EXTM3U
#EXT-X-VERSION:6
#EXT-X-STREAM-INF:BANDWIDTH=400400,RESOLUTION=426x240,CODECS="avc1.4d4015,mp4a.40.2"
240p/index.m3u8

#EXT-X-STREAM-INF:BANDWIDTH=1743834,RESOLUTION=1280x720
720p/index.m3u8
"""
OLD_720P = """#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:10
#EXT-X-PLAYLIST-TYPE:VOD
#EXTINF:10.000000,
seg_00000.ts
#EXTINF:10.000000,
seg_00001.ts
#EXT-X-ENDLIST
"""


def _overwrite(name, text):
    default_storage.delete(name)
    default_storage.save(name, ContentFile(text.encode()))


def _make_old_style(asset):
    folder = asset.hls_master.rsplit("/", 1)[0]
    _overwrite(asset.hls_master, OLD_MASTER)
    _overwrite(f"{folder}/720p/index.m3u8", OLD_720P)


def test_a_fresh_library_passes_and_nothing_is_requeued(upload):
    asset = upload("landscape.mp4")
    assert assets_ladder_recheck() == []
    asset.refresh_from_db()
    assert asset.status == Status.READY


def test_an_old_misaligned_ladder_is_reported_requeued_and_comes_back_clean(
    upload, django_capture_on_commit_callbacks
):
    asset = upload("landscape.mp4")
    _make_old_style(asset)
    problems = asset_ladder_problems(asset)
    assert any("720p/index.m3u8: no FRAME-RATE" in p or "no CODECS" in p for p in problems)
    assert any("target duration 10" in p for p in problems)
    with django_capture_on_commit_callbacks(execute=True):
        report = assets_ladder_recheck()
    assert [(entry["asset"], entry["action"]) for entry in report] == [(asset.pk, "requeued")]
    asset.refresh_from_db()
    assert asset.status == Status.READY  # encoded again by the (eager) task
    assert asset_ladder_problems(asset) == []


def test_a_dry_run_only_reports(upload):
    asset = upload("landscape.mp4")
    _make_old_style(asset)
    report = assets_ladder_recheck(requeue=False)
    assert report[0]["action"] == "reported"
    asset.refresh_from_db()
    assert asset.status == Status.READY


def test_deleted_files_are_reported_not_raised_and_a_lost_original_is_left_alone(upload, capsys):
    asset = upload("landscape.mp4")
    folder = asset.hls_master.rsplit("/", 1)[0]
    default_storage.delete(f"{folder}/240p/seg_00001.ts")
    default_storage.delete(f"{folder}/360p/index.m3u8")
    problems = asset_ladder_problems(asset)
    assert "240p/index.m3u8: 1 segment(s) missing from storage" in problems
    assert "360p/index.m3u8: missing from storage" in problems
    default_storage.delete(asset.original.name)
    with pytest.raises(SystemExit) as exit_code:
        call_command("media_check_ladders", "--json")
    assert exit_code.value.code == 1
    report = json.loads(capsys.readouterr().out)
    assert report[0]["action"] == "original missing: cannot encode again"
    asset.refresh_from_db()
    assert asset.status == Status.READY  # still served as it is; staff see the report
    default_storage.delete(asset.hls_master)
    assert asset_ladder_problems(asset) == [f"{asset.hls_master}: missing from storage"]
