"""Resumable uploads (tus 1.0 core + creation + termination).

An interrupted upload continues from the last byte received: the client asks
for the offset (HEAD) and sends the rest (PATCH). Bytes are streamed to a part
file on disk, never held in memory. The request that completes an upload only
records the asset and queues its check.
"""

from __future__ import annotations

import base64
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from media_pipeline.models import MediaAsset, Upload
from media_pipeline.services import asset_create

CHUNK = 1024 * 1024


class UploadError(Exception):
    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


class _PartFile(File):
    """Lets FileSystemStorage move the finished part into place instead of copying it."""

    def temporary_file_path(self) -> str:
        return self.name


def _part_path(upload_id: uuid.UUID) -> Path:
    return Path(settings.MEDIA_UPLOAD_PARTS_DIR) / f"{upload_id}.part"


def metadata_parse(header: str) -> dict[str, str]:
    """tus Upload-Metadata: 'key base64value,key2 base64value2'."""
    result = {}
    for pair in filter(None, (item.strip() for item in header.split(","))):
        key, _, encoded = pair.partition(" ")
        try:
            result[key] = (
                base64.b64decode(encoded, validate=True).decode("utf-8") if encoded else ""
            )
        except (ValueError, UnicodeDecodeError):
            raise UploadError(400, f"Upload-Metadata: {key} is not valid base64 UTF-8") from None
    return result


def upload_start(*, user, length: int, metadata: dict[str, str]) -> Upload:
    if length <= 0:
        raise UploadError(400, "The file is empty (0 bytes).")
    if length > settings.MEDIA_MAX_UPLOAD_BYTES:
        raise UploadError(
            413, f"The file is larger than the allowed {settings.MEDIA_MAX_UPLOAD_BYTES} bytes."
        )
    filename = Path(metadata.get("filename") or "upload").name[:255] or "upload"
    upload = Upload.objects.create(
        id=uuid.uuid4(),
        user=user,
        filename=filename,
        title=(metadata.get("title") or "")[:255],
        length=length,
    )
    path = _part_path(upload.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    return upload


def upload_append(*, upload: Upload, offset: int, stream, content_length: int | None) -> Upload:
    """Append the request body at `offset`; completes the upload when all bytes are in."""
    if upload.complete:
        raise UploadError(409, "This upload is already complete.")
    if offset != upload.offset:
        raise UploadError(
            409, f"Upload-Offset {offset} does not match the {upload.offset} bytes received."
        )
    if content_length is not None and offset + content_length > upload.length:
        raise UploadError(413, "More bytes than the declared Upload-Length.")
    path = _part_path(upload.id)
    if not path.exists():
        raise UploadError(410, "The partial upload has expired; please start again.")
    received = 0
    try:
        with path.open("r+b") as part:
            part.seek(offset)
            part.truncate()  # bytes past the last acknowledged offset were never confirmed
            while True:
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                if offset + received + len(chunk) > upload.length:
                    raise UploadError(413, "More bytes than the declared Upload-Length.")
                part.write(chunk)
                received += len(chunk)
    finally:
        # A connection that drops mid-request keeps what arrived; the client resumes from here.
        Upload.objects.filter(pk=upload.pk).update(
            offset=offset + received, updated_at=timezone.now()
        )
        upload.offset = offset + received
    if upload.complete:
        upload_finish(upload=upload)
    return upload


@transaction.atomic
def upload_finish(*, upload: Upload) -> MediaAsset:
    path = _part_path(upload.id)
    with path.open("rb") as handle:
        asset = asset_create(
            file=_PartFile(handle, name=str(path)),
            title=upload.title or Path(upload.filename).stem,
            original_name=upload.filename,
            uploaded_by=upload.user,
        )
    upload.asset = asset
    upload.save(update_fields=["asset", "updated_at"])
    path.unlink(missing_ok=True)  # moved into storage already on local disks
    return asset


def upload_cancel(*, upload: Upload) -> None:
    _part_path(upload.id).unlink(missing_ok=True)
    upload.delete()


def uploads_expire(*, now=None) -> int:
    """Drop unfinished uploads nobody has touched for MEDIA_UPLOAD_EXPIRE_HOURS."""
    now = now or timezone.now()
    stale = Upload.objects.filter(
        asset__isnull=True, updated_at__lt=now - timedelta(hours=settings.MEDIA_UPLOAD_EXPIRE_HOURS)
    )
    count = 0
    for upload in stale:
        upload_cancel(upload=upload)
        count += 1
    return count
