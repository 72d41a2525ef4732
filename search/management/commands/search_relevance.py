import json

from django.core.management.base import BaseCommand

from search.connection import elasticsearch_configured
from search.relevance import relevance_evaluate, relevance_wagtail_baseline


class Command(BaseCommand):
    help = (
        "Measure search relevance on the judgement list (search/data/judgements.json) over the "
        "indexed catalogue (load_demo_content, then search_index rebuild): nDCG@10, recall@5 and "
        "the zero-result rate, per backend."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=["database", "elasticsearch"], action="append")
        parser.add_argument("--verbose", action="store_true", help="also each query's figures")
        parser.add_argument(
            "--baseline", action="store_true", help="also Wagtail's own search, for comparison"
        )

    def handle(self, *args, backend, verbose: bool, baseline: bool, **options):
        backends = backend or (
            ["database", "elasticsearch"] if elasticsearch_configured() else ["database"]
        )
        results = [relevance_evaluate(backend=name) for name in backends]
        if baseline:
            results.append(relevance_wagtail_baseline())
        for result in results:
            name = result.backend
            self.stdout.write(
                f"{name}: nDCG@10 {result.ndcg_at_10:.3f} · recall@5 {result.recall_at_5:.3f} · "
                f"zero results {result.zero_result_rate:.1%} over {result.queries} queries"
            )
            if verbose:
                for row in result.per_query:
                    self.stdout.write("  " + json.dumps(row, ensure_ascii=False))
