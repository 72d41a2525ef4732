"""SMS codes: 6 digits, 5 minutes, once, 5 tries, hashed; sends limited per number and address."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from lms.accounts.codes import MAX_TRIES, phone_code_check, phone_code_send
from lms.accounts.models import PhoneCode
from lms.core.errors import ServiceError
from tests.courses.factories import UserFactory
from tests.lms.accounts.helpers import last_code

pytestmark = pytest.mark.django_db

NUMBER = "13800138000"
START = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(480))


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def parent():
    return UserFactory(phone=NUMBER)


def send(purpose="register", number=NUMBER, ip="10.0.0.1"):
    return phone_code_send(phone=number, purpose=purpose, ip_address=ip)


def test_a_code_is_six_digits_sent_once_and_kept_only_as_a_hash(clock):
    assert send() == NUMBER
    code = last_code(NUMBER)
    assert len(code) == 6 and code.isdigit()
    row = PhoneCode.objects.get()
    assert row.code_hash != code and len(row.code_hash) == 64  # an HMAC-SHA256
    assert row.expires_at - row.created_at == timedelta(minutes=5)
    assert phone_code_check(phone="138 0013 8000", purpose="register", code=code) == NUMBER


def test_a_used_code_cannot_be_used_again(clock):
    send()
    code = last_code(NUMBER)
    phone_code_check(phone=NUMBER, purpose="register", code=code)
    with pytest.raises(ServiceError, match="已经用过"):
        phone_code_check(phone=NUMBER, purpose="register", code=code)


def test_a_wrong_code_after_a_use_does_not_tell_that_someone_just_used_one(clock):
    send()
    code = last_code(NUMBER)
    phone_code_check(phone=NUMBER, purpose="register", code=code)
    other = "000000" if code != "000000" else "111111"
    with pytest.raises(ServiceError) as error:
        phone_code_check(phone=NUMBER, purpose="register", code=other)
    assert "已经用过" not in str(error.value)


def test_a_code_expires_after_five_minutes(clock):
    send()
    code = last_code(NUMBER)
    clock.shift(timedelta(minutes=5, seconds=1))
    with pytest.raises(ServiceError, match="已过期"):
        phone_code_check(phone=NUMBER, purpose="register", code=code)


def test_a_wrong_code_says_how_many_tries_are_left_and_the_sixth_try_is_refused(clock):
    send()
    code = last_code(NUMBER)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for left in range(MAX_TRIES - 1, 0, -1):
        with pytest.raises(ServiceError, match=f"还可以再试 {left} 次"):
            phone_code_check(phone=NUMBER, purpose="register", code=wrong)
    with pytest.raises(ServiceError, match="输错"):
        phone_code_check(phone=NUMBER, purpose="register", code=wrong)
    # The sixth try, even with the right code, is refused.
    with pytest.raises(ServiceError, match="输错"):
        phone_code_check(phone=NUMBER, purpose="register", code=code)


def test_a_code_for_another_number_or_purpose_does_not_work(clock, parent):
    send()
    code = last_code(NUMBER)
    with pytest.raises(ServiceError):
        phone_code_check(phone="13900139000", purpose="register", code=code)
    with pytest.raises(ServiceError):
        phone_code_check(phone=NUMBER, purpose="login", code=code)
    assert phone_code_check(phone=NUMBER, purpose="register", code=code) == NUMBER


def test_a_new_code_replaces_the_old_one(clock):
    send()
    first = last_code(NUMBER)
    clock.shift(timedelta(minutes=1))
    send()
    second = last_code(NUMBER)
    if first != second:
        with pytest.raises(ServiceError):
            phone_code_check(phone=NUMBER, purpose="register", code=first)
    assert phone_code_check(phone=NUMBER, purpose="register", code=second) == NUMBER


def test_sends_per_number_are_limited_a_minute_an_hour_and_a_day(clock, sms_outbox):
    send()
    with pytest.raises(ServiceError, match="60 秒|1 分钟") as minute:
        send()
    assert 0 < minute.value.retry_after <= 60
    for _ in range(4):  # five in the first hour, a minute apart
        clock.shift(timedelta(minutes=1))
        send()
    clock.shift(timedelta(minutes=1))
    with pytest.raises(ServiceError, match="分钟") as hour:
        send()
    assert 60 < hour.value.retry_after <= 3600
    clock.shift(timedelta(hours=1))
    for _ in range(5):
        send()
        clock.shift(timedelta(minutes=1))
    clock.shift(timedelta(hours=1))
    with pytest.raises(ServiceError) as day:
        send()
    assert day.value.retry_after > 3600
    assert len(sms_outbox) == 10
    clock.shift(timedelta(days=1))
    send()
    assert len(sms_outbox) == 11


def test_sends_per_address_are_limited_across_numbers(clock, settings):
    settings.SMS_LIMITS_PER_CLIENT = ((60, 3), (3600, 100), (86400, 100))
    for n in range(3):
        send(number=f"1390000000{n}")
    with pytest.raises(ServiceError, match="再试") as refused:
        send(number="13900000009")
    assert refused.value.retry_after
    send(number="13900000009", ip="10.0.0.2")  # another address is not held back


def test_sign_in_code_for_an_unknown_number_sends_nothing_but_answers_and_counts_the_same(
    clock, parent, sms_outbox
):
    assert send("login", number="13911112222") == "13911112222"
    assert sms_outbox == []
    assert PhoneCode.objects.get(phone="13911112222").delivered is False
    # No code can work for it, and the answer is the one for a wrong code.
    with pytest.raises(ServiceError, match="不正确"):
        phone_code_check(phone="13911112222", purpose="login", code="123456")
    with pytest.raises(ServiceError) as limited:
        send("login", number="13911112222")
    assert limited.value.retry_after  # limited exactly like a registered number
    send("login")
    assert [m.to for m in sms_outbox] == [NUMBER]


def test_a_number_that_is_not_a_mobile_number_is_refused_clearly(clock):
    with pytest.raises(ServiceError, match="11 位"):
        send(number="12345")
    assert not PhoneCode.objects.exists()


def test_logs_mask_numbers_and_never_hold_codes(clock, parent, caplog):
    caplog.set_level(logging.DEBUG)
    send("login")
    code = last_code(NUMBER)
    phone_code_check(phone=NUMBER, purpose="login", code=code)
    with pytest.raises(ServiceError):
        send("login")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "138****8000" in text
    assert NUMBER not in text and code not in text


def test_old_codes_are_forgotten_once_no_limit_counts_them(clock):
    send()
    clock.shift(timedelta(hours=23))
    send()
    from lms.accounts.tasks import codes_purge_task

    assert codes_purge_task() == 0
    clock.shift(timedelta(hours=2))
    assert codes_purge_task.delay().get() == 1
    assert PhoneCode.objects.count() == 1
