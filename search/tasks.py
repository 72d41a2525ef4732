from celery import shared_task
from elasticsearch import ApiError, TransportError

from search.services import search_lecturer_update, search_page_update, search_venue_update

# Elasticsearch unreachable or refusing: try again later, up to about an hour. Sent from
# requests (publishing), so no result is kept: sending never waits on the result store.
RETRIES = {
    "ignore_result": True,
    "autoretry_for": (TransportError, ApiError, ConnectionError, TimeoutError),
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "max_retries": 8,
}


@shared_task(name="search.page", **RETRIES)
def search_page_task(page_id: int) -> None:
    search_page_update(page_id=page_id)


@shared_task(name="search.lecturer", **RETRIES)
def search_lecturer_task(lecturer_id: int) -> None:
    search_lecturer_update(lecturer_id=lecturer_id)


@shared_task(name="search.venue", **RETRIES)
def search_venue_task(venue_id: int) -> None:
    search_venue_update(venue_id=venue_id)
