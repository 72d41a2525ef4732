from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations, the roof: health checks, the embedded broker's folders, the demo loader."""

    name = "lms.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from lms.ops.broker import broker_folders_ensure

        # The server-less broker needs its folders before the first task is sent.
        broker_folders_ensure()
