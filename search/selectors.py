"""Public read functions of the search app: searching, suggestions and health."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from courses.vocabulary import CURATED_TOPICS, STAGE_CODES, stages_for_age
from search.backends.base import MAX_PAGE, SearchQuery, SearchResponse, SearchUnavailable
from search.backends.database import DatabaseBackend
from search.connection import elasticsearch_client, elasticsearch_configured
from search.models import SearchEntry, SynonymGroup
from search.providers import search_types
from search.text import expand, normalize, parse_synonym_lines, query_terms

logger = logging.getLogger(__name__)
# After Elasticsearch fails, searches go straight to the database for this long, so a dead
# node does not make every visitor wait for a timeout.
COOL_DOWN_SECONDS = 30.0
_last_failure: float | None = None


@dataclass(frozen=True)
class SearchBackendStatus:
    backend: str  # "elasticsearch" or "database"
    status: str  # "ok", "degraded" (falling back to the database) or "down"


def search_backend_status(*, timeout: float = 2.0) -> SearchBackendStatus:
    """Which backend answers searches now.

    The database backend is always there; with Elasticsearch configured but not
    answering (or red), searches fall back to it, so search is 'degraded'.
    """
    if not elasticsearch_configured():
        return SearchBackendStatus(backend="database", status="ok")
    try:
        health = elasticsearch_client().options(request_timeout=timeout).cluster.health()
    except Exception as error:  # any transport or HTTP failure means: fall back
        logger.warning("Elasticsearch unavailable, searching the database: %s", error)
        return SearchBackendStatus(backend="elasticsearch", status="degraded")
    if health.get("status") == "red":
        return SearchBackendStatus(backend="elasticsearch", status="degraded")
    return SearchBackendStatus(backend="elasticsearch", status="ok")


def synonym_groups() -> list[tuple[str, ...]]:
    groups = []
    for terms in SynonymGroup.objects.values_list("terms", flat=True):
        groups.extend(parse_synonym_lines(terms))
    return groups


def search_query_parse(params) -> SearchQuery:
    """Lenient: unknown values are dropped, never an error; any text is just text."""
    text = normalize(str(params.get("q") or ""))[:200]
    stages: tuple[str, ...] = tuple(s for s in params.getlist("stage") if s in STAGE_CODES)
    age = str(params.get("age") or "").strip()
    if age.isdigit():
        stages = tuple(dict.fromkeys((*stages, *stages_for_age(int(age)))))
    topic = normalize(str(params.get("topic") or ""))[:100] or None
    kind = params.get("type") if params.get("type") in search_types() else None
    page = str(params.get("page") or "1")
    number = int(page) if page.isdigit() else 1
    return SearchQuery(
        text=text, stages=stages, topic=topic, type=kind, page=max(1, min(number, MAX_PAGE))
    )


def search_run(query: SearchQuery) -> SearchResponse:
    """Elasticsearch when configured and answering; otherwise the database backend."""
    global _last_failure
    terms = query_terms(query.text) if query.text else []
    synonyms = [t for t in expand(terms, synonym_groups()) if t not in terms] if terms else []
    cooling = _last_failure is not None and time.monotonic() - _last_failure < COOL_DOWN_SECONDS
    elastic = elasticsearch_configured() and not cooling
    if query.text and not terms:
        # Only punctuation or emoji: no word to look for, so nothing is found (not everything).
        return SearchResponse(
            total=0,
            hits=[],
            facets={"stage": [], "topic": [], "type": []},
            backend="elasticsearch" if elastic else "database",
            page=query.page,
            page_size=query.page_size,
        )
    if elastic:
        from search.backends.elastic import ElasticsearchBackend

        try:
            return ElasticsearchBackend().search(query, terms, synonyms)
        except SearchUnavailable as error:
            _last_failure = time.monotonic()
            logger.warning("Elasticsearch search failed, answering from the database: %s", error)
    return DatabaseBackend().search(query, terms, synonyms)


def search_suggest(*, text: str, limit: int = 8) -> list[dict]:
    """Titles and topics containing what has been typed so far."""
    text = normalize(text)[:50]
    if not text:
        return []
    topics = [{"kind": "topic", "text": t} for t in CURATED_TOPICS if text in t.lower()]
    titles = (
        SearchEntry.objects.filter(title__icontains=text)
        .exclude(type="lesson")
        .order_by("type", "title")
        .values_list("title", "url")[:limit]
    )
    items = topics[: limit // 2] + [{"kind": "title", "text": t, "url": u} for t, u in titles]
    return items[:limit]


def fallback_reset() -> None:
    """Forget a past Elasticsearch failure (tests; an operator after fixing the node)."""
    global _last_failure
    _last_failure = None
