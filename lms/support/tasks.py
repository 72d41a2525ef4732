from celery import shared_task
from django.conf import settings

from lms.support.services import records_purge


@shared_task(name="support.purge")
def purge_task() -> int:
    return records_purge(retention_days=settings.SUPPORT_RETENTION_DAYS)
