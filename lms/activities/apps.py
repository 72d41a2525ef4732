from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Guidance activities by schools, community stations and the lecturer team."""

    name = "lms.activities"
    label = "activities"
    verbose_name = _("Guidance activities")

    def ready(self) -> None:
        from lms.activities.panels import family_activities_context, family_talks_context
        from lms.core.panels import panel_register

        # My learning (lms.learning, a lower floor) shows the family's activities first.
        panel_register(
            slot="my_learning",
            template="activities/includes/family_activities.html",
            context=family_activities_context,
            order=10,
        )
        panel_register(
            slot="my_learning",
            template="activities/includes/family_talks.html",
            context=family_talks_context,
            order=11,
        )
