from django.urls import path, re_path

from lms.activities.api import activity_not_found, activity_progress

urlpatterns = [
    path("activities/<id:activity_id>/progress", activity_progress, name="activity_progress"),
    re_path(r"^activities/[^/]+/progress$", activity_not_found),
]
