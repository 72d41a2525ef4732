"""Writes to the search indexes. The database index is always kept (it is the fallback);
Elasticsearch as well when configured."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings

from search.backends.base import text_fields
from search.backends.database import DatabaseBackend
from search.connection import elasticsearch_configured
from search.providers import SearchChange, document_key, provider_get, providers
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


def _change(kind: str, object_id: int, found) -> SearchChange:
    if isinstance(found, SearchChange):
        return found
    if found is None:
        return SearchChange(documents=[], removed=[document_key(kind, object_id)])
    return SearchChange(documents=[found], removed=[])


def search_object_update(*, kind: str, object_id: int) -> None:
    """After an object of a provider's kind changed (a page published, a venue deleted)."""
    provider = provider_get(kind)
    if provider is None:  # its app was removed since the task was sent
        logger.warning("no search provider for %r; %s not reindexed", kind, object_id)
        return
    try:
        found = provider.documents_for(object_id)
    except Exception:
        logger.exception("search provider %s failed on %s:%s", provider.label, kind, object_id)
        raise
    change = _change(kind, object_id, found)
    _apply(change.documents, change.removed)


def _documents(provider) -> list:
    try:
        return list(provider.documents())
    except Exception:
        logger.exception(
            "search provider %s (%s) failed to list its documents", provider.label, provider.kind
        )
        raise


@dataclass(frozen=True)
class RebuildResult:
    backend: str
    old_count: int
    new_count: int
    swapped: bool


def search_rebuild(*, force: bool = False, backends: tuple[str, ...] = ()) -> list[RebuildResult]:
    """Rebuild from every provider; refuse (unless forced) when the count drops too far."""
    documents = [document for provider in providers() for document in _documents(provider)]
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
