"""Public read functions of the search app."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from search.connection import elasticsearch_client, elasticsearch_configured

logger = logging.getLogger(__name__)


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
