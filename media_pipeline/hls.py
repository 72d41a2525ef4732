"""HLS playlists as data: read, write, and the ladder check (pure: no I/O).

A ladder switches cleanly only when every rung cuts at the same instants, every
segment opens with a keyframe, and the master tells players what each variant
is (CODECS, RESOLUTION, FRAME-RATE) with the lightest variant first, because
native players (Safari, WeChat on iOS, Chromium) start with the first listed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_SEGMENT_SECONDS = 6.0  # a segment may run a little past 4 s at a late keyframe, never more

_ATTRIBUTE = re.compile(r'([A-Z0-9-]+)=("[^"]*"|[^,]*)')


@dataclass(frozen=True)
class Segment:
    duration: float
    uri: str


@dataclass(frozen=True)
class MediaPlaylist:
    target_duration: int
    segments: tuple[Segment, ...]
    ended: bool = True

    @property
    def boundaries(self) -> list[float]:
        """Where each segment starts, from the first segment's start."""
        starts, position = [], 0.0
        for segment in self.segments:
            starts.append(round(position, 6))
            position += segment.duration
        return starts

    @property
    def duration(self) -> float:
        return sum(s.duration for s in self.segments)


@dataclass(frozen=True)
class Variant:
    uri: str
    bandwidth: int
    average_bandwidth: int | None = None
    codecs: str = ""
    resolution: tuple[int, int] | None = None
    frame_rate: float | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)


class PlaylistError(ValueError):
    """The text is not a playlist we can read."""


def media_playlist_parse(text: str) -> MediaPlaylist:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or lines[0] != "#EXTM3U":
        raise PlaylistError("not an M3U8 playlist")
    target, segments, pending, ended = None, [], None, False
    for line in lines[1:]:
        if line.startswith("#EXT-X-TARGETDURATION:"):
            target = _number(line.partition(":")[2], int)
        elif line.startswith("#EXTINF:"):
            pending = _number(line.partition(":")[2].split(",")[0], float)
        elif line == "#EXT-X-ENDLIST":
            ended = True
        elif not line.startswith("#"):
            if pending is None:
                raise PlaylistError(f"segment {line!r} without #EXTINF")
            segments.append(Segment(pending, line))
            pending = None
    if target is None:
        raise PlaylistError("no #EXT-X-TARGETDURATION")
    return MediaPlaylist(target_duration=target, segments=tuple(segments), ended=ended)


def media_playlist_format(segments: Sequence[Segment]) -> str:
    """A VOD media playlist; the target duration is the longest segment rounded (RFC 8216)."""
    target = max((round(s.duration) for s in segments), default=1)
    target = max(target, max((math.ceil(s.duration - 0.001) for s in segments), default=1))
    lines = [
        "#EXTM3U",
        "#EXT-X-VERSION:6",
        f"#EXT-X-TARGETDURATION:{target}",
        "#EXT-X-MEDIA-SEQUENCE:0",
        "#EXT-X-PLAYLIST-TYPE:VOD",
        "#EXT-X-INDEPENDENT-SEGMENTS",
    ]
    for segment in segments:
        lines += [f"#EXTINF:{segment.duration:.6f},", segment.uri]
    lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"


def master_parse(text: str) -> list[Variant]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or lines[0] != "#EXTM3U":
        raise PlaylistError("not an M3U8 playlist")
    variants, attributes = [], None
    for line in lines[1:]:
        if line.startswith("#EXT-X-STREAM-INF:"):
            attributes = {
                key: value.strip('"') for key, value in _ATTRIBUTE.findall(line.partition(":")[2])
            }
        elif attributes is not None and not line.startswith("#"):
            variants.append(_variant(line, attributes))
            attributes = None
    if not variants:
        raise PlaylistError("a master playlist without variants")
    return variants


def _variant(uri: str, attributes: dict[str, str]) -> Variant:
    resolution = None
    if "RESOLUTION" in attributes:
        width, _, height = attributes["RESOLUTION"].partition("x")
        resolution = (_number(width, int), _number(height, int))
    average = attributes.get("AVERAGE-BANDWIDTH")
    rate = attributes.get("FRAME-RATE")
    return Variant(
        uri=uri,
        bandwidth=_number(attributes.get("BANDWIDTH", "0"), int),
        average_bandwidth=_number(average, int) if average else None,
        codecs=attributes.get("CODECS", ""),
        resolution=resolution,
        frame_rate=_number(rate, float) if rate else None,
        attributes=attributes,
    )


def master_format(variants: Sequence[Variant]) -> str:
    """The master playlist, lightest variant first."""
    lines = ["#EXTM3U", "#EXT-X-VERSION:6", "#EXT-X-INDEPENDENT-SEGMENTS"]
    for variant in sorted(variants, key=lambda v: v.bandwidth):
        parts = [f"BANDWIDTH={variant.bandwidth}"]
        if variant.average_bandwidth:
            parts.append(f"AVERAGE-BANDWIDTH={variant.average_bandwidth}")
        if variant.codecs:
            parts.append(f'CODECS="{variant.codecs}"')
        if variant.resolution:
            parts.append(f"RESOLUTION={variant.resolution[0]}x{variant.resolution[1]}")
        if variant.frame_rate:
            parts.append(f"FRAME-RATE={variant.frame_rate:.3f}")
        lines += ["#EXT-X-STREAM-INF:" + ",".join(parts), variant.uri]
    return "\n".join(lines) + "\n"


def segment_groups(durations: Sequence[float]) -> list[list[int]]:
    """Which GOP-long pieces make each segment: the first alone, then pairs (about 4 s).

    The encoder cuts at every keyframe (every 2 s); joining the pieces afterwards gives a short
    first segment for a quick start and 4 s segments after it, at the same instants in every rung.
    """
    if not durations:
        return []
    groups = [[0]]
    for index in range(1, len(durations)):
        if len(groups) > 1 and len(groups[-1]) == 1:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def ladder_problems(
    *,
    variants: Sequence[Variant],
    playlists: Mapping[str, MediaPlaylist],
    keyframes: Mapping[str, Sequence[float]] | None = None,
    frame_rate: float | None = None,
) -> list[str]:
    """Why this ladder would not switch cleanly; empty when it will.

    `playlists` maps each variant's uri to its media playlist; `keyframes` (optional: it needs
    the segments themselves) maps it to the video keyframe times from the first segment's start.
    """
    problems: list[str] = []
    if [v.bandwidth for v in variants] != sorted(v.bandwidth for v in variants):
        problems.append("the lightest variant is not listed first")
    for variant in variants:
        missing = [
            name
            for name, present in (
                ("CODECS", variant.codecs),
                ("RESOLUTION", variant.resolution),
                ("FRAME-RATE", variant.frame_rate),
            )
            if not present
        ]
        if missing:
            problems.append(f"{variant.uri}: no {', '.join(missing)} in the master")
    tolerance = 1.0 / (frame_rate or 25) + 0.001  # within a frame
    reference: tuple[str, list[float]] | None = None
    for variant in variants:
        playlist = playlists.get(variant.uri)
        if playlist is None:
            problems.append(f"{variant.uri}: playlist missing")
            continue
        problems += _playlist_problems(variant.uri, playlist)
        starts = playlist.boundaries
        if reference is None:
            reference = (variant.uri, starts)
        elif not _same_cuts(reference[1], starts, tolerance):
            problems.append(
                f"{variant.uri}: cuts at {_preview(starts)} but {reference[0]} at "
                f"{_preview(reference[1])}"
            )
        if keyframes is not None:
            times = sorted(keyframes.get(variant.uri, ()))
            late = [s for s in starts if not _near_any(s, times, tolerance)]
            if late:
                problems.append(
                    f"{variant.uri}: segments at {_preview(late)} s open without a keyframe"
                )
    return problems


def media_playlist_problems(uri: str, playlist: MediaPlaylist) -> list[str]:
    """The checks a single (audio-only) playlist must pass."""
    return _playlist_problems(uri, playlist)


def _playlist_problems(uri: str, playlist: MediaPlaylist) -> list[str]:
    problems = []
    if not playlist.segments:
        problems.append(f"{uri}: no segments")
    if playlist.target_duration > MAX_SEGMENT_SECONDS:
        problems.append(f"{uri}: target duration {playlist.target_duration} s (at most 6)")
    long = [s.duration for s in playlist.segments if s.duration > MAX_SEGMENT_SECONDS + 0.05]
    if long:
        problems.append(f"{uri}: {len(long)} segment(s) longer than 6 s")
    if not playlist.ended:
        problems.append(f"{uri}: no #EXT-X-ENDLIST")
    return problems


def _same_cuts(first: Sequence[float], second: Sequence[float], tolerance: float) -> bool:
    return len(first) == len(second) and all(
        abs(a - b) <= tolerance for a, b in zip(first, second, strict=True)
    )


def _near_any(value: float, sorted_times: Sequence[float], tolerance: float) -> bool:
    import bisect

    index = bisect.bisect_left(sorted_times, value - tolerance)
    return index < len(sorted_times) and abs(sorted_times[index] - value) <= tolerance


def _preview(values: Sequence[float]) -> str:
    shown = ", ".join(f"{v:.2f}" for v in values[:4])
    return shown + (", …" if len(values) > 4 else "")


def _number(text: str, kind):
    try:
        return kind(text.strip())
    except (TypeError, ValueError):
        raise PlaylistError(f"not a number: {text!r}") from None


def h264_codec_string(extradata: bytes) -> str | None:
    """avc1.PPCCLL (RFC 6381) from an avcC record or an Annex B SPS."""
    if len(extradata) >= 4 and extradata[0] == 1:  # avcC (MP4)
        return "avc1.{:02x}{:02x}{:02x}".format(*extradata[1:4])
    for index in range(len(extradata) - 6):
        if extradata[index : index + 3] == b"\x00\x00\x01" and extradata[index + 3] & 0x1F == 7:
            return "avc1.{:02x}{:02x}{:02x}".format(*extradata[index + 4 : index + 7])
    return None


AAC_OBJECT_TYPES = {"LC": 2, "HE-AAC": 5, "HE-AACv2": 29, "Main": 1, "LTP": 4}


def aac_codec_string(profile: str | None) -> str:
    return f"mp4a.40.{AAC_OBJECT_TYPES.get(profile or 'LC', 2)}"
