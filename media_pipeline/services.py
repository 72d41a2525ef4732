"""Writes to media assets. Celery tasks and the admin call these."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from media_pipeline.errors import MediaRejected
from media_pipeline.models import MediaAsset, Rendition
from media_pipeline.pipeline import ProcessResult, media_check, media_process
from media_pipeline.probe import ProbeResult
from media_pipeline.storage import local_copy, tree_delete, tree_upload, work_dir

logger = logging.getLogger(__name__)
Status = MediaAsset.Status


def _enqueue(task_name: str, asset_id: int) -> None:
    """Send the task once the surrounding transaction commits (at once outside one).

    A broker that cannot be reached never fails the caller (an upload, a retry from the admin):
    the asset keeps its status and beat's reaper sends it again once the broker is back.
    """
    from media_pipeline import tasks  # tasks import services; import here to avoid a cycle

    task = {"check": tasks.asset_check_task, "transcode": tasks.asset_transcode_task}[task_name]

    def send() -> None:
        try:
            task.delay(asset_id)
        except Exception as error:  # the broker's errors vary by transport
            logger.warning(
                "media %s: could not send %s (%s); the reaper will send it later",
                asset_id,
                task.name,
                error,
            )

    transaction.on_commit(send)


@transaction.atomic
def asset_create(
    *, file: File, title: str, original_name: str, uploaded_by=None, captions: File | None = None
) -> MediaAsset:
    """Store an upload (and its WebVTT captions, checked by the form) and queue its check.
    No probing here: the request stays fast."""
    asset = MediaAsset(
        title=title[:255] or original_name[:255],
        original_name=original_name[:255],
        original_size=file.size or 0,
        uploaded_by=uploaded_by,
    )
    if captions:
        asset.captions = captions
    # A neutral name: no uploader's name or extension decides how the file is ever served
    # (ffprobe reads the content). The upload's own name is kept for display only.
    file.content_type = "application/octet-stream"  # what object storage records
    asset.original.save(uuid.uuid4().hex, file, save=False)
    asset.save()
    _enqueue("check", asset.pk)
    return asset


def asset_fail(*, asset_id: int, error: MediaRejected) -> None:
    """Mark the asset failed with a reason. The original is never touched."""
    MediaAsset.objects.filter(pk=asset_id).update(
        status=Status.FAILED,
        error_code=error.code,
        error_params=error.params,
        error_detail=error.detail[:2000],
        updated_at=timezone.now(),
    )
    logger.info("media %s failed: %s", asset_id, error)


def asset_retry(*, asset_id: int) -> None:
    """Run a failed or stuck asset through the pipeline again (from the admin)."""
    MediaAsset.objects.filter(pk=asset_id).update(
        status=Status.UPLOADED,
        progress=0,
        error_code="",
        error_params={},
        error_detail="",
        attempts=0,
        updated_at=timezone.now(),
    )
    _enqueue("check", asset_id)


def _store_probe(asset: MediaAsset, probe: ProbeResult) -> None:
    asset.kind = probe.kind
    asset.duration = probe.duration
    asset.video_codec = probe.video_codec or ""
    asset.audio_codec = probe.audio_codec or ""
    asset.width, asset.height = probe.width, probe.height
    asset.rotation = probe.rotation
    asset.frame_rate = probe.frame_rate
    asset.variable_frame_rate = probe.variable_frame_rate
    asset.audio_channels = probe.audio_channels
    asset.hdr = probe.hdr


def asset_check(*, asset_id: int) -> None:
    """uploaded → checking → queued (transcode enqueued) | failed (reason)."""
    with transaction.atomic():
        asset = MediaAsset.objects.select_for_update().filter(pk=asset_id).first()
        if asset is None:
            logger.info("media %s was deleted before it was checked", asset_id)
            return
        if asset.status not in (Status.UPLOADED, Status.CHECKING):
            return  # already checked: a repeated message changes nothing
        asset.status = Status.CHECKING
        asset.save(update_fields=["status", "updated_at"])
    original = asset.original.name
    try:
        with work_dir(f"check-{asset_id}") as scratch, local_copy(original, scratch) as path:
            probe = media_check(path)
            size = path.stat().st_size
    except MediaRejected as error:
        asset_fail(asset_id=asset_id, error=error)
        return
    with transaction.atomic():
        asset = MediaAsset.objects.select_for_update().filter(pk=asset_id).first()
        if asset is None:
            return  # deleted while it was being checked
        _store_probe(asset, probe)
        asset.probe = {"original": original, "size": size, "result": probe.as_dict()}
        asset.status = Status.QUEUED
        asset.save()
        _enqueue("transcode", asset_id)


def _probe_handed(asset: MediaAsset, source: Path) -> ProbeResult | None:
    """The check's probe if it describes this very original, else None (probe again).

    The transcode may run on another machine long after the check: the original's storage
    name (new for every upload) and its size must both still match.
    """
    handed = asset.probe or {}
    if handed.get("original") != asset.original.name or handed.get("size") != (
        source.stat().st_size
    ):
        return None
    return ProbeResult.from_dict(handed.get("result"))


def _claim_for_processing(asset_id: int, *, stale_after: timedelta) -> MediaAsset | None:
    now = timezone.now()
    with transaction.atomic():
        asset = MediaAsset.objects.select_for_update().filter(pk=asset_id).first()
        if asset is None:
            return None  # deleted while waiting
        if (
            asset.status == Status.PROCESSING
            and asset.heartbeat_at
            and (now - asset.heartbeat_at < stale_after)
        ):
            return None  # another worker is on it
        if asset.status not in (Status.QUEUED, Status.PROCESSING):
            return None  # ready, failed or not yet checked
        asset.status = Status.PROCESSING
        asset.progress = 0
        asset.attempts += 1
        asset.processing_started_at = asset.heartbeat_at = now
        asset.save()
        return asset


def asset_progress(*, asset_id: int, percent: float) -> None:
    MediaAsset.objects.filter(pk=asset_id, status=Status.PROCESSING).update(
        progress=min(99, int(percent)), heartbeat_at=timezone.now()
    )


def asset_transcode(*, asset_id: int) -> None:
    """queued → processing → ready | failed. Outputs replace earlier ones whole."""
    asset = _claim_for_processing(asset_id, stale_after=stale_after())
    if asset is None:
        return
    run = uuid.uuid4().hex[:8]
    prefix = f"media/assets/{asset.pk}/{run}"
    try:
        with work_dir(f"asset-{asset_id}") as scratch:
            with local_copy(asset.original.name, scratch) as source:
                out = scratch / "out"
                result = media_process(
                    source=source,
                    out_dir=out,
                    probe=_probe_handed(asset, source),
                    on_progress=lambda percent: asset_progress(asset_id=asset_id, percent=percent),
                )
            sizes = tree_upload(out, prefix)
    except MediaRejected as error:
        tree_delete(prefix)
        asset_fail(asset_id=asset_id, error=error)
        return
    except BaseException:
        tree_delete(prefix)
        raise
    _publish_outputs(asset_id=asset_id, prefix=prefix, result=result, sizes=sizes)


def _publish_outputs(*, asset_id: int, prefix: str, result: ProcessResult, sizes: dict) -> None:
    def stored(relative: str | None) -> str:
        return f"{prefix}/{relative}" if relative else ""

    with transaction.atomic():
        asset = MediaAsset.objects.select_for_update().filter(pk=asset_id).first()
        if asset is None:  # deleted while processing: drop what was made
            transaction.on_commit(lambda: tree_delete(prefix))
            return
        previous = asset.output_prefix
        _store_probe(asset, result.probe)
        asset.renditions.all().delete()
        Rendition.objects.bulk_create(
            Rendition(
                asset=asset,
                name=r.name,
                kind=r.kind,
                width=r.width,
                height=r.height,
                bitrate=r.bitrate,
                path=stored(r.path),
                size=_folder_size(sizes, stored(r.path)),
            )
            for r in result.renditions
        )
        asset.output_prefix = prefix
        asset.hls_master = stored(result.hls_master)
        asset.mp4_fallback = stored(result.mp4_fallback)
        asset.audio_only = stored(result.audio_only)
        asset.audio_file = stored(result.audio_file)
        asset.poster = stored(result.poster)
        asset.status = Status.READY
        asset.progress = 100
        asset.error_code = asset.error_detail = ""
        asset.error_params = {}
        asset.processed_at = timezone.now()
        asset.save()
        if previous and previous != prefix:
            transaction.on_commit(lambda: tree_delete(previous))


def _folder_size(sizes: dict[str, int], playlist: str) -> int:
    folder = playlist.rsplit("/", 1)[0] + "/"
    return sum(size for name, size in sizes.items() if name.startswith(folder))


def stale_after() -> timedelta:
    return timedelta(seconds=settings.MEDIA_STALE_AFTER_SECONDS)


def assets_reap_stuck(*, now=None) -> dict[str, int]:
    """Requeue work a dead worker left behind; fail it after too many attempts."""
    now = now or timezone.now()
    stale = now - stale_after()
    counts = {"requeued": 0, "failed": 0, "rechecked": 0}
    stuck = MediaAsset.objects.filter(status=Status.PROCESSING, heartbeat_at__lt=stale)
    for asset_id, attempts in stuck.values_list("pk", "attempts"):
        if attempts >= settings.MEDIA_MAX_ATTEMPTS:
            asset_fail(asset_id=asset_id, error=MediaRejected("internal", "stuck after retries"))
            counts["failed"] += 1
        else:
            MediaAsset.objects.filter(pk=asset_id, status=Status.PROCESSING).update(
                status=Status.QUEUED, updated_at=now
            )
            _enqueue("transcode", asset_id)
            counts["requeued"] += 1
    lost = MediaAsset.objects.filter(
        status__in=[Status.UPLOADED, Status.CHECKING], updated_at__lt=stale
    )
    for asset_id in lost.values_list("pk", flat=True):
        MediaAsset.objects.filter(pk=asset_id).update(status=Status.UPLOADED, updated_at=now)
        _enqueue("check", asset_id)
        counts["rechecked"] += 1
    lost_queued = MediaAsset.objects.filter(
        status=Status.QUEUED, updated_at__lt=now - timedelta(hours=6)
    )
    for asset_id in lost_queued.values_list("pk", flat=True):
        MediaAsset.objects.filter(pk=asset_id).update(updated_at=now)
        _enqueue("transcode", asset_id)
        counts["requeued"] += 1
    return counts


def assets_ladder_recheck(*, requeue: bool = True, asset_ids=None) -> list[dict]:
    """Check the stored ladders of ready assets; send the broken ones back to be encoded.

    For a library made before the ladder check existed. An asset whose original is gone is
    reported and left as it is: there is nothing to encode it from.
    """
    from media_pipeline.selectors import asset_ladder_problems

    ready = MediaAsset.objects.filter(status=Status.READY).order_by("pk")
    if asset_ids:
        ready = ready.filter(pk__in=asset_ids)
    report = []
    for asset in ready.iterator():
        problems = asset_ladder_problems(asset)
        if not problems:
            continue
        original_kept = bool(asset.original.name) and default_storage.exists(asset.original.name)
        action = "reported"
        if requeue and original_kept:
            updated = MediaAsset.objects.filter(pk=asset.pk, status=Status.READY).update(
                status=Status.QUEUED,
                progress=0,
                attempts=0,
                error_detail="ladder check: " + "; ".join(problems)[:1900],
                updated_at=timezone.now(),
            )
            if updated:
                _enqueue("transcode", asset.pk)
                action = "requeued"
        elif requeue:
            action = "original missing: cannot encode again"
        report.append(
            {"asset": asset.pk, "title": asset.title, "problems": problems, "action": action}
        )
    return report


def asset_requeue(*, asset_id: int, detail: str) -> None:
    """After a passing fault: back to the queue, with what happened for staff to see."""
    MediaAsset.objects.filter(pk=asset_id, status=Status.PROCESSING).update(
        status=Status.QUEUED, error_detail=detail[:2000], updated_at=timezone.now()
    )
