"""Online guidance activities credited by watching (issue 19): the organiser attaches the
recording and a share; a family who honestly watches that share is marked attended and earns
the activity's 学时 once. Skipping ahead, one request claiming everything, or one minute
replayed over and over earn nothing."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.activities.models import Activity, Signup
from lms.activities.services import activity_create
from lms.activities.talk_online import online_progress_record
from lms.core.errors import ServiceError
from lms.learning.models import CreditEntry
from media_pipeline.models import MediaAsset
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db


def _recording(*, by=None, status=MediaAsset.Status.READY, duration=100.0):
    return MediaAsset.objects.create(
        title="线上讲座录像",
        original="x.mp4",
        status=status,
        kind="video",
        duration=duration,
        hls_master="m/hls/master.m3u8",
        uploaded_by=by,
    )


@pytest.fixture
def world():
    school = school_add()
    admin = staff_add(school, admin=True)
    mine, other = class_add(school, name="1班"), class_add(school, name="2班")
    parent = family_join(mine, nickname="小明")
    outsider = family_join(other, nickname="小红")
    starts = timezone.now() - timedelta(days=1)
    activity = activity_create(
        title="线上家长课：手机与孩子",
        kind=Activity.Kind.ONLINE_LECTURE,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        audience=Activity.Audience.CLASSES,
        classes=[mine],
        organised_by=admin,
        school=school,
        live_link="https://live.example.cn/room/1",
        credit_hours=Decimal("1.5"),
    )
    activity.replay = _recording(by=admin)
    activity.save()
    return {"activity": activity, "parent": parent, "outsider": outsider, "admin": admin}


def _beats(activity, user, pairs, *, every=15):
    """Beats at the wall-clock pace of real playback: one every `every` seconds."""
    start = timezone.now()
    state = None
    for n, (a, b) in enumerate(pairs):
        state = online_progress_record(
            activity=activity,
            user=user,
            intervals=[(a, b)],
            position=b,
            now=start + timedelta(seconds=every * (n + 1)),
        )
    return state


def test_watching_the_share_honestly_marks_attendance_and_earns_the_hours_once(world):
    activity, parent = world["activity"], world["parent"]
    state = _beats(activity, parent, [(0, 15), (15, 30), (30, 45)])
    assert state.watched_seconds == 45.0 and not Signup.objects.filter(attended=True).exists()
    _beats(activity, parent, [(45, 60)])  # 60 of 100 s: the share (0.6)
    signup = Signup.objects.get(activity=activity, user=parent)
    assert signup.attended and signup.check_in_method == Signup.Method.ONLINE
    _beats(activity, parent, [(60, 75), (75, 90), (90, 100)])  # watching on: still once
    [credit] = CreditEntry.objects.filter(user=parent)
    assert (credit.source, credit.source_id, credit.hours) == (
        "activity",
        activity.pk,
        Decimal("1.5"),
    )


def test_one_minute_played_over_and_over_never_reaches_the_share(world):
    activity, parent = world["activity"], world["parent"]
    state = _beats(activity, parent, [(0, 15)] * 12)
    assert state.watched_seconds == 15.0
    assert not Signup.objects.filter(attended=True).exists() and not CreditEntry.objects.exists()


def test_claiming_the_whole_recording_in_one_request_earns_only_real_seconds(world):
    client = Client()
    client.force_login(world["parent"])
    url = f"/api/v1/activities/{world['activity'].pk}/progress"
    body = client.post(
        url, json.dumps({"intervals": [[0, 100]], "position": 100}), content_type="application/json"
    ).json()
    assert body["watched_seconds"] < 60 and body["completed"] is False
    assert client.get(url).json()["watched_seconds"] == body["watched_seconds"]
    assert not CreditEntry.objects.exists()
    # Nonsense bodies are refused with a reason, and nothing changes.
    for bad in ("not json", json.dumps({"intervals": [[50, 10]]}), json.dumps([1, 2])):
        response = client.post(url, bad, content_type="application/json")
        assert response.status_code == 400 and "error" in response.json()


def test_only_families_the_activity_is_for_can_watch_it_for_attendance(world):
    url = f"/api/v1/activities/{world['activity'].pk}/progress"
    outsider = Client()
    outsider.force_login(world["outsider"])
    assert outsider.get(url).status_code == 404
    assert Client().get(url).status_code == 401
    assert Client().get("/api/v1/activities/abc/progress").status_code == 404


def test_an_activity_on_site_or_without_a_recording_has_nothing_to_watch(world):
    activity = world["activity"]
    activity.kind = Activity.Kind.LECTURE
    activity.save()
    client = Client()
    client.force_login(world["parent"])
    assert client.get(f"/api/v1/activities/{activity.pk}/progress").status_code == 404
    with pytest.raises(ServiceError):
        online_progress_record(activity=activity, user=world["parent"], intervals=[], position=0)


def test_before_it_starts_watching_is_refused(world):
    activity = world["activity"]
    activity.starts_at = timezone.now() + timedelta(days=2)
    activity.ends_at = activity.starts_at + timedelta(hours=1)
    activity.save()
    with pytest.raises(ServiceError, match="还没有开始"):
        online_progress_record(
            activity=activity, user=world["parent"], intervals=[(0, 10)], position=10
        )


def test_the_family_page_plays_the_recording_and_says_the_share(world):
    client = Client()
    client.force_login(world["parent"])
    page = client.get(reverse("activities:detail", args=[world["activity"].pk])).content.decode()
    assert f'data-progress-url="/api/v1/activities/{world["activity"].pk}/progress"' in page
    assert "观看满 60%" in page


@pytest.mark.parametrize("share", ["abc", "5", "0", "", "-0.5", "NaN", "1e9", "x" * 8])
def test_the_organiser_sets_recording_and_share_and_bad_shares_are_refused(world, share):
    activity, admin = world["activity"], world["admin"]
    recording = _recording(by=admin)
    client = Client()
    client.force_login(admin)
    url = reverse("activities:online_replay", args=[activity.pk])
    response = client.post(url, {"replay": f"asset:{recording.pk}", "share": share}, follow=True)
    assert "0.1 到 1" in response.content.decode() or "请选择" in response.content.decode()
    activity.refresh_from_db()
    assert activity.replay_id != recording.pk and activity.replay_share == Decimal("0.60")


def test_the_organiser_attaches_a_recording_with_a_share_given_as_a_percentage(world):
    activity, admin = world["activity"], world["admin"]
    recording = _recording(by=admin)
    client = Client()
    client.force_login(admin)
    manage = client.get(reverse("activities:manage", args=[activity.pk])).content.decode()
    assert f'value="asset:{recording.pk}"' in manage
    url = reverse("activities:online_replay", args=[activity.pk])
    response = client.post(url, {"replay": f"asset:{recording.pk}", "share": "80%"}, follow=True)
    assert "录像已挂接" in response.content.decode()
    activity.refresh_from_db()
    assert activity.replay_id == recording.pk and activity.replay_share == Decimal("0.80")
    # A parent (not the organiser) cannot.
    parent = Client()
    parent.force_login(world["parent"])
    assert parent.post(url, {"replay": f"asset:{recording.pk}", "share": "0.5"}).status_code == 404
    activity.refresh_from_db()
    assert activity.replay_share == Decimal("0.80")
