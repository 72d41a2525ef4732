"""The rendition ladder and the single ffmpeg run that encodes it (pure: no I/O).

Every rung is cut at the same instants: keyframes every GOP_SECONDS in every encoded rung, and a
rung is remuxed from the source only when the source's own keyframes already fall on that grid
(closed GOPs, a profile and level phones decode). ffmpeg cuts a piece at every keyframe; the
packaging step joins them into segments (see media_pipeline.hls.segment_groups).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ffmpeg

from media_pipeline.probe import GopLayout, ProbeResult

SEGMENT_SECONDS = 4  # after joining two GOP-long pieces; the first segment is one piece
GOP_SECONDS = 2
MAX_FRAME_RATE = 30
DEFAULT_FRAME_RATE = 25


@dataclass(frozen=True)
class Rung:
    name: str
    short_side: int
    video_bitrate: int
    audio_bitrate: int


LADDER = (
    Rung("240p", 240, 300_000, 64_000),
    Rung("360p", 360, 600_000, 64_000),
    Rung("480p", 480, 1_000_000, 96_000),
    Rung("720p", 720, 1_800_000, 96_000),
)
AUDIO_ONLY_BITRATE = 48_000  # mono AAC: a talk stays clear on 2G/3G
AUDIO_UPLOAD_BITRATE = 64_000


@dataclass(frozen=True)
class PlannedRung:
    rung: Rung
    width: int
    height: int
    copy: bool = False  # remux the source instead of encoding


@dataclass(frozen=True)
class Plan:
    kind: str
    rungs: tuple[PlannedRung, ...]
    frame_rate: float | None
    audio: bool
    copy_audio: bool = False

    @property
    def fallback_rung(self) -> PlannedRung | None:
        """The progressive MP4: 360p, or the highest rung below it."""
        if not self.rungs:
            return None
        at_most_360 = [r for r in self.rungs if r.rung.short_side <= 360]
        return at_most_360[-1] if at_most_360 else self.rungs[0]


def _even(value: float) -> int:
    return max(2, int(round(value / 2)) * 2)


def _size(probe: ProbeResult, short_side: int) -> tuple[int, int]:
    long_side = _even(short_side * max(probe.width, probe.height) / probe.short_side)
    return (short_side, long_side) if probe.portrait else (long_side, short_side)


REMUX_PROFILES = {"Constrained Baseline", "Baseline", "Main", "High"}
REMUX_MAX_LEVEL = 41  # 4.1: what cheap phones decode in hardware


def keyframes_on_grid(keyframes: tuple[float, ...], *, duration: float, frame_rate: float) -> bool:
    """Is the first keyframe at or after every GOP_SECONDS mark within a frame of it?

    Then ffmpeg cuts the remuxed rung where it cuts the encoded ones (at the first frame at or
    after each mark).
    """
    frame = 1.0 / frame_rate
    times = sorted(keyframes)
    if not times or times[0] > 1e-3:
        return False
    mark, index = float(GOP_SECONDS), 0
    while mark < duration - frame:
        while index < len(times) and times[index] < mark - 1e-4:
            index += 1
        if index == len(times) or times[index] - mark >= frame - 1e-4:
            return False
        mark += GOP_SECONDS
    return True


def _source_may_remux(probe: ProbeResult, gops: GopLayout | None) -> bool:
    """The source's keyframes fit the grid and its profile and level fit phones."""
    return (
        gops is not None
        and gops.closed
        and probe.video_profile in REMUX_PROFILES
        and (probe.video_level or 99) <= REMUX_MAX_LEVEL
        and keyframes_on_grid(
            gops.keyframes, duration=probe.duration, frame_rate=probe.frame_rate or 25
        )
    )


def _source_fits(probe: ProbeResult, rung: Rung) -> bool:
    """H.264 8-bit 4:2:0 at exactly this size, steady rate, upright, not too heavy."""
    return (
        probe.video_codec == "h264"
        and probe.pixel_format == "yuv420p"
        and probe.bit_depth == 8
        and not probe.hdr
        and not probe.variable_frame_rate
        and probe.rotation == 0
        and probe.short_side == rung.short_side
        and (probe.frame_rate or 0) <= MAX_FRAME_RATE + 0.01
        and (probe.video_bitrate or 0) <= rung.video_bitrate * 1.5
        and probe.audio_codec in (None, "aac")
    )


def remux_candidate(probe: ProbeResult) -> bool:
    """Could any rung be remuxed? Only then is it worth reading the source's keyframes."""
    return probe.kind == "video" and any(_source_fits(probe, rung) for rung in LADDER)


def ladder_plan(probe: ProbeResult, *, gops: GopLayout | None = None) -> Plan:
    """The rungs for this source; `gops` (the source's keyframes) allows remuxing a rung."""
    if probe.kind == "audio":
        return Plan(kind="audio", rungs=(), frame_rate=None, audio=True, copy_audio=False)
    rungs = [r for r in LADDER if r.short_side <= probe.short_side]
    planned: list[PlannedRung] = []
    if not rungs:
        # Smaller than 240p: one rung at the source size, never upscaled.
        tiny = Rung(f"{_even(probe.short_side)}p", _even(probe.short_side), 200_000, 64_000)
        planned.append(PlannedRung(tiny, *_size(probe, tiny.short_side)))
    may_remux = _source_may_remux(probe, gops)
    for rung in rungs:
        copy = may_remux and _source_fits(probe, rung)
        planned.append(PlannedRung(rung, *_size(probe, rung.short_side), copy=copy))
    frame_rate = min(probe.frame_rate or DEFAULT_FRAME_RATE, MAX_FRAME_RATE)
    return Plan(
        kind="video",
        rungs=tuple(planned),
        frame_rate=round(frame_rate, 3),
        audio=probe.has_audio,
        copy_audio=any(r.copy for r in planned) and probe.audio_codec == "aac",
    )


def _video_filters(stream, probe: ProbeResult, frame_rate: float):
    if probe.hdr:
        # Tone-map HDR (PQ/HLG) to SDR BT.709 so phones do not show washed-out colours.
        stream = (
            stream.filter("zscale", t="linear", npl=100)
            .filter("format", "gbrpf32le")
            .filter("zscale", p="bt709")
            .filter("tonemap", "hable", desat=0)
            .filter("zscale", t="bt709", m="bt709", r="tv")
        )
    # ffmpeg applies the rotation flag itself before the filters (autorotate).
    return stream.filter("fps", fps=frame_rate).filter("format", "yuv420p")


def encode_command(
    *, source: Path, probe: ProbeResult, plan: Plan, out_dir: Path, ffmpeg_bin: str, threads: int
) -> list[str]:
    """One ffmpeg run: decode once, encode every rung and the audio-only stream."""
    # Decoder threads on the input; encoder threads per stream (a trailing -threads is ignored).
    source_input = ffmpeg.input(str(source), threads=threads)
    outputs = []
    if plan.kind == "video":
        outputs.append(_video_ladder_output(source_input, probe, plan, out_dir, threads))
    if plan.audio:
        bitrate = AUDIO_UPLOAD_BITRATE if plan.kind == "audio" else AUDIO_ONLY_BITRATE
        outputs.append(
            ffmpeg.output(
                source_input.audio,
                str(out_dir / "audio" / "index.m3u8"),
                vn=None,
                **{"c:a": "aac", "b:a": bitrate, "ac": 1, "ar": 44100},
                **_hls_options(out_dir / "audio" / "piece_%05d.ts"),
            )
        )
    command = (
        ffmpeg.merge_outputs(*outputs)
        .global_args(
            "-hide_banner",
            "-nostdin",
            "-loglevel",
            "error",
            "-progress",
            "pipe:1",
            "-nostats",
            "-filter_complex_threads",
            str(threads),
        )
        .overwrite_output()
    )
    return command.compile(cmd=ffmpeg_bin)


def without_remux(plan: Plan) -> Plan:
    """The same ladder with every rung encoded (when a remuxed rung did not line up)."""
    return Plan(
        kind=plan.kind,
        rungs=tuple(PlannedRung(r.rung, r.width, r.height, copy=False) for r in plan.rungs),
        frame_rate=plan.frame_rate,
        audio=plan.audio,
        copy_audio=False,
    )


def _hls_options(segment_pattern: Path) -> dict:
    # A piece at every keyframe; packaging joins them into the segments players fetch.
    return {
        "f": "hls",
        "hls_time": GOP_SECONDS,
        "hls_playlist_type": "vod",
        "hls_segment_type": "mpegts",
        "hls_flags": "independent_segments",
        "hls_segment_filename": str(segment_pattern),
    }


def _cascade(stream, rungs: list[PlannedRung]) -> list:
    """Scale each rung from the next larger one, not from the source: fewer pixels to filter."""
    branches: dict[int, object] = {}
    current = stream
    for position, rung in enumerate(sorted(rungs, key=lambda r: r.rung.short_side, reverse=True)):
        scaled = current.filter("scale", rung.width, rung.height)
        if position < len(rungs) - 1:
            split = scaled.filter_multi_output("split", 2)
            scaled, current = split[0], split[1]
        branches[id(rung)] = scaled.filter("setsar", 1)
    return [branches[id(rung)] for rung in rungs]


def _video_ladder_output(source_input, probe: ProbeResult, plan: Plan, out_dir: Path, threads: int):
    encoded = [r for r in plan.rungs if not r.copy]
    branches = _cascade(_video_filters(source_input.video, probe, plan.frame_rate), encoded)
    streams, stream_map, options = [], [], {}
    gop = max(1, round(plan.frame_rate * GOP_SECONDS))
    encoded_iter = iter(branches)
    for index, rung in enumerate(plan.rungs):
        streams.append(source_input.video if rung.copy else next(encoded_iter))
        if rung.copy:
            options[f"c:v:{index}"] = "copy"
        else:
            bitrate = rung.rung.video_bitrate
            options.update(
                {
                    f"c:v:{index}": "libx264",
                    f"preset:v:{index}": "veryfast",
                    f"threads:v:{index}": threads,
                    f"profile:v:{index}": "main",
                    f"b:v:{index}": bitrate,
                    f"maxrate:v:{index}": int(bitrate * 1.2),
                    f"bufsize:v:{index}": bitrate * 2,
                    # Keyframes every GOP_SECONDS at the same instants in every rung.
                    f"g:v:{index}": gop,
                    f"keyint_min:v:{index}": gop,
                    f"sc_threshold:v:{index}": 0,
                    f"force_key_frames:v:{index}": f"expr:gte(t,n_forced*{GOP_SECONDS})",
                }
            )
        entry = f"v:{index}"
        if plan.audio:
            streams.append(source_input.audio)
            if plan.copy_audio and rung.copy:
                options[f"c:a:{index}"] = "copy"
            else:
                options.update(
                    {
                        f"c:a:{index}": "aac",
                        f"b:a:{index}": rung.rung.audio_bitrate,
                        f"ac:a:{index}": 2,
                    }
                )
            entry += f",a:{index}"
        stream_map.append(f"{entry},name:{rung.rung.name}")
    options.update(
        {
            "ar": 44100,
            "var_stream_map": " ".join(stream_map),
            **_hls_options(out_dir / "hls" / "%v" / "piece_%05d.ts"),
        }
    )
    return ffmpeg.output(*streams, str(out_dir / "hls" / "%v" / "index.m3u8"), **options)
