from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    """Schools and classes, joining by invitation, assignments, reports and reminders."""

    name = "lms.schools"
    label = "schools"
    verbose_name = _("Schools")

    def ready(self):
        from lms.accounts.signals import phone_verified
        from lms.schools.services import _guardians_claim_on_verify

        # Roster entries are linked when a parent proves the number, not at registration.
        phone_verified.connect(_guardians_claim_on_verify, dispatch_uid="schools-guardians-claim")
