"""A notice links only to a path on this site; anything else loses its link, never the notice."""

import pytest
from django.urls import reverse

from lms.notifications.models import Notification
from lms.notifications.services import notification_send
from tests.lms.schools.factories import parent_add

pytestmark = pytest.mark.django_db

OUTSIDE = [
    "https://evil.example/phish",
    "http://evil.example",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "learning/",
    "/" + "a" * 250,
]


@pytest.mark.parametrize("url", OUTSIDE)
def test_a_link_off_the_site_is_dropped_and_the_notice_still_sent(url):
    note = notification_send(user=parent_add(), title="提醒", url=url)
    assert note.pk and note.title == "提醒"
    assert note.url == "" and note.link == ""


@pytest.mark.parametrize("url", ["/learning/", "/school/classes/3/?tab=report#top", "/join/ABC/"])
def test_a_path_on_the_site_is_kept(url):
    assert notification_send(user=parent_add(), title="提醒", url=url).link == url


def test_an_old_row_with_an_outside_link_shows_no_link(client):
    parent = parent_add()
    Notification.objects.create(user=parent, title="旧通知", url="javascript:alert(1)")
    notification_send(user=parent, title="新通知", url="/learning/")
    client.force_login(parent)
    page = client.get(reverse("notifications")).content.decode()
    assert "旧通知" in page and "javascript:" not in page
    assert 'href="/learning/"' in page
