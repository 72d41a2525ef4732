"""What the learning app tells the catalogue's pages (courses answers through hooks, since
it may not import this app)."""

from wagtail import hooks

from courses.selectors import LESSON_PROGRESS_HOOK
from lms.learning.selectors import lessons_progress


@hooks.register(LESSON_PROGRESS_HOOK)
def lesson_progress_for_course_page(*, user, lessons):
    return lessons_progress(user=user, lessons=lessons)
