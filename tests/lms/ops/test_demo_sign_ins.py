import pytest
from django.core.management import CommandError, call_command

from lms.ops.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_sign_ins_list_every_demo_account_with_the_password(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo_content")
    capsys.readouterr()
    call_command("demo_sign_ins")
    out = capsys.readouterr().out
    assert f"password for all: {DEMO_PASSWORD}" in out
    assert "13800000001" in out and "demo-teacher" in out


def test_without_demo_accounts_it_says_how_to_load_them(capsys):
    call_command("demo_sign_ins")
    assert "load_demo_content" in capsys.readouterr().out


def test_waiting_for_a_site_that_never_answers_gives_up_with_a_reason(unused_tcp_port):
    with pytest.raises(CommandError, match="did not answer"):
        call_command("demo_sign_ins", when_up=f"http://127.0.0.1:{unused_tcp_port}", timeout=1)
