from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor of lms: converters, id fields, QR codes, tables, the one service error,
    middleware. It holds no models and imports no other lms app."""

    name = "lms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.urls import register_converter

        from lms.core.converters import IdConverter

        # Before any URLconf is loaded: the apps' URLs use <id:…> for database ids.
        register_converter(IdConverter, "id")
