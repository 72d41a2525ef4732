"""The upload API for lecturers: the tus resumable-upload protocol under /api/v1/uploads/."""

from __future__ import annotations

import uuid

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views import View

from media_pipeline.models import Upload
from media_pipeline.selectors import asset_status, asset_visible, upload_of
from media_pipeline.uploads import (
    UploadError,
    metadata_parse,
    upload_append,
    upload_cancel,
    upload_start,
)

TUS_VERSION = "1.0.0"


def _tus(response: HttpResponse, upload: Upload | None = None) -> HttpResponse:
    response["Tus-Resumable"] = TUS_VERSION
    response["Cache-Control"] = "no-store"
    if upload is not None:
        response["Upload-Offset"] = str(upload.offset)
        response["Upload-Length"] = str(upload.length)
        if upload.asset_id:
            response["Upload-Asset-Id"] = str(upload.asset_id)
    return response


def _error(status: int, message: str) -> HttpResponse:
    return _tus(JsonResponse({"error": message}, status=status))


def _header_int(request, name: str) -> int:
    raw = request.headers.get(name, "")
    if not raw.isdigit():
        raise UploadError(400, f"{name} must be a whole number of bytes")
    return int(raw)


class _UploadApi(View):
    """Lecturers and reviewers only; someone else's upload is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _error(401, "Sign in first.")
        if not request.user.has_perm("media_pipeline.add_mediaasset"):
            return _error(403, "You may not upload media.")
        if request.method != "OPTIONS" and request.headers.get("Tus-Resumable") != TUS_VERSION:
            return _error(412, f"Tus-Resumable: {TUS_VERSION} is required")
        try:
            return super().dispatch(request, *args, **kwargs)
        except UploadError as error:
            return _error(error.status, str(error))

    def options(self, request, *args, **kwargs):
        response = _tus(HttpResponse(status=204))
        response["Tus-Version"] = TUS_VERSION
        response["Tus-Extension"] = "creation,termination"
        from django.conf import settings

        response["Tus-Max-Size"] = str(settings.MEDIA_MAX_UPLOAD_BYTES)
        return response


class UploadCreateView(_UploadApi):
    def post(self, request):
        upload = upload_start(
            user=request.user,
            length=_header_int(request, "Upload-Length"),
            metadata=metadata_parse(request.headers.get("Upload-Metadata", "")),
        )
        response = _tus(HttpResponse(status=201), upload)
        response["Location"] = request.build_absolute_uri(
            reverse("media_api:upload", args=[upload.pk])
        )
        return response


class UploadView(_UploadApi):
    def _get(self, request, upload_id: uuid.UUID) -> Upload:
        upload = upload_of(user=request.user, upload_id=upload_id)
        if upload is None:
            raise UploadError(404, "No such upload.")
        return upload

    def head(self, request, upload_id):
        return _tus(HttpResponse(status=200), self._get(request, upload_id))

    def get(self, request, upload_id):
        upload = self._get(request, upload_id)
        body = {
            "offset": upload.offset,
            "length": upload.length,
            "complete": upload.complete,
            "asset": None,
        }
        if upload.asset_id:
            body["asset"] = {
                "id": upload.asset_id,
                "status": upload.asset.status,
                "edit_url": reverse(
                    "wagtailsnippets_media_pipeline_mediaasset:edit", args=[upload.asset_id]
                ),
                # Where the lecturer follows the processing.
                "status_url": reverse(
                    "wagtailsnippets_media_pipeline_mediaasset:inspect", args=[upload.asset_id]
                ),
            }
        return _tus(JsonResponse(body), upload)

    def patch(self, request, upload_id):
        upload = self._get(request, upload_id)
        if request.content_type != "application/offset+octet-stream":
            raise UploadError(415, "Content-Type must be application/offset+octet-stream")
        content_length = request.headers.get("Content-Length")
        upload = upload_append(
            upload=upload,
            offset=_header_int(request, "Upload-Offset"),
            stream=request,  # streamed in chunks; never request.body
            content_length=int(content_length)
            if content_length and content_length.isdigit()
            else None,
        )
        return _tus(HttpResponse(status=204), upload)

    def delete(self, request, upload_id):
        upload = self._get(request, upload_id)
        if upload.asset_id:
            raise UploadError(409, "This upload is complete; delete the media instead.")
        upload_cancel(upload=upload)
        return _tus(HttpResponse(status=204))


class AssetStatusView(View):
    """GET /api/v1/media/<id>/status: polled by the lecturer's status page. Only media the
    user's listing shows; anything else is a 404."""

    def get(self, request, asset_id: int):
        if not request.user.is_authenticated:
            response = JsonResponse({"error": "Sign in first."}, status=401)
        else:
            asset = asset_visible(user=request.user, asset_id=asset_id)
            if asset is None or not request.user.has_perm("media_pipeline.view_mediaasset"):
                response = JsonResponse({"error": "No such media."}, status=404)
            else:
                response = JsonResponse(asset_status(asset=asset))
        response["Cache-Control"] = "no-store"
        return response
