from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The county's directory of venues and bases open to students and families."""

    name = "lms.directory"
    label = "directory"
    verbose_name = _("Resource directory")

    def ready(self) -> None:
        from lms.directory.search import venues_register

        venues_register()
