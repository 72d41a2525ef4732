"""Documents a parent keeps: the certificate as a PDF and as a PNG, the year's statement of 学时.

The PNG is the PDF's page rendered (lms.core.pdf.pdf_page_png), so the image a grandparent
long-presses in WeChat and the file printed at the school are the same design, with the
same verification code and QR code as the certificate page. Rendering takes a good part of
a second, so files are cached under a hash of the HTML they are made from.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import segno
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms.core.pdf import CJK_FONT, pdf_page_png, pdf_render
from lms.core.semesters import school_year, school_year_label, school_year_of
from lms.core.tables import Table
from lms.learning.models import Certificate
from lms.learning.selectors import credit_days, credit_year_entries, credit_year_total

# Years a statement can be asked for; anything else is a 404 before any query.
STATEMENT_FIRST_YEAR = 2000
STATEMENT_LAST_YEAR = 2999

# Rendering costs up to a second; a parent opening the page, then both downloads, or a
# grandparent asking again, is served from the cache.
_CACHE_SECONDS = 24 * 60 * 60


def certificate_qr_svg(*, verify_url: str, scale: int = 4) -> str:
    """The certificate's QR code (the absolute verify address), one matrix for page and files."""
    return segno.make(verify_url, error="m").svg_inline(scale=scale, border=2)


def certificate_qr_matrix(*, verify_url: str) -> list[list[bool]]:
    """The dark modules of the QR code, without the quiet zone (for checking a rendering)."""
    code = segno.make(verify_url, error="m")
    return [[bool(cell) for cell in row] for row in code.matrix]


def _certificate_html(*, certificate: Certificate, verify_url: str, site_name: str) -> str:
    qr = segno.make(verify_url, error="m").svg_data_uri(scale=10, border=0, dark="#000")
    return render_to_string(
        "learning/certificate_document.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "qr_uri": qr,
            "SITE_NAME": site_name,
            "CJK_FONT": CJK_FONT,
        },
    )


def _cache_key(kind: str, html: str) -> str:
    # Keyed by the document itself: a new design, language, name or hour makes a new file.
    return f"learning-doc:{kind}:{hashlib.sha256(html.encode()).hexdigest()}"


def _pdf_of(html: str) -> bytes:
    key = _cache_key("pdf", html)
    pdf = cache.get(key)
    if pdf is None:
        pdf = pdf_render(html=html)
        cache.set(key, pdf, _CACHE_SECONDS)
    return pdf


def certificate_pdf(*, certificate: Certificate, verify_url: str, site_name: str) -> bytes:
    """The certificate as an A4 portrait PDF; raises ServiceError when PDFs cannot be made."""
    return _pdf_of(
        _certificate_html(certificate=certificate, verify_url=verify_url, site_name=site_name)
    )


def certificate_png(*, certificate: Certificate, verify_url: str, site_name: str) -> bytes:
    """The certificate PDF's page as a PNG 1080 px wide (sharp on a phone, light to forward)."""
    html = _certificate_html(certificate=certificate, verify_url=verify_url, site_name=site_name)
    key = _cache_key("png", html)
    png = cache.get(key)
    if png is None:
        png = pdf_page_png(pdf=_pdf_of(html))
        cache.set(key, png, _CACHE_SECONDS)
    return png


@dataclass(frozen=True)
class StatementEntry:
    earned_on: date
    kind: str
    title: str
    hours: Decimal


@dataclass(frozen=True)
class Statement:
    """One parent's 学时 of one school year (as the school's reports count it): what earned
    them, when, and the sum. `year` is the year the school year starts in."""

    year: int
    label: str  # "2026–2027学年"
    holder_name: str
    entries: list[StatementEntry]
    total: Decimal
    years: list[int]  # the school years this parent has hours in, and the current one

    @property
    def previous(self) -> tuple[int, str] | None:
        """(start year, label) of the nearest earlier school year with hours."""
        earlier = [year for year in self.years if year < self.year]
        return _year_link(max(earlier)) if earlier else None

    @property
    def next(self) -> tuple[int, str] | None:
        later = [year for year in self.years if year > self.year]
        return _year_link(min(later)) if later else None


def _year_link(year: int) -> tuple[int, str]:
    return year, school_year_label(school_year(year))


def statement_year_valid(year: int) -> bool:
    return STATEMENT_FIRST_YEAR <= year <= STATEMENT_LAST_YEAR


def statement_current_year() -> int:
    return school_year_of(timezone.localdate()).start_year


def statement_of(*, user, year: int) -> Statement:
    """The signed-in parent's own statement for the school year starting in `year`; a year
    without hours is an empty statement."""
    rows = credit_year_entries(user=user, year=year)
    entries = [
        StatementEntry(
            earned_on=timezone.localtime(row.earned_at).date(),
            kind=row.get_source_display(),
            title=row.title,
            hours=row.hours,
        )
        for row in rows
    ]
    # One decimal, as every line shows it (a sum on SQLite comes back as 5, not 5.0).
    total = credit_year_total(user=user, year=year).quantize(Decimal("0.1"))
    years = {school_year_of(day).start_year for day in credit_days(user=user)}
    return Statement(
        year=year,
        label=school_year_label(school_year(year)),
        holder_name=user.display_name or user.get_full_name() or user.username,
        entries=entries,
        total=total,
        years=sorted(years | {statement_current_year(), year}),
    )


def statement_table(*, statement: Statement, with_total: bool = True) -> Table:
    """The statement's lines and, when there are any and `with_total`, a last row with the
    total: the page (whose total stands above it, as a phone's cards would show empty
    cells) and the PDF both show this one table."""
    rows = [
        [entry.earned_on.isoformat(), entry.kind, entry.title, str(entry.hours)]
        for entry in statement.entries
    ]
    if rows and with_total:
        rows.append([pgettext("statement", "Total"), "", "", str(statement.total)])
    return Table(
        title=_("Credit hours: %(year)s") % {"year": statement.label},
        headers=[_("Date"), _("Kind"), _("Earned through"), _("Credit hours")],
        rows=rows,
    )


def statement_pdf(*, statement: Statement, site_name: str) -> bytes:
    """The statement as an A4 PDF; raises ServiceError when PDFs cannot be made. Cached by its
    content, so a new hour makes a new file at once."""
    html = render_to_string(
        "learning/statement_document.html",
        {
            "statement": statement,
            "table": statement_table(statement=statement),
            "SITE_NAME": site_name,
            "CJK_FONT": CJK_FONT,
            "made_on": timezone.localdate(),
        },
    )
    return _pdf_of(html)


CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png"}
_FILE_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def document_response(
    content: bytes, *, fmt: str, name: str, attachment: bool, max_age: int = 0
) -> HttpResponse:
    """A PDF or PNG for its owner only: `private` so no shared cache keeps it, and an ASCII
    file name (WeChat's browser and old Android ones drop or garble anything else)."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = _FILE_NAME_UNSAFE.sub("-", name).strip("-") or "document"
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{fmt}"'
    if max_age:
        patch_cache_control(response, private=True, max_age=max_age)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response
