"""The pipeline on real clips with real ffmpeg: every awkward input ends ready or rejected."""

import json
import subprocess

import pytest

from media_pipeline.errors import MediaRejected
from media_pipeline.pipeline import media_process
from media_pipeline.tools import tool_path
from tests.media_pipeline.clips import clip

pytestmark = pytest.mark.services("ffmpeg")


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    return tmp_path_factory.mktemp("clips")


def _probe(path):
    result = subprocess.run(
        [
            tool_path("ffprobe"),
            "-v",
            "error",
            "-show_format",
            "-show_streams",
            "-of",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def _decodes(path):
    hls = ["-allowed_extensions", "ALL"] if path.suffix == ".m3u8" else []
    result = subprocess.run(
        [tool_path("ffmpeg"), "-v", "error", *hls, "-i", str(path), "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    return result.returncode == 0 and not result.stderr.strip()


def _variants(master):
    lines = master.read_text().splitlines()
    return [lines[i + 1] for i, line in enumerate(lines) if line.startswith("#EXT-X-STREAM-INF")]


def _check_hls(playlist):
    text = playlist.read_text()
    assert text.startswith("#EXTM3U") and "#EXT-X-ENDLIST" in text
    segments = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert segments and all((playlist.parent / s).exists() for s in segments)


@pytest.mark.parametrize(
    ("name", "portrait"),
    [
        ("landscape.mp4", False),
        ("portrait.mp4", True),
        ("rotated.mp4", True),
        ("vfr.mp4", False),
        ("hevc10.mkv", False),
    ],
)
def test_videos_become_a_playable_ladder(clips, tmp_path, name, portrait):
    source = clip(clips, name)
    result = media_process(source=source, out_dir=tmp_path)
    source_duration = float(_probe(source)["format"]["duration"])
    assert result.kind == "video"
    master = tmp_path / result.hls_master
    assert len(_variants(master)) == len([r for r in result.renditions if r.kind == "video"])
    for rendition in result.renditions:
        playlist = tmp_path / rendition.path
        _check_hls(playlist)
        assert _decodes(playlist), rendition.name
        info = _probe(playlist)
        assert abs(float(info["format"]["duration"]) - source_duration) < 0.5
        if rendition.kind == "video":
            video = next(s for s in info["streams"] if s["codec_type"] == "video")
            assert video["codec_name"] == "h264" and video["pix_fmt"] == "yuv420p"
            assert (video["height"] > video["width"]) is portrait
            assert (video["width"], video["height"]) == (rendition.width, rendition.height)
    fallback = _probe(tmp_path / result.mp4_fallback)
    assert abs(float(fallback["format"]["duration"]) - source_duration) < 0.5
    assert (tmp_path / result.poster).stat().st_size > 0
    audio = _probe(tmp_path / result.audio_file)["streams"][0]
    assert (audio["codec_name"], audio["channels"]) == ("aac", 1)


def test_vfr_is_forced_to_a_constant_rate(clips, tmp_path):
    result = media_process(source=clip(clips, "vfr.mp4"), out_dir=tmp_path)
    video = next(
        s
        for s in _probe(tmp_path / result.renditions[0].path)["streams"]
        if s["codec_type"] == "video"
    )
    assert video["r_frame_rate"] == video["avg_frame_rate"] == "30/1"


def test_video_without_audio_has_no_audio_only_rendition(clips, tmp_path):
    result = media_process(source=clip(clips, "noaudio.mp4"), out_dir=tmp_path)
    assert result.audio_only is None and result.audio_file is None
    assert [r.name for r in result.renditions] == ["240p", "360p"]
    assert _decodes(tmp_path / result.mp4_fallback)


@pytest.mark.parametrize("name", ["talk.mp3", "cover.mp3"])
def test_audio_talk_gets_audio_hls_and_m4a(clips, tmp_path, name):
    result = media_process(source=clip(clips, name), out_dir=tmp_path)
    assert result.kind == "audio"
    assert result.hls_master == result.audio_only == "audio/index.m3u8"
    _check_hls(tmp_path / result.audio_only)
    assert _decodes(tmp_path / result.audio_file)
    assert result.mp4_fallback is None and result.poster is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("empty.mp4", "empty"),
        ("text.mp4", "not_media"),
        ("png.mp4", "still_image"),
        ("truncated.mp4", "truncated"),
    ],
)
def test_bad_inputs_are_rejected_with_a_reason_and_the_file_is_kept(clips, tmp_path, name, code):
    source = clip(clips, name)
    before = source.read_bytes()
    with pytest.raises(MediaRejected) as error:
        media_process(source=source, out_dir=tmp_path)
    assert error.value.code == code
    assert error.value.message
    assert source.read_bytes() == before


def test_too_long_is_rejected(clips, tmp_path, settings):
    settings.MEDIA_MAX_DURATION_SECONDS = 2
    with pytest.raises(MediaRejected) as error:
        media_process(source=clip(clips, "talk.mp3"), out_dir=tmp_path)
    assert error.value.code == "too_long"


def test_hdr_is_tone_mapped_to_sdr(clips, tmp_path):
    source = clip(clips, "hdr.mkv")
    assert _probe(source)["streams"][0]["color_transfer"] == "smpte2084"
    result = media_process(source=source, out_dir=tmp_path)
    assert result.probe.hdr
    video = next(
        s for s in _probe(tmp_path / result.mp4_fallback)["streams"] if s["codec_type"] == "video"
    )
    assert video["pix_fmt"] == "yuv420p" and video.get("color_transfer") != "smpte2084"
    assert _decodes(tmp_path / result.renditions[0].path)
