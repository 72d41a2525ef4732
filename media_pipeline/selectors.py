"""Public reads of the media pipeline, for pages, the admin and the player."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db.models import QuerySet

from media_pipeline.models import MediaAsset, Upload


def assets_visible_to(user) -> QuerySet[MediaAsset]:
    """Everyone's media for reviewers; a lecturer's own uploads otherwise."""
    assets = MediaAsset.objects.select_related("uploaded_by")
    if user.is_superuser or user.has_perm("media_pipeline.view_all_media"):
        return assets
    return assets.filter(uploaded_by=user)


def asset_visible(*, user, asset_id) -> MediaAsset | None:
    """The asset if the user's listing shows it (an id that is not a number: None)."""
    if not str(asset_id).isdigit():
        return None
    return assets_visible_to(user).filter(pk=asset_id).first()


def upload_of(*, user, upload_id) -> Upload | None:
    """The user's own upload in progress; someone else's is None, like a missing one."""
    return Upload.objects.filter(pk=upload_id, user=user).first()


def media_permissions() -> QuerySet:
    """The permission the admin's group editor offers besides the model ones."""
    from django.contrib.auth.models import Permission  # at call time: hooks load early

    return Permission.objects.filter(
        content_type__app_label="media_pipeline", codename="view_all_media"
    )


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


def _stored_text(name: str) -> str | None:
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read(2 * 1024 * 1024).decode("utf-8", "replace")
    except (FileNotFoundError, OSError):
        return None
    except Exception as error:  # S3 answers a missing key with its own error types
        if type(error).__name__ in ("ClientError", "NoSuchKey"):
            return None
        raise


def asset_ladder_problems(asset: MediaAsset) -> list[str]:
    """Why a stored asset's playlists would not play cleanly (empty when they will).

    Reads the playlists only (not the segments), so a whole library can be checked from the
    object store; missing playlists and segments are reported, never raised.
    """
    from media_pipeline.hls import (
        PlaylistError,
        ladder_problems,
        master_parse,
        media_playlist_parse,
        media_playlist_problems,
    )

    if not asset.hls_master:
        return ["no HLS output recorded"]
    text = _stored_text(asset.hls_master)
    if text is None:
        return [f"{asset.hls_master}: missing from storage"]
    folder = asset.hls_master.rsplit("/", 1)[0]
    try:
        if asset.kind == MediaAsset.Kind.AUDIO:
            playlist = media_playlist_parse(text)
            problems = media_playlist_problems(asset.hls_master, playlist)
            return problems + _missing_segments(folder, {"": playlist})
        variants = master_parse(text)
        playlists, problems = {}, []
        for variant in variants:
            variant_text = _stored_text(f"{folder}/{variant.uri}")
            if variant_text is None:
                problems.append(f"{variant.uri}: missing from storage")
                continue
            playlists[variant.uri] = media_playlist_parse(variant_text)
    except PlaylistError as error:
        return [f"{asset.hls_master}: {error}"]
    problems += ladder_problems(
        variants=variants,
        playlists={uri: p for uri, p in playlists.items()},
        frame_rate=asset.frame_rate,
    )
    problems = [p for p in problems if not p.endswith(": playlist missing")]
    return problems + _missing_segments(folder, playlists)


def _missing_segments(folder: str, playlists: dict) -> list[str]:
    """Segments a playlist names that the store no longer has (one listing per folder)."""
    problems = []
    for uri, playlist in playlists.items():
        subfolder = f"{folder}/{uri.rsplit('/', 1)[0]}" if "/" in uri else folder
        try:
            _, files = default_storage.listdir(subfolder)
        except (FileNotFoundError, NotADirectoryError, OSError):
            files = []
        missing = [s.uri for s in playlist.segments if s.uri not in set(files)]
        if missing:
            problems.append(f"{uri or folder}: {len(missing)} segment(s) missing from storage")
    return problems


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
