from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.schools.models import School
from lms.schools.roster import roster_import

MAX_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Import a school's classes, students and guardians' phone numbers from CSV (UTF-8 or "
        "GBK) or XLSX. Columns: 年级/grade, 班级/class, 学生/student, 家长/guardian, "
        "手机号/phone, 关系/relation. Nothing is imported unless every row is correct; "
        "re-importing the same file adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--school", required=True, help="the school's code")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report; import nothing"
        )

    def handle(self, *args, file: Path, school: str, dry_run: bool, **options):
        found = School.objects.filter(code=school).first()
        if found is None:
            raise CommandError(f"--school: no school with code {school!r}")
        try:
            if file.stat().st_size > MAX_BYTES:
                raise CommandError(f"{file}: larger than {MAX_BYTES // 1024 // 1024} MB")
            data = file.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except IsADirectoryError:
            raise CommandError(f"{file}: is a directory") from None
        result = roster_import(data, school=found, dry_run=dry_run)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} problem(s); nothing was imported")
        verb = "would import" if dry_run else "imported"
        self.stdout.write(
            f"{verb} {result.rows} rows: {result.classes_created} new classes, "
            f"{result.students_created} new students, {result.guardians_created} new guardians "
            f"({result.guardians_linked} already registered and linked)"
        )
