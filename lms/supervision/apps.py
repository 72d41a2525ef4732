from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """The bureau's supervision (督导): per-semester compliance of schools and stations."""

    name = "lms.supervision"
    label = "supervision"
    verbose_name = _("Supervision")

    def ready(self) -> None:
        from lms.core.panels import panel_register
        from lms.supervision.panels import county_coverage_context

        # The county page (lms.schools, a lower floor) shows station coverage too.
        panel_register(
            slot="county_report",
            template="supervision/includes/county_coverage.html",
            context=county_coverage_context,
        )
