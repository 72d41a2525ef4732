"""Running ffmpeg: the ladder with progress, the poster, and remuxed MP4/M4A files."""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from media_pipeline.errors import MediaRejected, TransientMediaError, ffmpeg_error_is_permanent

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[float], None]


def progress_parse(line: str, duration: float) -> float | None:
    """Percent done from one `-progress` line such as 'out_time_us=1234567'."""
    key, _, value = line.strip().partition("=")
    if key not in ("out_time_us", "out_time_ms") or not duration:
        return None
    try:
        microseconds = int(value)  # both keys are in microseconds (a historical misnomer)
    except ValueError:
        return None
    return max(0.0, min(100.0, microseconds / 1_000_000 / duration * 100))


def ffmpeg_run(
    command: list[str],
    *,
    duration: float,
    timeout: float,
    on_progress: ProgressCallback | None = None,
    progress_interval: float = 5.0,
) -> None:
    """Run ffmpeg; report progress at most every `progress_interval` seconds."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace"
    )
    last_report = 0.0
    try:
        assert process.stdout is not None
        for line in process.stdout:
            percent = progress_parse(line, duration)
            now = time.monotonic()
            if percent is not None and on_progress and now - last_report >= progress_interval:
                on_progress(percent)
                last_report = now
            if now - started > timeout:
                process.kill()
                raise TransientMediaError(f"ffmpeg ran longer than {timeout:.0f}s")
        stderr = process.stderr.read() if process.stderr else ""
        returncode = process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-5:])
        if returncode < 0:  # killed by a signal (out of memory, worker shutdown): try again
            raise TransientMediaError(f"ffmpeg killed by signal {-returncode}: {tail}")
        if ffmpeg_error_is_permanent(stderr):
            raise MediaRejected("undecodable", tail)
        raise TransientMediaError(f"ffmpeg exited {returncode}: {tail}")


def poster_extract(
    *, ffmpeg_bin: str, source: Path, target: Path, duration: float, width: int
) -> bool:
    """A representative frame (the most typical of ~100 frames around 10 % in) as JPEG."""
    at = min(max(duration * 0.1, 0.0), max(duration - 1.0, 0.0))
    command = [
        ffmpeg_bin,
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-ss",
        f"{at:.3f}",
        "-i",
        str(source),
        "-vf",
        f"thumbnail=100,scale={width}:-2,format=yuvj420p",
        "-frames:v",
        "1",
        "-q:v",
        "5",
        str(target),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not target.exists():
        logger.warning("No poster for %s: %s", source.name, result.stderr.strip()[-300:])
        return False
    return True


def remux(*, ffmpeg_bin: str, playlist: Path, target: Path) -> None:
    """Join HLS segments into one progressive file without re-encoding (moov first)."""
    command = [
        ffmpeg_bin,
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "error",
        "-y",
        "-allowed_extensions",
        "ALL",
        "-i",
        str(playlist),
        "-c",
        "copy",
        "-bsf:a",
        "aac_adtstoasc",
        "-movflags",
        "+faststart",
        str(target),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise TransientMediaError(f"remux of {playlist.name} failed: {result.stderr[-300:]}")
