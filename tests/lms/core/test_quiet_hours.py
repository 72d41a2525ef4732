from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.core.quiet_hours import quiet_hours_end, quiet_hours_now, quiet_hours_span

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(hour, minute=0, day=2):
    return datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def night(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    settings.LMS_QUIET_HOURS = "21:30-07:00"


def test_a_span_across_midnight_covers_late_evening_and_early_morning():
    assert quiet_hours_now(at=at(22))
    assert quiet_hours_now(at=at(6, 59))
    assert not quiet_hours_now(at=at(7))
    assert not quiet_hours_now(at=at(21, 29))


def test_delivery_resumes_at_the_end_of_the_span_the_next_morning():
    assert quiet_hours_end(at=at(23)) == at(7, day=3)
    assert quiet_hours_end(at=at(5)) == at(7)
    assert quiet_hours_end(at=at(12)) == at(12)


def test_a_daytime_span_does_not_wrap(settings):
    settings.LMS_QUIET_HOURS = "12:00-14:00"
    assert quiet_hours_now(at=at(13))
    assert not quiet_hours_now(at=at(22))


def test_an_empty_setting_means_no_quiet_hours(settings):
    settings.LMS_QUIET_HOURS = ""
    assert quiet_hours_span() is None
    assert not quiet_hours_now(at=at(3))


@pytest.mark.parametrize("value", ["21:30", "late-early", "07:00-07:00"])
def test_a_malformed_setting_is_refused_with_its_expected_shape(settings, value):
    settings.LMS_QUIET_HOURS = value
    with pytest.raises(ImproperlyConfigured):
        quiet_hours_span()
