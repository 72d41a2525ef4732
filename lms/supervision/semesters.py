"""Semesters from settings: "autumn:9-1,spring:2-7" means autumn runs September to January
(into the next year) and spring February to July. A semester is named "2025-spring"."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

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
        raise ServiceError(f"unknown semester {text!r}; use {names}")
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


def semester_recent(day: date, count: int = 4) -> list[Semester]:
    """The semester containing `day` and the ones before it (stopping at a gap)."""
    found: list[Semester] = []
    probe = day
    while len(found) < count:
        try:
            semester = semester_of(probe)
        except ServiceError:
            break
        found.append(semester)
        probe = semester.first_day - timedelta(days=1)
    return found
