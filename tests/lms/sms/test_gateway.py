"""The SMS gateway: the backend is chosen by SMS_BACKEND; numbers are masked in logs."""

import io
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.sms import phone_mask, sms_gateway, sms_send
from lms.sms.backends.console import ConsoleBackend
from lms.sms.gateway import template_ids


def test_the_test_backend_keeps_messages_in_an_outbox(sms_outbox):
    sms_send(to="13800138000", template="verify_code", params={"code": "123456"})
    assert [(m.to, m.template, m.params) for m in sms_outbox] == [
        ("13800138000", "verify_code", {"code": "123456"})
    ]


def test_the_gateway_logs_a_masked_number_and_never_the_parameters(caplog):
    caplog.set_level(logging.DEBUG)
    sms_send(to="13800138000", template="verify_code", params={"code": "987654"})
    assert "138****8000" in caplog.text
    assert "13800138000" not in caplog.text and "987654" not in caplog.text


def test_the_console_backend_prints_the_code_for_developers(settings):
    settings.DEBUG = True
    stream = io.StringIO()
    ConsoleBackend(stream).send(to="13800138000", template="verify_code", params={"code": "111222"})
    assert "13800138000" in stream.getvalue() and "code=111222" in stream.getvalue()


def test_the_console_backend_withholds_codes_when_debug_is_off(settings):
    settings.DEBUG = False
    stream = io.StringIO()
    ConsoleBackend(stream).send(to="13800138000", template="verify_code", params={"code": "111222"})
    assert "111222" not in stream.getvalue() and "138****8000" in stream.getvalue()


def test_the_backend_follows_the_setting(settings):
    settings.SMS_BACKEND = "console"
    assert type(sms_gateway()).__name__ == "ConsoleBackend"
    settings.SMS_BACKEND = "locmem"
    assert type(sms_gateway()).__name__ == "LocmemBackend"


@pytest.mark.parametrize("backend", ["aliyun", "tencent"])
def test_a_provider_backend_says_what_it_needs(settings, backend):
    settings.SMS_BACKEND = backend
    settings.SMS_ACCESS_KEY_ID = ""
    # Without its SDK installed (an optional extra) or without keys, it says which.
    with pytest.raises(ImproperlyConfigured, match="SDK|SMS_ACCESS_KEY"):
        sms_gateway()


def test_template_ids_come_from_the_environment(settings):
    settings.SMS_TEMPLATES = "verify_code=SMS_123456, notice = 1987"
    assert template_ids() == {"verify_code": "SMS_123456", "notice": "1987"}


@pytest.mark.parametrize(
    ("phone", "masked"), [("13800138000", "138****8000"), ("", "-"), ("123", "***")]
)
def test_numbers_are_masked(phone, masked):
    assert phone_mask(phone) == masked
