"""Semesters from settings: "autumn:9-1,spring:2-7" means autumn runs September to January
(into the next year) and spring February to July. A semester is named "2025-spring": that
code stays in URLs, query parameters and file names; people read `semester_label`
("2025年春季学期", "Spring semester 2025").

In lms.core because activities and home visits name their exports by semester too."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from lms.core.errors import ServiceError


@dataclass(frozen=True)
class Semester:
    name: str
    first_day: date
    last_day: date

    def __str__(self) -> str:
        return self.name


def _definitions() -> dict[str, tuple[int, int]]:
    found = {}
    for part in settings.LMS_SEMESTERS.split(","):
        match = re.fullmatch(r"\s*([a-z]+):(\d{1,2})-(\d{1,2})\s*", part)
        if not match or not all(1 <= int(m) <= 12 for m in match.groups()[1:]):
            raise ServiceError(f"LMS_SEMESTERS: cannot read {part!r} (expected name:M-M)")
        found[match[1]] = (int(match[2]), int(match[3]))
    return found


def semester_parse(text: str) -> Semester:
    match = re.fullmatch(r"(\d{4})-([a-z]+)", text.strip())
    definitions = _definitions()
    if not match or match[2] not in definitions:
        names = ", ".join(f"YYYY-{name}" for name in definitions)
        raise ServiceError(
            _("Unknown semester “%(text)s”: write it as %(names)s.")
            % {"text": text.strip()[:40], "names": names},
            field="semester",
        )
    year = int(match[1])
    first, last = definitions[match[2]]
    end_year = year + 1 if last < first else year
    return Semester(
        name=f"{year}-{match[2]}",
        first_day=date(year, first, 1),
        last_day=date(end_year, last, calendar.monthrange(end_year, last)[1]),
    )


def semester_of(day: date) -> Semester:
    for name in _definitions():
        for year in (day.year, day.year - 1):
            semester = semester_parse(f"{year}-{name}")
            if semester.first_day <= day <= semester.last_day:
                return semester
    raise ServiceError(f"{day} is in no semester (LMS_SEMESTERS leaves a gap)")


def semester_current(day: date) -> Semester:
    """The semester containing `day`, or in a gap between semesters (August, by default) the
    one that ended last: what a page shows when nobody chose a semester."""
    for back in range(367):
        try:
            return semester_of(day - timedelta(days=back))
        except ServiceError:
            continue
    raise ServiceError(f"{day}: no semester in the year before (LMS_SEMESTERS)")


def semester_recent(day: date, count: int = 4) -> list[Semester]:
    """The current semester (`semester_current`) and the ones before it, across the gaps
    between them (the summer, by default)."""
    found: list[Semester] = []
    probe = day
    while len(found) < count:
        try:
            semester = semester_current(probe)
        except ServiceError:
            break
        found.append(semester)
        probe = semester.first_day - timedelta(days=1)
    return found


def semester_label(semester: Semester) -> str:
    """What people read for a semester: "2026年秋季学期", "Autumn semester 2026"."""
    year, name = semester.name.split("-", 1)
    if name == "autumn":
        return _("Autumn semester %(year)s") % {"year": year}
    if name == "spring":
        return _("Spring semester %(year)s") % {"year": year}
    # A name settings added (LMS_SEMESTERS) has no translation of its own.
    return _("Semester %(name)s %(year)s") % {"name": name, "year": year}


@dataclass(frozen=True)
class SchoolYear:
    """A school year: from the first day of the semester LMS_SEMESTERS names first (autumn,
    by default) to the day before it comes round again, so the summer gap belongs to the
    year it ends. Named by the year it starts in: 2026 is "2026–2027"."""

    start_year: int
    first_day: date
    last_day: date

    def __str__(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"


def school_year(start_year: int) -> SchoolYear:
    first = next(iter(_definitions()))
    return SchoolYear(
        start_year=start_year,
        first_day=semester_parse(f"{start_year}-{first}").first_day,
        last_day=semester_parse(f"{start_year + 1}-{first}").first_day - timedelta(days=1),
    )


def school_year_of(day: date) -> SchoolYear:
    year = school_year(day.year)
    return year if day >= year.first_day else school_year(day.year - 1)


def school_year_label(year: SchoolYear) -> str:
    """ "2026–2027学年", "School year 2026–2027"."""
    return _("School year %(first)s–%(last)s") % {
        "first": year.start_year,
        "last": year.start_year + 1,
    }
