from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeVisitsConfig(AppConfig):
    """Head teachers' home visits (家访): records, the to-do list and coverage."""

    name = "lms.homevisits"
    label = "homevisits"
    verbose_name = _("Home visits")
