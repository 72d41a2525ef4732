import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from courses.importer import CatalogInvalid, catalog_import


class Command(BaseCommand):
    help = (
        "Import lecturers, courses with lessons, and talks from a UTF-8 JSON file. Items are "
        "matched by key (idempotent); nothing is imported unless the whole file is valid. Without "
        "--publish, new content goes to the review workflow as drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish at once instead of submitting for review",
        )
        parser.add_argument("--user", help="username recorded as the author (default: none)")

    def handle(self, *args, file: Path, publish: bool, user: str | None, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"--user: no user called {user!r}")
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file}: not UTF-8 text ({error.reason} at byte {error.start})"
            ) from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{file}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
            ) from None
        try:
            report = catalog_import(
                data=data, base_dir=file.resolve().parent, publish=publish, user=account
            )
        except CatalogInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{len(invalid.problems)} problem(s) found; nothing was imported."
            ) from None
        for label in report.created:
            self.stdout.write(f"created {label}")
        for label in report.updated:
            self.stdout.write(f"updated {label}")
        state = "published" if publish else "submitted for review"
        self.stdout.write(
            f"{len(report.created)} created, {len(report.updated)} updated ({state})."
        )
