"""Reads for the staff's assignment pages: the courses one may assign with their lessons,
one family of an assignment and its exception."""

from __future__ import annotations

from dataclasses import dataclass

from courses.models import CoursePage, LessonPage
from lms.schools import access
from lms.schools.models import Assignment, AssignmentException, Guardian


def assignment_family_guardian(*, user, assignment: Assignment, user_id: int) -> Guardian | None:
    """The joined family `user_id` in one of the classes `user` manages at the assignment's
    school (the families whose exceptions that member of staff may set)."""
    return (
        Guardian.objects.filter(
            user_id=user_id,
            status=Guardian.Status.ACTIVE,
            student__school_class__in=access.classes_managed(user=user).filter(
                school=assignment.school
            ),
        )
        .select_related("student__school_class")
        .first()
    )


def assignment_exception(*, assignment: Assignment, user_id: int) -> AssignmentException | None:
    return AssignmentException.objects.filter(assignment=assignment, user_id=user_id).first()


@dataclass(frozen=True)
class CourseLessons:
    course: CoursePage
    lessons: list[LessonPage]


def assignable_courses() -> list[CourseLessons]:
    """Published courses with at least one published lesson, by title, each with those
    lessons in course order (a fixed four queries, whatever the size of the catalogue)."""
    courses = {
        course.path: course
        for course in CoursePage.objects.live().public().only("pk", "title", "path", "depth")
    }
    lessons: dict[str, list[LessonPage]] = {}
    steplen = CoursePage.steplen
    for lesson in LessonPage.objects.live().public().only("pk", "title", "path").order_by("path"):
        parent = lesson.path[:-steplen]
        if parent in courses:
            lessons.setdefault(parent, []).append(lesson)
    found = [CourseLessons(course=courses[path], lessons=items) for path, items in lessons.items()]
    return sorted(found, key=lambda item: (item.course.title, item.course.pk))
