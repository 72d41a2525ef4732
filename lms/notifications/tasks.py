from celery import shared_task

from lms.notifications.delivery import deliveries_run, urgent_deliver


@shared_task(name="notifications.deliver", autoretry_for=(ConnectionError,), retry_backoff=True)
def deliver_task() -> dict:
    run = deliveries_run()
    return {"quiet": run.quiet, "digests": run.digests, "urgent": run.urgent, "sent": run.sent}


@shared_task(name="notifications.deliver_urgent", ignore_result=True)
def deliver_urgent_task(notification_id: int) -> bool:
    return urgent_deliver(notification_id=notification_id)
