from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """What is found: the search service over Elasticsearch or the database."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from search.catalogue import catalogue_register

        catalogue_register()
