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
