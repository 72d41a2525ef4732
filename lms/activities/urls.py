from django.urls import path, re_path

from lms.activities.views import family, organiser, reception, talks

app_name = "activities"

urlpatterns = [
    path("", organiser.activity_list, name="list"),
    path("new/", organiser.activity_new, name="new"),
    path("talks/", organiser.talks, name="talks"),
    path("talks/<id:request_id>/answer/", organiser.talk_answer, name="talk_answer"),
    # The lecturer team's talk pages (courses.TalkPage): sign-ups, calendar, organiser's list.
    path("talk/<id:talk_id>/signup/", talks.talk_signup, name="talk_signup"),
    path("talk/<id:talk_id>/cancel/", talks.talk_cancel, name="talk_cancel"),
    path("talk/<id:talk_id>/calendar.ics", talks.talk_calendar, name="talk_calendar"),
    path("talk/<id:talk_id>/signups/", talks.talk_signups, name="talk_signups"),
    path("talks/mine/", talks.talks_mine, name="talks_mine"),
    # Reception days (家长接待日): slots booked one family each.
    path("reception/new/", reception.reception_new, name="reception_new"),
    path("reception/<id:activity_id>/", reception.reception_day, name="reception"),
    path("reception/slot/<id:slot_id>/book/", reception.reception_book_slot, name="slot_book"),
    path(
        "reception/slot/<id:slot_id>/cancel/", reception.reception_cancel_slot, name="slot_cancel"
    ),
    path(
        "reception/slot/<id:slot_id>/release/",
        reception.reception_release_slot,
        name="slot_release",
    ),
    path("talk/<id:talk_id>/replay/", talks.talk_replay, name="talk_replay"),
    path("<id:activity_id>/", family.activity_detail, name="detail"),
    path("<id:activity_id>/signup/", family.signup, name="signup"),
    path("<id:activity_id>/cancel/", family.cancel, name="cancel"),
    path("<id:activity_id>/survey/", family.survey, name="survey"),
    path("<id:activity_id>/manage/", organiser.activity_manage, name="manage"),
    path("<id:activity_id>/recording/", talks.online_replay, name="online_replay"),
    path(
        "<id:activity_id>/attendance/<id:user_id>/",
        organiser.attendance,
        name="attendance",
    ),
    re_path(
        r"^(?P<activity_id>[0-9]{1,18})/attendance\.(?P<fmt>csv|xlsx)$",
        organiser.activity_manage,
        name="attendance_export",
    ),
    re_path(
        r"^(?P<activity_id>[0-9]{1,18})/qr\.(?P<fmt>png|svg)$", organiser.activity_qr, name="qr"
    ),
    path("check-in/<str:code>/", family.check_in, name="check_in"),
]
