"""Browser journey (issue 19) on a 390 px phone: a parent signs up for a talk and the
lecturer sees the count; after the talk the lecturer attaches the recording as the replay in
one action and a reviewer approves it; the parent watches it honestly (real playback, at
double speed, which the honest count allows) to the threshold, and the 学时 appear on My
learning."""

import datetime
import time
from decimal import Decimal

import pytest
from django.core.files import File
from django.utils import timezone

from courses.models import TalkPage, TalkSignup
from lms.accounts.roles import Role
from lms.learning.models import CreditEntry, TalkProgress
from media_pipeline.models import MediaAsset
from media_pipeline.services import asset_create
from tests.courses.factories import LecturerFactory, UserFactory, talk_add
from tests.e2e.conftest import sign_in
from tests.e2e.test_talk_signup import _phone
from tests.media_pipeline.clips import clip

pytestmark = [
    pytest.mark.services("chromium", "ffmpeg"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_sign_up_then_the_replay_is_attached_watched_and_credited(live_server, browser, tmp_path):
    account = UserFactory(username="wang-laoshi", role=Role.LECTURER)
    UserFactory(username="xiaoyu-nainai", role=Role.PARENT, display_name="小雨奶奶")
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    talk = talk_add(
        title="隔代教养的智慧",
        date=timezone.localdate(starts),
        lecturer=LecturerFactory(name="王老师", account=account),
        signup_open=True,
    )
    talk.starts_at, talk.capacity, talk.credit_hours = starts, 30, Decimal("1.5")
    talk.save_revision().publish()
    with clip(tmp_path, "landscape.mp4").open("rb") as handle:
        recording = asset_create(
            file=File(handle, name="talk.mp4"),
            title="讲座录像",
            original_name="talk.mp4",
            uploaded_by=account,
        )
    recording.refresh_from_db()
    assert recording.status == MediaAsset.Status.READY

    parent_context, parent = _phone(browser)
    sign_in(parent, live_server.url, "xiaoyu-nainai")
    parent.goto(live_server.url + talk.url)
    parent.click("main button:has-text('报名')")
    assert parent.inner_text("main").count("您已报名") == 1
    parent.goto(live_server.url + "/learning/")
    assert "隔代教养的智慧" in parent.inner_text("[data-panel=talks]")

    lecturer_context, lecturer = _phone(browser)
    sign_in(lecturer, live_server.url, "wang-laoshi")
    lecturer.goto(live_server.url + talk.url)
    assert "1 人报名 / 30" in lecturer.inner_text("main")

    # The talk takes place; afterwards the lecturer attaches the recording, in one action.
    TalkPage.objects.filter(pk=talk.pk).update(
        date=timezone.localdate() - datetime.timedelta(days=1),
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )
    lecturer.goto(live_server.url + f"/activities/talk/{talk.pk}/signups/")
    lecturer.select_option("select[name=replay]", f"asset:{recording.pk}")
    lecturer.click("[data-replay] button[type=submit]")
    assert "回放已提交审核" in lecturer.inner_text("main")
    assert lecturer.evaluate("document.documentElement.scrollWidth") <= 390
    # Nothing reaches families before review; the reviewer approves (the admin's review
    # screens are walked in test_lecturer_review.py).
    assert TalkPage.objects.get(pk=talk.pk).media_id is None
    state = TalkPage.objects.get(pk=talk.pk).current_workflow_state
    state.current_task_state.approve(user=UserFactory(role=Role.REVIEWER))
    assert TalkPage.objects.get(pk=talk.pk).media_id == recording.pk

    # The parent plays it through on the phone (double speed): real beats, honestly counted.
    parent.goto(live_server.url + talk.url)
    parent.click("[data-player-start]")
    parent.evaluate("() => { const v = document.querySelector('video'); v.playbackRate = 2; }")
    parent.wait_for_function("() => document.querySelector('video').ended", timeout=30000)
    assert _wait_for(lambda: CreditEntry.objects.filter(source="talk").exists()), (
        "watching to the end earned nothing"
    )
    progress = TalkProgress.objects.get(talk=talk)
    assert progress.completed_at is not None and progress.watched_seconds >= 0.9 * 5 - 0.5
    assert TalkSignup.objects.filter(talk=talk, cancelled_at__isnull=True).count() == 1

    parent.goto(live_server.url + "/learning/")
    main = parent.inner_text("main")
    assert "本学年已获得学时：1.5" in main
    assert "可以看回放了" in parent.inner_text("[data-panel=talks]")
    assert parent.evaluate("document.documentElement.scrollWidth") <= 390
    parent_context.close()
    lecturer_context.close()
