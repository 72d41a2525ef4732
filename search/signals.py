"""Search learns of publishing here: each change enqueues an index update after commit."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from courses.models import Lecturer

logger = logging.getLogger(__name__)


def _enqueue(task, object_id: int) -> None:
    def send():
        try:
            task.delay(object_id)
        except Exception:  # publishing must never fail because search could not be told
            logger.exception("could not enqueue %s(%s)", task.name, object_id)

    transaction.on_commit(send)


def _page_changed(sender, instance, **kwargs):
    from search.tasks import search_page_task

    _enqueue(search_page_task, instance.pk)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _page_changed(sender, instance)


def _lecturer_changed(sender, instance, **kwargs):
    from search.tasks import search_lecturer_task

    _enqueue(search_lecturer_task, instance.pk)


def _venue_changed(sender, instance, **kwargs):
    from search.tasks import search_venue_task

    _enqueue(search_venue_task, instance.pk)


def connect() -> None:
    from lms.directory.models import Venue

    post_save.connect(_venue_changed, sender=Venue, dispatch_uid="search-venue-saved")
    post_delete.connect(_venue_changed, sender=Venue, dispatch_uid="search-venue-gone")
    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(_page_deleted, dispatch_uid="search-page-deleted")
    post_save.connect(_lecturer_changed, sender=Lecturer, dispatch_uid="search-lecturer-saved")
    post_delete.connect(_lecturer_changed, sender=Lecturer, dispatch_uid="search-lecturer-gone")
