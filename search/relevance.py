"""The relevance harness: nDCG@10, recall@5 and the zero-result rate over a judgement list.

python manage.py search_relevance [--backend database|elasticsearch]
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from search.backends.base import SearchQuery
from search.text import DATA

JUDGEMENTS = DATA / "judgements.json"


@dataclass
class Relevance:
    backend: str
    queries: int
    ndcg_at_10: float
    recall_at_5: float
    zero_result_rate: float
    per_query: list[dict] = field(default_factory=list)


def judgements_load(path: Path = JUDGEMENTS) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["judgements"]


def _ndcg(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, title in enumerate(ranked[:k]) if title in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def relevance_evaluate(*, backend: str, judgements: list[dict] | None = None) -> Relevance:
    from search.selectors import synonym_groups
    from search.text import expand, query_terms

    if backend == "elasticsearch":
        from search.backends.elastic import ElasticsearchBackend

        engine = ElasticsearchBackend()
    else:
        from search.backends.database import DatabaseBackend

        engine = DatabaseBackend()
    judgements = judgements or judgements_load()
    groups = synonym_groups()

    def ranked(query: str) -> tuple[list[str], int]:
        terms = query_terms(query)
        synonyms = [t for t in expand(terms, groups) if t not in terms]
        response = engine.search(SearchQuery(text=query), terms, synonyms)
        return [hit.title for hit in response.hits], response.total

    return _measure(backend, judgements, ranked)


def _measure(backend: str, judgements: list[dict], ranked) -> Relevance:
    """Score each judgement's ranking (`ranked(query)` → titles, total) and average."""
    rows = []
    for judgement in judgements:
        titles, total = ranked(judgement["query"])
        relevant = set(judgement["relevant"])
        rows.append(
            {
                "query": judgement["query"],
                "ndcg_at_10": round(_ndcg(titles, relevant), 3),
                "recall_at_5": round(len(relevant & set(titles[:5])) / len(relevant), 3),
                "total": total,
                "top": titles[:3],
            }
        )
    count = len(rows)
    return Relevance(
        backend=backend,
        queries=count,
        ndcg_at_10=round(sum(r["ndcg_at_10"] for r in rows) / count, 3),
        recall_at_5=round(sum(r["recall_at_5"] for r in rows) / count, 3),
        zero_result_rate=round(sum(1 for r in rows if r["total"] == 0) / count, 3),
        per_query=rows,
    )


def relevance_wagtail_baseline(*, judgements: list[dict] | None = None) -> Relevance:
    """The same judgements through Wagtail's own search (its configured backend, here the
    database one) over live pages: the baseline this app replaces."""
    from wagtail.models import Page

    def ranked(query: str) -> tuple[list[str], int]:
        titles = [page.title for page in Page.objects.live().search(query)[:10]]
        return titles, len(titles)

    return _measure("wagtail (baseline)", judgements or judgements_load(), ranked)
