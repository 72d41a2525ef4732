"""The notifications page: a checkbox per kind and one channel, in Chinese; bad input is a
clear message on the page, never a 500, and loses nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.notifications.models import DeliveryChoice, KindOptOut, Notification
from lms.notifications.selectors import notification_preferences_of
from tests.lms.schools.factories import parent_add

pytestmark = pytest.mark.django_db
Kind = Notification.Kind
URL = reverse("notification_preferences")


@pytest.fixture
def parent(client):
    user = parent_add()
    user.phone_verified_at = timezone.now()
    user.save()
    client.force_login(user)
    return user


def test_the_page_shows_each_kind_checked_and_the_channels_that_reach_the_person(client, parent):
    page = client.get(reverse("notifications")).content.decode()
    for label in ("学校通知", "与老师的留言", "活动与家长会", "布置的课程", "讲座", "委托照护"):
        assert label in page
    assert page.count('name="kinds"') == len(Kind.values)
    assert page.count("checked") == len(Kind.values) + 1  # every kind, and the channel
    assert 'value="sms"' in page and "短信" in page and "只在本站查看" in page
    assert 'value="email"' not in page  # no address: email is not offered
    assert 'value="wechat"' not in page  # no WeChat account bound


def test_switching_two_kinds_off_and_choosing_only_the_site(client, parent):
    wanted = [k for k in Kind.values if k not in (Kind.MESSAGE, Kind.TALK)]
    response = client.post(URL, {"kinds": wanted, "channel": "none"}, follow=True)
    assert "已保存您的选择" in response.content.decode()
    assert set(KindOptOut.objects.filter(user=parent).values_list("kind", flat=True)) == {
        Kind.MESSAGE,
        Kind.TALK,
    }
    assert DeliveryChoice.objects.get(user=parent).channel == "none"
    prefs = notification_preferences_of(user=parent)
    assert prefs["channel"] == "none" and Kind.MESSAGE not in prefs["wanted_kinds"]
    # And back on: the rows go, saving twice changes nothing.
    for _ in range(2):
        client.post(URL, {"kinds": Kind.values, "channel": "sms"})
    assert not KindOptOut.objects.filter(user=parent).exists()
    assert DeliveryChoice.objects.get(user=parent).channel == "sms"


def test_a_channel_that_cannot_reach_the_person_is_refused_in_chinese(client, parent):
    response = client.post(URL, {"kinds": [Kind.NOTICE], "channel": "email"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert not DeliveryChoice.objects.exists() and not KindOptOut.objects.exists()
    # What was ticked is still ticked.
    assert page.count("checked") == 1


def test_an_unknown_kind_or_no_channel_is_a_form_error_not_a_crash(client, parent):
    for data in ({"kinds": ["lottery"], "channel": "sms"}, {"kinds": [Kind.NOTICE]}):
        response = client.post(URL, data)
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    assert not KindOptOut.objects.exists()


def test_the_form_needs_a_signed_in_person_and_a_post(client):
    assert client.post(URL, {"kinds": [], "channel": "none"}).status_code == 302
    parent = parent_add()
    client.force_login(parent)
    assert client.get(URL).status_code == 405


def test_email_is_offered_when_the_site_can_send_it_and_the_person_has_an_address(client, settings):
    settings.EMAIL_HOST = "smtp.example.org"
    parent = parent_add(email="mum@example.org")
    client.force_login(parent)
    page = client.get(reverse("notifications")).content.decode()
    assert 'value="email"' in page and 'value="sms"' not in page  # number not verified
    # Without a verified number the default (SMS) cannot reach her: email is what she gets.
    assert notification_preferences_of(user=parent)["channel"] == "email"
