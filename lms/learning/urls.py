from django.urls import path

from lms.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.home, name="home"),
    path("children/add/", views.child_add_view, name="child_add"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
]
