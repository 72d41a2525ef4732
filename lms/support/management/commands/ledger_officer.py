from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lms.support.services import ledger_officer_name


class Command(BaseCommand):
    help = (
        "Name (or with --remove, un-name) the ledger officer (台账管理员): the one who decides "
        "who may open the support ledger. Done once at set-up; written to the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args, username, remove, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        ledger_officer_name(user=user, remove=remove)
        self.stdout.write(f"{username}: {'no longer' if remove else 'now'} the ledger officer")
