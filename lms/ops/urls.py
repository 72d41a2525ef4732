"""The health check and the favicon, at the site's root."""

from django.urls import path

from lms.ops.views import favicon, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
]
