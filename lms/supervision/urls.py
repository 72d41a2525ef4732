from django.urls import path, re_path

from lms.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.compliance, name="compliance"),
    re_path(r"^compliance\.(?P<fmt>csv|xlsx)$", views.compliance, name="export"),
    path("s/<slug:code>/teachers/", views.teachers, name="teachers"),
    re_path(
        r"^s/(?P<code>[-a-zA-Z0-9_]+)/teachers\.(?P<fmt>csv|xlsx)$",
        views.teachers,
        name="teachers_export",
    ),
]
