from django.urls import path

from lms.learning.api import lesson_progress, lesson_read

urlpatterns = [
    path("lessons/<int:lesson_id>/progress", lesson_progress, name="lesson_progress"),
    path("lessons/<int:lesson_id>/read", lesson_read, name="lesson_read"),
]
