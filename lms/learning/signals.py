"""Keep the heartbeat's per-process caches (lessons, tokens) honest in the process that
changed them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from lms.learning.auth import token_cache_clear
from lms.learning.models import ApiToken
from lms.learning.selectors import lesson_cache_clear


def _clear(**_kwargs) -> None:
    lesson_cache_clear()


def _clear_for_model(sender, **_kwargs) -> None:
    if issubclass(sender, (Page, PageViewRestriction)):
        lesson_cache_clear()
    elif issubclass(sender, (ApiToken, get_user_model())):
        token_cache_clear()


def connect() -> None:
    # Any page: a course moved or deleted changes its lessons, and ids can be reused after a
    # rollback (SQLite), so a new page must never meet an old lesson's entry. Page models
    # send with their own class as sender, hence no sender filter here.
    post_save.connect(_clear_for_model, dispatch_uid="learning-lessons-saved")
    post_delete.connect(_clear_for_model, dispatch_uid="learning-lessons-deleted")
    page_published.connect(_clear, dispatch_uid="learning-lessons-published")
    page_unpublished.connect(_clear, dispatch_uid="learning-lessons-unpublished")
