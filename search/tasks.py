from celery import shared_task
from elasticsearch import ApiError, TransportError

from search.services import search_lecturer_update, search_page_update

RETRYABLE = (TransportError, ApiError, ConnectionError, TimeoutError)


@shared_task(
    name="search.page",
    autoretry_for=RETRYABLE,
    retry_backoff=5,
    retry_backoff_max=600,
    max_retries=8,
)
def search_page_task(page_id: int) -> None:
    search_page_update(page_id=page_id)


@shared_task(
    name="search.lecturer",
    autoretry_for=RETRYABLE,
    retry_backoff=5,
    retry_backoff_max=600,
    max_retries=8,
)
def search_lecturer_task(lecturer_id: int) -> None:
    search_lecturer_update(lecturer_id=lecturer_id)
