from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """School notices (通知 / 校务公开) to a school, grade or classes; read
    confirmation is seen only by the sender."""

    name = "lms.notices"
    label = "notices"
    verbose_name = _("Notices")

    def ready(self) -> None:
        from lms.core.panels import panel_register
        from lms.notices.panels import family_notices_context, staff_link_context

        # My learning (lms.learning) and the staff home (lms.schools) are lower floors.
        panel_register(
            slot="my_learning",
            template="notices/includes/family_notices.html",
            context=family_notices_context,
            order=3,
        )
        panel_register(
            slot="staff_home_links",
            template="notices/includes/staff_link.html",
            context=staff_link_context,
            order=20,
        )
