from django.urls import path, re_path

from lms.learning.api import (
    lesson_not_found,
    lesson_progress,
    lesson_read,
    talk_not_found,
    talk_progress,
)

urlpatterns = [
    path("lessons/<id:lesson_id>/progress", lesson_progress, name="lesson_progress"),
    path("lessons/<id:lesson_id>/read", lesson_read, name="lesson_read"),
    # Anything else in the id's place (letters, a 40-digit number) is a JSON 404 too.
    re_path(r"^lessons/[^/]+/(?:progress|read)$", lesson_not_found),
    path("talks/<id:talk_id>/progress", talk_progress, name="talk_progress"),
    re_path(r"^talks/[^/]+/progress$", talk_not_found),
]
