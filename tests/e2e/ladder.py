"""A lesson with a real multi-rung ladder for the playback tests.

The clip is what a phone gives: 854×480 H.264 with a keyframe only every 10 s, 24 s long,
so the pipeline makes 240p/360p/480p rungs, an audio-only rendition and a poster. It is
processed by the real pipeline once per test session (encoding is the slow part on two
cores); every later test gets a fresh asset row pointing at a copy of those same files.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.forms.models import model_to_dict

from media_pipeline.models import MediaAsset, Rendition
from media_pipeline.selectors import asset_ladder_problems
from media_pipeline.services import asset_create
from media_pipeline.tools import tool_path
from tests.courses.factories import course_add, lesson_add

CLIP_SECONDS = 24
_processed: dict = {}


def _make_clip(path: Path) -> Path:
    if not path.exists():
        subprocess.run(
            [
                tool_path("ffmpeg"), "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=854x480:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", str(CLIP_SECONDS), "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-g", "250", "-keyint_min", "250", "-sc_threshold", "0",
                "-b:v", "900k", "-c:a", "aac", "-shortest", str(path),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )  # fmt: skip
    return path


def ladder_asset(cache_dir: Path) -> MediaAsset:
    """A ready asset with several rungs, made by the pipeline (the first time) or restored."""
    media_root = Path(settings.MEDIA_ROOT)
    if not _processed:
        with _make_clip(cache_dir / "phone480.mp4").open("rb") as handle:
            asset = asset_create(
                file=File(handle, name="phone480.mp4"),
                title="手机录像（三档）",
                original_name="phone480.mp4",
            )
        asset.refresh_from_db()
        assert asset.status == MediaAsset.Status.READY, asset.error_detail
        assert asset_ladder_problems(asset) == []
        shutil.copytree(media_root, cache_dir / "media", dirs_exist_ok=True)
        _processed["asset"] = model_to_dict(asset, exclude=["id", "uploaded_by", "captions"])
        _processed["renditions"] = [
            model_to_dict(r, exclude=["id", "asset"]) for r in asset.renditions.all()
        ]
        return asset
    shutil.copytree(cache_dir / "media", media_root, dirs_exist_ok=True)
    asset = MediaAsset.objects.create(**_processed["asset"])
    Rendition.objects.bulk_create(
        Rendition(asset=asset, **fields) for fields in _processed["renditions"]
    )
    return asset


def ladder_lesson(cache_dir: Path):
    asset = ladder_asset(cache_dir)
    assert asset.renditions.filter(kind="video").count() >= 3
    return lesson_add(course_add(title="亲子沟通"), title="先听后说", media=asset)
