from celery import shared_task

from lms.care.services import reminders_send


@shared_task(name="care.reminders", autoretry_for=(ConnectionError,), retry_backoff=True)
def care_reminders_task() -> dict:
    """Daily: a week before a care notice ends, remind the family once."""
    return {"sent": reminders_send()}
