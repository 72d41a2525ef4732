"""Serving stored media from the site's own origin (development, tests, SERVE_MEDIA=1).

Only kinds a browser cannot run as a page are served inline, with their type
fixed here rather than guessed from the name. Everything else (an original, a
Wagtail document, an `.html` or `.svg` that someone uploaded) is a download:
`application/octet-stream`, `Content-Disposition: attachment`, `nosniff`. The
name on disk decides, so files stored before originals got neutral names are
just as safe.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.views.static import serve

from media_pipeline.models import ORIGINALS_DIR

INLINE_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".m4s": "video/iso.segment",
    ".mp4": "video/mp4",
    ".m4a": "audio/mp4",
    ".aac": "audio/aac",
    ".mp3": "audio/mpeg",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".vtt": "text/vtt; charset=utf-8",
}


def served_type(path: str) -> str | None:
    """The Content-Type to serve `path` inline with, or None for a download."""
    if path.lstrip("/").startswith(ORIGINALS_DIR):
        return None
    return INLINE_TYPES.get(PurePosixPath(path).suffix.lower())


def media_serve(request, path: str):
    # MEDIA_ROOT is read per request (tests point it at their own folders).
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    inline = served_type(path)
    if inline:
        response["Content-Type"] = inline
    else:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response
