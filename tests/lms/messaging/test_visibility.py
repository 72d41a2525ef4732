"""Who may see and do what with one family's thread: roles × list, detail, post, report, hide.

Everyone outside the thread gets a 404 (never a hint that it exists): a pending guardian,
another family, a subject teacher of the class who is not the thread's teacher, a teacher of
another class, another school's administrator, the bureau."""

import pytest
from django.urls import reverse

from lms.messaging.models import Message, Report
from tests.lms.messaging.factories import world_build

pytestmark = pytest.mark.django_db

ROLES = [
    "mother",
    "grandmother",
    "head",
    "admin",
    "pending",
    "other_parent",
    "subject",
    "other_teacher",
    "other_admin",
    "bureau",
]
# role: (sees it in a list, opens it, posts, reports the other side's message, hides)
MATRIX = {
    "mother": (True, 200, 302, 302, 404),
    "grandmother": (True, 200, 302, 302, 404),
    "head": (True, 200, 302, 302, 404),
    "admin": (True, 200, 404, 404, 302),
    "pending": (False, 404, 404, 404, 404),
    "other_parent": (False, 404, 404, 404, 404),
    "subject": (False, 404, 404, 404, 404),
    "other_teacher": (False, 404, 404, 404, 404),
    "other_admin": (False, 404, 404, 404, 404),
    "bureau": (False, 404, 404, 404, 404),
}


@pytest.fixture
def world(db):
    return world_build()


def _lists(client, world) -> str:
    """Every list page the person can open: their messages, class A's inbox, the school's."""
    pages = [
        reverse("messaging:inbox"),
        reverse("messaging:class", args=[world.class_a.pk]),
        reverse("messaging:school", args=[world.school.code]),
    ]
    found = ""
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404)
        if response.status_code == 200:
            found += response.content.decode()
    return found


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_lists_opens_posts_reports_and_hides_exactly_as_allowed(client, world, role):
    listed, opens, posts, reports, hides = MATRIX[role]
    user = getattr(world, role)
    client.force_login(user)
    thread = world.thread
    url = reverse("messaging:thread", args=[thread.pk])

    assert (url in _lists(client, world)) is listed
    assert client.get(url).status_code == opens

    before = Message.objects.filter(thread=thread).count()
    assert client.post(url, {"body": f"{role} 写的"}).status_code == posts
    assert Message.objects.filter(thread=thread).count() == before + (posts == 302)

    other_side = world.family_message if role == "head" else world.teacher_message
    report_url = reverse("messaging:report", args=[thread.pk, other_side.pk])
    assert client.post(report_url, {"reason": "rude"}).status_code == reports
    assert Report.objects.filter(reporter=user).exists() is (reports == 302)

    hide_url = reverse("messaging:hide", args=[thread.pk, world.teacher_message.pk])
    assert client.post(hide_url).status_code == hides
    world.teacher_message.refresh_from_db()
    assert (world.teacher_message.hidden_at is not None) is (hides == 302)


def test_someone_signed_out_is_sent_to_sign_in_and_sees_nothing(client, world):
    url = reverse("messaging:thread", args=[world.thread.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(url, {"body": "x"}).status_code == 302
    assert world.thread.messages.count() == 2


def test_a_parent_cannot_start_a_thread_with_a_teacher_of_another_class_by_a_forged_form(
    client, world
):
    client.force_login(world.mother)
    forged = f"{world.student.pk}:{world.other_teacher.pk}"
    response = client.post(reverse("messaging:new"), {"to": forged, "body": "你好"})
    assert response.status_code == 404
    assert Message.objects.count() == 2


def test_a_parent_cannot_write_about_another_familys_child(client, world):
    other_child = world.other_parent.school_guardianships.get().student
    client.force_login(world.mother)
    forged = f"{other_child.pk}:{world.head.pk}"
    assert client.post(reverse("messaging:new"), {"to": forged, "body": "你好"}).status_code == 404


def test_a_pending_guardian_cannot_start_a_thread(client, world):
    client.force_login(world.pending)
    forged = f"{world.student.pk}:{world.head.pk}"
    assert client.post(reverse("messaging:new"), {"to": forged, "body": "你好"}).status_code == 404


def test_a_message_id_of_another_thread_is_not_found_in_this_one(client, world):
    from lms.messaging.services import thread_start

    other_child = world.other_parent.school_guardianships.get().student
    other = thread_start(user=world.other_parent, student=other_child, teacher=world.head, body="x")
    client.force_login(world.mother)
    report_url = reverse("messaging:report", args=[world.thread.pk, other.messages.get().pk])
    assert client.post(report_url, {"reason": "rude"}).status_code == 404


def test_a_teacher_who_no_longer_teaches_the_class_loses_the_thread(client, world):
    world.class_a.head_teacher = world.other_teacher
    world.class_a.save()
    client.force_login(world.head)
    assert client.get(reverse("messaging:thread", args=[world.thread.pk])).status_code == 404


def test_a_thirty_digit_thread_id_is_not_found(client, world):
    client.force_login(world.mother)
    assert client.get("/messages/" + "9" * 30 + "/").status_code == 404
