import pytest
from django.utils import timezone

from tests.lms.schools.factories import parent_add


@pytest.fixture(autouse=True)
def wechat_outbox():
    """The test WeChat backend's outbox (lms.sms.backends.locmem), empty for every test."""
    from lms.sms.backends import locmem

    locmem.wechat_outbox.clear()
    yield locmem.wechat_outbox
    locmem.wechat_outbox.clear()


@pytest.fixture
def delivery_settings(settings):
    settings.LMS_QUIET_HOURS = "21:30-07:00"
    settings.LMS_DIGEST_AT = "19:30"
    settings.LMS_DELIVERY_CHANNEL = "sms"
    settings.EMAIL_HOST = "smtp.example.org"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = "locmem"


@pytest.fixture
def texted():
    """A grandmother with a verified number: the default channel, SMS, reaches her."""
    user = parent_add()
    user.phone_verified_at = timezone.now()
    user.save()
    return user


@pytest.fixture
def emailed():
    """A father with an address and no verified number: the digest falls back to email."""
    user = parent_add(email="dad@example.org")
    return user
