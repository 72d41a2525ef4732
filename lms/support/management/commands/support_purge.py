from django.conf import settings
from django.core.management.base import BaseCommand

from lms.support.services import records_purge


class Command(BaseCommand):
    help = "Delete support-ledger records closed longer ago than LMS_SUPPORT_RETENTION_DAYS."

    def handle(self, *args, **options):
        purged = records_purge(retention_days=settings.SUPPORT_RETENTION_DAYS)
        self.stdout.write(f"{purged} closed records purged")
