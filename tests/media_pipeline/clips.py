"""Short real clips made with ffmpeg, one per awkward case lecturers' phones produce."""

from __future__ import annotations

import subprocess
from pathlib import Path

from media_pipeline.tools import tool_path


def _ffmpeg(*args: str) -> None:
    subprocess.run(
        [tool_path("ffmpeg"), "-hide_banner", "-loglevel", "error", "-y", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _video(size: str, rate: int = 25) -> list[str]:
    return ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}"]


def _gop(frames: int) -> list[str]:
    return ["-g", str(frames), "-keyint_min", str(frames), "-sc_threshold", "0"]


SINE = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"]
H264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]


def _fitting_480p(path: Path, *, gop_frames: int) -> None:
    """14 s of 854x480 H.264 at 25 fps, light enough for the 480p rung, a keyframe every
    `gop_frames` frames."""
    _ffmpeg(
        *_video("854x480"),
        *SINE,
        "-t",
        "14",
        *H264,
        *_gop(gop_frames),
        "-b:v",
        "700k",
        "-c:a",
        "aac",
        "-shortest",
        str(path),
    )


def clip(folder: Path, name: str) -> Path:
    """Make (once) and return the clip called `name` in `folder`."""
    path = folder / name
    if path.exists():
        return path
    makers = {
        "landscape.mp4": lambda: _ffmpeg(
            *_video("854x480"), *SINE, "-t", "5", *H264, "-c:a", "aac", "-shortest", str(path)
        ),
        "portrait.mp4": lambda: _ffmpeg(
            *_video("480x854"), *SINE, "-t", "5", *H264, "-c:a", "aac", "-shortest", str(path)
        ),
        "rotated.mp4": lambda: _ffmpeg(
            "-i",
            str(clip(folder, "landscape.mp4")),
            "-c",
            "copy",
            "-metadata:s:v:0",
            "rotate=90",
            str(path),
        ),
        "vfr.mp4": lambda: _ffmpeg(
            *_video("640x360", 30),
            *SINE,
            "-t",
            "5",
            "-vf",
            "setpts='if(lt(N,60),N/30/TB,(60+(N-60)*3)/30/TB)'",
            "-fps_mode",
            "vfr",
            *H264,
            "-c:a",
            "aac",
            "-shortest",
            str(path),
        ),
        "long.mp4": lambda: _ffmpeg(
            *_video("426x240"), *SINE, "-t", "20", *H264, "-c:a", "aac", "-shortest", str(path)
        ),
        # A 480p source that fits the 480p rung but has a keyframe only every 10 s.
        "keyframe10s.mp4": lambda: _fitting_480p(path, gop_frames=250),
        # The same with a keyframe every 2 s: the 480p rung can be remuxed.
        "ongrid.mp4": lambda: _fitting_480p(path, gop_frames=50),
        # Open GOPs with B-frames: leading pictures refer to the previous GOP.
        "opengop.mp4": lambda: _ffmpeg(
            *_video("854x480"),
            *SINE,
            "-t",
            "14",
            "-c:v",
            "libx264",
            "-preset",
            "superfast",
            "-pix_fmt",
            "yuv420p",
            "-b:v",
            "700k",
            "-x264-params",
            "open-gop=1:keyint=50:min-keyint=50:scenecut=0:bframes=3",
            "-c:a",
            "aac",
            "-shortest",
            str(path),
        ),
        "hd60.mp4": lambda: _ffmpeg(
            *_video("1920x1080", 60),
            *SINE,
            "-t",
            "5",
            *H264,
            "-c:a",
            "aac",
            "-shortest",
            str(path),
        ),
        "shorter_than_a_segment.mp4": lambda: _ffmpeg(
            *_video("640x360"), *SINE, "-t", "1.5", *H264, "-c:a", "aac", "-shortest", str(path)
        ),
        "too_big_picture.mp4": lambda: _ffmpeg(
            *_video("4096x2160", 5), "-t", "0.6", *H264, str(path)
        ),
        "slow_motion.mp4": lambda: _ffmpeg(*_video("320x240", 120), "-t", "1", *H264, str(path)),
        "noaudio.mp4": lambda: _ffmpeg(*_video("640x360"), "-t", "4", *H264, str(path)),
        "talk.mp3": lambda: _ffmpeg(*SINE, "-t", "5", "-c:a", "libmp3lame", str(path)),
        "hevc10.mkv": lambda: _ffmpeg(
            *_video("640x360"),
            *SINE,
            "-t",
            "4",
            "-c:v",
            "libx265",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p10le",
            "-x265-params",
            "log-level=error",
            "-c:a",
            "aac",
            "-shortest",
            str(path),
        ),
        "hdr.mkv": lambda: _ffmpeg(
            *_video("640x360"),
            *SINE,
            "-t",
            "4",
            "-c:v",
            "libx265",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p10le",
            "-x265-params",
            "log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc",
            "-color_primaries",
            "bt2020",
            "-color_trc",
            "smpte2084",
            "-colorspace",
            "bt2020nc",
            "-c:a",
            "aac",
            "-shortest",
            str(path),
        ),
        "still.png": lambda: _ffmpeg(*_video("320x240"), "-frames:v", "1", str(path)),
        "png.mp4": lambda: path.write_bytes(clip(folder, "still.png").read_bytes()),
        "text.mp4": lambda: path.write_text("这不是视频 not a video\n"),
        "empty.mp4": lambda: path.write_bytes(b""),
        "truncated.mp4": lambda: path.write_bytes(
            clip(folder, "landscape.mp4").read_bytes()[:60000]
        ),
        "cover.mp3": lambda: _ffmpeg(
            *SINE,
            "-i",
            str(clip(folder, "still.png")),
            "-t",
            "4",
            "-map",
            "0:a",
            "-map",
            "1:v",
            "-c:a",
            "libmp3lame",
            "-c:v",
            "png",
            "-disposition:v",
            "attached_pic",
            str(path),
        ),
    }
    makers[name]()
    return path
