"""Naming ledger staff: only a ledger officer, never oneself, only a school's own staff or
bureau staff, and every grant, change, end and refusal in the audit log."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lms.accounts.roles import Role
from lms.core.errors import ServiceError
from lms.support.models import AuditEntry, Designation
from lms.support.services import designation_change, designation_end, designation_grant
from tests.courses.factories import UserFactory
from tests.lms.schools.factories import class_add, family_join, school_add, staff_add

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_support_designation:add")
LIST = reverse("wagtailsnippets_support_designation:list")


@pytest.fixture
def world():
    school, other_school = school_add(), school_add(code="s2", name="河口小学")
    officer = UserFactory(role=Role.LEDGER_OFFICER)
    officer.groups.add(*UserFactory(role=Role.BUREAU_ADMIN).groups.all())
    teacher = staff_add(school)
    school_class = class_add(school, teacher=teacher)
    return {
        "school": school,
        "other_school": other_school,
        "officer": officer,
        "teacher": teacher,
        "other_teacher": staff_add(other_school),
        "bureau": UserFactory(role=Role.BUREAU_ADMIN),
        "parent": family_join(school_class, nickname="小花"),
    }


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _last():
    return AuditEntry.objects.order_by("-pk").first()


def test_a_ledger_officer_designates_a_teacher_of_the_school_and_it_is_audited(world):
    designation = designation_grant(
        by=world["officer"], user=world["teacher"], school=world["school"]
    )
    assert designation.granted_by == world["officer"]
    entry = _last()
    assert (entry.user, entry.action, entry.school_id) == (
        world["officer"],
        AuditEntry.Action.GRANT,
        world["school"].pk,
    )
    assert world["teacher"].username in entry.detail and world["school"].name in entry.detail


@pytest.mark.parametrize(
    "who, school, message",
    [
        ("officer", None, "themselves"),
        ("parent", "school", "Only staff of"),
        ("other_teacher", "school", "Only staff of"),
        ("teacher", None, "only bureau staff"),
    ],
)
def test_bad_designations_are_refused_with_a_message_and_audited(world, who, school, message):
    school = world[school] if school else None
    with translation.override("en"), pytest.raises(ServiceError) as refused:
        designation_grant(by=world["officer"], user=world[who], school=school)
    assert message in str(refused.value)
    assert not Designation.objects.exists()
    entry = _last()
    assert (entry.user, entry.action) == (world["officer"], AuditEntry.Action.DENIED)
    assert world[who].username in entry.detail


def test_a_bureau_admin_who_is_no_ledger_officer_cannot_designate_even_themselves(world):
    bureau = world["bureau"]
    with pytest.raises(ServiceError):
        designation_grant(by=bureau, user=bureau, school=None)
    assert not Designation.objects.exists()
    assert _last().action == AuditEntry.Action.DENIED
    client = _client(bureau)
    assert client.get(ADD).status_code in (302, 403)
    assert client.post(ADD, {"user": bureau.pk, "school": ""}).status_code in (302, 403)
    assert not Designation.objects.exists()


def test_changing_and_ending_a_designation_are_audited(world):
    designation = designation_grant(by=world["officer"], user=world["bureau"], school=None)
    designation_change(
        by=world["officer"], designation=designation, user=world["teacher"], school=world["school"]
    )
    designation.refresh_from_db()
    assert (designation.user, designation.school) == (world["teacher"], world["school"])
    amend = _last()
    assert amend.action == AuditEntry.Action.AMEND
    assert world["bureau"].username in amend.detail and world["teacher"].username in amend.detail
    designation_end(by=world["officer"], designation=designation)
    assert not Designation.objects.exists()
    assert _last().action == AuditEntry.Action.REVOKE


def test_changing_a_designation_to_oneself_is_refused(world):
    designation = designation_grant(by=world["officer"], user=world["bureau"], school=None)
    with pytest.raises(ServiceError):
        designation_change(
            by=world["officer"], designation=designation, user=world["officer"], school=None
        )
    designation.refresh_from_db()
    assert designation.user == world["bureau"]
    assert _last().action == AuditEntry.Action.DENIED


def test_the_admin_form_offers_only_staff_and_bureau_staff(world):
    body = _client(world["officer"]).get(ADD).content.decode()
    assert f'value="{world["teacher"].pk}"' in body
    assert f'value="{world["bureau"].pk}"' in body
    assert f'value="{world["parent"].pk}"' not in body
    # Each option says where the person works, for the list's filter by school.
    assert f'data-place="{world["school"].pk}" value="{world["teacher"].pk}"' in body or (
        f'value="{world["teacher"].pk}" data-place="{world["school"].pk}"' in body
    )
    assert "js/designation_form.js" in body


def test_the_admin_form_designates_through_the_service(world):
    client = _client(world["officer"])
    response = client.post(ADD, {"user": world["teacher"].pk, "school": world["school"].pk})
    assert response.status_code == 302
    designation = Designation.objects.get()
    assert (designation.user, designation.granted_by) == (world["teacher"], world["officer"])
    assert _last().action == AuditEntry.Action.GRANT


@pytest.mark.parametrize("who", ["officer", "parent", "other_teacher"])
def test_a_forged_choice_in_the_admin_form_gets_a_chinese_message_and_is_audited(world, who):
    client = _client(world["officer"])
    response = client.post(ADD, {"user": world[who].pk, "school": world["school"].pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "不能指定自己" in body or "只能指定" in body
    assert not Designation.objects.exists()
    assert _last().action == AuditEntry.Action.DENIED


def test_ending_a_designation_in_the_admin_is_audited(world):
    designation = designation_grant(by=world["officer"], user=world["bureau"], school=None)
    client = _client(world["officer"])
    delete = reverse("wagtailsnippets_support_designation:delete", args=[designation.pk])
    assert client.post(delete).status_code == 302
    assert not Designation.objects.exists()
    assert _last().action == AuditEntry.Action.REVOKE


def test_designations_cannot_be_copied_around_the_checks(world):
    designation = designation_grant(by=world["officer"], user=world["bureau"], school=None)
    with pytest.raises(Exception):  # noqa: B017 - the URL is simply not registered
        reverse("wagtailsnippets_support_designation:copy", args=[designation.pk])


def test_the_audit_log_shows_designations_only_to_designated_bureau_staff(world):
    designation_grant(by=world["officer"], user=world["bureau"], school=None)
    with pytest.raises(ServiceError):
        designation_grant(by=world["officer"], user=world["parent"], school=world["school"])
    log = _client(world["bureau"]).get("/support/audit/")
    assert log.status_code == 200
    body = log.content.decode()
    assert "指定台账人员" in body and "已拒绝" in body
    # The officer names people but is not designated: no audit log for them.
    assert _client(world["officer"]).get("/support/audit/").status_code == 404
    designation_grant(by=world["officer"], user=world["teacher"], school=world["school"])
    assert _client(world["teacher"]).get("/support/audit/").status_code == 404


def test_the_audit_wording_never_says_shown_publicly(world):
    with translation.override("zh-hans"):
        assert str(AuditEntry.Action.LIST.label) == "查看列表"
        assert "对外展示" not in {str(label) for label in AuditEntry.Action.labels}
    with translation.override("en"):
        assert str(AuditEntry.Action.LIST.label) == "listed"


def test_the_ledger_link_shows_only_for_those_who_may_enter(world):
    school_work = reverse("schools:home")
    assert "/support/" not in _client(world["teacher"]).get(school_work).content.decode()
    designation_grant(by=world["officer"], user=world["teacher"], school=world["school"])
    assert "/support/" in _client(world["teacher"]).get(school_work).content.decode()


def test_the_ledger_officer_is_named_at_set_up_by_a_command_and_it_is_audited(world):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    bureau = world["bureau"]
    call_command("ledger_officer", bureau.username)
    assert bureau.groups.filter(name=Role.LEDGER_OFFICER.value).exists()
    entry = _last()
    assert (entry.user, entry.action) == (None, AuditEntry.Action.GRANT)
    assert bureau.username in entry.detail
    designation = designation_grant(by=bureau, user=world["teacher"], school=world["school"])
    assert designation.granted_by == bureau
    call_command("ledger_officer", bureau.username, "--remove")
    bureau = type(bureau).objects.get(pk=bureau.pk)  # a fresh permission cache
    assert _last().action == AuditEntry.Action.REVOKE
    with pytest.raises(ServiceError):
        designation_end(by=bureau, designation=designation)
    with pytest.raises(CommandError):
        call_command("ledger_officer", "nobody-by-this-name")


def test_demo_designations_are_in_the_audit_log(world):
    from lms.support.services import designation_seed

    designation_seed(user=world["bureau"], school=None)
    designation_seed(user=world["bureau"], school=None)  # loading twice adds nothing
    assert Designation.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditEntry.Action.GRANT).count() == 1


def test_designating_the_same_person_twice_in_the_admin_is_refused_clearly(world):
    designation_grant(by=world["officer"], user=world["teacher"], school=world["school"])
    client = _client(world["officer"])
    response = client.post(ADD, {"user": world["teacher"].pk, "school": world["school"].pk})
    assert response.status_code == 200
    assert "此人已被指定" in response.content.decode()
    assert Designation.objects.count() == 1
    assert _last().action == AuditEntry.Action.DENIED


def test_changing_a_designation_in_the_admin_is_checked_and_audited(world):
    designation = designation_grant(by=world["officer"], user=world["bureau"], school=None)
    client = _client(world["officer"])
    edit = reverse("wagtailsnippets_support_designation:edit", args=[designation.pk])
    refused = client.post(edit, {"user": world["other_teacher"].pk, "school": world["school"].pk})
    assert refused.status_code == 200 and "只能指定" in refused.content.decode()
    assert _last().action == AuditEntry.Action.DENIED
    designation.refresh_from_db()
    assert designation.user == world["bureau"]
    changed = client.post(edit, {"user": world["teacher"].pk, "school": world["school"].pk})
    assert changed.status_code == 302
    designation.refresh_from_db()
    assert (designation.user, designation.school) == (world["teacher"], world["school"])
    assert _last().action == AuditEntry.Action.AMEND
