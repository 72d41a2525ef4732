from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    """Private threads between one family and a teacher of the child's class
    (quiet hours, report-abuse)."""

    name = "lms.messaging"
    label = "messaging"
    verbose_name = _("Messaging")
