"""The demo catalogue: a realistic Chinese catalogue with short real media made by ffmpeg."""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path

from courses.importer import ImportReport, catalog_import
from courses.models import CoursePage, Lecturer, TalkPage
from media_pipeline.tools import ToolMissing, tool_path

logger = logging.getLogger(__name__)
CATALOG = Path(__file__).with_name("catalog.json")

# Test patterns with a tone: small, quick to process, and really playable.
_CLIPS = {
    "demo-lesson-a.mp4": [
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=854x480:rate=25",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=330:sample_rate=44100",
        "-t",
        "12",
    ],
    "demo-lesson-b.mp4": [
        "-f",
        "lavfi",
        "-i",
        "smptehdbars=size=640x360:rate=25",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=262:sample_rate=44100",
        "-t",
        "10",
    ],
    "demo-phone.mp4": [
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=360x640:rate=30",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=392:sample_rate=44100",
        "-t",
        "8",
    ],
    "demo-talk.m4a": ["-f", "lavfi", "-i", "sine=frequency=220:sample_rate=44100", "-t", "15"],
}


def demo_media_make(folder: Path) -> bool:
    """Make the demo clips once; False (lessons become reading lessons) without ffmpeg."""
    try:
        ffmpeg = tool_path("ffmpeg")
    except ToolMissing as error:
        logger.warning("Demo lessons will have no video: %s", error)
        return False
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in _CLIPS.items():
        target = folder / name
        if target.exists() and target.stat().st_size:
            continue
        codec = (
            ["-c:a", "aac"]
            if name.endswith(".m4a")
            else [
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-shortest",
            ]
        )
        subprocess.run(  # noqa: S603 - fixed arguments
            [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", *source, *codec, str(target)],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return True


def _missing_only(data: dict) -> dict:
    """Leave out what exists already, so edits made on the site survive another load."""
    existing = {
        "lecturers": set(
            Lecturer.objects.exclude(import_key=None).values_list("import_key", flat=True)
        ),
        "courses": set(
            CoursePage.objects.exclude(import_key=None).values_list("import_key", flat=True)
        ),
        "talks": set(
            TalkPage.objects.exclude(import_key=None).values_list("import_key", flat=True)
        ),
    }
    return {
        section: [item for item in data[section] if item["key"] not in existing[section]]
        for section in ("lecturers", "courses", "talks")
    }


def demo_catalog_load(*, media_dir: Path, user=None) -> ImportReport:
    """Add the demo catalogue's missing items, published; existing ones are left as they are."""
    data = _missing_only(json.loads(CATALOG.read_text(encoding="utf-8")))
    if not any(data.values()):
        return ImportReport()
    has_media = demo_media_make(media_dir)
    # A lecturer the demo refers to may exist already; the importer finds it by key.
    lessons = (lesson for course in data["courses"] for lesson in course["lessons"])
    for item in [*data["talks"], *lessons]:
        if item.get("media"):
            item["media"] = str(media_dir / item["media"]) if has_media else None
    return catalog_import(data=data, base_dir=media_dir, publish=True, user=user)
