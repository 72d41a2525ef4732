"""Mounted at the site root by lms/urls.py (first, before every other route)."""

from django.urls import path

from lms.ops.views import favicon, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
]
