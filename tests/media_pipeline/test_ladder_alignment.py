"""Real clips through real ffmpeg: every rung cuts at the same instants, whatever the source.

The segment start times are read back from the segments themselves with ffprobe, not from our
own playlists, so these tests check the outputs, not the code that wrote them.
"""

import json
import subprocess

import pytest

from media_pipeline.errors import MediaRejected
from media_pipeline.hls import master_parse, media_playlist_parse
from media_pipeline.pipeline import media_process
from media_pipeline.tools import tool_path
from tests.media_pipeline.clips import clip

pytestmark = pytest.mark.services("ffmpeg")


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    return tmp_path_factory.mktemp("clips")


def _segment_starts(playlist):
    """Each segment's first video timestamp and whether its first video packet is a keyframe."""
    parsed = media_playlist_parse(playlist.read_text())
    starts = []
    for segment in parsed.segments:
        result = subprocess.run(
            [
                tool_path("ffprobe"),
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-read_intervals",
                "%+#1",
                "-show_entries",
                "packet=pts_time,flags",
                "-of",
                "json",
                str(playlist.parent / segment.uri),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        first = json.loads(result.stdout)["packets"][0]
        starts.append((float(first["pts_time"]), "K" in first["flags"]))
    return parsed, starts


def _str(layout):
    return repr(layout)


def _stream_layout(segment):
    result = subprocess.run(
        [
            tool_path("ffprobe"),
            "-v",
            "error",
            "-show_entries",
            "stream=id,codec_type",
            "-of",
            "json",
            str(segment),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return [(s["id"], s["codec_type"]) for s in json.loads(result.stdout)["streams"]]


def _assert_ladder_switches_cleanly(out, *, frame=0.04):
    master = out / "hls" / "master.m3u8"
    variants = master_parse(master.read_text())
    assert [v.bandwidth for v in variants] == sorted(v.bandwidth for v in variants)
    assert all(v.codecs.startswith("avc1.") and v.resolution and v.frame_rate for v in variants)
    cuts = {}
    for variant in variants:
        playlist, starts = _segment_starts(master.parent / variant.uri)
        assert playlist.target_duration <= 6
        assert all(key for _, key in starts), f"{variant.uri}: a segment opens without a keyframe"
        origin = starts[0][0]
        cuts[variant.uri] = [round(t - origin, 3) for t, _ in starts]
    # A player switching rung keeps appending to the same tracks: same PIDs in every rung.
    layouts = {
        _str(_stream_layout(master.parent / v.uri.replace("index.m3u8", "seg_00000.ts")))
        for v in variants
    }
    assert len(layouts) == 1, layouts
    reference = next(iter(cuts.values()))
    for uri, times in cuts.items():
        assert len(times) == len(reference), uri
        assert all(abs(a - b) <= frame for a, b in zip(times, reference, strict=True)), (
            uri,
            times,
            reference,
        )
    return reference


def test_a_source_with_a_keyframe_every_10_seconds_is_encoded_on_the_common_grid(clips, tmp_path):
    media_process(source=clip(clips, "keyframe10s.mp4"), out_dir=tmp_path)
    cuts = _assert_ladder_switches_cleanly(tmp_path)
    # A short first segment for a quick start, then 4 s segments.
    assert cuts[:4] == [0.0, 2.0, 6.0, 10.0]


def test_a_source_on_the_grid_is_remuxed_and_still_lines_up(clips, tmp_path):
    source = clip(clips, "ongrid.mp4")
    result = media_process(source=source, out_dir=tmp_path)
    _assert_ladder_switches_cleanly(tmp_path)
    # The 480p rung is the source's own bitstream (remuxed): same size as the source's video.
    top = next(r for r in result.renditions if r.name == "480p")
    assert (top.width, top.height) == (854, 480)
    master = master_parse((tmp_path / "hls" / "master.m3u8").read_text())
    assert master[-1].codecs.startswith("avc1.42")  # the source's profile, not our encoder's


@pytest.mark.parametrize("name", ["opengop.mp4", "vfr.mp4", "hd60.mp4", "portrait.mp4"])
def test_awkward_sources_give_a_ladder_that_switches_cleanly(clips, tmp_path, name):
    result = media_process(source=clip(clips, name), out_dir=tmp_path)
    _assert_ladder_switches_cleanly(tmp_path, frame=1 / 30 + 0.001)
    if name == "hd60.mp4":
        assert result.probe.frame_rate == 60
        assert max(r.height or 0 for r in result.renditions) == 720
        variants = master_parse((tmp_path / "hls" / "master.m3u8").read_text())
        assert {v.frame_rate for v in variants} == {30.0}


def test_a_clip_shorter_than_one_segment_is_one_segment_per_rung(clips, tmp_path):
    media_process(source=clip(clips, "shorter_than_a_segment.mp4"), out_dir=tmp_path)
    assert _assert_ladder_switches_cleanly(tmp_path) == [0.0]
    audio = media_playlist_parse((tmp_path / "audio" / "index.m3u8").read_text())
    assert len(audio.segments) == 1


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("too_big_picture.mp4", "picture_too_big", "3840"),
        ("slow_motion.mp4", "frame_rate_too_high", "60"),
    ],
)
def test_oversized_pictures_and_slow_motion_rates_are_refused_in_chinese(
    clips, tmp_path, name, code, words
):
    from django.utils import translation

    with pytest.raises(MediaRejected) as error:
        media_process(source=clip(clips, name), out_dir=tmp_path)
    assert error.value.code == code
    with translation.override("zh-hans"):
        message = error.value.message
    assert words in message and any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert not (tmp_path / "hls").exists()  # refused before any encoding
