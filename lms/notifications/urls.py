"""Mounted at /notifications/ by lms/urls.py; the names stay global (no namespace)."""

from django.urls import path

from lms.notifications.views import notifications, reminders

urlpatterns = [
    path("", notifications, name="notifications"),
    path("reminders/", reminders, name="notification_reminders"),
]
