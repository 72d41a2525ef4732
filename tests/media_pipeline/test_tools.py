import stat

import pytest

from media_pipeline.tools import ToolMissing, tool_path


def _fake_binary(folder, name):
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_configured_path_wins(settings, tmp_path):
    settings.FFMPEG_BINARY = str(_fake_binary(tmp_path, "my-ffmpeg"))
    assert tool_path("ffmpeg") == settings.FFMPEG_BINARY


def test_configured_path_that_does_not_exist_is_a_clear_error(settings, tmp_path):
    settings.FFPROBE_BINARY = str(tmp_path / "missing")
    with pytest.raises(ToolMissing, match="FFPROBE_BINARY=.*is not a file.*apt-get install ffmpeg"):
        tool_path("ffprobe")


def test_found_on_the_path(settings, tmp_path, monkeypatch):
    settings.FFMPEG_BINARY = None
    expected = _fake_binary(tmp_path, "ffmpeg")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert tool_path("ffmpeg") == str(expected)


def test_missing_everywhere_says_how_to_get_it(settings, tmp_path, monkeypatch):
    settings.FFMPEG_BINARY = None
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("media_pipeline.tools._wheel_binary", lambda name: None)
    with pytest.raises(ToolMissing, match="ffmpeg was not found.*FFMPEG_BINARY"):
        tool_path("ffmpeg")
