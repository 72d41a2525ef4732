"""Tables of text for the screen, the CSV and the XLSX: every report and export shows these."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(table: Table, *, fmt: str, name: str):
    """The table as a dated CSV or XLSX download, named `<name>-<date>.<fmt>`.

    `name` says what the file holds (part, school, semester code). Anything but ASCII letters,
    digits, dash and underscore becomes "-", so the header needs no quoting rules and every
    browser (WeChat's included) keeps the name.
    """
    stamp = timezone.localdate().isoformat()
    name = _FILE_NAME_UNSAFE.sub("-", name).strip("-") or "export"
    if fmt == "xlsx":
        response = HttpResponse(table_xlsx(table), content_type=XLSX)
    else:
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


def table_csv(table: Table) -> bytes:
    """UTF-8 with a BOM, so Excel on Chinese Windows opens it without garbling."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_safe(cell) for cell in table.headers])
    writer.writerows([_safe(cell) for cell in row] for row in table.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Report")[:31]
    sheet.append([_safe(cell) for cell in table.headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_safe(cell) for cell in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(40, max(8, width * 2 + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_FILE_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")

# Excel and LibreOffice read a cell as a formula after these, leading TAB and CR included.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell: str) -> str:
    """Spreadsheet formula injection: a cell starting with = + - @ TAB or CR is shown as text.

    Headers too: they carry lesson titles that editors type.
    """
    return "'" + cell if cell[:1] in _FORMULA_STARTS else cell
