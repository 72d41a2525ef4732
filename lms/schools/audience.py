"""Who an assignment is for and who has completed it, in a fixed number of queries.

Reports and reminders share these reads. Course completion comes from the enrolment
counters the learning app keeps (never recomputed from raw progress); an assignment of
chosen lessons is complete when each of them is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from lms.learning.models import Enrolment, LessonProgress
from lms.schools.models import Assignment, AssignmentException, Guardian


@dataclass(frozen=True)
class Member:
    school_id: int
    class_id: int
    grade: str
    user_id: int


def members(*, guardians: QuerySet[Guardian]) -> list[Member]:
    """Joined families (active, with an account) among `guardians`, one row per child's class."""
    rows = (
        guardians.filter(status=Guardian.Status.ACTIVE, user__isnull=False)
        .values_list(
            "student__school_class__school_id",
            "student__school_class_id",
            "student__school_class__grade",
            "user_id",
        )
        .distinct()
    )
    return [Member(*row) for row in rows]


def targets(assignment: Assignment, *, class_id: int, grade: str, school_id: int) -> bool:
    if assignment.school_id != school_id:
        return False
    if assignment.scope == Assignment.Scope.CLASS:
        return assignment.school_class_id == class_id
    if assignment.scope == Assignment.Scope.GRADE:
        return assignment.grade == grade
    return True


def chosen_lessons(assignments: list[Assignment]) -> dict[int, tuple[int, ...]]:
    """Lesson ids per assignment; an empty tuple means the whole course."""
    through = Assignment.lessons.through.objects.filter(
        assignment_id__in=[a.pk for a in assignments]
    ).values_list("assignment_id", "lessonpage_id")
    chosen: dict[int, list[int]] = defaultdict(list)
    for assignment_id, lesson_id in through:
        chosen[assignment_id].append(lesson_id)
    return {a.pk: tuple(sorted(chosen.get(a.pk, ()))) for a in assignments}


@dataclass(frozen=True)
class Excuse:
    excused: bool
    due_on: date | None


def excuses(assignments: list[Assignment]) -> dict[tuple[int, int], Excuse]:
    rows = AssignmentException.objects.filter(
        assignment_id__in=[a.pk for a in assignments]
    ).values_list("assignment_id", "user_id", "excused", "due_on")
    return {(a, u): Excuse(excused, due) for a, u, excused, due in rows}


def completions(
    assignments: list[Assignment],
    chosen: dict[int, tuple[int, ...]],
    *,
    users: QuerySet,
) -> dict[int, dict[int, date]]:
    """For each assignment, the users (within `users`, a values('user_id') subquery) who
    completed it, with the local date they did.

    Assignments of the same course (or the same chosen lessons) share one read-only mapping:
    the county has hundreds of assignments of a few courses.
    """
    courses = {a.course_id for a in assignments if not chosen[a.pk]}
    subsets = {chosen[a.pk] for a in assignments if chosen[a.pk]}
    by_course: dict[int, dict[int, date]] = {course_id: {} for course_id in courses}
    if courses:
        rows = Enrolment.objects.filter(
            course_id__in=courses, completed_at__isnull=False, user_id__in=users
        ).values_list("course_id", "user_id", "completed_at")
        for course_id, user_id, completed_at in rows:
            by_course[course_id][user_id] = timezone.localdate(completed_at)
    by_subset: dict[tuple[int, ...], dict[int, date]] = {}
    for lesson_ids in subsets:
        rows = (
            LessonProgress.objects.filter(
                lesson_id__in=lesson_ids, completed_at__isnull=False, user_id__in=users
            )
            .values("user_id")
            .annotate(lessons=Count("id"), last=Max("completed_at"))
            .filter(lessons=len(lesson_ids))
            .values_list("user_id", "last")
        )
        by_subset[lesson_ids] = {user_id: timezone.localdate(last) for user_id, last in rows}
    return {
        a.pk: by_subset[chosen[a.pk]] if chosen[a.pk] else by_course[a.course_id]
        for a in assignments
    }


@dataclass
class Tally:
    """Counts over (assignment, family) pairs — never names."""

    assigned: int = 0
    completed: int = 0
    excused: int = 0
    overdue: int = 0

    def add(self, other: Tally) -> None:
        self.assigned += other.assigned
        self.completed += other.completed
        self.excused += other.excused
        self.overdue += other.overdue

    @property
    def rate(self) -> int | None:
        """Completion in whole percent, None when nothing is assigned."""
        return round(100 * self.completed / self.assigned) if self.assigned else None


def tally(
    assignment: Assignment,
    users: set[int],
    done: dict[int, date],
    excepted: dict[tuple[int, int], Excuse],
    *,
    today: date,
) -> Tally:
    result = Tally()
    for user_id in users:
        exception = excepted.get((assignment.pk, user_id))
        if exception and exception.excused:
            result.excused += 1
            continue
        result.assigned += 1
        if user_id in done:
            result.completed += 1
        elif ((exception and exception.due_on) or assignment.due_on) < today:
            result.overdue += 1
    return result
