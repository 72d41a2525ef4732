from celery import shared_task

from lms.accounts.codes import codes_purge


@shared_task(name="accounts.codes_purge")
def codes_purge_task() -> int:
    return codes_purge()
