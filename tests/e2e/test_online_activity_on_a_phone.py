"""Browser journey (issue 19) on a 390 px phone: a family who missed an online guidance
activity watches its recording on the activity page; real beats reach the share, and the
activity counts as attended with its 学时 on My learning."""

import datetime
import re
import time
from decimal import Decimal

import pytest
from django.core.files import File
from django.utils import timezone

from lms.activities.models import Activity, Signup
from lms.activities.services import activity_create
from lms.learning.models import CreditEntry
from media_pipeline.models import MediaAsset
from media_pipeline.services import asset_create
from tests.e2e.conftest import sign_in
from tests.e2e.test_talk_signup import _phone
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add
from tests.media_pipeline.clips import clip

pytestmark = [
    pytest.mark.services("chromium", "ffmpeg"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_watching_the_recording_counts_as_attending(live_server, browser, tmp_path):
    school = school_add()
    admin = staff_add(school, admin=True)
    school_class = class_add(school)
    parent = family_join(school_class, nickname="小雨")
    parent.username = "xiaoyu-mama"
    parent.save()
    with clip(tmp_path, "landscape.mp4").open("rb") as handle:
        recording = asset_create(
            file=File(handle, name="online.mp4"), title="线上课录像", original_name="online.mp4"
        )
    recording.refresh_from_db()
    assert recording.status == MediaAsset.Status.READY
    starts = timezone.now() - datetime.timedelta(days=1)
    activity = activity_create(
        title="线上家长课：睡前半小时",
        kind=Activity.Kind.ONLINE_LECTURE,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        audience=Activity.Audience.SCHOOL,
        organised_by=admin,
        school=school,
        live_link="https://live.example.cn/room/2",
        credit_hours=Decimal("1.0"),
    )
    activity.replay = recording
    activity.save()

    context, phone = _phone(browser)
    sign_in(phone, live_server.url, "xiaoyu-mama")
    phone.goto(live_server.url + f"/activities/{activity.pk}/")
    assert "观看满 60%" in phone.inner_text("main")
    phone.click("[data-player-start]")
    phone.evaluate("() => { document.querySelector('video').playbackRate = 2; }")
    phone.wait_for_function("() => document.querySelector('video').ended", timeout=30000)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not CreditEntry.objects.filter(user=parent).exists():
        time.sleep(0.2)
    signup = Signup.objects.get(activity=activity, user=parent)
    assert signup.attended and signup.check_in_method == Signup.Method.ONLINE
    assert CreditEntry.objects.get(user=parent).hours == Decimal("1.0")

    phone.goto(live_server.url + "/learning/")
    assert re.search(r"本学年已获得学时：1(\.0)?\n", phone.inner_text("main"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
