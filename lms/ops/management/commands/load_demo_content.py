from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from courses.demo import demo_catalog_load
from courses.services import site_tree_ensure
from lms.activities.demo import demo_coeducation_load, demo_reception_load
from lms.care.demo import demo_care_load
from lms.directory.demo import demo_venues_load
from lms.learning.demo import demo_certificate_load
from lms.messaging.demo import demo_messages_load
from lms.notices.demo import demo_notices_load
from lms.notifications.demo import demo_notifications_load
from lms.ops.demo import DEMO_PASSWORD, demo_accounts_ensure, demo_sign_in_lines
from lms.schools.demo import DEMO_SCHOOL_CODE, demo_school_load


class Command(BaseCommand):
    help = "Load the demo accounts and content (idempotent: running again keeps existing data)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (demo passwords are public: never on a live site).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo content has public passwords and is meant for trying the platform. "
                "DEBUG is off, so this looks like a live site; pass --force to load it anyway."
            )
        with transaction.atomic():
            accounts = demo_accounts_ensure()
        created = sum(1 for _account, was_created in accounts if was_created)
        self.stdout.write(f"Demo accounts: {created} created, {len(accounts) - created} kept.")
        # The catalogue loads into the sections: migrate makes them already; ensuring is idempotent.
        site_tree_ensure()
        report = demo_catalog_load(
            media_dir=Path(settings.VAR_DIR) / "demo-media",
            user=get_user_model().objects.filter(username="demo-reviewer").first(),
        )
        self.stdout.write(
            f"Demo catalogue: {len(report.created)} created, {len(report.updated)} updated "
            "(videos are processed by the worker in the background)."
        )
        if venues := demo_venues_load():
            self.stdout.write(f"Demo directory: {venues} venues.")
        if demo_school_load():
            self.stdout.write("Demo school: 城关第一小学 with a class, families and an assignment.")
        if demo_coeducation_load(school_code=DEMO_SCHOOL_CODE):
            self.stdout.write("Demo co-education: 4 communities, a station, 2 activities.")
        if demo_messages_load():
            self.stdout.write("Demo messages: a conversation between 小明's mother and 李老师.")
        if demo_notices_load(school_code=DEMO_SCHOOL_CODE):
            self.stdout.write("Demo notice: one for the demo class, asking families to confirm.")
        if demo_care_load(school_code=DEMO_SCHOOL_CODE):
            self.stdout.write("Demo care notice: 小明's grandmother, filed by his mother.")
        if demo_certificate_load():
            self.stdout.write("Demo learning: the demo parent has a certificate and 学时.")
        if demo_reception_load(school_code=DEMO_SCHOOL_CODE):
            self.stdout.write("Demo reception day: 6 slots for 三年级2班 in three days.")
        if demo_notifications_load():
            self.stdout.write("Demo notifications: a welcome notice for the demo parents.")
        self.stdout.write("")
        self.stdout.write(f"  Demo sign-ins (password for all: {DEMO_PASSWORD})")
        for line in demo_sign_in_lines():
            self.stdout.write(line)
