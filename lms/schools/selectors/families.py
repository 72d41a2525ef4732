"""Reads for families: their classes and their assignments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from lms.learning.models import Enrolment, LessonProgress
from lms.schools import audience
from lms.schools.models import Assignment, Guardian, SchoolClass


@dataclass(frozen=True)
class FamilyAssignment:
    assignment: Assignment
    classes: tuple[SchoolClass, ...]
    due_on: date
    completed_on: date | None
    lessons: int  # 0 = the whole course
    lessons_done: int = 0  # of the lessons that count: the chosen ones, or the course's required
    lessons_total: int = 0

    @property
    def percent(self) -> int:
        if self.completed_on is not None:
            return 100
        return (
            min(99, round(100 * self.lessons_done / self.lessons_total))
            if self.lessons_total
            else 0
        )

    @property
    def due_soon(self) -> bool:
        return self.completed_on is None and 0 <= (self.due_on - timezone.localdate()).days <= 3


def family_classes(*, user) -> list[Guardian]:
    return list(
        Guardian.objects.filter(user=user)
        .select_related("student__school_class__school")
        .order_by("student__nickname")
    )


def assignments_for_family(
    *, user, today: date | None = None, include_done: bool = True
) -> list[FamilyAssignment]:
    """Assignments for the classes this parent has joined (started ones, soonest due first);
    those the teacher excused them from are left out."""
    today = today or timezone.localdate()
    classes = {
        g.student.school_class.pk: g.student.school_class
        for g in family_classes(user=user)
        if g.status == Guardian.Status.ACTIVE
    }
    if not classes:
        return []
    condition = Q()
    for school_class in classes.values():
        condition |= Q(school_id=school_class.school_id) & (
            Q(scope=Assignment.Scope.SCHOOL)
            | Q(scope=Assignment.Scope.GRADE, grade=school_class.grade)
            | Q(scope=Assignment.Scope.CLASS, school_class_id=school_class.pk)
        )
    found = list(
        Assignment.objects.filter(condition, starts_on__lte=today).select_related("course")
    )
    chosen = audience.chosen_lessons(found)
    done = audience.completions(
        found, chosen, users=get_user_model().objects.filter(pk=user.pk).values("pk")
    )
    excused = audience.excuses(found)
    counted = _lessons_counted(user=user, assignments=found, chosen=chosen)
    result = []
    for assignment in found:
        exception = excused.get((assignment.pk, user.pk))
        if exception and exception.excused:
            continue
        completed_on = done[assignment.pk].get(user.pk)
        if completed_on and not include_done:
            continue
        result.append(
            FamilyAssignment(
                assignment=assignment,
                classes=tuple(
                    c
                    for c in classes.values()
                    if audience.targets(
                        assignment, class_id=c.pk, grade=c.grade, school_id=c.school_id
                    )
                ),
                due_on=(exception and exception.due_on) or assignment.due_on,
                completed_on=completed_on,
                lessons=len(chosen[assignment.pk]),
                lessons_done=counted[assignment.pk][0],
                lessons_total=counted[assignment.pk][1],
            )
        )
    result.sort(key=lambda item: (item.completed_on is not None, item.due_on))
    return result


def _lessons_counted(
    *, user, assignments: list[Assignment], chosen: dict[int, tuple[int, ...]]
) -> dict[int, tuple[int, int]]:
    """(lessons completed, lessons that count) per assignment, in two queries: the chosen
    lessons' progress rows, and the enrolment counters for whole courses (the learning app
    keeps those current as lessons complete)."""
    lesson_ids = {lesson_id for ids in chosen.values() for lesson_id in ids}
    done_lessons = set(
        LessonProgress.objects.filter(
            user=user, lesson_id__in=lesson_ids, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
        if lesson_ids
        else ()
    )
    courses = {a.course_id for a in assignments if not chosen[a.pk]}
    enrolments = (
        {
            course_id: (completed, required)
            for course_id, completed, required in Enrolment.objects.filter(
                user=user, course_id__in=courses
            ).values_list("course_id", "lessons_completed", "lessons_required")
        }
        if courses
        else {}
    )
    counted = {}
    for assignment in assignments:
        ids = chosen[assignment.pk]
        if ids:
            counted[assignment.pk] = (sum(1 for i in ids if i in done_lessons), len(ids))
        else:
            counted[assignment.pk] = enrolments.get(assignment.course_id, (0, 0))
    return counted
