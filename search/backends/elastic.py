"""Elasticsearch 8 through elasticsearch-dsl, on a plain node (no analysis plugins).

Text is segmented in Python and indexed with the core `whitespace` analyzer; each text
field has a `chars` sub-field with the `standard` analyzer (one token per Chinese
character) for phrase matches of words the dictionary does not know. Searches go to an
alias; `rebuild` fills a new versioned index and swaps the alias in one step.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import bulk
from elasticsearch_dsl import A, Date, Document, Integer, Keyword, Q, Search, Text

from search.backends.base import (
    SearchQuery,
    SearchResponse,
    SearchUnavailable,
    facet_values,
    hit_make,
    segmented_pairs,
    snippet,
)
from search.connection import elasticsearch_client
from search.providers import SearchDocument, type_order
from search.text import Segmented, normalize

logger = logging.getLogger(__name__)
FIELDS = ("title^8", "topic_words^4", "summary^2", "body")
PHRASE_FIELDS = ("title.chars^6", "summary.chars^2", "body.chars")
FACET_FIELDS = {"stage": "stages", "topic": "topics", "type": "type"}
SYNONYM_WEIGHT = 0.3
FACET_SIZE = 500  # every value, not the first ten
FAILURES = (ApiError, TransportError, ConnectionError, TimeoutError)


def _segmented(**kwargs) -> Text:
    return Text(analyzer="whitespace", fields={"chars": Text(analyzer="standard")}, **kwargs)


class CatalogueDoc(Document):
    type = Keyword()
    type_order = Integer()  # for browsing in the database backend's order
    title = _segmented()
    topic_words = Text(analyzer="whitespace")
    summary = _segmented()
    body = _segmented()
    stages = Keyword()
    topics = Keyword()
    date = Date()
    # Shown, not searched.
    title_text = Keyword(index=False)
    summary_text = Text(index=False)
    body_text = Text(index=False)
    url = Keyword(index=False)


def _source(document: SearchDocument, words: Segmented) -> dict:
    return {
        "type": document.type,
        "type_order": type_order(document.type),
        "title": words.title,
        "topic_words": words.topics,
        "summary": words.summary,
        "body": words.body,
        "stages": list(document.stages),
        "topics": list(document.topics),
        "date": document.date.isoformat() if document.date else None,
        "title_text": document.title,
        "summary_text": document.summary,
        "body_text": document.body[:20000],
        "url": document.url,
    }


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, *, alias: str | None = None, timeout: float | None = None):
        self.alias = alias or settings.SEARCH_INDEX
        self.timeout = timeout or settings.SEARCH_TIMEOUT_SECONDS

    @property
    def client(self):
        return elasticsearch_client().options(request_timeout=self.timeout)

    # ---------------------------------------------------------------- indices

    def _new_index(self) -> str:
        name = f"{self.alias}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"
        body = CatalogueDoc._index.to_dict()
        body.setdefault("settings", {}).update(
            number_of_shards=1, number_of_replicas=settings.ELASTICSEARCH_REPLICAS
        )
        elasticsearch_client().options(request_timeout=60).indices.create(index=name, **body)
        return name

    def ensure_index(self) -> None:
        """An alias with one index, so incremental writes work before any rebuild."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = self._new_index()
            self.client.indices.put_alias(index=name, name=self.alias)

    def _actions(self, index: str, pairs):
        for document, words in pairs:
            yield {"_index": index, "_id": document.key, "_source": _source(document, words)}

    # ----------------------------------------------------------------- writes

    def index(self, documents: Iterable[SearchDocument], segmented=None) -> int:
        pairs = segmented_pairs(documents, segmented)
        if not pairs:
            return 0
        self.ensure_index()
        done, _errors = bulk(
            elasticsearch_client().options(request_timeout=60),
            self._actions(self.alias, pairs),
            chunk_size=500,
            refresh="wait_for",
        )
        return done

    def remove(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys or not self.client.indices.exists_alias(name=self.alias):
            return
        bulk(
            elasticsearch_client().options(request_timeout=60),
            ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys),
            raise_on_error=False,
            refresh="wait_for",
        )

    def count(self) -> int:
        if not self.client.indices.exists_alias(name=self.alias):
            return 0
        return self.client.count(index=self.alias)["count"]

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        *,
        min_ratio: float,
        force: bool,
        segmented=None,
    ):
        """Fill a new index, then swap the alias atomically; refuse a large drop in count.

        Returns (old_count, new_count, swapped).
        """
        client = elasticsearch_client().options(request_timeout=120)
        pairs = segmented_pairs(documents, segmented)
        new = self._new_index()
        bulk(client, self._actions(new, pairs), chunk_size=500)
        client.indices.refresh(index=new)
        new_count = client.count(index=new)["count"]
        old_indices = (
            list(client.indices.get_alias(name=self.alias))
            if client.indices.exists_alias(name=self.alias)
            else []
        )
        old_count = client.count(index=self.alias)["count"] if old_indices else 0
        if old_count and new_count < old_count * min_ratio and not force:
            client.indices.delete(index=new)
            return old_count, new_count, False
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old_indices]
        actions.append({"add": {"index": new, "alias": self.alias}})
        client.indices.update_aliases(actions=actions)
        for name in old_indices:
            client.indices.delete(index=name, ignore_unavailable=True)
        return old_count, new_count, True

    def drop(self) -> None:
        """Delete the alias's indices (tests and `search_index drop`)."""
        client = elasticsearch_client()
        if client.indices.exists_alias(name=self.alias):
            for name in client.indices.get_alias(name=self.alias):
                client.indices.delete(index=name, ignore_unavailable=True)

    # ------------------------------------------------------------------ reads

    def search(
        self, query: SearchQuery, terms: list[str], synonyms: list[str] = ()
    ) -> SearchResponse:
        filters = {
            "stage": Q("terms", stages=list(query.stages)) if query.stages else None,
            "topic": Q("term", topics=query.topic) if query.topic else None,
            "type": Q("term", type=query.type) if query.type else None,
        }
        active = {name: clause for name, clause in filters.items() if clause is not None}
        search = Search(using=self.client, index=self.alias).extra(track_total_hits=True)
        phrase = normalize(query.text)[:100]
        if terms:
            should = [Q("multi_match", query=" ".join(terms), fields=FIELDS, tie_breaker=0.3)]
            if synonyms:
                should.append(
                    Q(
                        "multi_match",
                        query=" ".join(synonyms),
                        fields=FIELDS,
                        tie_breaker=0.3,
                        boost=SYNONYM_WEIGHT,
                    )
                )
            if len(phrase) >= 2:
                should.append(
                    Q("multi_match", query=phrase, type="phrase", fields=PHRASE_FIELDS, boost=2)
                )
            search = search.query(Q("bool", should=should, minimum_should_match=1))
        else:
            # The database backend's order: type, newest first, title, url. An index built
            # before type_order existed sorts by the rest until `search_index rebuild`.
            search = search.query("match_all").sort(
                {"type_order": {"order": "asc", "unmapped_type": "integer", "missing": "_last"}},
                {"date": {"order": "desc", "missing": "_last"}},
                {"title_text": {"order": "asc"}},
                {"url": {"order": "asc"}},
            )
        for name, field in FACET_FIELDS.items():
            others = [clause for other, clause in active.items() if other != name]
            bucket = A("filter", Q("bool", filter=others) if others else Q("match_all"))
            bucket.bucket("values", "terms", field=field, size=FACET_SIZE)
            search.aggs.bucket(name, bucket)
        if active:
            search = search.post_filter(Q("bool", filter=list(active.values())))
        start = (query.page - 1) * query.page_size
        search = search[start : start + query.page_size]
        try:
            response = search.execute()
        except FAILURES as error:
            raise SearchUnavailable(str(error)) from error
        facets = {
            name: facet_values(
                name,
                {b.key: b.doc_count for b in getattr(response.aggregations, name).values.buckets},
            )
            for name in FACET_FIELDS
        }
        words = [*terms, *synonyms]
        hits = [
            hit_make(
                key=hit.meta.id,
                type=hit.type,
                title=hit.title_text,
                url=hit.url,
                stages=list(hit.stages or []),
                topics=list(hit.topics or []),
                snippet_text=snippet(hit.summary_text or "", hit.body_text or "", words),
                words=words,
            )
            for hit in response.hits
        ]
        return SearchResponse(
            total=response.hits.total.value,
            hits=hits,
            facets=facets,
            backend=self.name,
            page=query.page,
            page_size=query.page_size,
            terms=terms,
        )
