from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Guidance activities by schools, community stations and the lecturer team."""

    name = "lms.activities"
    label = "activities"
    verbose_name = _("Guidance activities")
