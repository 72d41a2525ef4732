from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _site_tree_after_migrate(sender, using, **kwargs):
    """A fresh install (and every migrate after) has the home page and its sections."""
    from django.db import connections

    from courses.models import HomePage
    from courses.services import site_tree_ensure

    # A migrate run backwards to before the home page's migration has no table to fill.
    if HomePage._meta.db_table not in connections[using].introspection.table_names():
        return
    site_tree_ensure()


class CoursesConfig(AppConfig):
    """What is taught: the page tree from the home page down, stages, topics, courses, lessons,
    talks and the lecturer team."""

    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        post_migrate.connect(_site_tree_after_migrate, sender=self)
