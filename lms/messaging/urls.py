from django.urls import path

from lms.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.thread_new, name="new"),
    path("class/<id:class_id>/", views.class_inbox, name="class"),
    path("school/<slug:code>/", views.school, name="school"),
    path("<id:thread_id>/", views.thread, name="thread"),
    path("<id:thread_id>/report/<id:message_id>/", views.message_report, name="report"),
    path("<id:thread_id>/hide/<id:message_id>/", views.message_hide, name="hide"),
]
