"""The notifications page shows the reminder switch of the app that sends reminders (schools)."""

import pytest
from django.urls import reverse

from lms.notifications import hooks
from lms.schools.models import ReminderOptOut
from tests.lms.schools.factories import parent_add

pytestmark = pytest.mark.django_db


def test_the_switch_stores_the_choice_through_the_registered_app(client):
    parent = parent_add()
    client.force_login(parent)
    assert 'name="wanted" value="0"' in (client.get(reverse("notifications")).content.decode())
    client.post(reverse("notification_reminders"), {"wanted": "0"})
    assert ReminderOptOut.objects.filter(user=parent).exists()
    assert 'name="wanted" value="1"' in client.get(reverse("notifications")).content.decode()


def test_without_an_app_sending_reminders_the_page_shows_no_switch(client, monkeypatch):
    monkeypatch.setattr(hooks, "_switch", None)
    parent = parent_add()
    client.force_login(parent)
    page = client.get(reverse("notifications")).content.decode()
    assert 'name="wanted"' not in page
    response = client.post(reverse("notification_reminders"), {"wanted": "0"})
    assert response.status_code == 302 and not ReminderOptOut.objects.exists()
