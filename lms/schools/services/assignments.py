"""Writes for assignments: setting a course for a class, a grade or the school, and the
exceptions for one family."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import CoursePage, LessonPage
from lms.core.errors import ServiceError
from lms.schools.grades import GRADE_BY_CODE
from lms.schools.models import Assignment, AssignmentException, School, SchoolClass


@transaction.atomic
def assignment_create(
    *,
    school: School,
    scope: str,
    course: CoursePage,
    starts_on: date,
    due_on: date,
    created_by,
    school_class: SchoolClass | None = None,
    grade: str = "",
    lessons: list[LessonPage] | None = None,
    note: str = "",
) -> Assignment:
    if due_on < starts_on:
        raise ServiceError(_("The due date cannot be before the start date."), field="due_on")
    if scope == Assignment.Scope.CLASS:
        if school_class is None or school_class.school_id != school.pk:
            raise ServiceError(_("Choose one of this school's classes."), field="school_class")
        grade = ""
    elif scope == Assignment.Scope.GRADE:
        if grade not in GRADE_BY_CODE:
            raise ServiceError(_("Choose a grade."), field="grade")
        school_class = None
    elif scope == Assignment.Scope.SCHOOL:
        school_class, grade = None, ""
    else:
        raise ServiceError(_("Choose who the assignment is for."), field="scope")
    if not CoursePage.objects.live().public().filter(pk=course.pk).exists():
        raise ServiceError(_("Only published courses can be assigned."), field="course")
    lessons = list(lessons or [])
    course_lessons = set(LessonPage.objects.child_of(course).live().values_list("pk", flat=True))
    if any(lesson.pk not in course_lessons for lesson in lessons):
        raise ServiceError(_("Choose lessons of this course only."), field="lessons")
    assignment = Assignment.objects.create(
        school=school,
        scope=scope,
        school_class=school_class,
        grade=grade,
        course=course,
        starts_on=starts_on,
        due_on=due_on,
        note=note.strip()[:200],
        created_by=created_by,
    )
    assignment.lessons.set(lessons)
    return assignment


def assignment_exception_set(
    *, assignment: Assignment, user_id: int, excused: bool, due_on: date | None
) -> AssignmentException | None:
    """Excuse one family or give them a later date; with neither, the exception is removed."""
    if due_on is not None and due_on < assignment.starts_on:
        raise ServiceError(_("The due date cannot be before the start date."), field="due_on")
    if not excused and due_on is None:
        AssignmentException.objects.filter(assignment=assignment, user_id=user_id).delete()
        return None
    exception, _created = AssignmentException.objects.update_or_create(
        assignment=assignment, user_id=user_id, defaults={"excused": excused, "due_on": due_on}
    )
    return exception


def assignment_delete(*, assignment: Assignment) -> None:
    assignment.delete()
