import json

from django.core.management.base import BaseCommand, CommandError

from search.services import search_rebuild


class Command(BaseCommand):
    help = (
        "rebuild: index the live catalogue afresh. The database index is replaced in one "
        "transaction; on Elasticsearch a new versioned index is filled and the alias swapped "
        "atomically (no downtime). Refuses when the document count would drop below "
        "SEARCH_REBUILD_MIN_RATIO of the current one, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])
        parser.add_argument("--force", action="store_true", help="swap even after a large drop")
        parser.add_argument(
            "--backend",
            action="append",
            choices=["database", "elasticsearch"],
            help="only this backend (repeatable; default: all configured)",
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, action: str, force: bool, backend, json: bool = False, **options):
        try:
            results = search_rebuild(force=force, backends=tuple(backend or ()))
        except Exception as error:  # a dead node: say so in one line, exit 1
            raise CommandError(f"rebuild failed: {error}") from error
        if json:
            self.stdout.write(_json([r.__dict__ for r in results]))
        else:
            for r in results:
                verb = "swapped" if r.swapped else "REFUSED (use --force)"
                self.stdout.write(f"{r.backend}: {r.old_count} → {r.new_count} documents, {verb}")
        if not all(r.swapped for r in results):
            raise CommandError("the new index lost too many documents; the old one is kept")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)
