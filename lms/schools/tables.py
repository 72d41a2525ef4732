"""Reports as plain tables of text: the screen, the CSV and the XLSX all show these cells."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.schools.audience import Tally
from lms.schools.reports import ClassReport, SchoolReport, SchoolSummary, county_total


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]


def _rate(tally: Tally) -> str:
    return "—" if tally.rate is None else f"{tally.rate}%"


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def class_report_table(report: ClassReport) -> Table:
    lessons = [lesson.title for lesson in report.lessons]
    headers = [_("Student"), _("Family member"), *lessons, _("Status"), _("Last activity")]
    rows = []
    for row in report.rows:
        cells = [
            "✓" if cell.completed else (f"{cell.percent}%" if cell.percent else "—")
            for cell in row.cells
        ]
        if row.excused:
            status = _("Excused")
        elif row.completed_on:
            status = _("Completed %(date)s") % {"date": row.completed_on.isoformat()}
        elif row.started:
            status = _("In progress (due %(date)s)") % {"date": row.due_on.isoformat()}
        else:
            status = _("Not started (due %(date)s)") % {"date": row.due_on.isoformat()}
        family = row.relation + (f" {row.guardian_name}" if row.guardian_name else "")
        rows.append([row.student, family, *cells, status, _when(row.last_activity)])
    title = f"{report.school_class.school} {report.school_class}"
    if report.assignment:
        title += f" · {report.assignment.course.title}"
    return Table(title=title, headers=headers, rows=rows)


def school_report_table(report: SchoolReport) -> Table:
    headers = [
        _("Class"),
        _("Students"),
        _("Families joined"),
        _("Waiting for approval"),
        _("Assignments"),
        _("Assigned"),
        _("Completed"),
        _("Completion rate"),
    ]
    rows = [
        [
            str(row.school_class),
            str(row.students),
            str(row.families),
            str(row.pending),
            str(row.assignments),
            str(row.tally.assigned),
            str(row.tally.completed),
            _rate(row.tally),
        ]
        for row in report.classes
    ]
    return Table(title=str(report.school), headers=headers, rows=rows)


def county_report_table(rows: list[SchoolSummary]) -> Table:
    headers = [
        _("School"),
        _("Township"),
        _("Classes"),
        _("Families joined"),
        _("Assignments"),
        _("Assigned"),
        _("Completed"),
        _("Overdue"),
        _("Completion rate"),
    ]
    body = [
        [
            row.school.name,
            row.school.township,
            str(row.classes),
            str(row.families),
            str(row.assignments),
            str(row.tally.assigned),
            str(row.tally.completed),
            str(row.tally.overdue),
            _rate(row.tally),
        ]
        for row in rows
    ]
    total = county_total(rows)
    body.append(
        [
            _("County total"),
            "",
            str(sum(row.classes for row in rows)),
            str(sum(row.families for row in rows)),
            str(sum(row.assignments for row in rows)),
            str(total.assigned),
            str(total.completed),
            str(total.overdue),
            _rate(total),
        ]
    )
    return Table(title=_("County overview"), headers=headers, rows=body)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(table: Table, *, fmt: str, name: str):
    """The table as a dated CSV or XLSX download."""
    from django.http import HttpResponse

    stamp = timezone.localdate().isoformat()
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


# Excel and LibreOffice read a cell as a formula after these, leading TAB and CR included.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell: str) -> str:
    """Spreadsheet formula injection: a cell starting with = + - @ TAB or CR is shown as text.

    Headers too: they carry lesson titles that editors type.
    """
    return "'" + cell if cell[:1] in _FORMULA_STARTS else cell
