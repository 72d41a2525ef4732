from django.urls import path, re_path

from lms.support import views

app_name = "support"

urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("new/", views.record_new, name="new"),
    path("audit/", views.audit_log, name="audit"),
    re_path(r"^ledger\.(?P<fmt>csv|xlsx)$", views.ledger_export, name="export"),
    path("<id:record_id>/", views.record_detail, name="record"),
    path("<id:record_id>/action/", views.record_action, name="action"),
    path("<id:record_id>/close/", views.record_close_view, name="close"),
    path("<id:record_id>/course/", views.record_course, name="course"),
]
