"""Browser journey on a phone: register with an SMS code, sign out, sign in by code, forget
the password and set a new one. Codes are read from the test SMS backend's outbox, as the
parent would read the text message."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.e2e.conftest import ARTIFACTS
from tests.lms.accounts.helpers import last_code

pytestmark = [
    pytest.mark.services("chromium"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
NUMBER = "13900005678"


def _ask_for_code(page, typed: str) -> None:
    page.fill("#id_phone", typed)
    page.click("main button[name=send]")
    page.wait_for_selector("#id_code")
    assert "验证码已发送到 139****5678" in page.inner_text("main")


def _sign_out(page) -> None:
    page.click("header button:has-text('退出登录')")
    page.wait_for_load_state()
    assert page.locator("header a:has-text('登录')").count() == 1


@pytest.fixture
def clock():
    """The server's clock (the live server runs in this process): a number gets one code a
    minute, so the journey lets a few minutes pass between its steps."""
    with time_machine.travel(timezone.now(), tick=True) as traveller:
        yield traveller


def test_register_sign_out_sign_in_by_code_and_reset_the_password(
    live_server, phone, sms_outbox, clock
):
    phone.set_default_timeout(20000)
    base = live_server.url

    # Register: the number first, then the code from the text message and a password.
    phone.goto(f"{base}/accounts/register/")
    send = phone.locator("main button[name=send]")
    assert send.bounding_box()["height"] >= 44 and send.bounding_box()["width"] >= 300
    _ask_for_code(phone, "139 0000 5678")
    resend = phone.locator("main .resend-form button")
    assert resend.is_disabled() and "秒后可重新发送" in resend.inner_text()  # one a minute
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "identity-register-code.png"), full_page=True)
    phone.fill("#id_code", last_code(NUMBER))
    phone.fill("#id_display_name", "乐乐妈妈")
    phone.fill("#id_password1", "k7#Lm2pQ9x-a")
    phone.fill("#id_password2", "k7#Lm2pQ9x-a")
    phone.click("main form:first-of-type button[type=submit]")
    phone.wait_for_url("**/learning/children/add/")
    user = get_user_model().objects.get(phone=NUMBER)
    assert user.phone_verified_at is not None
    _sign_out(phone)

    # Sign in by code, a few minutes later.
    clock.shift(timedelta(minutes=3))
    phone.goto(f"{base}/accounts/login/")
    phone.click("main a:has-text('短信验证码登录')")
    phone.wait_for_url("**/accounts/login/code/")
    _ask_for_code(phone, NUMBER)
    phone.fill("#id_code", last_code(NUMBER))
    phone.click("main form:first-of-type button[type=submit]")
    phone.wait_for_load_state()
    assert phone.locator("header button:has-text('退出登录')").count() == 1
    _sign_out(phone)

    # Another day: forgot the password. A code, a new password, then sign in with it.
    clock.shift(timedelta(minutes=3))
    phone.goto(f"{base}/accounts/login/")
    phone.click("main a:has-text('忘记密码')")
    phone.wait_for_url("**/accounts/password/reset/")
    before = len(sms_outbox)
    _ask_for_code(phone, NUMBER)
    assert len(sms_outbox) == before + 1
    phone.fill("#id_code", last_code(NUMBER))
    phone.fill("#id_password1", "xin-mi-ma-2026-z")
    phone.fill("#id_password2", "xin-mi-ma-2026-z")
    phone.click("main form:first-of-type button[type=submit]")
    phone.wait_for_url("**/accounts/login/")
    assert "密码已修改" in phone.inner_text("main")
    phone.fill("#id_username", NUMBER)
    phone.fill("#id_password", "xin-mi-ma-2026-z")
    phone.click("main form:first-of-type button[type=submit]")
    phone.wait_for_load_state()
    assert phone.locator("header button:has-text('退出登录')").count() == 1
    _sign_out(phone)
    phone.goto(f"{base}/accounts/login/")
    phone.screenshot(path=str(ARTIFACTS / "identity-login.png"), full_page=True)
