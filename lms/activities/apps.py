from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    """Guidance activities by schools, community stations and the lecturer team."""

    name = "lms.activities"
    label = "activities"
    verbose_name = _("Guidance activities")

    def ready(self) -> None:
        from lms.activities.panels import family_activities_context, family_talks_context
        from lms.activities.talk_selectors import gives_talks
        from lms.core.header import header_link_register
        from lms.core.panels import panel_register

        # A lecturer finds their talks' sign-ups and replay picker from the header.
        header_link_register(
            url_name="activities:talks_mine", label=_("My talks"), shown=gives_talks
        )

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
