from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """School notices (通知 / 校务公开) to a school, grade or classes; read
    confirmation is seen only by the sender."""

    name = "lms.notices"
    label = "notices"
    verbose_name = _("Notices")
