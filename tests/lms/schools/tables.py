"""Reading report tables back from HTML, CSV and XLSX, to compare what each shows."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

from openpyxl import load_workbook


class _TableParser(HTMLParser):
    def __init__(self, marker: str):
        super().__init__()
        self._marker = marker
        self.rows: list[list[str]] = []
        self._in_table = False
        self._cell: list[str] | None = None
        self._skip = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and self._marker in attrs:
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag in ("td", "th"):
            self._skip = "no-export" in (attrs.get("class") or "")
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif self._in_table and tag in ("td", "th") and self._cell is not None:
            if not self._skip:
                self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_table(content: bytes, *, marker: str = "data-report-table") -> list[list[str]]:
    """The rows of the page's report tables; marker="data-chart-table" reads the tables
    beside its charts instead."""
    parser = _TableParser(marker)
    parser.feed(content.decode())
    return [row for row in parser.rows if row]


def csv_table(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text))]


def xlsx_table(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
