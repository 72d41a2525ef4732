"""The admin's reports, with the same visibility rule as each model's listing.

Wagtail shows a model's log entries to anyone with some permission on the model, so a
lecturer would read the titles of other lecturers' media there. Apps that restrict what a
listing shows say so with the `register_object_visibility` hook: a (model, rule) pair where
`rule(user)` is the queryset that user's listing shows."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail import hooks
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import ModelLogEntry

from courses.permissions import pages_visible_in_admin


def _visibility_rules():
    for hook in hooks.get_hooks("register_object_visibility"):
        yield hook()


class VisibleLogEntriesView(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not issubclass(queryset.model, ModelLogEntry) or self.request.user.is_superuser:
            return queryset
        for model, rule in _visibility_rules():
            visible = rule(self.request.user).annotate(key=Cast("pk", CharField())).values("key")
            content_type = ContentType.objects.get_for_model(model)
            queryset = queryset.filter(~Q(content_type=content_type) | Q(object_id__in=visible))
        return queryset


class VisiblePageTypesUsageView(PageTypesUsageReportView):
    """Counts stay; the "last edited" page is named only if the explorer shows it to you."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        edited = [item.last_edited_page_id for item in page_types if item.last_edited_page_id]
        visible = set(
            pages_visible_in_admin(user=self.request.user)
            .filter(pk__in=edited)
            .values_list("pk", flat=True)
        )
        for item in page_types:
            if item.last_edited_page_id not in visible:
                item.last_edited_page = None
        return page_types
