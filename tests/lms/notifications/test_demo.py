import pytest

from lms.notifications.demo import WELCOME, demo_notifications_load
from lms.notifications.models import Notification
from tests.courses.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_parents_get_one_welcome_notice_waiting_for_the_digest():
    parent = UserFactory(username="demo-parent")
    UserFactory(username="someone-else")
    assert demo_notifications_load() == 1
    assert demo_notifications_load() == 0  # loading again adds nothing
    [note] = Notification.objects.all()
    assert (note.user, note.title, note.delivered_at) == (parent, WELCOME, None)
