"""Roster claims only for proved numbers; unverified claims listed for the school to confirm;
teachers' one-time reset codes for parents without SMS."""

import io
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone

from lms.accounts.services import password_reset
from lms.core.errors import ServiceError
from lms.learning.models import Guardianship
from lms.schools.models import Guardian
from lms.schools.roster import roster_import
from lms.schools.services.joining import guardian_reset_code_issue, guardians_claim
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db
NUMBER = "13700005555"


@pytest.fixture
def world():
    school = school_add()
    head = staff_add(school)
    school_class = class_add(school, teacher=head)
    rows = f"年级,班级,学生,家长,手机号,关系\n三年级,2班,小红,,{NUMBER},母亲\n"
    assert roster_import(rows.encode(), school=school).ok
    return school, school_class, head


def test_bare_registration_claims_nothing(world):
    stranger = UserFactory(phone=NUMBER)
    assert guardians_claim(user=stranger) == 0
    assert Guardian.objects.get().user is None
    assert not Guardianship.objects.filter(user=stranger).exists()


def test_a_verified_number_claims_its_roster_entry(world):
    mother = UserFactory(phone=NUMBER, phone_verified_at=timezone.now())
    assert guardians_claim(user=mother) == 1
    assert Guardian.objects.get().student.child.guardianships.get().user == mother


@pytest.fixture
def legacy_claim(world):
    """A claim made before codes existed: linked, never verified, never confirmed."""
    school, school_class, head = world
    stranger = UserFactory(phone=NUMBER)
    Guardian.objects.filter(phone=NUMBER).update(user=stranger, joined_at=timezone.now())
    return Guardian.objects.get()


def test_unverified_claims_are_listed_by_the_command_with_masked_numbers(legacy_claim):
    out = io.StringIO()
    call_command("guardians_unverified", "--school", "s1", stdout=out)
    text = out.getvalue()
    assert "小红" in text and "137****5555" in text and NUMBER not in text
    assert "1 unverified family" in text


def test_unverified_claims_are_shown_on_the_class_page_and_a_teacher_confirms(
    client, world, legacy_claim
):
    school, school_class, head = world
    client.force_login(head)
    page = client.get(f"/school/classes/{school_class.pk}/").content.decode()
    assert "待确认的家庭" in page and "137****5555" in page
    response = client.post(f"/school/classes/{school_class.pk}/families/{legacy_claim.pk}/confirm/")
    assert response.status_code == 302
    legacy_claim.refresh_from_db()
    assert legacy_claim.confirmed_by == head and legacy_claim.confirmed_at is not None
    out = io.StringIO()
    call_command("guardians_unverified", stdout=out)
    assert "0 unverified families" in out.getvalue()
    assert "待确认的家庭" not in client.get(f"/school/classes/{school_class.pk}/").content.decode()


def test_a_teacher_of_another_class_cannot_confirm(client, world, legacy_claim):
    school, school_class, head = world
    other = staff_add(school)
    class_add(school, name="3班", teacher=other)
    client.force_login(other)
    url = f"/school/classes/{school_class.pk}/families/{legacy_claim.pk}/confirm/"
    assert client.post(url).status_code == 404
    legacy_claim.refresh_from_db()
    assert legacy_claim.confirmed_at is None


@pytest.fixture
def parent_in_class(world):
    school, school_class, head = world
    parent = family_join(school_class, nickname="小刚")
    return parent, Guardian.objects.get(user=parent)


def test_the_head_teacher_issues_a_reset_code_that_works_once(
    client, world, parent_in_class, caplog
):
    school, school_class, head = world
    parent, guardian = parent_in_class
    caplog.set_level(logging.INFO)
    client.force_login(head)
    response = client.post(f"/school/classes/{school_class.pk}/families/{guardian.pk}/reset-code/")
    assert response.status_code == 200
    code = response.content.decode().split("data-reset-code>")[1].split("<")[0]
    assert len(code) == 8
    assert "reset code issued for user" in caplog.text and code not in caplog.text
    new = "xin-mi-ma-2026-b"
    password_reset(phone=parent.phone, code=code.lower(), password=new)
    parent.refresh_from_db()
    assert parent.check_password(new)
    with pytest.raises(ServiceError, match="已经用过"):
        password_reset(phone=parent.phone, code=code, password="another-pass-9x")
    with pytest.raises(ServiceError) as guess:  # a guesser learns nothing about past codes
        password_reset(phone=parent.phone, code="ABCD2345", password="another-pass-9x")
    assert "已经用过" not in str(guess.value)


def test_a_reset_code_works_through_the_forgotten_password_page(client, world, parent_in_class):
    school, school_class, head = world
    parent, guardian = parent_in_class
    code = guardian_reset_code_issue(guardian=guardian, by=head)
    new = "xin-mi-ma-2026-c"
    data = {"phone": parent.phone, "code": code, "password1": new, "password2": new}
    assert client.post("/accounts/password/reset/", data).status_code == 302
    again = client.post("/accounts/password/reset/", data)
    assert again.status_code == 200 and "已经用过" in again.content.decode()


def test_another_classes_teacher_cannot_issue_a_reset_code(client, world, parent_in_class):
    school, school_class, head = world
    parent, guardian = parent_in_class
    other = staff_add(school)
    class_add(school, name="3班", teacher=other)
    with pytest.raises(ServiceError):
        guardian_reset_code_issue(guardian=guardian, by=other)
    client.force_login(other)
    url = f"/school/classes/{school_class.pk}/families/{guardian.pk}/reset-code/"
    assert client.post(url).status_code == 404


def test_a_class_teacher_who_is_not_the_head_teacher_cannot_issue_one(world, parent_in_class):
    school, school_class, head = world
    parent, guardian = parent_in_class
    helper = staff_add(school)
    school_class.teachers.add(helper)
    with pytest.raises(ServiceError, match="班主任"):
        guardian_reset_code_issue(guardian=guardian, by=helper)


def test_a_school_admin_may_issue_one_but_never_for_a_staff_account(world, parent_in_class):
    school, school_class, head = world
    parent, guardian = parent_in_class
    admin = staff_add(school, admin=True)
    assert guardian_reset_code_issue(guardian=guardian, by=admin)
    colleague_guardian = Guardian.objects.get(
        user=family_join(school_class, nickname="小丽", parent=staff_add(school))
    )
    with pytest.raises(ServiceError, match="家长账号"):
        guardian_reset_code_issue(guardian=colleague_guardian, by=admin)


def test_a_wrong_reset_code_changes_nothing(world, parent_in_class):
    school, school_class, head = world
    parent, guardian = parent_in_class
    guardian_reset_code_issue(guardian=guardian, by=head)
    with pytest.raises(ServiceError, match="不正确"):
        password_reset(phone=parent.phone, code="ABCDEFGH", password="xin-mi-ma-2026-d")
    parent.refresh_from_db()
    assert parent.check_password("pw-for-tests-1")
