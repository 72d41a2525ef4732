from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    """Entrusted-care notices (委托照护告知): a guardian working away tells the school
    and the village or residents' committee who cares for the child."""

    name = "lms.care"
    label = "care"
    verbose_name = _("Entrusted care")

    def ready(self) -> None:
        from lms.care import panels
        from lms.care.selectors import is_station_staff
        from lms.core.header import header_link_register
        from lms.core.panels import panel_register

        # My learning (lms.learning) and the class page (lms.schools) are lower floors:
        # they name slots, we fill them.
        panel_register(
            slot="my_learning",
            template="care/includes/my_learning_entry.html",
            context=panels.my_learning_context,
            order=30,
        )
        panel_register(
            slot="class_detail",
            template="care/includes/class_panel.html",
            context=panels.class_panel_context,
        )
        panel_register(
            slot="staff_home_links",
            template="care/includes/staff_home_link.html",
            context=panels.staff_home_context,
        )
        # Station staff hold no school post, so the station's way in is the header.
        header_link_register(
            url_name="care:received", label=_("Care notices"), shown=is_station_staff
        )
