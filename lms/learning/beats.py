"""The ordinary heartbeat without a transaction: read the row, merge, compare-and-set.

Most beats only extend coverage of a lesson already started and not yet complete. Those take
two statements in autocommit (a read and an UPDATE guarded by the row's beat counter), in SQL
written once from the model's metadata, because the ORM's query building costs more than the
database on this path. A beat that starts, completes, or loses the race returns None, and the
caller takes the locked path in services.py, which handles every case.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django.db import connection

from lms.learning.intervals import Interval
from lms.learning.models import LessonProgress
from lms.learning.progress import BEAT_FIELDS, progress_merge


@dataclass(frozen=True)
class BeatResult:
    watched_seconds: float
    position: float
    previous_beat: datetime
    completed: bool


@cache
def _statements() -> tuple[str, str]:
    meta = LessonProgress._meta
    q = connection.ops.quote_name
    column = {name: q(meta.get_field(name).column) for name in _COLUMNS}
    table = q(meta.db_table)
    # Identifiers only, from the model's metadata and quoted; values stay parameters.
    select = (
        f"SELECT {column['id']}, {column['intervals']}, {column['position']}, "  # noqa: S608
        f"{column['last_beat_at']}, {column['completed_at']}, {column['beats']} "
        f"FROM {table} WHERE {column['user']} = %s AND {column['lesson']} = %s"
    )
    update = (
        f"UPDATE {table} SET {column['intervals']} = %s, {column['watched_seconds']} = %s, "  # noqa: S608
        f"{column['duration']} = %s, {column['position']} = %s, {column['last_beat_at']} = %s, "
        f"{column['beats']} = {column['beats']} + 1 "
        f"WHERE {column['id']} = %s AND {column['beats']} = %s"
    )
    return select, update


_COLUMNS = ("id", "user", "lesson", *BEAT_FIELDS)


def _aware(value) -> datetime:
    # PostgreSQL returns aware datetimes; SQLite returns naive ones, stored in UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def beat_try_unlocked(
    *,
    user_id: int,
    lesson_id: int,
    duration: float,
    threshold: float,
    intervals: list[Interval],
    position: float | None,
    now: datetime,
) -> BeatResult | None:
    """Credit an ordinary beat with a compare-and-set; None when the locked path must do it."""
    select, update = _statements()
    with connection.cursor() as cursor:
        cursor.execute(select, [user_id, lesson_id])
        row = cursor.fetchone()
        if row is None:
            return None
        pk, stored, stored_position, last_beat, completed_at, beats = row
        if last_beat is None or not duration:
            return None
        previous_beat = _aware(last_beat)
        if isinstance(stored, str):
            stored = json.loads(stored)
        merged, watched = progress_merge(
            stored=stored,
            claimed=intervals,
            duration=duration,
            seconds_since=(now - previous_beat).total_seconds(),
        )
        if completed_at is None and watched / duration >= threshold:
            return None  # completion recounts the enrolment under the lock
        if position is not None:
            stored_position = min(position, duration)
        field = LessonProgress._meta.get_field("intervals")
        cursor.execute(
            update,
            [
                field.get_db_prep_save(merged, connection),
                watched,
                duration,
                stored_position,
                connection.ops.adapt_datetimefield_value(now),
                pk,
                beats,
            ],
        )
        if cursor.rowcount != 1:
            return None  # another tab wrote in between; the locked path merges both
    return BeatResult(watched, stored_position, previous_beat, completed_at is not None)
