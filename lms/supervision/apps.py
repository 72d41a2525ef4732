from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """The bureau's supervision (督导): per-semester compliance of schools and stations."""

    name = "lms.supervision"
    label = "supervision"
    verbose_name = _("Supervision")
