"""The embedded backend: full text in SQLite FTS5 or PostgreSQL, facets counted in Python.

Text is segmented by search.text before it reaches the database, so both databases see
space-separated Chinese words, which their own tokenizers cannot produce.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction

from search.backends.base import (
    SearchQuery,
    SearchResponse,
    facet_values,
    hit_make,
    segmented_pairs,
    snippet,
)
from search.models import SearchEntry, SearchIndexState
from search.providers import SearchDocument, type_order
from search.text import Segmented

SYNONYM_WEIGHT = 0.3
TITLE_BONUS = 2.0
# Field weights: title over topics over summary over body.
SQLITE_WEIGHTS = (10.0, 5.0, 2.0, 1.0)
POSTGRES_WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"  # D, C, B, A
POSTGRES_DOCUMENT = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
    "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
)


def _entry(document: SearchDocument, words: Segmented) -> SearchEntry:
    return SearchEntry(
        key=document.key,
        type=document.type,
        title=document.title[:255],
        summary=document.summary,
        url=document.url[:500],
        date=document.date,
        stages="," + ",".join(document.stages) + "," if document.stages else "",
        topics="," + ",".join(document.topics) + "," if document.topics else "",
        title_words=words.title,
        topic_words=words.topics,
        summary_words=words.summary,
        body_words=words.body,
        body_text=document.body[:20000],
    )


class DatabaseBackend:
    name = "database"

    # ------------------------------------------------------------------ writes

    @transaction.atomic
    def index(self, documents: Iterable[SearchDocument], segmented=None) -> int:
        entries = [_entry(d, words) for d, words in segmented_pairs(documents, segmented)]
        if not entries:
            return 0
        self._remove_keys([entry.key for entry in entries])
        created = SearchEntry.objects.bulk_create(entries, batch_size=500)
        self._fulltext_insert(created)
        _generation_touch()
        return len(created)

    @transaction.atomic
    def remove(self, keys: Iterable[str]) -> None:
        self._remove_keys(list(keys))

    @transaction.atomic
    def replace_all(self, documents: Iterable[SearchDocument], segmented=None) -> int:
        self._remove_keys(None)
        return self.index(documents, segmented)

    def count(self) -> int:
        return SearchEntry.objects.count()

    def _remove_keys(self, keys: list[str] | None) -> None:
        if keys is None:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fulltext")
            SearchEntry.objects.all().delete()
            _generation_touch()
            return
        ids = list(SearchEntry.objects.filter(key__in=keys).values_list("pk", flat=True))
        if not ids:
            return
        column = "rowid" if connection.vendor == "sqlite" else "entry_id"
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM search_fulltext WHERE {column} IN ({marks})", chunk)  # noqa: S608
        SearchEntry.objects.filter(pk__in=ids).delete()
        _generation_touch()

    def _fulltext_insert(self, entries: list[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.executemany(
                    # REPLACE: a row left behind by a flush may hold a reused id.
                    "INSERT OR REPLACE INTO search_fulltext(rowid, title, topics, summary, body) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    [
                        (e.pk, e.title_words, e.topic_words, e.summary_words, e.body_words)
                        for e in entries
                    ],
                )
            elif connection.vendor == "postgresql":
                cursor.executemany(
                    f"INSERT INTO search_fulltext(entry_id, document) VALUES (%s, {POSTGRES_DOCUMENT}) "  # noqa: S608, E501
                    "ON CONFLICT (entry_id) DO UPDATE SET document = EXCLUDED.document",
                    [
                        (e.pk, e.title_words, e.topic_words, e.summary_words, e.body_words)
                        for e in entries
                    ],
                )

    # ------------------------------------------------------------------- reads

    def _scores(self, terms: list[str], synonyms: list[str] = ()) -> dict[int, float]:
        """Entry id → relevance for entries containing any of the terms (synonyms count
        SYNONYM_WEIGHT as much)."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                scores = self._sqlite_scores(cursor, terms)
                if synonyms:
                    for pk, score in self._sqlite_scores(cursor, list(synonyms)).items():
                        scores[pk] = scores.get(pk, 0.0) + SYNONYM_WEIGHT * score
                return scores
            if connection.vendor == "postgresql":
                # One pass over the GIN index for the words and their synonyms together.
                words = " || ".join(["plainto_tsquery('simple', %s)"] * len(terms))
                others = " || ".join(["plainto_tsquery('simple', %s)"] * len(synonyms))
                cursor.execute(
                    "SELECT entry_id, ts_rank(%s, document, w)"  # noqa: S608
                    + (f" + {SYNONYM_WEIGHT} * ts_rank(%s, document, o)" if synonyms else "")
                    + f" FROM search_fulltext, (SELECT {words}) AS a(w)"
                    + (f", (SELECT {others}) AS b(o) WHERE document @@ (w || o)" if synonyms
                       else " WHERE document @@ w"),
                    [POSTGRES_WEIGHTS, *([POSTGRES_WEIGHTS] if synonyms else []), *terms,
                     *synonyms],
                )  # fmt: skip
                return dict(cursor.fetchall())
        return self._containment_scores([*terms, *synonyms])

    @staticmethod
    def _sqlite_scores(cursor, terms: list[str]) -> dict[int, float]:
        # Each term is quoted: FTS5 syntax in a term is just text.
        match = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
        cursor.execute(
            "SELECT rowid, bm25(search_fulltext, %s, %s, %s, %s) FROM search_fulltext "
            "WHERE search_fulltext MATCH %s",
            [*SQLITE_WEIGHTS, match],
        )
        return {row_id: -score for row_id, score in cursor.fetchall()}

    @staticmethod
    def _containment_scores(terms: list[str]) -> dict[int, float]:
        # Any other database: word containment, title first.
        scores: dict[int, float] = {}
        for term in terms:
            title_hits = SearchEntry.objects.filter(title_words__contains=term)
            for pk in title_hits.values_list("pk", flat=True):
                scores[pk] = scores.get(pk, 0) + 2
            for pk in SearchEntry.objects.filter(body_words__contains=term).values_list(
                "pk", flat=True
            ):
                scores[pk] = scores.get(pk, 0) + 1
        return scores

    def search(
        self, query: SearchQuery, terms: list[str], synonyms: list[str] = ()
    ) -> SearchResponse:
        table = _facet_table()
        scores: dict[int, float] | None = None
        if terms:
            # A synonym counts, but less than the word the parent typed.
            scores = self._scores(terms, list(synonyms))
            # BM25 saturates across columns; a word in the title should clearly win.
            titles = _title_index()
            for words, bonus in ((terms, TITLE_BONUS), (synonyms, TITLE_BONUS * SYNONYM_WEIGHT)):
                for word in words:
                    for pk in titles.get(word, ()):
                        if pk in scores:
                            scores[pk] += bonus
            candidates = [table[pk] for pk in scores if pk in table]
        else:
            candidates = list(table.values())
        wanted_stages = set(query.stages)

        stage_counts: Counter[str] = Counter()
        topic_counts: Counter[str] = Counter()
        type_counts: Counter[str] = Counter()
        matched = []
        for row in candidates:
            # One pass: a row that fails only one filter still counts in that filter's facet.
            stage_ok = not wanted_stages or bool(wanted_stages & row.stages)
            topic_ok = not query.topic or query.topic in row.topics
            type_ok = not query.type or row.type == query.type
            if topic_ok and type_ok:
                stage_counts.update(row.stages)
            if stage_ok and type_ok:
                topic_counts.update(row.topics)
            if stage_ok and topic_ok:
                type_counts[row.type] += 1
                if type_ok:
                    matched.append(row)
        facets = {
            "stage": facet_values("stage", stage_counts),
            "topic": facet_values("topic", topic_counts),
            "type": facet_values("type", type_counts),
        }
        if scores is not None:
            matched.sort(key=lambda row: (-scores[row.pk], row.type_order, row.title, row.url))
        else:
            matched.sort(key=lambda row: (row.type_order, -row.day, row.title, row.url))
        start = (query.page - 1) * query.page_size
        page_ids = [row.pk for row in matched[start : start + query.page_size]]
        entries = SearchEntry.objects.in_bulk(page_ids)
        words = [*terms, *synonyms]
        hits = [
            hit_make(
                key=entries[pk].key,
                type=entries[pk].type,
                title=entries[pk].title,
                url=entries[pk].url,
                stages=entries[pk].stage_list,
                topics=entries[pk].topic_list,
                snippet_text=snippet(entries[pk].summary, entries[pk].body_text, words),
                words=words,
            )
            for pk in page_ids
            if pk in entries
        ]
        return SearchResponse(
            total=len(matched),
            hits=hits,
            facets=facets,
            backend=self.name,
            page=query.page,
            page_size=query.page_size,
            terms=terms,
        )


@dataclass(frozen=True, slots=True)
class _Row:
    pk: int
    type: str
    type_order: int
    stages: frozenset[str]
    topics: frozenset[str]
    day: int
    title: str
    url: str


_cache: dict[str, object] = {"generation": None, "table": {}, "titles": {}}
_cache_lock = threading.Lock()


def _generation_touch() -> None:
    """Every write gives the index a new random generation (rolled back with the write)."""
    SearchIndexState.objects.update_or_create(pk=1, defaults={"generation": uuid.uuid4().hex})


def _facet_table() -> dict[int, _Row]:
    """What filtering and facets need of every entry, kept per process and reloaded when
    the index's generation changes."""
    generation = SearchIndexState.objects.filter(pk=1).values_list("generation", flat=True)
    generation = (connection.alias, generation.first())
    if _cache["generation"] == generation:
        return _cache["table"]  # type: ignore[return-value]
    rows = list(
        SearchEntry.objects.values_list(
            "pk", "type", "stages", "topics", "date", "title", "url", "title_words"
        )
    )
    table = {
        pk: _Row(
            pk=pk,
            type=kind,
            type_order=type_order(kind),
            stages=frozenset(s for s in stages.split(",") if s),
            topics=frozenset(t for t in topics.split(",") if t),
            day=day.toordinal() if day else 0,
            title=title,
            url=url,
        )
        for pk, kind, stages, topics, day, title, url, _words in rows
    }
    titles: dict[str, list[int]] = {}
    for pk, *_rest, words in rows:
        for word in set(words.split()):
            titles.setdefault(word, []).append(pk)
    with _cache_lock:
        _cache.update(generation=generation, table=table, titles=titles)
    return table


def _title_index() -> dict[str, list[int]]:
    """Title word → entry ids, loaded with the facet table."""
    return _cache["titles"]  # type: ignore[return-value]
