"""Exported tables never hand a spreadsheet a formula, whatever a name or title starts with."""

import pytest

from lms.core.tables import Table, table_csv, table_xlsx
from tests.lms.schools.tables import csv_table, xlsx_table

DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def _table(cells):
    return Table(title="t", headers=["=HEADER()", "姓名"], rows=[[cell, "张三"] for cell in cells])


@pytest.mark.parametrize("export", [(table_csv, csv_table), (table_xlsx, xlsx_table)])
def test_cells_that_start_a_formula_are_written_as_text(export):
    write, read = export
    rows = read(write(_table(DANGEROUS)))
    assert rows[0] == ["'=HEADER()", "姓名"]
    # XML turns a CR into a line feed when read back; the quote in front is what counts.
    written = [row[0].replace("\n", "\r") for row in rows[1:]]
    assert written == ["'" + cell for cell in DANGEROUS]


@pytest.mark.parametrize("export", [(table_csv, csv_table), (table_xlsx, xlsx_table)])
def test_ordinary_cells_are_left_alone(export):
    write, read = export
    ordinary = ["张三", "85%", "—", "2026-09-01 08:00", "a\tb"]
    rows = read(write(_table(ordinary)))
    assert [row[0] for row in rows[1:]] == ordinary
