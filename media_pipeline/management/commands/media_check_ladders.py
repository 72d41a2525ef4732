import json as json_module

from django.core.management.base import BaseCommand

from media_pipeline.services import assets_ladder_recheck


class Command(BaseCommand):
    help = (
        "Check the HLS ladders of the ready media already in the library (aligned cuts, segment "
        "lengths, CODECS/RESOLUTION/FRAME-RATE, files present) and queue the broken ones to be "
        "encoded again. Exit 0 when every ladder passes or was requeued, 1 when some could not be."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report only, requeue nothing")
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="print the report as JSON"
        )
        parser.add_argument("ids", nargs="*", type=int, help="only these asset ids")

    def handle(self, *args, dry_run: bool, as_json: bool, ids: list[int], **options):
        report = assets_ladder_recheck(requeue=not dry_run, asset_ids=ids or None)
        if as_json:
            self.stdout.write(json_module.dumps(report, ensure_ascii=False, indent=2))
        elif not report:
            self.stdout.write("Every ready asset's ladder passes the check.")
        else:
            for entry in report:
                self.stdout.write(f"#{entry['asset']} {entry['title']}: {entry['action']}")
                for problem in entry["problems"]:
                    self.stdout.write(f"    {problem}")
        if any(entry["action"].startswith("original missing") for entry in report):
            raise SystemExit(1)
