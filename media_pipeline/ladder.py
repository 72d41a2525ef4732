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


STANDARD_RATES = (24000 / 1001, 24, 25, 30000 / 1001, 30, 50, 60000 / 1001, 60)


def _standard_rate(rate: float) -> float:
    """24.954 (a looped or trimmed file's average) is 25: players expect the usual rates."""
    nearest = min(STANDARD_RATES, key=lambda standard: abs(rate - standard))
    return nearest if abs(rate - nearest) / nearest < 0.005 else rate


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
    frame_rate = min(_standard_rate(probe.frame_rate or DEFAULT_FRAME_RATE), MAX_FRAME_RATE)
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
    """One ffmpeg run: decode once, encode every rung and each audio bitrate once.

    The tee muxer hands the encoded streams to one HLS muxer per rung, so rungs that share an
    audio bitrate share one audio encode, and the audio-only stream is one more slave.
    """
    # Decoder threads on the input; encoder threads per stream (a trailing -threads is ignored).
    source_input = ffmpeg.input(str(source), threads=threads)
    layout = _TeeLayout(source_input)
    if plan.kind == "video":
        _video_ladder(layout, probe, plan, out_dir, threads)
    if plan.audio:
        bitrate = AUDIO_UPLOAD_BITRATE if plan.kind == "audio" else AUDIO_ONLY_BITRATE
        audio = layout.audio(("aac", bitrate, 1))
        layout.slave(f"a:{audio}", out_dir / "audio")
    command = (
        ffmpeg.output(*layout.streams, layout.spec(), f="tee", **layout.options)
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


class _TeeLayout:
    """The output streams of the run and the tee slaves (one HLS muxer each) that take them."""

    def __init__(self, source_input):
        self.source_input = source_input
        self._video_streams: list = []
        self._audio_streams: list = []
        self.options: dict = {}
        self.slaves: list[str] = []
        self._audio: dict[tuple, int] = {}
        self._videos = 0

    def video(self, stream, options: dict) -> int:
        index = self._videos
        self._videos += 1
        self._video_streams.append(stream)
        self.options.update({f"{key}:v:{index}": value for key, value in options.items()})
        return index

    def audio(self, setting: tuple) -> int:
        """The index of the audio output stream with this setting, encoding it only once."""
        if setting not in self._audio:
            index = self._audio[setting] = len(self._audio)
            self._audio_streams.append(self.source_input.audio)
            if setting[0] == "copy":
                self.options[f"c:a:{index}"] = "copy"
            else:
                _, bitrate, channels = setting
                self.options.update(
                    {
                        f"c:a:{index}": "aac",
                        f"b:a:{index}": bitrate,
                        f"ac:a:{index}": channels,
                        f"ar:a:{index}": 44100,
                    }
                )
        return self._audio[setting]

    def slave(self, select: str, folder: Path) -> None:
        # A piece at every keyframe; packaging joins them into the segments players fetch.
        options = {
            "select": select,
            "f": "hls",
            "hls_time": GOP_SECONDS,
            "hls_playlist_type": "vod",
            "hls_segment_type": "mpegts",
            "hls_segment_filename": str(folder / "piece_%05d.ts"),
            # As ffmpeg gives its own outputs (-muxdelay 0.7): audio frames share PES packets
            # instead of each padding out a TS packet (about 50 kbit/s of waste otherwise).
            "max_delay": 700_000,
        }
        joined = ":".join(f"{key}={_escape(str(value), ':]')}" for key, value in options.items())
        self.slaves.append(_escape(f"[{joined}]", "|") + _escape(str(folder / "index.m3u8"), "|"))

    @property
    def streams(self) -> list:
        """Video before audio, so that every rung's MPEG-TS has the same PIDs (0x100 video,
        0x101 audio): a player switching rungs keeps appending to the same tracks."""
        return self._video_streams + self._audio_streams

    def spec(self) -> str:
        return "|".join(self.slaves)


def _escape(value: str, specials: str) -> str:
    """Backslash-escape for ffmpeg's tokenizer: the tee muxer reads each slave once to split
    the slaves (at "|") and its options once more (at ":" and "]"), so option values are
    escaped twice and file names once."""
    return "".join(f"\\{char}" if char in "\\'" + specials else char for char in value)


def without_remux(plan: Plan) -> Plan:
    """The same ladder with every rung encoded (when a remuxed rung did not line up)."""
    return Plan(
        kind=plan.kind,
        rungs=tuple(PlannedRung(r.rung, r.width, r.height, copy=False) for r in plan.rungs),
        frame_rate=plan.frame_rate,
        audio=plan.audio,
        copy_audio=False,
    )


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


def _video_ladder(layout: _TeeLayout, probe: ProbeResult, plan: Plan, out_dir: Path, threads: int):
    encoded = [r for r in plan.rungs if not r.copy]
    branches = iter(
        _cascade(_video_filters(layout.source_input.video, probe, plan.frame_rate), encoded)
    )
    gop = max(1, round(plan.frame_rate * GOP_SECONDS))
    for rung in plan.rungs:
        if rung.copy:
            video = layout.video(layout.source_input.video, {"c": "copy"})
        else:
            bitrate = rung.rung.video_bitrate
            video = layout.video(
                next(branches),
                {
                    "c": "libx264",
                    "preset": "veryfast",
                    "threads": threads,
                    "profile": "main",
                    "b": bitrate,
                    "maxrate": int(bitrate * 1.2),
                    "bufsize": bitrate * 2,
                    # Keyframes every GOP_SECONDS at the same instants in every rung.
                    "g": gop,
                    "keyint_min": gop,
                    "sc_threshold": 0,
                    "force_key_frames": f"expr:gte(t,n_forced*{GOP_SECONDS})",
                },
            )
        select = f"v:{video}"
        if plan.audio:
            copy = plan.copy_audio and rung.copy
            audio = layout.audio(("copy",) if copy else ("aac", rung.rung.audio_bitrate, 2))
            select += f",a:{audio}"
        layout.slave(select, out_dir / "hls" / rung.rung.name)
