from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms.notifications.models import Notification
from lms.notifications.services import notification_kind_mute
from lms.schools.models import ReminderDigest
from lms.schools.reminders import reminders_send
from lms.schools.services.assignments import assignment_create, assignment_exception_set
from lms.schools.tasks import reminders_task
from tests.courses.factories import course_add, lesson_add
from tests.lms.schools.factories import class_add, family_join, lesson_read, school_add

pytestmark = pytest.mark.django_db
T = timezone.localdate()
DAY = timedelta(days=1)


@pytest.fixture
def setup():
    school = school_add()
    a = class_add(school)
    courses = [course_add(title=f"课程{n}") for n in range(3)]
    lessons = [lesson_add(course, title=f"{course.title}第1课") for course in courses]
    parents = [family_join(a, nickname=f"孩子{n}") for n in range(4)]
    due = [T + DAY, T + 2 * DAY, T + 10 * DAY]  # two due soon, one later
    assignments = [
        assignment_create(
            school=school,
            scope="class",
            school_class=a,
            course=course,
            starts_on=T - DAY,
            due_on=due_on,
            created_by=None,
        )  # fmt: skip
        for course, due_on in zip(courses, due, strict=True)
    ]
    return {"parents": parents, "assignments": assignments, "lessons": lessons}


def test_one_digest_a_day_listing_what_is_due_soon(setup):
    p0, p1, p2, p3 = setup["parents"]
    lesson_read(p1, setup["lessons"][0])  # p1 finished one of the two
    notification_kind_mute(user=p2, kind=Notification.Kind.ASSIGNMENT)  # p2 switched them off
    assignment_exception_set(  # p3 was excused from both due soon
        assignment=setup["assignments"][0], user_id=p3.pk, excused=True, due_on=None
    )
    assignment_exception_set(
        assignment=setup["assignments"][1], user_id=p3.pk, excused=False, due_on=T + 20 * DAY
    )
    run = reminders_send(today=T)
    assert run.families == 2
    [n0] = Notification.objects.filter(user=p0)
    assert "课程0" in n0.body and "课程1" in n0.body and "课程2" not in n0.body
    [n1] = Notification.objects.filter(user=p1)
    assert "课程0" not in n1.body and "课程1" in n1.body
    assert not Notification.objects.filter(user__in=[p2, p3]).exists()
    # Again the same day: nothing more.
    again = reminders_send(today=T)
    assert again.families == 0 and again.skipped_already_sent == 2
    assert Notification.objects.count() == 2 and ReminderDigest.objects.count() == 2
    # The next day, a new digest.
    assert reminders_send(today=T + DAY).families == 2


def test_reminders_only_write_assignment_notices_and_leave_sending_to_the_digest(setup, settings):
    p0 = setup["parents"][0]
    p0.email = "mum@example.org"
    p0.save()
    settings.EMAIL_HOST = "smtp.example.org"
    reminders_send(today=T)
    assert mail.outbox == []  # lms.notifications.delivery sends it, in the day's digest
    note = Notification.objects.get(user=p0)
    assert note.kind == Notification.Kind.ASSIGNMENT and not note.urgent
    assert note.delivered_at is None


def test_the_beat_task_runs_the_service(setup):
    assert reminders_task.delay().get(timeout=10)["families"] == 4


def test_notifications_page_and_opt_out(client, setup):
    p0 = setup["parents"][0]
    reminders_send(today=T)
    client.force_login(p0)
    home = client.get(reverse("learning:home")).content.decode()
    assert 'class="badge">1<' in home
    page = client.get(reverse("notifications")).content.decode()
    assert "课程0" in page
    assert Notification.objects.get(user=p0).read_at is not None
    others = [k for k in Notification.Kind.values if k != Notification.Kind.ASSIGNMENT]
    client.post(reverse("notification_preferences"), {"kinds": others, "channel": "none"})
    ReminderDigest.objects.all().delete()
    reminders_send(today=T)
    assert Notification.objects.filter(user=p0).count() == 1
    everything = Notification.Kind.values
    client.post(reverse("notification_preferences"), {"kinds": everything, "channel": "none"})
    reminders_send(today=T)
    assert Notification.objects.filter(user=p0).count() == 2
