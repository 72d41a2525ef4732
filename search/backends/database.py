"""The embedded backend: full text in SQLite FTS5 or PostgreSQL, facets counted in Python.

Text is segmented by search.text before it reaches the database, so both databases see
space-separated Chinese words, which their own tokenizers cannot produce.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from courses.documents import CatalogueDocument
from search.backends.base import (
    Hit,
    SearchQuery,
    SearchResponse,
    facet_values,
    snippet,
)
from search.models import SearchEntry
from search.text import index_text

SYNONYM_WEIGHT = 0.3
TITLE_BONUS = 2.0
TYPE_ORDER = {"course": 0, "talk": 1, "lesson": 2, "lecturer": 3}
# Field weights: title over topics over summary over body.
SQLITE_WEIGHTS = (10.0, 5.0, 2.0, 1.0)
POSTGRES_WEIGHTS = "{0.1, 0.3, 0.6, 1.0}"  # D, C, B, A
POSTGRES_DOCUMENT = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') || "
    "setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
)


def _entry(document: CatalogueDocument) -> SearchEntry:
    return SearchEntry(
        key=document.key,
        type=document.type,
        title=document.title[:255],
        summary=document.summary,
        url=document.url[:500],
        date=document.date,
        stages="," + ",".join(document.stages) + "," if document.stages else "",
        topics="," + ",".join(document.topics) + "," if document.topics else "",
        title_words=index_text(document.title),
        topic_words=index_text(" ".join((*document.topics, *document.lecturers))),
        summary_words=index_text(document.summary),
        body_words=index_text(document.body),
        body_text=document.body[:20000],
    )


class DatabaseBackend:
    name = "database"

    # ------------------------------------------------------------------ writes

    @transaction.atomic
    def index(self, documents: Iterable[CatalogueDocument]) -> int:
        entries = [_entry(document) for document in documents]
        if not entries:
            return 0
        self._remove_keys([entry.key for entry in entries])
        created = SearchEntry.objects.bulk_create(entries, batch_size=500)
        self._fulltext_insert(created)
        return len(created)

    @transaction.atomic
    def remove(self, keys: Iterable[str]) -> None:
        self._remove_keys(list(keys))

    @transaction.atomic
    def replace_all(self, documents: Iterable[CatalogueDocument]) -> int:
        self._remove_keys(None)
        return self.index(documents)

    def count(self) -> int:
        return SearchEntry.objects.count()

    def _remove_keys(self, keys: list[str] | None) -> None:
        entries = (
            SearchEntry.objects.all() if keys is None else SearchEntry.objects.filter(key__in=keys)
        )
        ids = list(entries.values_list("pk", flat=True))
        if not ids:
            return
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    marks = ",".join(["%s"] * len(chunk))
                    cursor.execute(f"DELETE FROM search_fulltext WHERE rowid IN ({marks})", chunk)  # noqa: S608
        SearchEntry.objects.filter(pk__in=ids).delete()  # PostgreSQL rows cascade

    def _fulltext_insert(self, entries: list[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.executemany(
                    "INSERT INTO search_fulltext(rowid, title, topics, summary, body) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    [
                        (e.pk, e.title_words, e.topic_words, e.summary_words, e.body_words)
                        for e in entries
                    ],
                )
            elif connection.vendor == "postgresql":
                cursor.executemany(
                    f"INSERT INTO search_fulltext(entry_id, document) VALUES (%s, {POSTGRES_DOCUMENT})",  # noqa: S608, E501
                    [
                        (e.pk, e.title_words, e.topic_words, e.summary_words, e.body_words)
                        for e in entries
                    ],
                )

    # ------------------------------------------------------------------- reads

    def _scores(self, terms: list[str]) -> dict[int, float]:
        """Entry id → relevance for entries containing any of the terms."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # Each term is quoted: FTS5 syntax in a term is just text.
                match = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
                cursor.execute(
                    "SELECT rowid, bm25(search_fulltext, %s, %s, %s, %s) FROM search_fulltext "
                    "WHERE search_fulltext MATCH %s",
                    [*SQLITE_WEIGHTS, match],
                )
                return {row_id: -score for row_id, score in cursor.fetchall()}
            if connection.vendor == "postgresql":
                query = " || ".join(["plainto_tsquery('simple', %s)"] * len(terms))
                cursor.execute(
                    f"SELECT entry_id, ts_rank(%s, document, q) FROM search_fulltext, "  # noqa: S608
                    f"({'SELECT ' + query}) AS t(q) WHERE document @@ q",
                    [POSTGRES_WEIGHTS, *terms],
                )
                return dict(cursor.fetchall())
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
        rows = SearchEntry.objects.values_list(
            "pk", "type", "stages", "topics", "date", "title", "title_words"
        )
        scores: dict[int, float] | None = None
        if terms:
            scores = self._scores(terms)
            if synonyms:
                # A synonym counts, but less than the word the parent typed.
                for pk, score in self._scores(list(synonyms)).items():
                    scores[pk] = scores.get(pk, 0.0) + SYNONYM_WEIGHT * score
            rows = rows.filter(pk__in=list(scores)) if len(scores) < 20000 else rows
        candidates = []
        for pk, kind, stages, topics, date, title, title_words in rows:
            if scores is not None:
                if pk not in scores:
                    continue
                # BM25 saturates across columns; a word in the title should clearly win.
                words = set(title_words.split())
                scores[pk] += TITLE_BONUS * sum(term in words for term in terms)
                scores[pk] += TITLE_BONUS * SYNONYM_WEIGHT * sum(s in words for s in synonyms)
            stage_list = [s for s in stages.split(",") if s]
            topic_list = [t for t in topics.split(",") if t]
            candidates.append((pk, kind, stage_list, topic_list, date, title))
        filters = query.filters()

        def keep(row, skip: str | None = None) -> bool:
            _pk, kind, stages, topics, _date, _title = row
            if "stage" in filters and skip != "stage" and not set(stages) & set(query.stages):
                return False
            if "topic" in filters and skip != "topic" and query.topic not in topics:
                return False
            return not ("type" in filters and skip != "type" and kind != query.type)

        facets = {}
        for name in ("stage", "topic", "type"):
            counts: Counter[str] = Counter()
            for row in candidates:
                if keep(row, skip=name):
                    if name == "stage":
                        counts.update(row[2])
                    elif name == "topic":
                        counts.update(row[3])
                    else:
                        counts[row[1]] += 1
            facets[name] = facet_values(name, counts)
        matched = [row for row in candidates if keep(row)]
        if scores is not None:
            matched.sort(key=lambda row: (-scores[row[0]], TYPE_ORDER.get(row[1], 9), row[5]))
        else:
            matched.sort(
                key=lambda row: (
                    TYPE_ORDER.get(row[1], 9),
                    -(row[4].toordinal() if row[4] else 0),
                    row[5],
                )
            )
        start = (query.page - 1) * query.page_size
        page_ids = [row[0] for row in matched[start : start + query.page_size]]
        entries = SearchEntry.objects.in_bulk(page_ids)
        hits = [
            Hit(
                key=entries[pk].key,
                type=entries[pk].type,
                title=entries[pk].title,
                url=entries[pk].url,
                stages=entries[pk].stage_list,
                topics=entries[pk].topic_list,
                snippet=snippet(entries[pk].summary, entries[pk].body_text, [*terms, *synonyms]),
            )
            for pk in page_ids
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
