"""Public reads of the media pipeline, for pages, the admin and the player."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db.models import QuerySet

from media_pipeline.models import MediaAsset


def assets_visible_to(user) -> QuerySet[MediaAsset]:
    """Everyone's media for reviewers; a lecturer's own uploads otherwise."""
    assets = MediaAsset.objects.select_related("uploaded_by")
    if user.is_superuser or user.has_perm("media_pipeline.view_all_media"):
        return assets
    return assets.filter(uploaded_by=user)


@dataclass(frozen=True)
class Playback:
    kind: str
    duration: float
    hls: str
    mp4: str | None
    audio_hls: str | None
    audio_file: str | None
    poster: str | None
    captions: str | None
    lowest_video_bitrate: int | None = None  # bits/s of the lowest video rung, with its audio


def _url(name: str) -> str | None:
    return default_storage.url(name) if name else None


def asset_playback(asset: MediaAsset | None) -> Playback | None:
    """URLs the player needs, or None until the asset is ready."""
    if asset is None or asset.status != MediaAsset.Status.READY:
        return None
    return Playback(
        kind=asset.kind,
        duration=asset.duration or 0.0,
        hls=_url(asset.hls_master),
        mp4=_url(asset.mp4_fallback),
        audio_hls=_url(asset.audio_only),
        audio_file=_url(asset.audio_file),
        poster=_url(asset.poster),
        captions=asset.captions.url if asset.captions else None,
        lowest_video_bitrate=_lowest_video_bitrate(asset),
    )


def _lowest_video_bitrate(asset: MediaAsset) -> int | None:
    # The renditions are prefetched by callers that list many assets; one small query here.
    rates = [r.bitrate for r in asset.renditions.all() if r.kind == MediaAsset.Kind.VIDEO]
    return min(rates) if rates else None


# WebVTT pieces that are not spoken text: the header, cue timings, notes, styles, tags.
_TIMING = re.compile(r"^\s*(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{3}\s+-->")
_BLOCK_KEYWORDS = ("WEBVTT", "NOTE", "STYLE", "REGION")
_TAG = re.compile(r"<[^>]*>")
MAX_CAPTIONS_BYTES = 1_000_000


def captions_text(asset: MediaAsset | None) -> str:
    """The spoken text of the asset's WebVTT captions as plain paragraphs, for a transcript.

    Empty when there are no captions or the file cannot be read or is not text: a transcript
    is a convenience, never a reason for the lesson page to fail.
    """
    if asset is None or not asset.captions:
        return ""
    try:
        with asset.captions.open("rb") as handle:
            raw = handle.read(MAX_CAPTIONS_BYTES)
    except (OSError, ValueError):
        return ""
    text = raw.decode("utf-8-sig", errors="replace")
    lines: list[str] = []
    for block in re.split(r"\r?\n\s*\r?\n", text):
        rows = [row.strip() for row in block.splitlines() if row.strip()]
        if not rows or rows[0].split(" ")[0] in _BLOCK_KEYWORDS:
            continue
        timing = next((i for i, row in enumerate(rows) if _TIMING.match(row)), None)
        if timing is None:
            continue  # not a cue
        for row in rows[timing + 1 :]:
            spoken = _TAG.sub("", row).replace("&nbsp;", " ").replace("&amp;", "&").strip()
            # Roll-up captions repeat the previous line; keep each line once in a row.
            if spoken and (not lines or lines[-1] != spoken):
                lines.append(spoken)
    return "\n".join(lines)
