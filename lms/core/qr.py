"""QR codes: as downloads (class invitations and activity check-in share one shape) and as
SVG drawn into a page (invitations, certificates)."""

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


def qr_svg_inline(data: str, *, scale: int = 4) -> str:
    """`data` as an inline <svg> for a page (the same error correction as the downloads)."""
    return segno.make(data, error="m").svg_inline(scale=scale, border=2)
