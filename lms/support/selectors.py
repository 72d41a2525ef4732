"""Counts from the ledger for supervision. Numbers only: no record, name or category leaves
the ledger this way."""

from __future__ import annotations

from datetime import date

from lms.support.models import SupportAction, SupportRecord


def follow_ups_on_time(*, school, on: date) -> tuple[int, int]:
    """(open records whose review is not overdue on `on`, open records) at a school."""
    open_records = SupportRecord.objects.filter(
        school=school, status=SupportRecord.Status.OPEN, opened_on__lte=on
    )
    return open_records.filter(next_review_on__gte=on).count(), open_records.count()


def follow_ups_by(*, user, start: date, end: date) -> int:
    return SupportAction.objects.filter(by=user, done_on__gte=start, done_on__lte=end).count()
