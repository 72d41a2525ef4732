"""The check's probe is handed to the transcode, which probes again only for another original."""

import pytest

from media_pipeline import pipeline
from media_pipeline.models import MediaAsset
from media_pipeline.probe import ProbeResult
from media_pipeline.services import _probe_handed, asset_transcode

PROBE = ProbeResult(
    kind="audio", duration=12.5, format_name="mp3", audio_codec="mp3", audio_channels=1
)


@pytest.fixture
def original(tmp_path):
    path = tmp_path / "copy"
    path.write_bytes(b"x" * 1000)
    return path


def _asset(**probe) -> MediaAsset:
    handed = {"original": "media/originals/2026/12/abc", "size": 1000, "result": PROBE.as_dict()}
    return MediaAsset(original="media/originals/2026/12/abc", probe={**handed, **probe})


def test_the_probe_survives_its_trip_through_json():
    assert ProbeResult.from_dict(PROBE.as_dict()) == PROBE


def test_a_probe_of_another_version_is_not_trusted():
    assert ProbeResult.from_dict({**PROBE.as_dict(), "colour": "bt709"}) is None
    missing = PROBE.as_dict()
    del missing["bit_depth"]
    assert ProbeResult.from_dict(missing) is None
    assert ProbeResult.from_dict(None) is None


def test_the_checked_original_gets_the_checks_probe(original):
    assert _probe_handed(_asset(), original) == PROBE


def test_another_original_or_size_is_probed_again(original):
    assert _probe_handed(_asset(original="media/originals/2026/12/other"), original) is None
    assert _probe_handed(_asset(size=999), original) is None
    assert _probe_handed(MediaAsset(original="media/originals/2026/12/abc"), original) is None


@pytest.mark.django_db
@pytest.mark.services("ffmpeg")
def test_an_upload_is_probed_once_from_check_to_ready(upload, monkeypatch):
    probed = []
    real = pipeline.probe_file

    def counting(path):
        probed.append(path)
        return real(path)

    monkeypatch.setattr(pipeline, "probe_file", counting)
    asset = upload("talk.mp3")
    assert asset.status == MediaAsset.Status.READY
    assert len(probed) == 1
    assert asset.probe["size"] == asset.original.size
    assert ProbeResult.from_dict(asset.probe["result"]).kind == "audio"


@pytest.mark.django_db
@pytest.mark.services("ffmpeg")
def test_limits_lowered_after_the_check_still_stop_the_transcode(upload, settings):
    asset = upload("talk.mp3")
    # Sent to be encoded again later (the reaper, the ladder recheck), with stricter limits.
    MediaAsset.objects.filter(pk=asset.pk).update(status=MediaAsset.Status.QUEUED)
    settings.MEDIA_MAX_DURATION_SECONDS = 1
    asset_transcode(asset_id=asset.pk)
    asset.refresh_from_db()
    assert asset.status == MediaAsset.Status.FAILED and asset.error_code == "too_long"
