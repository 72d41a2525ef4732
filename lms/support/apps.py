from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    """The support ledger (帮扶台账) for children in difficulty: locked down and audited."""

    name = "lms.support"
    label = "support"
    verbose_name = _("Support ledger")

    def ready(self) -> None:
        from lms.core.panels import panel_register
        from lms.support.panels import ledger_link_context

        # The school staff's home page (lms.schools, a lower floor) links the ledger.
        panel_register(
            slot="staff_home_links",
            template="support/includes/ledger_link.html",
            context=ledger_link_context,
        )
