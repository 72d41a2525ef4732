"""Reads for home visits: a class's to-do list, and coverage counts for reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.utils import timezone

from lms.homevisits.models import HomeVisit
from lms.schools.grades import GRADES
from lms.schools.models import School, SchoolClass, Student

SCHOOL_YEAR_STARTS_MONTH = 9


def school_year_start(day: date | None = None) -> date:
    """The school year starts on 1 September."""
    day = day or timezone.localdate()
    year = day.year if day.month >= SCHOOL_YEAR_STARTS_MONTH else day.year - 1
    return date(year, SCHOOL_YEAR_STARTS_MONTH, 1)


@dataclass(frozen=True)
class ClassVisits:
    to_visit: list[Student]
    visited: list[tuple[Student, HomeVisit]]  # the latest visit this school year

    @property
    def coverage(self) -> float | None:
        total = len(self.to_visit) + len(self.visited)
        return len(self.visited) / total if total else None


def class_visits(*, school_class: SchoolClass, today: date | None = None) -> ClassVisits:
    start = school_year_start(today)
    students = list(school_class.students.order_by("nickname"))
    latest: dict[int, HomeVisit] = {}
    for visit in HomeVisit.objects.filter(
        student__school_class=school_class, visited_on__gte=start
    ).order_by("visited_on"):
        latest[visit.student_id] = visit
    return ClassVisits(
        to_visit=[s for s in students if s.pk not in latest],
        visited=[(s, latest[s.pk]) for s in students if s.pk in latest],
    )


def class_student(*, school_class: SchoolClass, student_id: int) -> Student | None:
    return school_class.students.filter(pk=student_id).first()


def student_visits(*, student: Student) -> QuerySet[HomeVisit]:
    return HomeVisit.objects.filter(student=student).select_related("recorded_by")


@dataclass(frozen=True)
class Coverage:
    students: int
    visited: int

    @property
    def rate(self) -> float | None:
        return self.visited / self.students if self.students else None


def visit_coverage(*, students: QuerySet[Student], start: date, end: date) -> Coverage:
    """Students among `students` with at least one visit in [start, end] — counts only."""
    visited = (
        HomeVisit.objects.filter(student__in=students, visited_on__gte=start, visited_on__lte=end)
        .values("student_id")
        .distinct()
        .count()
    )
    return Coverage(students=students.count(), visited=visited)


def visits_by(*, user, start: date, end: date) -> int:
    return HomeVisit.objects.filter(
        recorded_by=user, visited_on__gte=start, visited_on__lte=end
    ).count()


_GRADE_ORDER = {grade.code: index for index, grade in enumerate(GRADES)}


def school_visit_coverage(
    *, school: School, today: date | None = None
) -> list[tuple[SchoolClass, Coverage]]:
    """Per class of the school, in grade order: students, and those visited this school year
    (counts only, in two queries)."""
    today = today or timezone.localdate()
    start = school_year_start(today)
    classes = SchoolClass.objects.filter(school=school).annotate(
        student_count=Count("students", distinct=True)
    )
    visited = dict(
        HomeVisit.objects.filter(
            student__school_class__school=school, visited_on__gte=start, visited_on__lte=today
        )
        .values("student__school_class_id")
        .annotate(n=Count("student_id", distinct=True))
        .values_list("student__school_class_id", "n")
    )
    ordered = sorted(classes, key=lambda c: (_GRADE_ORDER.get(c.grade, len(GRADES)), c.name))
    return [(c, Coverage(students=c.student_count, visited=visited.get(c.pk, 0))) for c in ordered]
