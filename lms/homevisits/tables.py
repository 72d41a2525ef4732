"""Home-visit coverage as plain tables of text, for a class (by nickname, as its teachers see
it) and for a school (counts per class only): the screen, the CSV and the XLSX show these."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from lms.core.tables import Table
from lms.homevisits.selectors import ClassVisits, Coverage, school_year_start
from lms.schools.models import School, SchoolClass, Student


def class_visit_rows(visits: ClassVisits) -> list[tuple[Student, list[str]]]:
    """(student, cells): those still to visit first, then the visited, each by nickname."""
    rows = [(s, [s.nickname, _("Still to visit"), "—", "", ""]) for s in visits.to_visit]
    for student, visit in visits.visited:
        rows.append(
            (
                student,
                [
                    student.nickname,
                    _("Visited"),
                    visit.visited_on.isoformat(),
                    visit.get_form_display(),
                    _("needed") if visit.follow_up_needed else "",
                ],
            )
        )
    return rows


def class_visits_table(*, school_class: SchoolClass, rows: list[tuple[Student, list[str]]]):
    return Table(
        title=_("Home visits · %(school)s %(class)s")
        % {"school": school_class.school.name, "class": school_class},
        headers=[_("Student"), _("This school year"), _("Latest visit"), _("Form"), _("Follow-up")],
        rows=[cells for _student, cells in rows],
    )


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(100 * rate)}%"


def school_coverage_table(*, school: School, rows: list[tuple[SchoolClass, Coverage]]) -> Table:
    """One row per class and the school's total (the last row)."""
    students = sum(coverage.students for _c, coverage in rows)
    visited = sum(coverage.visited for _c, coverage in rows)
    total = Coverage(students=students, visited=visited)
    return Table(
        title=_("Home-visit coverage · %(school)s") % {"school": school.name},
        headers=[_("Class"), _("Students"), _("Visited"), _("Home-visit coverage")],
        rows=[
            *([str(c), str(cov.students), str(cov.visited), _percent(cov.rate)] for c, cov in rows),
            [_("School total"), str(students), str(visited), _percent(total.rate)],
        ],
    )


def _school_year_code(today: date) -> list[str]:
    # The visits counted are the school year's (from 1 September), so the file says which.
    start = school_year_start(today)
    return [f"{start.year}-{start.year + 1}"]


def class_visits_file_name(*, school_class: SchoolClass, today: date) -> str:
    """homevisits-<school>-<grade>-class-<id>-<school year>: the class's name is Chinese."""
    parts = ["homevisits", school_class.school.code, school_class.grade, f"class-{school_class.pk}"]
    return "-".join(parts + _school_year_code(today))


def school_coverage_file_name(*, school: School, today: date) -> str:
    return "-".join(["homevisits", school.code, *_school_year_code(today)])
