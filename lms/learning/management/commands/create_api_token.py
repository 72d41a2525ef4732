from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lms.learning.services import api_token_create


class Command(BaseCommand):
    help = "Create a bearer token for USERNAME and print it (only its hash is stored: copy it now)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user called {username!r}")
        if not user.is_active:
            raise CommandError(f"{username!r} is deactivated")
        self.stdout.write(api_token_create(user=user))
