"""What is in a file: sniffed by content, then probed with ffprobe (ffmpeg-python)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from fractions import Fraction
from pathlib import Path

import ffmpeg

from media_pipeline.errors import MediaRejected, TransientMediaError, ffmpeg_error_is_permanent
from media_pipeline.tools import tool_path

# Formats ffprobe reports for single pictures.
IMAGE_FORMATS = {"png_pipe", "jpeg_pipe", "image2", "bmp_pipe", "gif", "webp_pipe", "tiff_pipe"}
IMAGE_CODECS = {"png", "mjpeg", "bmp", "gif", "webp", "tiff", "jpegls", "jpeg2000"}
HDR_TRANSFERS = {"smpte2084", "arib-std-b67"}


@dataclass(frozen=True)
class ProbeResult:
    kind: str  # "video" or "audio"
    duration: float
    format_name: str
    video_codec: str | None = None
    pixel_format: str | None = None
    bit_depth: int = 8
    width: int | None = None  # as displayed, after rotation
    height: int | None = None
    rotation: int = 0
    frame_rate: float | None = None
    variable_frame_rate: bool = False
    hdr: bool = False
    video_bitrate: int | None = None
    video_profile: str | None = None  # "High", "Main", "Constrained Baseline"…
    video_level: int | None = None  # 31 for 3.1
    audio_codec: str | None = None
    audio_channels: int | None = None
    audio_sample_rate: int | None = None

    @property
    def has_audio(self) -> bool:
        return self.audio_codec is not None

    @property
    def short_side(self) -> int:
        return min(self.width or 0, self.height or 0)

    @property
    def portrait(self) -> bool:
        return (self.height or 0) > (self.width or 0)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ProbeResult | None:
        """The result `as_dict` gave; None when its fields are not exactly today's (a probe
        stored by another version is probed again rather than guessed)."""
        if not isinstance(data, dict) or set(data) != {f.name for f in fields(cls)}:
            return None
        return cls(**data)


def sniff(path: Path) -> None:
    """Cheap checks before ffprobe: an empty file, or plain text."""
    size = path.stat().st_size
    if size == 0:
        raise MediaRejected("empty")
    with path.open("rb") as handle:
        head = handle.read(4096)
    if _looks_like_text(head):
        raise MediaRejected("not_media", "the file is text")


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def probe_file(path: Path) -> ProbeResult:
    """Sniff and probe `path`; MediaRejected for anything we cannot play."""
    sniff(path)
    try:
        data = ffmpeg.probe(str(path), cmd=tool_path("ffprobe"))
    except ffmpeg.Error as error:
        stderr = (error.stderr or b"").decode("utf-8", "replace")
        if "moov atom not found" in stderr:
            raise MediaRejected("truncated", _last_line(stderr)) from None
        if ffmpeg_error_is_permanent(stderr) or not stderr.strip():
            raise MediaRejected("not_media", _last_line(stderr)) from None
        raise TransientMediaError(_last_line(stderr)) from None
    return probe_parse(data)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:500] if lines else ""


def probe_parse(data: dict) -> ProbeResult:
    """Turn ffprobe's JSON into a ProbeResult, rejecting what is not playable media."""
    fmt = data.get("format", {})
    streams = data.get("streams", [])
    format_name = fmt.get("format_name", "")
    videos = [
        s
        for s in streams
        if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")
    ]
    audios = [s for s in streams if s.get("codec_type") == "audio"]
    if format_name in IMAGE_FORMATS or (
        videos
        and not audios
        and videos[0].get("codec_name") in IMAGE_CODECS
        and _frame_count(videos[0]) <= 1
    ):
        raise MediaRejected("still_image", format_name)
    if not videos and not audios:
        raise MediaRejected("no_streams", format_name)
    duration = _duration(fmt, videos + audios)
    if duration <= 0:
        raise MediaRejected("truncated", "no duration")
    audio = audios[0] if audios else None
    audio_fields = {}
    if audio:
        audio_fields = {
            "audio_codec": audio.get("codec_name"),
            "audio_channels": _int(audio.get("channels")),
            "audio_sample_rate": _int(audio.get("sample_rate")),
        }
    if not videos:
        return ProbeResult(kind="audio", duration=duration, format_name=format_name, **audio_fields)

    video = videos[0]
    rotation = _rotation(video)
    width, height = _int(video.get("width")), _int(video.get("height"))
    if not width or not height:
        raise MediaRejected("not_media", "video without a picture size")
    if rotation in (90, 270):
        width, height = height, width
    avg = _rate(video.get("avg_frame_rate"))
    real = _rate(video.get("r_frame_rate"))
    variable = bool(avg and real and abs(avg - real) / real > 0.01)
    # For variable-rate phone clips the nominal (base) rate is the one to force.
    frame_rate = (real if variable else avg) or real
    pixel_format = video.get("pix_fmt")
    return ProbeResult(
        kind="video",
        duration=duration,
        format_name=format_name,
        video_codec=video.get("codec_name"),
        pixel_format=pixel_format,
        bit_depth=_bit_depth(video, pixel_format),
        width=width,
        height=height,
        rotation=rotation,
        frame_rate=round(frame_rate, 3) if frame_rate else None,
        # r_frame_rate is the base rate; a lower average means frames come unevenly.
        variable_frame_rate=variable,
        hdr=video.get("color_transfer") in HDR_TRANSFERS,
        video_bitrate=_int(video.get("bit_rate")) or _int(fmt.get("bit_rate")),
        video_profile=video.get("profile"),
        video_level=_int(video.get("level")),
        **audio_fields,
    )


@dataclass(frozen=True)
class GopLayout:
    """Where the video's keyframes are, from its first packet, and whether GOPs are closed."""

    keyframes: tuple[float, ...]
    closed: bool  # no picture after a keyframe (in decode order) is shown before it


def gop_layout_parse(packets: list[dict]) -> GopLayout:
    """From ffprobe's packets (decode order, with pts_time and flags)."""
    times = [(_float(p.get("pts_time")), "K" in (p.get("flags") or "")) for p in packets]
    times = [(t, key) for t, key in times if t is not None]
    if not times:
        return GopLayout(keyframes=(), closed=True)
    start = min(t for t, _ in times)
    keyframes, closed, current_key = [], True, None
    for pts, key in times:
        if key:
            keyframes.append(round(pts - start, 6))
            current_key = pts
        elif current_key is not None and pts < current_key - 1e-6:
            closed = False  # a leading picture: it needs the previous GOP to decode
    return GopLayout(keyframes=tuple(keyframes), closed=closed)


def gop_layout_probe(path: Path) -> GopLayout:
    """Read the video packets' timestamps and key flags (no decoding: fast)."""
    try:
        data = ffmpeg.probe(
            str(path),
            cmd=tool_path("ffprobe"),
            select_streams="v:0",
            show_entries="packet=pts_time,flags",
        )
    except ffmpeg.Error as error:
        stderr = (error.stderr or b"").decode("utf-8", "replace")
        raise TransientMediaError(_last_line(stderr)) from None
    return gop_layout_parse(data.get("packets", []))


def _frame_count(stream: dict) -> int:
    frames = _int(stream.get("nb_frames"))
    return frames if frames is not None else 1


def _duration(fmt: dict, streams: list[dict]) -> float:
    values = [_float(fmt.get("duration"))] + [_float(s.get("duration")) for s in streams]
    known = [v for v in values if v]
    return max(known) if known else 0.0


def _rotation(stream: dict) -> int:
    rotation = _int(stream.get("tags", {}).get("rotate"))
    for side_data in stream.get("side_data_list", []) or []:
        if "rotation" in side_data:
            rotation = _int(side_data["rotation"])
    return (rotation or 0) % 360


def _bit_depth(stream: dict, pixel_format: str | None) -> int:
    raw = _int(stream.get("bits_per_raw_sample"))
    if raw:
        return raw
    if pixel_format and (
        "10le" in pixel_format or "10be" in pixel_format or "p010" in pixel_format
    ):
        return 10
    return 8


def _rate(value: str | None) -> float | None:
    if not value or value in ("0/0", "0/1"):
        return None
    try:
        return float(Fraction(value))
    except (ValueError, ZeroDivisionError):
        return None


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
