from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    """The support ledger (帮扶台账) for children in difficulty: locked down and audited."""

    name = "lms.support"
    label = "support"
    verbose_name = _("Support ledger")
