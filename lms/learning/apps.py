from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """Parents' learning: children, lesson progress, course completion, 学时 and certificates."""

    name = "lms.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from lms.learning.signals import connect

        connect()
