"""A parent's 学时 per school year: the lines and the total the annual statement reads."""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from lms.learning.models import CreditEntry
from lms.learning.selectors import credit_year_entries, credit_year_total
from tests.courses.factories import UserFactory


def _credit(user, source_id, hours, when):
    return CreditEntry.objects.create(
        user=user,
        source=CreditEntry.Source.COURSE,
        source_id=source_id,
        title=f"课程{source_id}",
        hours=Decimal(hours),
        earned_at=timezone.make_aware(datetime(*when)),
    )


def test_the_year_holds_the_hours_earned_from_september_to_the_next_august(parent):
    _credit(parent, 1, "2.0", (2026, 8, 31, 23, 59))  # the year before
    first = _credit(parent, 2, "1.5", (2026, 9, 1, 0, 0))
    last = _credit(parent, 3, "3.0", (2027, 8, 31, 23, 59))
    _credit(parent, 4, "9.0", (2027, 9, 1, 0, 0))  # the year after

    assert credit_year_entries(user=parent, year=2026) == [first, last]
    assert credit_year_total(user=parent, year=2026) == Decimal("4.5")


def test_a_year_without_hours_is_empty_and_zero_not_an_error(parent):
    assert credit_year_entries(user=parent, year=2020) == []
    assert credit_year_total(user=parent, year=2020) == Decimal("0")


def test_another_parents_hours_never_count(parent):
    other = UserFactory()
    _credit(other, 1, "5.0", (2026, 10, 1, 12, 0))
    assert credit_year_total(user=parent, year=2026) == Decimal("0")
