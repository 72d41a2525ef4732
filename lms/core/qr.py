"""QR codes as downloads: class invitations and activity check-in share one shape."""

from __future__ import annotations

import io

import segno
from django.http import HttpResponse

CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


def qr_response(data: str, *, fmt: str, filename: str) -> HttpResponse:
    """`data` as a PNG or SVG QR code (medium error correction, printable size)."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind=fmt, scale=10, border=4)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
