from django.urls import path

from lms.care import views

app_name = "care"

urlpatterns = [
    path("", views.family_list, name="family"),
    path("new/", views.notice_new, name="new"),
    path("children/<id:student_id>/new/", views.notice_new, name="new_for"),
    path("received/", views.received_list, name="received"),
    path("county/", views.county, name="county"),
    path("<id:notice_id>/", views.notice_detail, name="detail"),
    path("<id:notice_id>/edit/", views.notice_edit, name="edit"),
    path("<id:notice_id>/end/", views.notice_end_view, name="end"),
    path("<id:notice_id>/ledger/", views.ledger_copy, name="ledger_copy"),
]
