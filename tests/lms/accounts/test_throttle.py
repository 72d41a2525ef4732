"""Sign-in throttling (django-axes) with a controllable clock: per number, per address, the
admin's sign-in, code sign-in and bearer tokens; lockouts logged; schools and the bureau
unlock their own people."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from lms.accounts.roles import Role
from lms.learning.services import api_token_create
from tests.courses.factories import UserFactory
from tests.lms.accounts.helpers import code_request
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-1"
NUMBER = "13800138000"


@pytest.fixture
def clock():
    start = timezone.datetime(2026, 3, 2, 20, 0, tzinfo=timezone.get_fixed_timezone(480))
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


@pytest.fixture
def parent():
    return UserFactory(phone=NUMBER, role=Role.PARENT)


def sign_in(client, username, password, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_five_wrong_passwords_lock_the_number_with_a_chinese_wait(client, clock, parent):
    spellings = ["13800138000", "+86 138 0013 8000", "138-0013-8000", "8613800138000"]
    for typed in spellings:  # every spelling is the same number
        assert sign_in(client, typed, "wrong").status_code == 200
    assert sign_in(client, NUMBER, "wrong").status_code == 429  # the fifth locks
    response = sign_in(client, NUMBER, PASSWORD)  # even the right password waits now
    assert response.status_code == 429
    assert "失败次数太多" in response.content.decode() and "15 分钟" in response.content.decode()
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60
    assert "_auth_user_id" not in client.session
    clock.shift(timedelta(minutes=10))
    assert sign_in(client, NUMBER, PASSWORD).status_code == 429
    clock.shift(timedelta(minutes=16))
    assert sign_in(client, NUMBER, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(parent.pk)


def test_a_few_failures_then_the_right_password_still_signs_in(client, clock, parent):
    for _ in range(3):
        sign_in(client, NUMBER, "wrong")
    assert sign_in(client, NUMBER, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):  # the earlier failures were forgotten with the good sign-in
        assert sign_in(client, NUMBER, "wrong").status_code == 200


def test_signing_in_to_an_own_account_does_not_reset_a_guesser(client, clock, parent):
    own = UserFactory(phone="13911112222")
    for _ in range(4):
        sign_in(client, NUMBER, "wrong")
    assert sign_in(client, own.phone, PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, NUMBER, "wrong").status_code == 429


def test_one_address_trying_many_numbers_is_held_back(client, clock, settings):
    settings.AXES_FAILURES_PER_ADDRESS = 8
    for n in range(8):
        sign_in(client, f"1390000000{n}", "wrong", REMOTE_ADDR="10.1.1.1")
    other = UserFactory(phone="13911112222")
    assert sign_in(client, "13911112222", PASSWORD, REMOTE_ADDR="10.1.1.1").status_code == 429
    response = sign_in(client, "13911112222", PASSWORD, REMOTE_ADDR="10.1.1.2")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(other.pk)


def test_the_admin_sign_in_is_throttled_too(client, clock):
    UserFactory(username="editor", role=Role.LECTURER)
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429 and "Retry-After" in response


def test_wrong_sign_in_codes_count_like_wrong_passwords(client, clock, parent):
    code = code_request(client, "/accounts/login/code/", NUMBER)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        client.post("/accounts/login/code/", {"phone": NUMBER, "code": wrong})
    response = client.post("/accounts/login/code/", {"phone": NUMBER, "code": code})
    assert response.status_code == 429 and "失败次数太多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_random_bearer_tokens_get_429_with_retry_after(client, clock):
    url = "/api/v1/lessons/1/progress"
    statuses = [
        client.get(url, HTTP_AUTHORIZATION=f"Bearer guess-{n}").status_code for n in range(12)
    ]
    assert statuses[:9] == [401] * 9 and set(statuses[9:]) == {429}
    response = client.get(url, HTTP_AUTHORIZATION="Bearer guess-x")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "失败次数太多" in response.json()["error"]
    # Another address is not held back, and a good token is never slowed by the check.
    assert client.get(url, HTTP_AUTHORIZATION="Bearer g", REMOTE_ADDR="10.2.2.2").status_code == 401
    key = api_token_create(user=UserFactory())
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 404


def test_a_lockout_is_logged_with_the_number_masked(client, clock, parent, caplog):
    caplog.set_level(logging.INFO)
    for _ in range(5):
        sign_in(client, NUMBER, "wrong")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "sign-in locked out: 138****8000" in text
    assert NUMBER not in text and "wrong" not in text


@pytest.fixture
def school_world():
    school = school_add()
    admin = staff_add(school, admin=True)
    school_class = class_add(school, teacher=staff_add(school))
    member = family_join(school_class)
    other_school = school_add(code="s2", name="河西小学")
    outsider = family_join(class_add(other_school))
    return admin, member, outsider


def _lock(client, phone):
    for _ in range(5):
        sign_in(client, phone, "wrong")


def test_a_school_admin_unlocks_a_family_of_their_school_only(client, clock, school_world):
    admin, member, outsider = school_world
    _lock(client, member.phone)
    _lock(client, outsider.phone)
    client.force_login(admin)
    page = client.get("/school/lockouts/").content.decode()
    masked = f"{member.phone[:3]}****{member.phone[-4:]}"
    assert masked in page and outsider.phone[-4:] + "<" not in page
    assert client.post("/school/lockouts/", {"username": outsider.phone}).status_code == 404
    assert client.post("/school/lockouts/", {"username": member.phone}).status_code == 302
    client.logout()
    assert sign_in(client, member.phone, PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, outsider.phone, PASSWORD).status_code == 429


def test_the_bureau_unlocks_anyone_and_a_teacher_cannot_open_the_page(client, clock, school_world):
    admin, member, outsider = school_world
    _lock(client, outsider.phone)
    teacher = staff_add(admin.school_posts.get().school)
    client.force_login(teacher)
    assert client.get("/school/lockouts/").status_code == 404
    client.force_login(UserFactory(role=Role.BUREAU_ADMIN))
    assert client.post("/school/lockouts/", {"username": outsider.phone}).status_code == 302
    client.logout()
    assert sign_in(client, outsider.phone, PASSWORD).status_code == 302


def test_behind_the_proxy_the_address_is_the_one_it_appended(client, clock, settings):
    settings.LMS_PROXY_COUNT = 1
    settings.AXES_FAILURES_PER_ADDRESS = 3
    for n in range(3):  # the client's own X-Forwarded-For entry does not help it
        sign_in(
            client, f"1390000000{n}", "wrong",
            REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.7",
        )  # fmt: skip
    blocked = sign_in(
        client, "13900000009", "wrong", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert blocked.status_code == 429
    other = sign_in(
        client, "13900000009", "wrong", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert other.status_code == 200


def test_the_username_and_the_number_of_one_account_share_one_count(client, clock):
    UserFactory(username="wang-laoshi", phone="13922223333")
    for typed in ("wang-laoshi", "13922223333", "wang-laoshi", "139 2222 3333"):
        assert sign_in(client, typed, "wrong").status_code == 200
    assert sign_in(client, "wang-laoshi", "wrong").status_code == 429
    # Locked under either spelling; the right password under the other one does not help.
    assert sign_in(client, "13922223333", PASSWORD).status_code == 429
    assert sign_in(client, "wang-laoshi", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_near_number_is_masked_in_the_lockout_log(client, clock, caplog):
    caplog.set_level(logging.INFO)
    typed = "13800138000\u200b"  # a zero-width space pasted from a chat
    for _ in range(5):
        sign_in(client, typed, "wrong")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "sign-in locked out: 138****8000" in text or "138****" in text
    assert "13800138000" not in text
