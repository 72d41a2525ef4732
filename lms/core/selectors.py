"""Reads for the admin's reports: the same visibility rule as each model's listing.

Apps that restrict what a listing shows say so with the `register_object_visibility` hook: a
(model, rule) pair where `rule(user)` is the queryset that user's listing shows."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail import hooks

from courses.permissions import pages_visible_in_admin


def _visibility_rules():
    for hook in hooks.get_hooks("register_object_visibility"):
        yield hook()


def log_entries_visible(*, entries: QuerySet, user) -> QuerySet:
    """Log entries narrowed, for each model with a rule, to the objects the user may see."""
    for model, rule in _visibility_rules():
        visible = rule(user).annotate(key=Cast("pk", CharField())).values("key")
        content_type = ContentType.objects.get_for_model(model)
        entries = entries.filter(~Q(content_type=content_type) | Q(object_id__in=visible))
    return entries


def pages_visible_among(*, user, page_ids: Iterable[int]) -> set[int]:
    """Which of these pages the user's page explorer shows."""
    return set(
        pages_visible_in_admin(user=user).filter(pk__in=list(page_ids)).values_list("pk", flat=True)
    )
