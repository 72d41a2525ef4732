"""The Elasticsearch connection, shared with elasticsearch-dsl documents."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch_dsl import connections

ALIAS = "default"


def elasticsearch_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


@cache
def _client(url: str, timeout: int) -> Elasticsearch:
    # Registered with elasticsearch-dsl so Document classes use the same pool.
    return connections.create_connection(
        alias=ALIAS, hosts=[url], request_timeout=timeout, retry_on_timeout=False, max_retries=0
    )


def elasticsearch_client() -> Elasticsearch:
    """The client for ELASTICSEARCH_URL; call only when elasticsearch_configured()."""
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)
