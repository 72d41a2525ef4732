"""Demo talks that show the talk's whole life when `make run` loads them: one upcoming, with a
start time and sign-up open (a grandparent has signed up), and one a fortnight ago whose
recording is its replay, and an online activity attended by watching that recording. The
catalogue gives talks fixed dates; these are moved relative to
today so the demo never goes stale."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import Lecturer, TalkPage
from lms.activities.models import Activity
from lms.activities.services import activity_create
from lms.activities.talk_services import talk_signup_create

UPCOMING, PAST = "t-winter-safety", "t-grandparents"


def _publish(talk: TalkPage, **fields) -> TalkPage:
    for name, value in fields.items():
        setattr(talk, name, value)
    talk.save_revision().publish()
    return TalkPage.objects.get(pk=talk.pk)


def demo_talks_schedule(*, today: date | None = None) -> bool:
    """Move the two demo talks; False when the demo catalogue is not there."""
    today = today or timezone.localdate()
    talks = {t.import_key: t for t in TalkPage.objects.filter(import_key__in=[UPCOMING, PAST])}
    if len(talks) != 2:
        return False
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo-")}
    # The demo lecturer account organises 王秀兰's talks (the sign-up list, the replay).
    lecturer = Lecturer.objects.filter(import_key="lec-wang", account__isnull=True).first()
    if lecturer is not None and "demo-lecturer" in users:
        lecturer.account = users["demo-lecturer"]
        lecturer.save(update_fields=["account"])
    day = today + timedelta(days=6)
    upcoming = _publish(
        talks[UPCOMING],
        date=day,
        starts_at=timezone.make_aware(datetime.combine(day, time(19, 30))),
        place="县图书馆报告厅（也可线上观看）",
        signup_open=True,
        capacity=120,
    )
    past = _publish(talks[PAST], date=today - timedelta(days=14), signup_open=False)
    if "demo-grandparent" in users:
        talk_signup_create(talk=upcoming, user=users["demo-grandparent"])
    # An online activity attended by watching its recording (60 % of it).
    starts = timezone.make_aware(datetime.combine(today - timedelta(days=3), time(20)))
    online = activity_create(
        title="线上家长课：隔代教养的智慧（回放）",
        kind=Activity.Kind.ONLINE_LECTURE,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        audience=Activity.Audience.PUBLIC,
        organised_by=users.get("demo-bureau"),
        by_lecturer_team=True,
        live_link="https://live.example.cn/demo",
        description="错过直播的家长可以看回放：看满六成即计为出席，并获得学时。",
    )
    online.replay, online.replay_share = past.media, Decimal("0.60")
    online.save(update_fields=["replay", "replay_share"])
    return True
