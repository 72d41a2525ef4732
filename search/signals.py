"""Search learns of changes here: a provider's watched signals enqueue one reindex task per
changed object, after the transaction commits."""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def search_reindex_enqueue(*, kind: str, object_id: int) -> None:
    """Send `search.reindex` once the transaction commits; never fails the caller."""

    def send():
        from search.tasks import search_reindex_task

        try:
            search_reindex_task.delay(kind, object_id)
        except Exception:  # publishing must never fail because search could not be told
            logger.exception("could not enqueue search.reindex(%s, %s)", kind, object_id)

    transaction.on_commit(send)


def _receiver(kind: str, applies):
    def changed(sender, instance=None, **kwargs):
        try:
            if instance is None or instance.pk is None:
                return
            if applies is not None and not applies(instance):
                return
            # The id now: a deleted instance loses its pk before the commit.
            search_reindex_enqueue(kind=kind, object_id=instance.pk)
        except Exception:  # a provider's watch must not fail the save that sent it
            logger.exception("search could not note a change of %s", kind)

    return changed


def _uid(kind: str, number: int) -> str:
    return f"search-{kind}-{number}"


def watches_connect(provider) -> None:
    for number, watch in enumerate(provider.watches):
        watch.signal.connect(
            _receiver(provider.kind, watch.applies),
            sender=watch.sender,
            weak=False,  # the receiver is made here; nothing else holds it
            dispatch_uid=_uid(provider.kind, number),
        )


def watches_disconnect(provider) -> None:
    for number, watch in enumerate(provider.watches):
        watch.signal.disconnect(sender=watch.sender, dispatch_uid=_uid(provider.kind, number))
