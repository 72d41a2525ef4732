from django.urls import path, re_path

from lms.supervision import views

app_name = "supervision"

urlpatterns = [
    path("", views.compliance, name="compliance"),
    re_path(r"^compliance\.(?P<fmt>csv|xlsx)$", views.compliance, name="export"),
    path("s/<slug:code>/teachers/", views.teachers, name="teachers"),
]
