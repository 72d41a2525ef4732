import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.services("ffmpeg")


def _run(capsys, *args):
    code = 0
    try:
        call_command("process_media", *args)
    except SystemExit as exit_:
        code = exit_.code
    return code, capsys.readouterr()


def test_ready_prints_the_documented_json(make_clip, tmp_path, capsys):
    code, out = _run(capsys, str(make_clip("portrait.mp4")), "--out", str(tmp_path), "--json")
    report = json.loads(out.out)
    assert code == 0
    assert report["status"] == "ready" and report["kind"] == "video" and report["error"] is None
    assert abs(report["duration"] - 5) < 0.5
    assert set(report) == {
        "status",
        "kind",
        "duration",
        "renditions",
        "hls_master",
        "mp4_fallback",
        "audio_only",
        "poster",
        "error",
    }
    assert {r["name"] for r in report["renditions"]} == {"240p", "360p", "480p", "audio"}
    assert all(
        {"name", "kind", "width", "height", "bitrate", "path"} == set(r)
        for r in report["renditions"]
    )
    assert report["hls_master"] == str(tmp_path / "hls/master.m3u8")


def test_rejected_input_exits_2_with_the_reason(make_clip, tmp_path, capsys):
    code, out = _run(capsys, str(make_clip("text.mp4")), "--out", str(tmp_path), "--json")
    report = json.loads(out.out)
    assert code == 2
    assert report["status"] == "failed" and report["error"].startswith("not_media")


def test_missing_file_exits_2(tmp_path, capsys):
    code, out = _run(capsys, str(tmp_path / "nope.mp4"))
    assert code == 2 and "no such file" in out.err


def test_missing_ffmpeg_exits_1(make_clip, tmp_path, capsys, settings):
    settings.FFMPEG_BINARY = str(tmp_path / "no-ffmpeg")
    code, out = _run(capsys, str(make_clip("talk.mp3")), "--out", str(tmp_path / "o"))
    assert code == 1 and "FFMPEG_BINARY" in out.err
