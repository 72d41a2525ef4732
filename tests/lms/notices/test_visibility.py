"""Who may see and do what with a class notice (with an attachment, asking confirmation,
sent by the head teacher of class A): anything a person should not know exists is a 404,
and only the sender's side sees who has not confirmed."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.lms.notices.factories import class_notice, pdf_upload, world_build

pytestmark = pytest.mark.django_db

LOGIN = "login"
# (list, detail, attachment, confirm, who-has-not-confirmed, withdraw page)
EXPECTED = {
    "anonymous": (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "parent in the audience": (200, 200, 200, 302, 404, 404),
    "parent of another class": (200, 404, 404, 404, 404, 404),
    "parent of another school": (200, 404, 404, 404, 404, 404),
    "head teacher of the class": (200, 200, 200, 404, 200, 200),
    "teacher of another class": (200, 404, 404, 404, 404, 404),
    "school admin": (200, 200, 200, 404, 200, 200),
    "other school's admin": (200, 404, 404, 404, 404, 404),
    "bureau": (200, 404, 404, 404, 404, 404),
}


def _people(world):
    return {
        "anonymous": None,
        "parent in the audience": world.parents_a[0],
        "parent of another class": world.parent_b,
        "parent of another school": world.other_parent,
        "head teacher of the class": world.head,
        "teacher of another class": world.other_teacher,
        "school admin": world.admin,
        "other school's admin": world.other_admin,
        "bureau": world.bureau,
    }


@pytest.mark.parametrize("who", list(EXPECTED))
def test_the_visibility_matrix(who):
    world = world_build()
    notice = class_notice(world, files=[pdf_upload()])
    attachment = notice.attachments.get()
    client = Client()
    person = _people(world)[who]
    if person is not None:
        client.force_login(person)
    requests = [
        ("get", reverse("notices:list")),
        ("get", reverse("notices:detail", args=[notice.pk])),
        ("get", reverse("notices:attachment", args=[notice.pk, attachment.pk])),
        ("post", reverse("notices:confirm", args=[notice.pk])),
        ("get", reverse("notices:unconfirmed", args=[notice.pk])),
        ("get", reverse("notices:withdraw", args=[notice.pk])),
    ]
    got = []
    for method, url in requests:
        response = getattr(client, method)(url)
        if response.status_code == 302 and "/accounts/login/" in response["Location"]:
            got.append(LOGIN)
        else:
            got.append(response.status_code)
    assert tuple(got) == EXPECTED[who]
    listed = client.get(reverse("notices:list")) if person else None
    if listed is not None:
        shown = notice.title in listed.content.decode()
        assert shown == (EXPECTED[who][1] == 200)


def test_withdrawing_by_post_is_for_the_sender_and_the_school_admin_only():
    world = world_build()
    notice = class_notice(world)
    url = reverse("notices:withdraw", args=[notice.pk])
    for outsider in (world.parents_a[0], world.other_teacher, world.other_admin, world.bureau):
        client = Client()
        client.force_login(outsider)
        assert client.post(url).status_code == 404
    notice.refresh_from_db()
    assert notice.withdrawn_at is None
    client = Client()
    client.force_login(world.admin)
    assert client.post(url).status_code == 302
    notice.refresh_from_db()
    assert notice.withdrawn_by == world.admin


def test_a_30_digit_id_is_a_404_not_an_error():
    world = world_build()
    client = Client()
    client.force_login(world.parents_a[0])
    assert client.get("/notices/" + "9" * 30 + "/").status_code == 404
