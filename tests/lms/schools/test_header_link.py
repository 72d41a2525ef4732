"""The header's "School work" link comes from schools' registration with lms.core's hook."""

import pytest
from django.urls import reverse

from tests.lms.schools.factories import parent_add, school_add, staff_add

pytestmark = pytest.mark.django_db

LINK = '<a href="/school/">'


def test_school_staff_see_the_school_work_link_in_the_header(client):
    client.force_login(staff_add(school_add()))
    page = client.get(reverse("notifications")).content.decode()
    assert LINK in page


def test_a_parent_does_not_see_the_school_work_link(client):
    client.force_login(parent_add())
    page = client.get(reverse("notifications")).content.decode()
    assert LINK not in page and 'href="/notifications/"' in page


def test_the_header_counts_unread_notices(client):
    from lms.notifications.services import notification_send

    parent = parent_add()
    notification_send(user=parent, title="一", url="/learning/")
    notification_send(user=parent, title="二")
    client.force_login(parent)
    page = client.get(reverse("search")).content.decode()
    assert '<span class="badge">2</span>' in page


def test_my_learning_shows_the_school_assignments_panel_through_the_core_slot(client):
    """The learning page names the slot; schools fills it (no schools tags in learning)."""
    from pathlib import Path

    from django.conf import settings

    source = (Path(settings.BASE_DIR) / "templates/learning/my_learning.html").read_text()
    assert "schools_tags" not in source and '{% panels "my_learning" %}' in source
    client.force_login(parent_add())
    assert client.get(reverse("learning:home")).status_code == 200
