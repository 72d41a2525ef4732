from celery import shared_task

from lms.schools.reminders import reminders_send


@shared_task(name="schools.reminders", autoretry_for=(ConnectionError,), retry_backoff=True)
def reminders_task() -> dict:
    run = reminders_send()
    return {"families": run.families}
