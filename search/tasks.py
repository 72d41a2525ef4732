from celery import shared_task
from elasticsearch import ApiError, TransportError

from search.services import search_object_update

# Elasticsearch unreachable or refusing: try again later, up to about an hour. Sent from
# requests (publishing), so no result is kept: sending never waits on the result store.
RETRIES = {
    "ignore_result": True,
    "autoretry_for": (TransportError, ApiError, ConnectionError, TimeoutError),
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "max_retries": 8,
}


@shared_task(name="search.reindex", **RETRIES)
def search_reindex_task(kind: str, object_id: int) -> None:
    search_object_update(kind=kind, object_id=object_id)


# The names before providers: messages sent (or waiting to be retried, up to an hour) by the
# previous release must still be run by this one's workers, which drop unknown task names.
# Nothing sends these any more; remove them in the release after next.
@shared_task(name="search.page", **RETRIES)
def search_page_task(page_id: int) -> None:
    search_object_update(kind="page", object_id=page_id)


@shared_task(name="search.lecturer", **RETRIES)
def search_lecturer_task(lecturer_id: int) -> None:
    search_object_update(kind="lecturer", object_id=lecturer_id)


@shared_task(name="search.venue", **RETRIES)
def search_venue_task(venue_id: int) -> None:
    search_object_update(kind="venue", object_id=venue_id)
