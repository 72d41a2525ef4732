"""The directory's venues in search: a provider registered from DirectoryConfig.ready()
(lms → search only to register; search imports no lms)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from courses.documents import CatalogueDocument
from lms.directory.models import Venue
from lms.directory.selectors import directory_documents
from search.providers import SearchProvider, SearchType, provider_register, watch_model


def _venue_document(venue_id: int) -> CatalogueDocument | None:
    """None when the venue is gone or no longer listed, so its entry is removed."""
    documents = directory_documents(venue_ids=[venue_id])
    return documents[0] if documents else None


VENUES = SearchProvider(
    kind="venue",
    label=_("Venues"),
    types=(SearchType("venue", _("Venues"), order=4),),  # after the catalogue when browsing
    documents=directory_documents,
    documents_for=_venue_document,
    watches=watch_model(Venue),
    order=20,
)


def venues_register() -> None:
    provider_register(VENUES)
