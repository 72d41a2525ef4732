"""Writes to the search indexes. The database index is always kept (it is the fallback);
Elasticsearch as well when configured."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings

from courses.documents import (
    catalogue_documents,
    catalogue_documents_for_lecturer,
    catalogue_documents_for_page,
)
from lms.directory.selectors import directory_documents, venue_key
from search.backends.base import text_fields
from search.backends.database import DatabaseBackend
from search.connection import elasticsearch_configured
from search.text import segment_all

logger = logging.getLogger(__name__)


def _elastic():
    from search.backends.elastic import ElasticsearchBackend

    return ElasticsearchBackend() if elasticsearch_configured() else None


def _apply(documents, removed) -> None:
    segmented = segment_all([text_fields(document) for document in documents])
    database = DatabaseBackend()
    database.remove(removed)
    database.index(documents, segmented)
    elastic = _elastic()
    if elastic is not None:
        elastic.remove(removed)
        elastic.index(documents, segmented)


def search_page_update(*, page_id: int) -> None:
    """After a page was published, unpublished, moved or deleted."""
    documents, removed = catalogue_documents_for_page(page_id=page_id)
    _apply(documents, removed)


def search_venue_update(*, venue_id: int) -> None:
    documents = directory_documents(venue_ids=[venue_id])
    _apply(documents, [] if documents else [venue_key(venue_id)])


def search_lecturer_update(*, lecturer_id: int) -> None:
    documents, removed = catalogue_documents_for_lecturer(lecturer_id=lecturer_id)
    _apply(documents, removed)


@dataclass(frozen=True)
class RebuildResult:
    backend: str
    old_count: int
    new_count: int
    swapped: bool


def search_rebuild(*, force: bool = False, backends: tuple[str, ...] = ()) -> list[RebuildResult]:
    """Rebuild from the catalogue; refuse (unless forced) when the count drops too far."""
    documents = [*catalogue_documents(), *directory_documents()]
    # Segmentation is most of the work: do it once for both backends.
    segmented = segment_all([text_fields(document) for document in documents])
    ratio = settings.SEARCH_REBUILD_MIN_RATIO
    results = []
    if not backends or "database" in backends:
        database = DatabaseBackend()
        old = database.count()
        swapped = force or not old or len(documents) >= old * ratio
        if swapped:
            database.replace_all(documents, segmented)
        results.append(RebuildResult("database", old, len(documents), swapped))
    elastic = _elastic()
    if elastic is not None and (not backends or "elasticsearch" in backends):
        old, new, swapped = elastic.rebuild(
            documents, min_ratio=ratio, force=force, segmented=segmented
        )
        results.append(RebuildResult("elasticsearch", old, new, swapped))
    return results
