"""After a talk its organiser attaches the recording as the replay in one action (issue 19):
the talk page then plays it and counts the watching towards the talk's 学时."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import TalkPage
from lms.accounts.roles import Role
from lms.learning.models import CreditEntry
from lms.learning.replays import talk_progress_record
from media_pipeline.models import MediaAsset
from tests.courses.factories import LecturerFactory, UserFactory, course_add, lesson_add, talk_add

pytestmark = pytest.mark.django_db


def _asset(*, by=None, status=MediaAsset.Status.READY, title="讲座录像", duration=100.0):
    return MediaAsset.objects.create(
        title=title,
        original="x.mp4",
        status=status,
        kind="video",
        duration=duration,
        hls_master="m/hls/master.m3u8",
        uploaded_by=by,
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lecturer():
    return UserFactory(role=Role.LECTURER)


@pytest.fixture
def talk(lecturer):
    talk = talk_add(
        title="青春期的孩子",
        date=timezone.localdate() - timedelta(days=1),
        lecturer=LecturerFactory(name="李老师", account=lecturer),
    )
    talk.credit_hours = Decimal("1.5")
    talk.save_revision().publish()
    return TalkPage.objects.get(pk=talk.pk)


def _attach(user, talk, value):
    return _client(user).post(
        reverse("activities:talk_replay", args=[talk.pk]), {"replay": value}, follow=True
    )


def test_the_lecturers_replay_goes_live_after_review_then_plays_and_credits(lecturer, talk):
    recording = _asset(by=lecturer)
    organiser_page = _client(lecturer).get(reverse("activities:talk_signups", args=[talk.pk]))
    assert f'value="asset:{recording.pk}"' in organiser_page.content.decode()

    response = _attach(lecturer, talk, f"asset:{recording.pk}")
    # A lecturer's change reaches families only after review, as every other page change.
    assert "回放已提交审核" in response.content.decode()
    talk.refresh_from_db()
    assert talk.media_id is None and talk.has_unpublished_changes
    state = talk.current_workflow_state
    assert state is not None and state.requested_by == lecturer
    state.current_task_state.approve(user=UserFactory(role=Role.REVIEWER))
    talk.refresh_from_db()
    assert talk.media == recording and talk.live and not talk.has_unpublished_changes

    parent = UserFactory(role=Role.PARENT)
    page = _client(parent).get(talk.url).content.decode()
    assert f'data-progress-url="/api/v1/talks/{talk.pk}/progress"' in page
    start = timezone.now()
    for beat in range(7):  # 15 s watched every 15 s, to 105 s of a 100 s recording
        talk_progress_record(
            user=parent,
            talk=talk,
            intervals=[(beat * 15.0, beat * 15.0 + 15.0)],
            position=beat * 15.0 + 15.0,
            now=start + timedelta(seconds=15 * (beat + 1)),
        )
    credit = CreditEntry.objects.get(user=parent)
    assert (credit.source, credit.source_id, credit.hours) == ("talk", talk.pk, Decimal("1.5"))


def test_the_bureau_attaches_a_lessons_video_for_review(talk):
    bureau = UserFactory(role=Role.BUREAU_ADMIN)
    lesson = lesson_add(
        course_add(title="青春期沟通"), title="第三课", media=_asset(title="第三课视频")
    )
    _attach(bureau, talk, f"lesson:{lesson.pk}")
    talk.refresh_from_db()
    # The bureau organises talks but does not publish pages: its replay is reviewed too.
    assert talk.current_workflow_state.requested_by == bureau
    assert talk.get_latest_revision_as_object().media_id == lesson.media_id


def test_a_reviewer_who_organises_the_talk_publishes_the_replay_at_once(talk):
    reviewer = UserFactory(role=Role.REVIEWER)
    talk.lecturer.account = reviewer
    talk.lecturer.save(update_fields=["account"])
    recording = _asset(by=reviewer)
    response = _attach(reviewer, talk, f"asset:{recording.pk}")
    assert "回放已挂接" in response.content.decode()
    talk.refresh_from_db()
    assert talk.media == recording and talk.live and talk.current_workflow_state is None


@pytest.mark.parametrize("value", ["asset:abc", "asset:", "lesson:999999", "", "x" * 500])
def test_nonsense_choices_are_refused_with_a_message_and_change_nothing(lecturer, talk, value):
    _asset(by=lecturer)
    response = _attach(lecturer, talk, value)
    assert response.status_code == 400
    assert "选择" in response.content.decode()
    talk.refresh_from_db()
    assert talk.media_id is None


def test_only_what_the_organiser_may_attach_can_be_attached(lecturer, talk):
    others = _asset(by=UserFactory(role=Role.LECTURER), title="别人的录像")
    processing = _asset(by=lecturer, status=MediaAsset.Status.PROCESSING, title="还在处理")
    page = _client(lecturer).get(reverse("activities:talk_signups", args=[talk.pk])).content
    assert "别人的录像" not in page.decode() and "还在处理" not in page.decode()
    for asset in (others, processing):
        assert _attach(lecturer, talk, f"asset:{asset.pk}").status_code == 400
    talk.refresh_from_db()
    assert talk.media_id is None


def test_a_parent_cannot_attach_a_replay(talk):
    parent = UserFactory(role=Role.PARENT)
    recording = _asset(by=parent)
    assert (
        _client(parent)
        .post(
            reverse("activities:talk_replay", args=[talk.pk]), {"replay": f"asset:{recording.pk}"}
        )
        .status_code
        == 404
    )
    talk.refresh_from_db()
    assert talk.media_id is None


def test_a_talk_with_unpublished_edits_keeps_them_and_sends_the_organiser_to_the_editor(
    lecturer, talk
):
    recording = _asset(by=lecturer)
    draft = talk.get_latest_revision_as_object()
    draft.summary = "还没审核的新简介"
    draft.save_revision()
    response = _attach(lecturer, talk, f"asset:{recording.pk}")
    assert "页面编辑器" in response.content.decode()
    talk.refresh_from_db()
    assert talk.media_id is None and talk.has_unpublished_changes
    assert talk.get_latest_revision_as_object().summary == "还没审核的新简介"


def test_after_the_talk_its_page_leads_the_organiser_to_the_replay_picker(lecturer, talk):
    page = _client(lecturer).get(talk.url).content.decode()
    assert f"/activities/talk/{talk.pk}/signups/#replay" in page
    assert "#replay" not in _client(UserFactory(role=Role.PARENT)).get(talk.url).content.decode()


def test_a_lecturer_finds_their_own_talks_with_the_places_taken_from_the_header(lecturer, talk):
    from courses.models import TalkSignup

    TalkSignup.objects.create(talk=talk, user=UserFactory(role=Role.PARENT))
    page = _client(lecturer).get(reverse("activities:talks_mine")).content.decode()
    assert f'data-talk-given="{talk.pk}"' in page
    assert "1 人报名" in page
    assert reverse("activities:talk_signups", args=[talk.pk]) in page
    assert reverse("activities:talks_mine") in _client(lecturer).get("/").content.decode()
    other = UserFactory(role=Role.LECTURER)
    theirs = _client(other).get(reverse("activities:talks_mine")).content.decode()
    assert f'data-talk-given="{talk.pk}"' not in theirs
    assert reverse("activities:talks_mine") not in _client(other).get("/").content.decode()


def test_a_replay_watched_to_the_threshold_appears_in_the_parents_statement(lecturer, talk):
    from lms.learning.documents import statement_current_year, statement_of

    recording = _asset(by=lecturer)
    _attach(lecturer, talk, f"asset:{recording.pk}")
    talk.refresh_from_db()
    talk.current_workflow_state.current_task_state.approve(user=UserFactory(role=Role.REVIEWER))
    talk.refresh_from_db()
    parent = UserFactory(role=Role.PARENT)
    start = timezone.now()
    for beat in range(7):
        talk_progress_record(
            user=parent,
            talk=talk,
            intervals=[(beat * 15.0, beat * 15.0 + 15.0)],
            position=beat * 15.0 + 15.0,
            now=start + timedelta(seconds=15 * (beat + 1)),
        )
    statement = statement_of(user=parent, year=statement_current_year())
    assert [(e.title, e.hours) for e in statement.entries] == [(talk.title, Decimal("1.5"))]
    assert statement.total == Decimal("1.5")
