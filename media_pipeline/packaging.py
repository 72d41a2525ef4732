"""Turning ffmpeg's GOP-long pieces into the HLS outputs players fetch, and checking them.

ffmpeg cuts a piece at every keyframe (every 2 s). Here the pieces of each rung are joined into
segments (the first alone for a quick start, then about 4 s each; MPEG-TS pieces of one run join
byte for byte), each variant's playlist is written, the master is written with what each variant
really is (codec strings read from the segments, peak and average bandwidth from their sizes,
lightest first), and the whole ladder is checked before anything can be published.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import ffmpeg

from media_pipeline.errors import TransientMediaError
from media_pipeline.hls import (
    MediaPlaylist,
    Segment,
    Variant,
    aac_codec_string,
    h264_codec_string,
    ladder_problems,
    master_format,
    master_parse,
    media_playlist_format,
    media_playlist_parse,
    media_playlist_problems,
    segment_groups,
)
from media_pipeline.probe import gop_layout_probe
from media_pipeline.tools import tool_path

logger = logging.getLogger(__name__)

PLAYLIST = "index.m3u8"


@dataclass(frozen=True)
class RungOutput:
    name: str  # folder under hls/
    width: int
    height: int
    frame_rate: float


def pieces_join(folder: Path) -> MediaPlaylist:
    """Join the pieces listed in `folder`/index.m3u8 into segments and rewrite the playlist."""
    pieces = media_playlist_parse((folder / PLAYLIST).read_text())
    segments = []
    for number, group in enumerate(segment_groups([p.duration for p in pieces.segments])):
        name = f"seg_{number:05d}.ts"
        with (folder / name).open("wb") as out:
            for index in group:
                with (folder / pieces.segments[index].uri).open("rb") as piece:
                    shutil.copyfileobj(piece, out, length=1024 * 1024)
        segments.append(Segment(sum(pieces.segments[i].duration for i in group), name))
    for piece in pieces.segments:
        (folder / piece.uri).unlink(missing_ok=True)
    (folder / PLAYLIST).write_text(media_playlist_format(segments))
    return media_playlist_parse((folder / PLAYLIST).read_text())


def codecs_read(segment: Path) -> tuple[str, tuple]:
    """The RFC 6381 codec string of a segment's streams ('avc1.4d401e,mp4a.40.2') and their
    layout (which stream type on which MPEG-TS PID)."""
    try:
        data = ffmpeg.probe(
            str(segment),
            cmd=tool_path("ffprobe"),
            show_entries="stream=id,codec_type,codec_name,profile,extradata",
            show_data=None,
        )
    except ffmpeg.Error as error:
        raise TransientMediaError(f"cannot read {segment.name}: {error.stderr!r}") from None
    codecs = []
    streams = data.get("streams", [])
    layout = tuple((stream.get("id"), stream.get("codec_type")) for stream in streams)
    for stream in streams:
        if stream.get("codec_type") == "video" and stream.get("codec_name") == "h264":
            codec = h264_codec_string(_hexdump_bytes(stream.get("extradata", "")))
            if codec:
                codecs.append(codec)
        elif stream.get("codec_type") == "audio" and stream.get("codec_name") == "aac":
            codecs.append(aac_codec_string(stream.get("profile")))
    video_first = sorted(codecs, key=lambda codec: not codec.startswith("avc1"))
    return ",".join(video_first), layout


def _hexdump_bytes(dump: str) -> bytes:
    """ffprobe's `-show_data` hexdump ('00000000: 0142 c01f …  ascii') back to bytes."""
    data = bytearray()
    for line in dump.splitlines():
        if ": " not in line:
            continue
        hex_part = line.split(": ", 1)[1][:39]
        data += bytes.fromhex(hex_part.replace(" ", ""))
    return bytes(data)


def _bandwidths(folder: Path, playlist: MediaPlaylist) -> tuple[int, int]:
    """Peak and average bits per second over the segments."""
    peak, total_bits = 0, 0
    for segment in playlist.segments:
        bits = (folder / segment.uri).stat().st_size * 8
        total_bits += bits
        # A short last segment says little about the rate; count it at full length.
        peak = max(peak, int(bits / max(segment.duration, 1.0)))
    average = int(total_bits / playlist.duration) if playlist.duration else peak
    return peak, average


def video_ladder_package(*, hls_dir: Path, rungs: list[RungOutput]) -> list[str]:
    """Join, write the variant playlists and the master; the ladder's problems (empty if fine)."""
    variants, playlists, keyframes, layouts = [], {}, {}, {}
    for rung in rungs:
        folder = hls_dir / rung.name
        playlist = pieces_join(folder)
        uri = f"{rung.name}/{PLAYLIST}"
        peak, average = _bandwidths(folder, playlist)
        codecs, layouts[uri] = (
            codecs_read(folder / playlist.segments[0].uri) if playlist.segments else ("", ())
        )
        variants.append(
            Variant(
                uri=uri,
                bandwidth=peak,
                average_bandwidth=average,
                codecs=codecs,
                resolution=(rung.width, rung.height),
                frame_rate=rung.frame_rate,
            )
        )
        playlists[uri] = playlist
        keyframes[uri] = gop_layout_probe(folder / PLAYLIST).keyframes
    (hls_dir / "master.m3u8").write_text(master_format(variants))
    written = master_parse((hls_dir / "master.m3u8").read_text())
    problems = ladder_problems(
        variants=written,
        playlists=playlists,
        keyframes=keyframes,
        frame_rate=rungs[0].frame_rate if rungs else None,
    )
    if len(set(layouts.values())) > 1:
        # A player that switches rung appends to the tracks it has: the PIDs must not move.
        problems.append(f"streams on different MPEG-TS PIDs across rungs: {layouts}")
    return problems


def audio_package(*, folder: Path) -> list[str]:
    """Join the audio-only pieces; the playlist's problems (empty if fine)."""
    return media_playlist_problems(f"{folder.name}/{PLAYLIST}", pieces_join(folder))
