from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    """Schools and classes, joining by invitation, assignments, reports and reminders."""

    name = "lms.schools"
    label = "schools"
    verbose_name = _("Schools")
