from django.urls import path

from lms.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("new/", views.notice_new, name="new"),
    path("<id:notice_id>/", views.notice_detail, name="detail"),
    path("<id:notice_id>/confirm/", views.confirm, name="confirm"),
    path("<id:notice_id>/unconfirmed/", views.unconfirmed, name="unconfirmed"),
    path("<id:notice_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<id:notice_id>/files/<id:attachment_id>/", views.attachment, name="attachment"),
]
