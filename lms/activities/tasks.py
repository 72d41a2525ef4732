from celery import shared_task

from lms.activities.slot_services import reception_reminders_send
from lms.activities.talk_services import talk_reminders_send


@shared_task(name="activities.talk_reminders", autoretry_for=(ConnectionError,), retry_backoff=True)
def talk_reminders_task() -> dict:
    """Daily: remind families of tomorrow's talks (a second run sends nothing new)."""
    return {"sent": talk_reminders_send()}


@shared_task(
    name="activities.reception_reminders", autoretry_for=(ConnectionError,), retry_backoff=True
)
def reception_reminders_task() -> dict:
    """Daily: remind families of tomorrow's reception-day slots (a second run sends nothing)."""
    return {"sent": reception_reminders_send()}
