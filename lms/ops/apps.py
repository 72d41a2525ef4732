from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: health checks, the embedded broker's folders, site-wide context."""

    name = "lms.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from django.urls import register_converter

        from lms.ops.broker import broker_folders_ensure
        from lms.ops.converters import IdConverter

        # Before any URLconf is loaded: the apps' URLs use <id:…> for database ids.
        register_converter(IdConverter, "id")

        # The server-less broker needs its folders before the first task is sent.
        broker_folders_ensure()
