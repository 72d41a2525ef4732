"""The pages: register with a code, sign in by code, reset a password, as a person would."""

import re

import pytest
from django.contrib.auth import get_user_model

from lms.accounts.models import PhoneCode
from lms.learning.models import Guardianship
from lms.schools.models import Guardian
from lms.schools.roster import roster_import
from tests.courses.factories import UserFactory
from tests.lms.accounts.helpers import code_request, last_code, register
from tests.lms.schools.factories import class_add, school_add

pytestmark = pytest.mark.django_db
PASSWORD = "liang-ge-mi-ma-7"
ROSTER_NUMBER = "13700004444"


@pytest.fixture
def roster():
    school = school_add()
    class_add(school)
    rows = f"年级,班级,学生,家长,手机号,关系\n三年级,2班,小红,,{ROSTER_NUMBER},母亲\n"
    assert roster_import(rows.encode(), school=school).ok


def test_register_asks_for_the_number_first_then_the_code(client, sms_outbox):
    page = client.get("/accounts/register/").content.decode()
    assert "获取短信验证码" in page and "id_password1" not in page
    response = client.post("/accounts/register/", {"phone": "139 1234 5678", "send": "1"})
    body = response.content.decode()
    assert "验证码已发送到 139****5678" in body and "id_code" in body
    assert sms_outbox[-1].to == "13912345678"
    data = {"phone": "13912345678", "code": last_code("13912345678")}
    response = client.post(
        "/accounts/register/", {**data, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(phone="13912345678")
    assert user.phone_verified_at is not None


def test_a_stranger_registering_a_roster_number_without_the_code_sees_no_child(client, roster):
    # The number circulates in the class group; the stranger never gets the text message.
    response = client.post(
        "/accounts/register/",
        {"phone": ROSTER_NUMBER, "code": "000000", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200 and "验证码" in response.content.decode()
    assert not get_user_model().objects.filter(phone=ROSTER_NUMBER).exists()
    guardian = Guardian.objects.get()
    assert guardian.user is None and guardian.student.child is None


def test_a_stranger_guessing_the_code_gets_nowhere(client, roster):
    code_request(client, "/accounts/register/", ROSTER_NUMBER)  # sent to the real mother
    real = last_code(ROSTER_NUMBER)
    wrong = f"{(int(real) + 1) % 10**6:06d}"
    data = {"phone": ROSTER_NUMBER, "code": wrong, "password1": PASSWORD, "password2": PASSWORD}
    body = client.post("/accounts/register/", data).content.decode()
    assert "验证码不正确" in body
    assert not Guardianship.objects.exists()


def test_the_mother_registering_with_the_code_gets_her_child(client, roster):
    assert register(client, ROSTER_NUMBER, PASSWORD).status_code == 302
    guardian = Guardian.objects.get()
    assert guardian.user.phone == ROSTER_NUMBER and guardian.student.child.nickname == "小红"


def test_registering_a_registered_number_is_said_only_after_the_code(client):
    UserFactory(phone="13912345678")
    response = client.post("/accounts/register/", {"phone": "13912345678", "send": "1"})
    # The same answer as for a new number.
    assert "这个手机号已经注册过了" not in response.content.decode()
    assert "验证码已发送到 139****5678" in response.content.decode()
    data = {"phone": "13912345678", "code": last_code("13912345678")}
    response = client.post(
        "/accounts/register/", {**data, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200 and "这个手机号已经注册过了" in response.content.decode()
    assert get_user_model().objects.filter(phone="13912345678").count() == 1


def test_sign_in_by_code(client):
    parent = UserFactory(phone="13912345678")
    code = code_request(client, "/accounts/login/code/", "13912345678")
    response = client.post("/accounts/login/code/", {"phone": "13912345678", "code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(parent.pk)
    parent.refresh_from_db()
    assert parent.phone_verified_at is not None


def test_signing_in_by_code_links_the_roster_entry_to_an_older_account(client, roster):
    older = UserFactory(phone=ROSTER_NUMBER)  # registered before codes; not linked so far
    assert not Guardianship.objects.filter(user=older).exists()
    code = code_request(client, "/accounts/login/code/", ROSTER_NUMBER)
    client.post("/accounts/login/code/", {"phone": ROSTER_NUMBER, "code": code})
    assert Guardian.objects.get().user == older


def test_code_sign_in_for_an_unknown_number_answers_the_same_and_sends_nothing(client, sms_outbox):
    UserFactory(phone="13912345678")
    known = client.post("/accounts/login/code/", {"phone": "13912345678", "send": "1"})
    unknown = client.post(
        "/accounts/login/code/", {"phone": "13911112222", "send": "1"}, REMOTE_ADDR="10.0.0.9"
    )
    assert known.status_code == unknown.status_code == 200
    assert "验证码已发送到 139****5678" in known.content.decode()
    assert "验证码已发送到 139****2222" in unknown.content.decode()
    assert [m.to for m in sms_outbox] == ["13912345678"]
    wrong = client.post("/accounts/login/code/", {"phone": "13911112222", "code": "123456"})
    assert "验证码不正确" in wrong.content.decode()
    assert "_auth_user_id" not in client.session


def test_sends_past_the_limit_say_how_long_to_wait(client):
    client.post("/accounts/login/code/", {"phone": "13912345678", "send": "1"})
    response = client.post("/accounts/login/code/", {"phone": "13912345678", "send": "1"})
    assert response.status_code == 429 and int(response["Retry-After"]) <= 60
    assert re.search(r"请 \d+ (秒|分钟)后再试", response.content.decode())
    assert PhoneCode.objects.count() == 1


def test_password_reset_by_sms_code(client):
    parent = UserFactory(phone="13912345678")
    code = code_request(client, "/accounts/password/reset/", "13912345678")
    new = "xin-mi-ma-2026-a"
    data = {"phone": "13912345678", "code": code, "password1": new, "password2": new}
    response = client.post("/accounts/password/reset/", data)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    parent.refresh_from_db()
    assert parent.check_password(new)
    again = client.post("/accounts/password/reset/", {**data, "password1": "x" * 12})
    assert again.status_code == 200
    parent.refresh_from_db()
    assert parent.check_password(new)


def test_a_password_reset_needs_matching_good_passwords_and_changes_nothing_otherwise(client):
    parent = UserFactory(phone="13912345678")
    code = code_request(client, "/accounts/password/reset/", "13912345678")
    data = {"phone": "13912345678", "code": code, "password1": "123", "password2": "123"}
    response = client.post("/accounts/password/reset/", data)
    assert response.status_code == 200 and "密码" in response.content.decode()
    parent.refresh_from_db()
    assert parent.check_password("pw-for-tests-1")
    # The code was not spent on the refused attempt.
    good = "xin-mi-ma-2026-a"
    data.update(password1=good, password2=good)
    assert client.post("/accounts/password/reset/", data).status_code == 302


def test_the_sign_in_page_offers_code_sign_in_and_a_forgotten_password(client):
    body = client.get("/accounts/login/").content.decode()
    assert "/accounts/login/code/" in body and "/accounts/password/reset/" in body
    assert "忘记密码" in body and "短信验证码登录" in body


def test_a_too_short_password_is_refused_in_chinese_only():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validate_password("123456")
    messages = " ".join(error.value.messages)
    assert "太短" in messages and "too short" not in messages
