"""Mounted at /notifications/ by lms/urls.py; the names stay global (no namespace)."""

from django.urls import path

from lms.notifications.views import notifications, preferences

urlpatterns = [
    path("", notifications, name="notifications"),
    path("preferences/", preferences, name="notification_preferences"),
]
