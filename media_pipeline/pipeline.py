"""The whole pipeline on local files: probe, validate, encode, poster, fallbacks.

Used by the Celery tasks (through services) and by `manage.py process_media`.
Outputs are written into a fresh folder; the caller moves them into place.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings

from media_pipeline.encode import ProgressCallback, ffmpeg_run, poster_extract, remux
from media_pipeline.errors import MediaRejected
from media_pipeline.ladder import (
    AUDIO_ONLY_BITRATE,
    AUDIO_UPLOAD_BITRATE,
    Plan,
    encode_command,
    ladder_plan,
    remux_candidate,
    without_remux,
)
from media_pipeline.packaging import RungOutput, audio_package, video_ladder_package
from media_pipeline.probe import ProbeResult, gop_layout_probe, probe_file
from media_pipeline.tools import tool_path

logger = logging.getLogger(__name__)

# The poster is the first thing a parent downloads, before the first segment: about 30 KB at
# 640 px (a phone screen's width) instead of about 100 KB at 1280 px.
POSTER_WIDTH = 640
POSTER_PORTRAIT_WIDTH = 360


@dataclass
class RenditionResult:
    name: str
    kind: str  # "video" or "audio"
    width: int | None
    height: int | None
    bitrate: int
    path: str  # relative to the output folder


@dataclass
class ProcessResult:
    kind: str
    duration: float
    probe: ProbeResult
    renditions: list[RenditionResult] = field(default_factory=list)
    hls_master: str | None = None
    mp4_fallback: str | None = None
    audio_only: str | None = None
    audio_file: str | None = None
    poster: str | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("probe")
        return data


def media_validate(probe: ProbeResult, *, size: int) -> None:
    limit_minutes = settings.MEDIA_MAX_DURATION_SECONDS // 60
    if probe.duration > settings.MEDIA_MAX_DURATION_SECONDS:
        raise MediaRejected("too_long", f"{probe.duration:.0f}s", limit=limit_minutes)
    if size > settings.MEDIA_MAX_UPLOAD_BYTES:
        raise MediaRejected(
            "too_large", f"{size} bytes", limit=_human_size(settings.MEDIA_MAX_UPLOAD_BYTES)
        )
    if probe.kind == "video":
        long_side = max(probe.width or 0, probe.height or 0)
        if (
            long_side > settings.MEDIA_MAX_LONG_SIDE
            or probe.short_side > settings.MEDIA_MAX_SHORT_SIDE
        ):
            raise MediaRejected(
                "picture_too_big",
                f"{probe.width}x{probe.height}",
                limit=f"{settings.MEDIA_MAX_LONG_SIDE}×{settings.MEDIA_MAX_SHORT_SIDE}",
            )
        if (probe.frame_rate or 0) > settings.MEDIA_MAX_FRAME_RATE + 0.5:
            raise MediaRejected(
                "frame_rate_too_high",
                f"{probe.frame_rate} fps",
                limit=settings.MEDIA_MAX_FRAME_RATE,
            )


def _encode_and_package(
    *,
    source: Path,
    probe: ProbeResult,
    plan: Plan,
    out_dir: Path,
    on_progress: ProgressCallback | None,
) -> list[str]:
    """Run the single ffmpeg pass, then join and check; the ladder's problems (empty if fine)."""
    for folder in ("hls", "audio"):
        shutil.rmtree(out_dir / folder, ignore_errors=True)
    for folder in ["hls", "audio", *[f"hls/{r.rung.name}" for r in plan.rungs]]:
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    command = encode_command(
        source=source,
        probe=probe,
        plan=plan,
        out_dir=out_dir,
        ffmpeg_bin=tool_path("ffmpeg"),
        threads=settings.MEDIA_FFMPEG_THREADS,
    )
    ffmpeg_run(
        command,
        duration=probe.duration,
        timeout=max(settings.MEDIA_ENCODE_TIMEOUT_MIN_SECONDS, probe.duration * 6),
        on_progress=on_progress,
    )
    problems = []
    if plan.kind == "video":
        rungs = [RungOutput(r.rung.name, r.width, r.height, plan.frame_rate) for r in plan.rungs]
        problems += video_ladder_package(hls_dir=out_dir / "hls", rungs=rungs)
    if plan.audio:
        problems += audio_package(folder=out_dir / "audio")
    return problems


def _human_size(size: int) -> str:
    return f"{size / 1024**3:.1f} GB" if size >= 1024**3 else f"{size / 1024**2:.0f} MB"


def media_check(source: Path) -> ProbeResult:
    """Probe and validate; MediaRejected with a reason for anything unplayable."""
    probe = probe_file(source)
    media_validate(probe, size=source.stat().st_size)
    return probe


def media_process(
    *,
    source: Path,
    out_dir: Path,
    probe: ProbeResult | None = None,
    on_progress: ProgressCallback | None = None,
) -> ProcessResult:
    if probe is None:
        probe = media_check(source)
    else:  # the check's probe: the limits may have changed since, so apply today's
        media_validate(probe, size=source.stat().st_size)
    ffmpeg_bin = tool_path("ffmpeg")
    gops = gop_layout_probe(source) if remux_candidate(probe) else None
    plan = ladder_plan(probe, gops=gops)
    problems = _encode_and_package(
        source=source, probe=probe, plan=plan, out_dir=out_dir, on_progress=on_progress
    )
    if problems and any(r.copy for r in plan.rungs):
        # The remuxed rung did not line up after all: encode every rung instead.
        logger.warning("remuxed rung misaligned for %s (%s); encoding it", source.name, problems)
        plan = without_remux(plan)
        problems = _encode_and_package(
            source=source, probe=probe, plan=plan, out_dir=out_dir, on_progress=on_progress
        )
    if problems:
        raise MediaRejected("ladder", "; ".join(problems)[:2000])
    result = ProcessResult(kind=probe.kind, duration=probe.duration, probe=probe)
    if plan.kind == "video":
        result.hls_master = "hls/master.m3u8"
        for planned in plan.rungs:
            result.renditions.append(
                RenditionResult(
                    name=planned.rung.name,
                    kind="video",
                    width=planned.width,
                    height=planned.height,
                    bitrate=planned.rung.video_bitrate
                    + (planned.rung.audio_bitrate if plan.audio else 0),
                    path=f"hls/{planned.rung.name}/index.m3u8",
                )
            )
        fallback = plan.fallback_rung
        remux(
            ffmpeg_bin=ffmpeg_bin,
            playlist=out_dir / "hls" / fallback.rung.name / "index.m3u8",
            target=out_dir / "fallback.mp4",
        )
        result.mp4_fallback = "fallback.mp4"
        if poster_extract(
            ffmpeg_bin=ffmpeg_bin,
            source=source,
            target=out_dir / "poster.jpg",
            duration=probe.duration,
            width=min(probe.width, POSTER_PORTRAIT_WIDTH if probe.portrait else POSTER_WIDTH),
        ):
            result.poster = "poster.jpg"
    if plan.audio:
        bitrate = AUDIO_UPLOAD_BITRATE if plan.kind == "audio" else AUDIO_ONLY_BITRATE
        result.renditions.append(
            RenditionResult(
                name="audio",
                kind="audio",
                width=None,
                height=None,
                bitrate=bitrate,
                path="audio/index.m3u8",
            )
        )
        result.audio_only = "audio/index.m3u8"
        remux(
            ffmpeg_bin=ffmpeg_bin,
            playlist=out_dir / "audio" / "index.m3u8",
            target=out_dir / "audio.m4a",
        )
        result.audio_file = "audio.m4a"
        if plan.kind == "audio":
            result.hls_master = "audio/index.m3u8"
    return result
