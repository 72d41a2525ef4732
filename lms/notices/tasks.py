from celery import shared_task

from lms.notices.services import notices_announce_due


@shared_task(name="notices.announce_due", autoretry_for=(ConnectionError,), retry_backoff=True)
def notices_announce_due_task() -> dict:
    """Every minute: notify families of notices whose publish time has come (once each)."""
    return {"notified": notices_announce_due()}
