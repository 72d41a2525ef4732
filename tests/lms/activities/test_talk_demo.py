"""`make run`'s demo talks (issue 19's cold try-out): an upcoming talk a parent can sign up
for, with its start time, and a past talk whose recording is its replay."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from courses.models import TalkPage
from lms.activities.talk_demo import PAST, UPCOMING

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_signable_upcoming_talk_and_a_past_one_with_its_replay(settings):
    settings.DEBUG = True
    call_command("load_demo_content")
    upcoming = TalkPage.objects.get(import_key=UPCOMING)
    past = TalkPage.objects.get(import_key=PAST)
    assert upcoming.live and upcoming.signup_open and upcoming.starts_at > timezone.now()
    assert upcoming.date > timezone.localdate()
    assert past.live and past.date < timezone.localdate() and past.media_id is not None

    client = Client()
    client.force_login(get_user_model().objects.get(username="demo-parent"))
    page = client.get(upcoming.url).content.decode()
    assert "报名</button>" in page and "暂未开放" not in page
    # The grandparent has signed up; the demo lecturer organises the past talk.
    lecturer = Client()
    lecturer.force_login(get_user_model().objects.get(username="demo-lecturer"))
    assert lecturer.get(f"/activities/talk/{past.pk}/signups/").status_code == 200
    bureau = Client()
    bureau.force_login(get_user_model().objects.get(username="demo-bureau"))
    organiser = bureau.get(f"/activities/talk/{upcoming.pk}/signups/").content.decode()
    assert 'data-signup-count="1"' in organiser
    from lms.activities.models import Activity

    online = Activity.objects.get(kind=Activity.Kind.ONLINE_LECTURE)
    assert online.replay_id == past.media_id and online.starts_at < timezone.now()
