"""Search benchmark (issue 7): latency p50/p95 over 10,000 documents for the database backend
(whatever DATABASE_URL names: SQLite by default, PostgreSQL when set) and for Elasticsearch
(when ELASTICSEARCH_URL is set), and bulk indexing throughput (segmentation included).

The documents are synthetic but Chinese: sentences recombined from the demo catalogue. The
database rows are written inside a transaction that is rolled back at the end, and
Elasticsearch uses its own alias (bench-catalogue) that is dropped, so nothing real changes.

    python benchmarks/search_bench.py [--documents 10000] [--queries 300]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bootstrap import ROOT, django_setup  # noqa: E402

django_setup(postgres_required=False)

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402


def corpus() -> tuple[list[str], list[str]]:
    data = json.loads((ROOT / "courses/demo/catalog.json").read_text(encoding="utf-8"))
    titles, sentences = [], []

    def take(text: str) -> None:
        for piece in text.replace("<p>", "").replace("</p>", "。").split("。"):
            piece = piece.strip()
            if len(piece) > 4:
                sentences.append(piece)

    for course in data["courses"]:
        titles.append(course["title"])
        take(course.get("summary", ""))
        for lesson in course["lessons"]:
            titles.append(lesson["title"])
            take(lesson.get("summary", "") + "。" + lesson.get("body", ""))
    for talk in data.get("talks", []):
        titles.append(talk["title"])
        take(talk.get("summary", ""))
    return titles, sentences


def documents(count: int):
    from courses.documents import CatalogueDocument
    from courses.vocabulary import CURATED_TOPICS, STAGE_CODES

    rng = random.Random(7)  # noqa: S311 - reproducible test data
    titles, sentences = corpus()
    kinds = ["course", "lesson", "lesson", "lesson", "talk"]
    for n in range(count):
        yield CatalogueDocument(
            key=f"bench:{n}",
            type=rng.choice(kinds),
            title=f"{rng.choice(titles)}（{n}）",
            summary="。".join(rng.sample(sentences, 2)),
            body="。".join(rng.sample(sentences, 12)),
            stages=tuple(rng.sample(STAGE_CODES, rng.randint(1, 3))),
            topics=tuple(rng.sample(CURATED_TOPICS, rng.randint(1, 3))),
            lecturers=(),
            date=date(2026, 1, 1),
            url=f"/bench/{n}/",
        )


def queries(count: int) -> list[str]:
    from courses.vocabulary import CURATED_TOPICS
    from search.relevance import judgements_load

    rng = random.Random(11)  # noqa: S311 - reproducible test data
    base = [j["query"] for j in judgements_load()]
    params = []
    for n in range(count):
        text = rng.choice(base)
        kind = n % 4
        if kind == 0:
            params.append(f"q={text}")
        elif kind == 1:
            params.append(f"q={text}&age={rng.randint(0, 17)}")
        elif kind == 2:
            params.append(f"q={text}&topic={rng.choice(CURATED_TOPICS)}")
        else:
            params.append(f"age={rng.randint(0, 17)}&topic={rng.choice(CURATED_TOPICS)}")
    return params


def timed_searches(engine, params: list[str]) -> list[float]:
    from django.http import QueryDict

    from search.selectors import search_query_parse, synonym_groups
    from search.text import expand, query_terms

    groups = synonym_groups()
    times = []
    for raw in params:
        started = time.perf_counter()
        query = search_query_parse(QueryDict(raw))
        terms = query_terms(query.text) if query.text else []
        synonyms = [t for t in expand(terms, groups) if t not in terms]
        engine.search(query, terms, synonyms)
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from django.conf import settings

    from search.backends.database import DatabaseBackend
    from search.text import index_text

    index_text("预热")  # load the dictionary outside the timings
    docs = list(documents(args.documents))
    params = queries(args.queries)
    rows = []
    database = f"{connection.vendor} ({connection.settings_dict['NAME']})"
    with transaction.atomic():
        started = time.perf_counter()
        DatabaseBackend().replace_all(docs)
        seconds = time.perf_counter() - started
        timed_searches(DatabaseBackend(), params[:20])  # warm-up
        times = timed_searches(DatabaseBackend(), params)
        rows.append((f"database backend on {connection.vendor}", seconds, times))
        transaction.set_rollback(True)
    if settings.ELASTICSEARCH_URL:
        from search.backends.elastic import ElasticsearchBackend

        settings.ELASTICSEARCH_REPLICAS = 0
        engine = ElasticsearchBackend(alias="bench-catalogue")
        engine.drop()
        try:
            started = time.perf_counter()
            engine.rebuild(docs, min_ratio=0, force=True)
            seconds = time.perf_counter() - started
            timed_searches(engine, params[:20])
            times = timed_searches(engine, params)
            rows.append(("Elasticsearch", seconds, times))
        finally:
            engine.drop()
    print(f"\n{date.today()} · {platform.node()} · {platform.machine()} · {os.cpu_count()} cores")
    print(f"{args.documents:,} documents, {len(params)} queries; database: {database}")
    print(
        "\n| backend | indexing (docs/s) | p50 (ms) | p95 (ms) | max (ms) |\n|---|---|---|---|---|"
    )
    for name, seconds, times in rows:
        print(
            f"| {name} | {args.documents / seconds:,.0f} | {statistics.median(times):.1f} | "
            f"{percentile(times, 0.95):.1f} | {max(times):.1f} |"
        )


if __name__ == "__main__":
    main()
