from django.core.management.base import BaseCommand, CommandError

from lms.accounts.roles_sync import roles_sync


class Command(BaseCommand):
    help = (
        "Give every role group exactly the permissions the apps declare in their grants.py "
        "(missing ones added, undeclared ones removed; groups that are not roles untouched). "
        "migrate runs this too. With --check, change nothing: print the differences and exit 1 "
        "if there are any."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="only report differences; exit 1 if any"
        )
        parser.add_argument("--database", default="default", help="the database alias")

    def handle(self, *args, check: bool, database: str, **options):
        changes = roles_sync(dry_run=check, using=database)
        for change in changes:
            self.stdout.write(change)
        if check and changes:
            raise CommandError(f"{len(changes)} differences from the declared roles")
        if not changes:
            self.stdout.write("Roles are as declared.")
        elif options["verbosity"] >= 1:
            self.stdout.write(f"{len(changes)} changes made.")
