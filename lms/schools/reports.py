"""Class, school and county reports: the numbers the screens, exports and benchmark share.

Query counts do not grow with the number of families: each report reads its members,
assignments and completions in a fixed handful of queries and counts in Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from courses.models import LessonPage
from lms.core.semesters import SchoolYear
from lms.learning.models import LessonProgress
from lms.schools import audience
from lms.schools.audience import Tally
from lms.schools.credit_hours import (
    NO_HOURS,
    HoursTally,
    hours_by_user,
    hours_tally,
    hours_year,
)
from lms.schools.models import Assignment, Guardian, School, SchoolClass


def assignments_for_class(*, school_class: SchoolClass) -> list[Assignment]:
    return list(
        Assignment.objects.filter(school_id=school_class.school_id)
        .filter(
            Q(scope=Assignment.Scope.SCHOOL)
            | Q(scope=Assignment.Scope.GRADE, grade=school_class.grade)
            | Q(scope=Assignment.Scope.CLASS, school_class=school_class)
        )
        .select_related("course")
    )


# ---------------------------------------------------------------- class report


@dataclass
class LessonCell:
    percent: int
    completed: bool


@dataclass
class ClassReportRow:
    user_id: int
    student: str
    relation: str
    guardian_name: str
    cells: list[LessonCell]
    completed_on: date | None
    excused: bool
    due_on: date
    last_activity: datetime | None
    hours: Decimal = Decimal("0")  # 学时 in the school year

    @property
    def started(self) -> bool:
        return self.last_activity is not None


@dataclass
class ClassReport:
    school_class: SchoolClass
    assignment: Assignment | None
    assignments: list[Assignment]
    lessons: list[LessonPage] = field(default_factory=list)
    rows: list[ClassReportRow] = field(default_factory=list)
    summary: Tally = field(default_factory=Tally)
    in_progress: int = 0
    not_started: int = 0
    timeline: list[tuple[date, int]] = field(default_factory=list)
    year: SchoolYear | None = None
    hours: HoursTally = NO_HOURS


def class_report(
    *, school_class: SchoolClass, assignment_id: int | None = None, today: date | None = None
) -> ClassReport:
    """Families × assigned lessons for one assignment of the class (the newest by default)."""
    today = today or timezone.localdate()
    assignments = assignments_for_class(school_class=school_class)
    chosen_one = next((a for a in assignments if a.pk == assignment_id), None)
    assignment = chosen_one or (assignments[0] if assignments else None)
    report = ClassReport(school_class=school_class, assignment=assignment, assignments=assignments)
    report.year = hours_year(today=today)
    active = Guardian.objects.filter(
        student__school_class=school_class, status=Guardian.Status.ACTIVE, user__isnull=False
    ).values_list("user_id", flat=True)
    hours = hours_by_user(users=active, year=report.year)
    report.hours = hours_tally(hours=hours, users=list(active))
    if assignment is None:
        return report
    chosen = audience.chosen_lessons([assignment])
    lessons_qs = LessonPage.objects.child_of(assignment.course).live().order_by("path")
    if chosen[assignment.pk]:
        lessons_qs = lessons_qs.filter(pk__in=chosen[assignment.pk])
    report.lessons = list(lessons_qs.only("pk", "title", "path", "depth", "required"))
    guardians = list(
        Guardian.objects.filter(
            student__school_class=school_class, status=Guardian.Status.ACTIVE, user__isnull=False
        )
        .select_related("student")
        .order_by("student__nickname", "relation", "pk")
    )
    class_users = Guardian.objects.filter(
        student__school_class=school_class, status=Guardian.Status.ACTIVE
    ).values("user_id")
    progress = {
        (user_id, lesson_id): (watched, duration, completed_at, last_beat)
        for user_id, lesson_id, watched, duration, completed_at, last_beat in (
            LessonProgress.objects.filter(
                user_id__in=class_users, lesson__in=[lesson.pk for lesson in report.lessons]
            ).values_list(
                "user_id",
                "lesson_id",
                "watched_seconds",
                "duration",
                "completed_at",
                "last_beat_at",
            )
        )
    }
    done = audience.completions([assignment], chosen, users=class_users)[assignment.pk]
    excused = audience.excuses([assignment])
    seen: set[int] = set()
    for guardian in guardians:
        cells, last = [], None
        for lesson in report.lessons:
            watched, duration, completed_at, last_beat = progress.get(
                (guardian.user_id, lesson.pk), (0, 0, None, None)
            )
            percent = 100 if completed_at else (round(100 * watched / duration) if duration else 0)
            cells.append(LessonCell(min(percent, 100), completed_at is not None))
            for moment in (completed_at, last_beat):
                if moment and (last is None or moment > last):
                    last = moment
        exception = excused.get((assignment.pk, guardian.user_id))
        report.rows.append(
            ClassReportRow(
                user_id=guardian.user_id,
                student=guardian.student.nickname,
                relation=guardian.get_relation_display(),
                guardian_name=guardian.name,
                cells=cells,
                completed_on=done.get(guardian.user_id),
                excused=bool(exception and exception.excused),
                due_on=(exception and exception.due_on) or assignment.due_on,
                last_activity=last,
                hours=hours.get(guardian.user_id, Decimal("0")),
            )
        )
        seen.add(guardian.user_id)
    report.summary = audience.tally(assignment, seen, done, excused, today=today)
    counted = [row for row in report.rows if not row.excused]
    # A family with two children in the class appears twice but counts once.
    unique = {row.user_id: row for row in counted}.values()
    report.in_progress = sum(1 for r in unique if r.completed_on is None and r.started)
    report.not_started = sum(1 for r in unique if r.completed_on is None and not r.started)
    report.timeline = _timeline(assignment, [done[u] for u in seen if u in done], today)
    return report


def _timeline(assignment: Assignment, dates: list[date], today: date) -> list[tuple[date, int]]:
    """Families completed by each day, from the start to today (or the last completion)."""
    start = assignment.starts_on
    end = max([min(today, assignment.due_on + timedelta(days=14)), *dates, start])
    if (end - start).days > 366:
        start = end - timedelta(days=366)
    per_day = Counter(dates)
    total = sum(count for day, count in per_day.items() if day < start)
    series = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        total += per_day.get(day, 0)
        series.append((day, total))
    return series


# --------------------------------------------------------------- school report


@dataclass
class ClassSummary:
    school_class: SchoolClass
    students: int
    families: int
    pending: int
    assignments: int
    tally: Tally
    hours: HoursTally = NO_HOURS


@dataclass
class AssignmentSummary:
    assignment: Assignment
    tally: Tally


@dataclass
class SchoolReport:
    school: School
    classes: list[ClassSummary]
    assignments: list[AssignmentSummary]
    families: int
    total: Tally
    year: SchoolYear | None = None
    hours: HoursTally = NO_HOURS


def school_report(*, school: School, today: date | None = None) -> SchoolReport:
    """Per class and per assignment, counts only: no family is named."""
    today = today or timezone.localdate()
    classes = list(
        SchoolClass.objects.filter(school=school).annotate(
            student_count=Count("students", distinct=True)
        )
    )
    pending = Counter(
        Guardian.objects.filter(
            student__school_class__school=school, status=Guardian.Status.PENDING
        ).values_list("student__school_class_id", flat=True)
    )
    school_guardians = Guardian.objects.filter(student__school_class__school=school)
    members = audience.members(guardians=school_guardians)
    assignments = list(
        Assignment.objects.filter(school=school, starts_on__lte=today).select_related(
            "course", "school_class"
        )
    )
    users_by_class: dict[int, set[int]] = defaultdict(set)
    for member in members:
        users_by_class[member.class_id].add(member.user_id)
    year = hours_year(today=today)
    hours = hours_by_user(
        users=school_guardians.filter(status=Guardian.Status.ACTIVE).values("user_id"), year=year
    )
    chosen = audience.chosen_lessons(assignments)
    done = audience.completions(
        assignments,
        chosen,
        users=school_guardians.filter(status=Guardian.Status.ACTIVE).values("user_id"),
    )
    excused = audience.excuses(assignments)
    class_rows = []
    audience_of: dict[int, set[int]] = defaultdict(set)
    for school_class in classes:
        class_tally, count = Tally(), 0
        users = users_by_class.get(school_class.pk, set())
        for assignment in assignments:
            if audience.targets(
                assignment, class_id=school_class.pk, grade=school_class.grade, school_id=school.pk
            ):
                count += 1
                audience_of[assignment.pk] |= users
                class_tally.add(
                    audience.tally(assignment, users, done[assignment.pk], excused, today=today)
                )
        class_rows.append(
            ClassSummary(
                school_class=school_class,
                students=school_class.student_count,
                families=len(users),
                pending=pending.get(school_class.pk, 0),
                assignments=count,
                tally=class_tally,
                hours=hours_tally(hours=hours, users=users),
            )
        )
    total = Tally()
    assignment_rows = []
    for assignment in assignments:
        row_tally = audience.tally(
            assignment, audience_of[assignment.pk], done[assignment.pk], excused, today=today
        )
        total.add(row_tally)
        assignment_rows.append(AssignmentSummary(assignment, row_tally))
    return SchoolReport(
        school=school,
        classes=class_rows,
        assignments=assignment_rows,
        families=len({member.user_id for member in members}),
        total=total,
        year=year,
        # Each family once, though their children may be in two classes.
        hours=hours_tally(hours=hours, users={member.user_id for member in members}),
    )


# --------------------------------------------------------------- county report


@dataclass
class SchoolSummary:
    school: School
    classes: int
    families: int
    assignments: int
    tally: Tally
    hours: HoursTally = NO_HOURS


@dataclass(frozen=True)
class CountyHours:
    """The county's 学时: each family once, wherever their children go to school."""

    year: SchoolYear
    hours: HoursTally


def county_report(*, today: date | None = None) -> list[SchoolSummary]:
    """Every school's counts for the bureau, in a fixed number of queries."""
    today = today or timezone.localdate()
    schools = list(School.objects.annotate(class_count=Count("classes", distinct=True)))
    active = Guardian.objects.filter(status=Guardian.Status.ACTIVE, user__isnull=False)
    members = audience.members(guardians=active)
    assignments = list(Assignment.objects.filter(starts_on__lte=today))
    chosen = audience.chosen_lessons(assignments)
    done = audience.completions(assignments, chosen, users=active.values("user_id"))
    excused = audience.excuses(assignments)
    families: dict[int, set[int]] = defaultdict(set)
    audience_of: dict[int, set[int]] = defaultdict(set)
    by_school: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        by_school[assignment.school_id].append(assignment)
    hours = hours_by_user(users=active.values("user_id"), year=hours_year(today=today))
    for member in members:
        families[member.school_id].add(member.user_id)
        for assignment in by_school.get(member.school_id, ()):
            if audience.targets(
                assignment, class_id=member.class_id, grade=member.grade, school_id=member.school_id
            ):
                audience_of[assignment.pk].add(member.user_id)
    rows = []
    for school in schools:
        school_tally = Tally()
        for assignment in by_school.get(school.pk, ()):
            school_tally.add(
                audience.tally(
                    assignment,
                    audience_of[assignment.pk],
                    done[assignment.pk],
                    excused,
                    today=today,
                )
            )
        rows.append(
            SchoolSummary(
                school=school,
                classes=school.class_count,
                families=len(families.get(school.pk, ())),
                assignments=len(by_school.get(school.pk, ())),
                tally=school_tally,
                hours=hours_tally(hours=hours, users=families.get(school.pk, ())),
            )
        )
    return rows


def county_total(rows: list[SchoolSummary]) -> Tally:
    total = Tally()
    for row in rows:
        total.add(row.tally)
    return total


def county_hours(*, today: date | None = None) -> CountyHours:
    today = today or timezone.localdate()
    year = hours_year(today=today)
    active = Guardian.objects.filter(status=Guardian.Status.ACTIVE, user__isnull=False)
    users = set(active.values_list("user_id", flat=True))
    hours = hours_by_user(users=active.values("user_id"), year=year)
    return CountyHours(year=year, hours=hours_tally(hours=hours, users=users))
