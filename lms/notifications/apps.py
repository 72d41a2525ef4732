from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-site notices to one person: sending them, the notifications page, the header count."""

    name = "lms.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
