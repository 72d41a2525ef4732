from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """In-site notices to one person: sending them, the notifications page, the header count,
    and what leaves the site (the daily digest, urgent notices, their channels)."""

    name = "lms.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from lms.notifications import checks  # noqa: F401 (registers the start-up checks)
