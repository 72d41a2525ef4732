"""Pure logic: ffprobe JSON → ProbeResult, the ladder plan, progress lines, error classes."""

import pytest

from media_pipeline.encode import progress_parse
from media_pipeline.errors import MediaRejected, ffmpeg_error_is_permanent
from media_pipeline.ladder import encode_command, ladder_plan
from media_pipeline.probe import GopLayout, ProbeResult, probe_parse


def _video_stream(**extra):
    stream = {
        "codec_type": "video",
        "codec_name": "h264",
        "width": 1920,
        "height": 1080,
        "pix_fmt": "yuv420p",
        "avg_frame_rate": "30/1",
        "r_frame_rate": "30/1",
    }
    stream.update(extra)
    return stream


AUDIO = {"codec_type": "audio", "codec_name": "aac", "channels": 2, "sample_rate": "48000"}


def _probe(*streams, fmt="mov,mp4,m4a,3gp,3g2,mj2", duration="60.0"):
    return probe_parse(
        {"format": {"format_name": fmt, "duration": duration}, "streams": list(streams)}
    )


def test_phone_video_with_rotation_side_data_is_portrait():
    probe = _probe(_video_stream(side_data_list=[{"rotation": -90}]), AUDIO)
    assert (probe.width, probe.height, probe.rotation) == (1080, 1920, 270)
    assert probe.portrait


def test_cover_art_makes_an_mp3_audio():
    cover = _video_stream(codec_name="mjpeg", disposition={"attached_pic": 1})
    probe = _probe(AUDIO | {"codec_name": "mp3"}, cover, fmt="mp3")
    assert probe.kind == "audio"
    assert probe.audio_codec == "mp3"


def test_still_image_is_rejected():
    with pytest.raises(MediaRejected) as error:
        _probe(_video_stream(codec_name="png", nb_frames="1"), fmt="png_pipe")
    assert error.value.code == "still_image"


def test_no_streams_and_no_duration_are_rejected():
    with pytest.raises(MediaRejected, match="no_streams"):
        _probe()
    with pytest.raises(MediaRejected, match="truncated"):
        _probe(AUDIO, duration="0")


def test_variable_frame_rate_uses_the_nominal_rate():
    probe = _probe(_video_stream(avg_frame_rate="1035/60", r_frame_rate="30/1"), AUDIO)
    assert probe.variable_frame_rate
    assert probe.frame_rate == 30


def test_hdr_and_ten_bit_are_detected():
    probe = _probe(
        _video_stream(codec_name="hevc", pix_fmt="yuv420p10le", color_transfer="smpte2084")
    )
    assert probe.hdr and probe.bit_depth == 10


def _video_probe(width, height, **extra):
    fields = {
        "kind": "video",
        "duration": 60,
        "format_name": "mp4",
        "video_codec": "h264",
        "pixel_format": "yuv420p",
        "width": width,
        "height": height,
        "frame_rate": 30,
        "video_bitrate": 5_000_000,
        "audio_codec": "aac",
    }
    return ProbeResult(**{**fields, **extra})


def test_ladder_never_goes_above_the_source_and_keeps_portrait():
    plan = ladder_plan(_video_probe(720, 1280))
    assert [(r.rung.name, r.width, r.height) for r in plan.rungs] == [
        ("240p", 240, 426),
        ("360p", 360, 640),
        ("480p", 480, 854),
        ("720p", 720, 1280),
    ]
    plan = ladder_plan(_video_probe(854, 480))
    assert [r.rung.name for r in plan.rungs] == ["240p", "360p", "480p"]
    assert plan.fallback_rung.rung.name == "360p"


def test_a_tiny_source_gets_one_rung_at_its_own_size():
    plan = ladder_plan(_video_probe(176, 144))
    assert [(r.width, r.height) for r in plan.rungs] == [(176, 144)]


def test_frame_rate_is_capped_at_30():
    assert ladder_plan(_video_probe(1280, 720, frame_rate=60)).frame_rate == 30


def test_a_rate_near_a_standard_one_is_snapped_to_it():
    assert ladder_plan(_video_probe(1280, 720, frame_rate=24.954)).frame_rate == 25
    assert ladder_plan(_video_probe(1280, 720, frame_rate=29.97)).frame_rate == 29.97
    assert ladder_plan(_video_probe(1280, 720, frame_rate=15.0)).frame_rate == 15


def test_a_source_that_fits_a_rung_with_keyframes_on_the_grid_is_remuxed_not_reencoded():
    fits = ProbeResult(
        **{
            **_video_probe(1280, 720).as_dict(),
            "video_bitrate": 1_500_000,
            "video_profile": "Main",
            "video_level": 31,
        }
    )
    gops = GopLayout(keyframes=tuple(range(0, 60, 2)), closed=True)
    plan = ladder_plan(fits, gops=gops)
    assert [r.copy for r in plan.rungs] == [False, False, False, True]
    assert plan.copy_audio
    rotated = ProbeResult(**{**fits.as_dict(), "rotation": 90})
    assert not any(r.copy for r in ladder_plan(rotated, gops=gops).rungs)


def test_one_ffmpeg_run_decodes_once_and_splits(tmp_path):
    probe = _video_probe(1280, 720)
    command = encode_command(
        source=tmp_path / "in.mp4",
        probe=probe,
        plan=ladder_plan(probe),
        out_dir=tmp_path,
        ffmpeg_bin="ffmpeg",
        threads=2,
    )
    assert command.count("-i") == 1
    graph = command[command.index("-filter_complex") + 1]
    # Decoded and normalised once, then scaled in a cascade: 720p → 480p → 360p → 240p.
    assert graph.count("fps=fps=30") == 1 and graph.count("split=2") == 3
    assert (
        graph.index("scale=1280:720") < graph.index("scale=854:480") < graph.index("scale=640:360")
    )
    assert "-filter_complex_threads" in command and command[
        command.index("-i") - 2 : command.index("-i")
    ] == ["-threads", "2"]
    # One HLS muxer per rung and one for audio-only, fed by the tee muxer; rungs that share an
    # audio bitrate share one encode (64k for 240p/360p, 96k for 480p/720p, 48k mono alone).
    spec = next(arg for arg in command if arg.startswith("[select="))
    assert [slave.rsplit("]", 1)[1] for slave in spec.split("|")] == [
        str(tmp_path / "hls" / name / "index.m3u8") for name in ("240p", "360p", "480p", "720p")
    ] + [str(tmp_path / "audio" / "index.m3u8")]
    assert [command[i + 1] for i, arg in enumerate(command) if arg.startswith("-b:a:")] == [
        "64000",
        "96000",
        "48000",
    ]


def test_audio_only_source_plans_no_video():
    probe = ProbeResult(kind="audio", duration=30, format_name="mp3", audio_codec="mp3")
    plan = ladder_plan(probe)
    assert plan.kind == "audio" and plan.rungs == () and plan.audio


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("out_time_us=5000000", 50.0),
        ("out_time_ms=10000000", 100.0),
        ("out_time_us=N/A", None),
        ("frame=10", None),
        ("out_time_us=99999999999", 100.0),
    ],
)
def test_progress_lines(line, expected):
    assert progress_parse(line, 10.0) == expected


def test_error_classification():
    assert ffmpeg_error_is_permanent("x.mp4: Invalid data found when processing input")
    assert not ffmpeg_error_is_permanent("Connection reset by peer")


def test_rejection_messages_carry_their_parameters():
    error = MediaRejected("too_long", "4h", limit=180)
    assert "180" in error.message
    with pytest.raises(ValueError):
        MediaRejected("no-such-code")
