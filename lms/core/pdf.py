"""Documents a parent keeps: HTML rendered to PDF (WeasyPrint) and a page of it to PNG.

WeasyPrint needs Pango from the system, and Chinese needs a CJK font (Debian:
fonts-noto-cjk, see docs/deploy.md). Both are imported on first use, so a machine
without them still serves every other page; callers get a ServiceError to show.
"""

from __future__ import annotations

import io
import logging

from django.utils.translation import gettext as _

from lms.core.errors import ServiceError

logger = logging.getLogger(__name__)

# The family named first in every stylesheet that goes through here.
CJK_FONT = "Noto Sans CJK SC"


def pdf_unavailable_reason() -> str | None:
    """Why PDFs cannot be made on this machine, or None when they can."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:  # OSError: Pango's shared library is missing
        return f"WeasyPrint cannot load: {error}"
    return None


def pdf_render(*, html: str, base_url: str | None = None) -> bytes:
    """The PDF of an HTML document (fonts and images resolved against base_url)."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        logger.error("pdf rendering unavailable: %s", error)
        raise ServiceError(_("PDF files cannot be made on this server right now.")) from error
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()


def pdf_page_png(*, pdf: bytes, page: int = 0, width_px: int = 1080) -> bytes:
    """One page of a PDF as a PNG `width_px` wide (1080: sharp on a phone, small to send)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        sheet = document[page]
        scale = width_px / sheet.get_width()
        image = sheet.render(scale=scale).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
