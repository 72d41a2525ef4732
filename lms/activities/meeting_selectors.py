"""Counts of a school's own meetings for supervision: parent meetings (家长会) and open days
(家长开放日) held, and reception-day (家长接待日) slots booked and held, per school."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count

from lms.activities.models import Activity
from lms.activities.selectors import activities_held
from lms.activities.slot_selectors import reception_slots_held_by_school


@dataclass(frozen=True)
class MeetingCounts:
    meetings: int = 0
    open_days: int = 0
    reception_slots: int = 0


def meeting_counts_by_school(*, start: datetime, end: datetime) -> dict[int, MeetingCounts]:
    """Per school id, over [start, end), counting only what already took place; a school
    with nothing is absent (read it as zeros)."""
    held = (
        activities_held(start=start, end=end)
        .filter(
            school__isnull=False,
            kind__in=[Activity.Kind.PARENT_MEETING, Activity.Kind.OPEN_DAY],
        )
        .values_list("school_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_kind: dict[int, dict[str, int]] = {}
    for school_id, kind, n in held:
        by_kind.setdefault(school_id, {})[kind] = n
    slots = reception_slots_held_by_school(start=start, end=end)
    return {
        school_id: MeetingCounts(
            meetings=by_kind.get(school_id, {}).get(Activity.Kind.PARENT_MEETING, 0),
            open_days=by_kind.get(school_id, {}).get(Activity.Kind.OPEN_DAY, 0),
            reception_slots=slots.get(school_id, 0),
        )
        for school_id in set(by_kind) | set(slots)
    }
