from celery import shared_task
from django.db import connection


@shared_task(name="ops.ping")
def ping() -> dict:
    """Answered by a worker: proves the broker, the worker and its database link work."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        database = cursor.fetchone()[0] == 1
    return {"pong": True, "database": database, "vendor": connection.vendor}
