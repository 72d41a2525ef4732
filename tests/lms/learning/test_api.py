"""The progress API's contract and its error matrix: never a 500."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

from tests.courses.factories import lesson_add

pytestmark = pytest.mark.django_db


def url(lesson_id):
    return f"/api/v1/lessons/{lesson_id}/progress"


@pytest.fixture
def client_in(client, parent):
    client.force_login(parent)
    return client


def post(client, lesson_id, body, **extra):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(url(lesson_id), data, content_type="application/json", **extra)


def test_post_then_get_return_the_documented_shape(client_in, video_lesson):
    response = post(client_in, video_lesson.pk, {"intervals": [[0, 12.5]], "position": 12.5})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"watched_seconds", "duration", "fraction", "completed", "position"}
    assert body["watched_seconds"] == 12.5 and body["duration"] == 100 and body["position"] == 12.5
    assert client_in.get(url(video_lesson.pk)).json() == body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"{not json", "body"),
        (b"\xff\xfe", "body"),
        ('{"intervals": [[0, NaN]]}', "body"),
        ('{"intervals": [[0, Infinity]]}', "body"),
        ({"intervals": [[1, "2"]]}, "intervals[0][1]"),
        ({"intervals": [[-5, 2]]}, "intervals[0][0]"),
        ({"intervals": [[9, 2]]}, "intervals[0]"),
        ({"intervals": [[0, 1]] * 1001}, "intervals"),
        ([1, 2], "body"),
        ("[" * 5000, "body"),
        ("[" * 5000 + "]" * 5000, "body"),
        ('{"intervals": ' + "[" * 5000 + "]" * 5000 + "}", "body"),
        ({"intervals": [], "position": "x"}, "position"),
    ],
)
def test_bad_bodies_get_400_naming_the_field(client_in, video_lesson, body, field):
    response = post(client_in, video_lesson.pk, body)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field


def test_oversized_body_and_wrong_content_type(client_in, video_lesson):
    big = json.dumps({"intervals": [], "padding": "x" * 70000})
    assert post(client_in, video_lesson.pk, big).status_code == 400
    form = client_in.post(url(video_lesson.pk), {"intervals": "[]"})
    assert form.status_code == 400 and "Content-Type" in form.json()["error"]["message"]


def test_unknown_or_unpublished_lesson_is_404(client_in, course):
    draft = lesson_add(course, title="草稿", live=False)
    assert post(client_in, draft.pk, {"intervals": []}).status_code == 404
    assert post(client_in, 999999, {"intervals": []}).status_code == 404
    assert client_in.get(url(999999)).status_code == 404


def test_no_authentication_is_401(client, video_lesson):
    assert post(client, video_lesson.pk, {"intervals": []}).status_code == 401
    assert client.get(url(video_lesson.pk)).status_code == 401


def test_bearer_token_from_the_command(parent, video_lesson, capsys):
    call_command("create_api_token", parent.username)
    token = capsys.readouterr().out.strip()
    api = Client()
    ok = post(api, video_lesson.pk, {"intervals": [[0, 5]]}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert ok.status_code == 200 and ok.json()["watched_seconds"] == 5
    bad = post(api, video_lesson.pk, {"intervals": []}, HTTP_AUTHORIZATION="Bearer wrong")
    assert bad.status_code == 401


def test_only_get_and_post(client_in, video_lesson):
    assert client_in.put(url(video_lesson.pk)).status_code == 405


def test_reading_endpoint(client_in, course, video_lesson):
    reading = lesson_add(course, title="阅读")
    response = client_in.post(
        f"/api/v1/lessons/{reading.pk}/read", "{}", content_type="application/json"
    )
    error = response.json()["error"]
    assert (
        response.status_code == 400 and "请再阅读" in error["message"] and "秒" in error["message"]
    )
    assert 55 <= error["remaining"] <= 60  # the page counts down from this
    assert client_in.post(f"/api/v1/lessons/{video_lesson.pk}/read").status_code == 400


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("", "application/json"),
        ("[]", "application/json"),
        ("[" * 5000, "application/json"),
        ("{}", "text/plain"),
        ("{}", "application/x-www-form-urlencoded"),
    ],
)
def test_reading_endpoint_needs_a_json_object_body(client_in, course, body, content_type):
    reading = lesson_add(course, title="阅读")
    response = client_in.post(f"/api/v1/lessons/{reading.pk}/read", body, content_type=content_type)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "body"


def test_reading_endpoint_refuses_a_cross_site_form(client_in, course):
    reading = lesson_add(course, title="阅读")
    form = client_in.post(f"/api/v1/lessons/{reading.pk}/read", {"anything": "1"})
    assert form.status_code == 400 and "Content-Type" in form.json()["error"]["message"]
