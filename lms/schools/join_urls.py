"""Mounted at /join/ by lms/urls.py: the short link families are sent. The names stay global
(`join`, `join_enter`), outside the schools namespace, as printed on shared QR codes' pages."""

from django.urls import path

from lms.schools.views.join import join, join_enter

urlpatterns = [
    path("", join_enter, name="join_enter"),
    path("<str:code>/", join, name="join"),
]
