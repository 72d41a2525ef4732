"""The admin reports that keep each model's visibility rule, at /admin/reports/: included
ahead of Wagtail's admin, whose own reports at the same paths they replace (Wagtail's url
names stay on its own)."""

from django.urls import path

from lms.core.admin_reports import VisibleLogEntriesView, VisiblePageTypesUsageView

urlpatterns = [
    path("site-history/", VisibleLogEntriesView.as_view()),
    path("site-history/results/", VisibleLogEntriesView.as_view(results_only=True)),
    path("page-types-usage/", VisiblePageTypesUsageView.as_view()),
    path("page-types-usage/results/", VisiblePageTypesUsageView.as_view(results_only=True)),
]
