from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    """Entrusted-care notices (委托照护告知): a guardian working away tells the school
    and the village or residents' committee who cares for the child."""

    name = "lms.care"
    label = "care"
    verbose_name = _("Entrusted care")
