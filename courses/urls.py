from django.urls import path

from courses.views import talk_signup_view

app_name = "courses"

urlpatterns = [
    path("talks/<id:talk_id>/signup/", talk_signup_view, name="talk_signup"),
]
