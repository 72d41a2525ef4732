import json

from django.core.management.base import BaseCommand, CommandError

from lms.core.errors import ServiceError
from lms.core.semesters import semester_parse
from lms.core.tables import table_csv, table_xlsx
from lms.supervision.compliance import compliance_tables


class Command(BaseCommand):
    help = "The per-semester compliance table, as on the supervision page."

    def add_arguments(self, parser):
        parser.add_argument("--semester", required=True, help="e.g. 2025-spring, 2025-autumn")
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument(
            "--part", choices=["schools", "stations", "coverage", "meetings"], default="schools"
        )
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, semester, format, part, output, **options):
        try:
            tables = compliance_tables(semester=semester_parse(semester))
        except ServiceError as error:
            raise CommandError(str(error)) from None
        table = {
            "stations": tables.stations,
            "coverage": tables.coverage,
            "meetings": tables.meetings,
        }.get(part, tables.schools)
        if format == "json":
            rows = [dict(zip(table.headers, row, strict=True)) for row in table.rows]
            data = json.dumps(
                {"title": table.title, "rows": rows}, ensure_ascii=False, indent=2
            ).encode()
        elif format == "xlsx":
            if not output:
                raise CommandError("--format xlsx needs --output FILE")
            data = table_xlsx(table)
        else:
            data = table_csv(table)
        if output:
            with open(output, "wb") as handle:
                handle.write(data)
        else:
            self.stdout.write(data.decode("utf-8-sig"), ending="")
