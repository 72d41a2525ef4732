"""Writes for assignments: setting a course for a class, a grade or the school, and the
exceptions for one family."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from courses.models import CoursePage, LessonPage
from lms.core.errors import ServiceError
from lms.schools.grades import GRADE_BY_CODE
from lms.schools.models import Assignment, AssignmentException, School, SchoolClass


def _audience_overlapping(*, scope: str, school_class: SchoolClass | None, grade: str) -> Q:
    """Existing assignments whose families include some of this one's: the whole school
    reaches everyone, a grade its classes, a class itself."""
    if scope == Assignment.Scope.SCHOOL:
        return Q()
    if scope == Assignment.Scope.GRADE:
        return (
            Q(scope=Assignment.Scope.SCHOOL)
            | Q(scope=Assignment.Scope.GRADE, grade=grade)
            | Q(scope=Assignment.Scope.CLASS, school_class__grade=grade)
        )
    return (
        Q(scope=Assignment.Scope.SCHOOL)
        | Q(scope=Assignment.Scope.GRADE, grade=school_class.grade)
        | Q(scope=Assignment.Scope.CLASS, school_class=school_class)
    )


def _duplicate_refuse(
    *,
    school: School,
    course: CoursePage,
    scope: str,
    school_class: SchoolClass | None,
    grade: str,
    starts_on: date,
    due_on: date,
) -> None:
    """The same course twice for the same family and days would show twice in My learning."""
    existing = (
        Assignment.objects.filter(
            school=school, course=course, starts_on__lte=due_on, due_on__gte=starts_on
        )
        .filter(_audience_overlapping(scope=scope, school_class=school_class, grade=grade))
        .select_related("school_class")
        .order_by("starts_on", "pk")
        .first()
    )
    if existing is None:
        return
    raise ServiceError(
        _(
            "“%(course)s” is already assigned to %(audience)s from %(starts)s to %(due)s, "
            "so families would see it twice. Withdraw that assignment first, or choose "
            "dates that do not overlap."
        )
        % {
            "course": course.title,
            "audience": existing.audience_label,
            "starts": existing.starts_on.isoformat(),
            "due": existing.due_on.isoformat(),
        },
        field="course",
    )


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
    course_lessons = dict(
        LessonPage.objects.child_of(course).live().public().values_list("pk", "title")
    )
    if not course_lessons:
        # Families would find nothing to learn and the assignment could never be completed.
        raise ServiceError(
            _("“%(course)s” has no published lessons yet, so it cannot be assigned.")
            % {"course": course.title},
            field="course",
        )
    lessons = list(lessons or [])
    foreign = [lesson for lesson in lessons if lesson.pk not in course_lessons]
    if foreign:
        raise ServiceError(
            _("“%(lesson)s” is not a lesson of “%(course)s”. Choose lessons of this course only.")
            % {"lesson": foreign[0].title, "course": course.title},
            field="lessons",
        )
    # One writer per school at a time, so two taps on 布置 cannot both pass the check below.
    School.objects.select_for_update().filter(pk=school.pk).first()
    _duplicate_refuse(
        school=school,
        course=course,
        scope=scope,
        school_class=school_class,
        grade=grade,
        starts_on=starts_on,
        due_on=due_on,
    )
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
