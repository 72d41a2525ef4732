from celery import shared_task

from lms.messaging.services import threads_purge


@shared_task(name="messaging.purge")
def purge_task() -> int:
    return threads_purge()
