from django.urls import path, re_path

from lms.homevisits import views

app_name = "homevisits"

urlpatterns = [
    path("classes/<id:class_id>/", views.class_visits_view, name="class"),
    re_path(
        r"^classes/(?P<class_id>[0-9]{1,18})/visits\.(?P<fmt>csv|xlsx)$",
        views.class_visits_view,
        name="class_export",
    ),
    path("schools/<slug:code>/", views.school_coverage_view, name="school"),
    re_path(
        r"^schools/(?P<code>[-a-zA-Z0-9_]+)/coverage\.(?P<fmt>csv|xlsx)$",
        views.school_coverage_view,
        name="school_export",
    ),
    path(
        "classes/<id:class_id>/students/<id:student_id>/",
        views.student_visit,
        name="student",
    ),
]
