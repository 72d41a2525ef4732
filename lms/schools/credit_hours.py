"""学时 in the class, school and county reports: each family's hours in the school year
(lms.core.semesters.school_year, September to August by default), their total, and how many
families reached LMS_YEARLY_HOURS_TARGET. A family is a joined guardian account, as in the
rest of the reports; counts only, nobody is ranked.

One query per report: the ledger (lms.learning CreditEntry) summed per user."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils import timezone

from lms.core.semesters import SchoolYear, school_year_of
from lms.learning.models import CreditEntry


@dataclass(frozen=True)
class HoursTally:
    families: int
    hours: Decimal
    at_target: int
    target: Decimal = Decimal("0")


NO_HOURS = HoursTally(families=0, hours=Decimal("0"), at_target=0)


def hours_target() -> Decimal:
    return Decimal(settings.LMS_YEARLY_HOURS_TARGET)


def hours_year(*, today: date) -> SchoolYear:
    return school_year_of(today)


def hours_by_user(*, users: QuerySet | Iterable[int], year: SchoolYear) -> dict[int, Decimal]:
    """{user id: 学时 earned in the school year}, users without hours left out."""
    start = timezone.make_aware(datetime.combine(year.first_day, time.min))
    end = timezone.make_aware(datetime.combine(year.last_day + timedelta(days=1), time.min))
    rows = (
        CreditEntry.objects.filter(user_id__in=users, earned_at__gte=start, earned_at__lt=end)
        .values("user_id")
        .annotate(total=Sum("hours"))
        .values_list("user_id", "total")
    )
    return dict(rows)


def hours_tally(*, hours: dict[int, Decimal], users: Iterable[int]) -> HoursTally:
    """The families among `users` (each counted once), their hours, and those at the target."""
    target = hours_target()
    found = [hours.get(user_id, Decimal("0")) for user_id in set(users)]
    return HoursTally(
        families=len(found),
        hours=sum(found, Decimal("0")),
        at_target=sum(1 for value in found if value >= target),
        target=target,
    )
