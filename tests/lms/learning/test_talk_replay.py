"""A talk's recording or replay counts as a lesson does (issue 19): the union of watched
intervals, rate-limited per beat, complete at the talk's threshold, earning its 学时 once."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from lms.learning.models import CreditEntry, TalkProgress
from lms.learning.replays import talk_progress_record
from media_pipeline.models import MediaAsset
from tests.courses.factories import talk_add

pytestmark = pytest.mark.django_db


def _replay(duration=100.0, status=MediaAsset.Status.READY):
    return MediaAsset.objects.create(
        title="回放",
        original="x.mp4",
        status=status,
        kind="video",
        duration=duration,
        hls_master="m/hls/master.m3u8",
    )


@pytest.fixture
def talk():
    talk = talk_add(
        title="青春期的孩子", date=timezone.localdate() - timedelta(days=2), media=_replay()
    )
    talk.credit_hours = Decimal("1.5")
    talk.save()
    return talk


def url(talk_id):
    return f"/api/v1/talks/{talk_id}/progress"


def post(client, talk_id, body):
    return client.post(url(talk_id), json.dumps(body), content_type="application/json")


def test_a_whole_replay_claimed_in_one_request_earns_only_seconds(client, parent, talk):
    client.force_login(parent)
    body = post(client, talk.pk, {"intervals": [[0, 100]], "position": 100}).json()
    assert body["watched_seconds"] == 30.0 and body["completed"] is False  # the first beat's slack
    assert not CreditEntry.objects.exists()


def test_watching_honestly_to_the_threshold_earns_the_talks_hours_once(client, parent, talk):
    start = timezone.now()
    state = None
    for beat in range(7):  # 15 s of playback every 15 s: 0–105 s, past the 90 % threshold
        state = talk_progress_record(
            user=parent,
            talk=talk,
            intervals=[(beat * 15.0, beat * 15.0 + 15.0)],
            position=beat * 15.0 + 15.0,
            now=start + timedelta(seconds=15 * beat),
        )
        if beat == 5:
            assert state.watched_seconds == 90.0 and state.completed is True
    assert state.watched_seconds == 100.0 and state.fraction == 1.0
    entry = CreditEntry.objects.get()
    assert (entry.user, entry.source, entry.source_id) == (parent, "talk", talk.pk)
    assert entry.hours == Decimal("1.5") and entry.title == "青春期的孩子"
    # Watching again adds nothing and writes no second line.
    talk_progress_record(
        user=parent, talk=talk, intervals=[(0, 100)], position=0, now=start + timedelta(hours=1)
    )
    assert CreditEntry.objects.count() == 1 and TalkProgress.objects.count() == 1
    # The hours are in the parent's own ledger on My learning, named as a talk replay.
    client.force_login(parent)
    mine = client.get("/learning/").content.decode()
    assert "讲座回放 · 青春期的孩子 · 1.5" in mine


def test_rewatching_and_skipping_earn_nothing(parent, talk):
    start = timezone.now()
    talk_progress_record(user=parent, talk=talk, intervals=[(0, 20)], position=20, now=start)
    state = talk_progress_record(
        user=parent,
        talk=talk,
        intervals=[(0, 20)],
        position=20,
        now=start + timedelta(seconds=60),
    )
    assert state.watched_seconds == 20.0
    # A jump to the end claims only what was played there, clipped to the recording.
    state = talk_progress_record(
        user=parent,
        talk=talk,
        intervals=[(95, 130)],
        position=130,
        now=start + timedelta(seconds=120),
    )
    assert state.watched_seconds == 25.0 and state.position == 100.0


def test_the_api_contract_and_its_errors(client, parent, talk):
    assert post(client, talk.pk, {"intervals": []}).status_code == 401
    client.force_login(parent)
    assert client.get(url(talk.pk)).json() == {
        "watched_seconds": 0.0,
        "duration": 100.0,
        "fraction": 0.0,
        "completed": False,
        "position": 0.0,
    }
    bad = post(client, talk.pk, {"intervals": [[9, 2]]})
    assert bad.status_code == 400 and bad.json()["error"]["field"] == "intervals[0]"
    assert post(client, 999999, {"intervals": []}).status_code == 404
    assert client.post(url("abc"), "{}", content_type="application/json").status_code == 404
    assert client.get(url("9" * 40)).status_code == 404


def test_a_recording_not_ready_yet_earns_nothing(client, parent):
    pending = talk_add(
        title="处理中",
        date=timezone.localdate() - timedelta(days=1),
        media=_replay(status=MediaAsset.Status.PROCESSING),
    )
    client.force_login(parent)
    body = post(client, pending.pk, {"intervals": [[0, 10]]}).json()
    assert body["watched_seconds"] == 0.0 and body["duration"] == 0.0


def test_the_talk_page_player_sends_progress_for_a_signed_in_parent(client, parent, talk):
    assert "data-progress-url" not in client.get(talk.url).content.decode()
    client.force_login(parent)
    page = client.get(talk.url).content.decode()
    assert f'data-progress-url="{url(talk.pk)}"' in page and "js/progress.js" in page
