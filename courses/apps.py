from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """What is taught: stages, topics, courses, lessons, talks and the lecturer team."""

    name = "courses"
    verbose_name = _("Courses")
