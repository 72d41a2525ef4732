from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    """Schools and classes, joining by invitation, assignments, reports and reminders."""

    name = "lms.schools"
    label = "schools"
    verbose_name = _("Schools")

    def ready(self):
        from lms.accounts.signals import phone_verified
        from lms.core.header import header_link_register
        from lms.core.panels import panel_register
        from lms.schools.access import is_school_staff
        from lms.schools.panels import family_assignments_context
        from lms.schools.services.joining import _guardians_claim_on_verify

        # Roster entries are linked when a parent proves the number, not at registration.
        phone_verified.connect(_guardians_claim_on_verify, dispatch_uid="schools-guardians-claim")
        header_link_register(url_name="schools:home", label=_("School work"), shown=is_school_staff)
        panel_register(
            slot="my_learning",
            template="schools/includes/family_assignments.html",
            context=family_assignments_context,
            order=20,
        )
