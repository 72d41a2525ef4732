from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    """Private threads between one family and a teacher of the child's class
    (quiet hours, report-abuse)."""

    name = "lms.messaging"
    label = "messaging"
    verbose_name = _("Messaging")

    def ready(self) -> None:
        from lms.core.header import header_link_register
        from lms.core.panels import panel_register
        from lms.messaging.panels import family_contact_context
        from lms.messaging.selectors import is_teacher_or_admin

        # Teachers reach their class inboxes from the header; families from My learning.
        header_link_register(
            url_name="messaging:inbox", label=_("Families' messages"), shown=is_teacher_or_admin
        )
        panel_register(
            slot="my_learning",
            template="messaging/includes/family_panel.html",
            context=family_contact_context,
            order=5,
        )
