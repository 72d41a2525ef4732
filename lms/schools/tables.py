"""Reports as plain tables of text: the screen, the CSV and the XLSX all show these cells."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.tables import Table
from lms.schools.audience import Tally
from lms.schools.credit_hours import HoursTally, hours_target
from lms.schools.reports import (
    ClassReport,
    CountyHours,
    SchoolReport,
    SchoolSummary,
    county_total,
)


def _rate(tally: Tally) -> str:
    return "—" if tally.rate is None else f"{tally.rate}%"


def hours_text(value) -> str:
    return f"{value:.1f}"


def hours_headers() -> list[str]:
    """The two 学时 columns the school, county and compliance tables share."""
    return [
        _("Credit hours this school year"),
        _("Families with %(target)s+ credit hours") % {"target": hours_target()},
    ]


def hours_cells(tally: HoursTally) -> list[str]:
    return [hours_text(tally.hours), f"{tally.at_target}/{tally.families}"]


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def class_report_table(report: ClassReport) -> Table:
    lessons = [lesson.title for lesson in report.lessons]
    headers = [
        _("Student"),
        _("Family member"),
        *lessons,
        _("Status"),
        _("Last activity"),
        _("Credit hours this school year"),
    ]
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
        rows.append(
            [
                row.student,
                family,
                *cells,
                status,
                _when(row.last_activity),
                hours_text(row.hours),
            ]
        )
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
        *hours_headers(),
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
            *hours_cells(row.hours),
        ]
        for row in report.classes
    ]
    return Table(title=str(report.school), headers=headers, rows=rows)


def county_report_table(rows: list[SchoolSummary], hours: CountyHours) -> Table:
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
        *hours_headers(),
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
            *hours_cells(row.hours),
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
            *hours_cells(hours.hours),
        ]
    )
    return Table(title=_("County overview"), headers=headers, rows=body)
