import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group

from lms.accounts.roles import Role
from lms.accounts.services import user_create
from lms.core.errors import ServiceError

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-9"


@pytest.fixture
def parent():
    return user_create(username="p1", password=PASSWORD, phone="138 0013 8000", roles=[Role.PARENT])


@pytest.mark.parametrize("typed", ["13800138000", "+86 138-0013-8000", "p1"])
def test_parent_signs_in_with_phone_in_any_spelling_or_username(parent, typed):
    assert authenticate(username=typed, password=PASSWORD) == parent


def test_wrong_password_and_unknown_phone_fail(parent):
    assert authenticate(username="13800138000", password="wrong") is None
    assert authenticate(username="13900000000", password=PASSWORD) is None


def test_username_made_of_digits_still_signs_in():
    user = user_create(username="13911112222", password=PASSWORD)
    assert authenticate(username="13911112222", password=PASSWORD) == user


def test_inactive_user_cannot_sign_in(parent):
    parent.is_active = False
    parent.save()
    assert authenticate(username="13800138000", password=PASSWORD) is None


def test_phone_is_unique_and_validated(parent):
    with pytest.raises(ServiceError, match="already registered"):
        user_create(username="p2", password=PASSWORD, phone="+8613800138000")
    with pytest.raises(ServiceError, match="not a mainland mobile number"):
        user_create(username="p3", password=PASSWORD, phone="12345")


def test_login_page_signs_in_by_phone(client, parent):
    response = client.post("/accounts/login/", {"username": "138 0013 8000", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(parent.pk)


def test_login_page_explains_a_failure_in_chinese_and_keeps_the_form(client, parent):
    response = client.post("/accounts/login/", {"username": "13800138000", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "手机号或用户名" in html
    assert "不匹配" in html
    assert 'value="13800138000"' in html


def test_roles_exist_from_the_migrations():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.value for role in Role} <= names


@pytest.mark.parametrize(
    ("role", "admin"),
    [
        (Role.PARENT, False),
        (Role.TEACHER, False),
        (Role.LECTURER, True),
        (Role.REVIEWER, True),
        (Role.SCHOOL_ADMIN, True),
        (Role.BUREAU_ADMIN, True),
    ],
)
def test_admin_access_by_role(client, role, admin):
    user = user_create(username=f"u-{role.value}", password=PASSWORD, roles=[role])
    client.force_login(user)
    response = client.get("/admin/")
    if admin:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
