from django.urls import path, re_path

from lms.activities.views import family, organiser

app_name = "activities"

urlpatterns = [
    path("", organiser.activity_list, name="list"),
    path("new/", organiser.activity_new, name="new"),
    path("talks/", organiser.talks, name="talks"),
    path("talks/<int:request_id>/answer/", organiser.talk_answer, name="talk_answer"),
    path("<int:activity_id>/", family.activity_detail, name="detail"),
    path("<int:activity_id>/signup/", family.signup, name="signup"),
    path("<int:activity_id>/cancel/", family.cancel, name="cancel"),
    path("<int:activity_id>/survey/", family.survey, name="survey"),
    path("<int:activity_id>/manage/", organiser.activity_manage, name="manage"),
    path(
        "<int:activity_id>/attendance/<int:user_id>/",
        organiser.attendance,
        name="attendance",
    ),
    re_path(r"^(?P<activity_id>\d+)/qr\.(?P<fmt>png|svg)$", organiser.activity_qr, name="qr"),
    path("check-in/<str:code>/", family.check_in, name="check_in"),
]
