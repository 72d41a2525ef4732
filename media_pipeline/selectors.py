"""Public reads of the media pipeline, for pages, the admin and the player."""

from __future__ import annotations

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
    )


# Statuses after which nothing changes unless someone acts (the status page stops polling).
FINAL_STATUSES = {MediaAsset.Status.READY, MediaAsset.Status.FAILED}


def asset_status(*, asset: MediaAsset) -> dict:
    """What the lecturer's status page shows: the status in words, the percentage, and the
    reason in the lecturer's language if it failed."""
    failed = asset.status == MediaAsset.Status.FAILED
    return {
        "id": asset.pk,
        "status": asset.status,
        "label": str(asset.get_status_display()),
        "progress": 100 if asset.status == MediaAsset.Status.READY else asset.progress,
        "final": asset.status in FINAL_STATUSES,
        "error": asset.error_message if failed else "",
    }
