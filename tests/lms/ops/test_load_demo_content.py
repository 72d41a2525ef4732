import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from lms.ops.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_created_once_and_kept(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo_content")
    first = capsys.readouterr().out
    assert f"Demo accounts: {len(DEMO_ACCOUNTS)} created, 0 kept." in first
    assert DEMO_PASSWORD in first

    user = get_user_model().objects.get(username="demo-parent")
    user.set_password("changed-by-the-parent-1")
    user.save()
    call_command("load_demo_content")
    assert f"0 created, {len(DEMO_ACCOUNTS)} kept." in capsys.readouterr().out
    assert authenticate(username="13800000001", password="changed-by-the-parent-1") is not None


def test_every_role_has_a_demo_account_that_can_sign_in(settings):
    settings.DEBUG = True
    call_command("load_demo_content")
    for account in DEMO_ACCOUNTS:
        user = authenticate(username=account.sign_in, password=DEMO_PASSWORD)
        assert user is not None, account
        if account.role:
            assert list(user.groups.values_list("name", flat=True)) == [account.role.value]
        else:
            assert user.is_superuser


def test_refuses_on_a_live_site_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="pass --force"):
        call_command("load_demo_content")
    assert not get_user_model().objects.exists()


def test_the_demo_school_has_a_class_families_and_an_assignment(settings, client):
    from lms.schools.models import Guardian, SchoolClass
    from lms.schools.selectors.families import assignments_for_family

    settings.DEBUG = True
    call_command("load_demo_content")
    call_command("load_demo_content")  # again: nothing duplicated
    school_class = SchoolClass.objects.get(school__code="demo-school", grade="p3", name="2班")
    assert school_class.head_teacher.username == "demo-teacher"
    assert Guardian.objects.filter(student__school_class=school_class).count() == 5
    parent = get_user_model().objects.get(username="demo-parent")
    [item] = assignments_for_family(user=parent)
    assert item.classes == (school_class,)
    client.force_login(get_user_model().objects.get(username="demo-teacher"))
    assert client.get(f"/school/classes/{school_class.pk}/report/").status_code == 200


def test_the_demo_parent_has_a_certificate_and_a_statement_line_once(settings, client):
    from lms.learning.models import Certificate, CreditEntry
    from lms.schools.selectors.families import assignments_for_family

    settings.DEBUG = True
    call_command("load_demo_content")
    call_command("load_demo_content")  # again: nothing duplicated
    parent = get_user_model().objects.get(username="demo-parent")
    certificate = Certificate.objects.get(enrolment__user=parent)
    [entry] = CreditEntry.objects.filter(user=parent)
    assert entry.source_id == certificate.enrolment.course_id and entry.hours > 0
    [item] = assignments_for_family(user=parent)  # the assigned course is still to do
    assert item.assignment.course_id != certificate.enrolment.course_id
    assert item.completed_on is None
    client.force_login(parent)
    assert certificate.code in client.get("/learning/").content.decode()
    statement = client.get("/learning/statement/", follow=True).content.decode()
    assert certificate.course_title in statement
