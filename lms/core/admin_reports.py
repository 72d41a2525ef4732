"""The admin's reports, with the same visibility rule as each model's listing.

Wagtail shows a model's log entries to anyone with some permission on the model, so a
lecturer would read the titles of other lecturers' media there. Apps that restrict what a
listing shows say so with the `register_object_visibility` hook: a (model, rule) pair where
`rule(user)` is the queryset that user's listing shows."""

from __future__ import annotations

from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import ModelLogEntry

from lms.core.selectors import log_entries_visible, pages_visible_among


class VisibleLogEntriesView(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not issubclass(queryset.model, ModelLogEntry) or self.request.user.is_superuser:
            return queryset
        return log_entries_visible(entries=queryset, user=self.request.user)


class VisiblePageTypesUsageView(PageTypesUsageReportView):
    """Counts stay; the "last edited" page is named only if the explorer shows it to you."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        edited = [item.last_edited_page_id for item in page_types if item.last_edited_page_id]
        visible = pages_visible_among(user=self.request.user, page_ids=edited)
        for item in page_types:
            if item.last_edited_page_id not in visible:
                item.last_edited_page = None
        return page_types
