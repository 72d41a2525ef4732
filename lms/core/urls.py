"""Mounted at /admin/reports/ by lms/urls.py ahead of Wagtail's admin, so these views answer
the paths of Wagtail's own reports (whose URL names stay Wagtail's)."""

from django.urls import path

from lms.core.admin_reports import VisibleLogEntriesView, VisiblePageTypesUsageView

urlpatterns = [
    path("site-history/", VisibleLogEntriesView.as_view()),
    path("site-history/results/", VisibleLogEntriesView.as_view(results_only=True)),
    path("page-types-usage/", VisiblePageTypesUsageView.as_view()),
    path("page-types-usage/results/", VisiblePageTypesUsageView.as_view(results_only=True)),
]
