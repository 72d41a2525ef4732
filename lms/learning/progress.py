"""The heartbeat's row: the fields a beat writes and the one way a beat merges into them.

Both paths that credit a beat (the compare-and-set in beats.py and the locked path in
services.py) use these, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lms.learning.intervals import Interval, allowance_for, intervals_credit

# What a beat may change on LessonProgress (the locked path's update_fields).
BEAT_FIELDS = (
    "intervals",
    "watched_seconds",
    "duration",
    "position",
    "last_beat_at",
    "completed_at",
    "beats",
)


def progress_merge(
    *,
    stored: Iterable[Sequence[float]],
    claimed: list[Interval],
    duration: float,
    seconds_since: float | None,
) -> tuple[list[list[float]], float]:
    """(intervals to store, rounded to ms; seconds watched) after crediting `claimed`."""
    merged, _gained = intervals_credit(
        [tuple(pair) for pair in stored],
        claimed,
        duration=duration,
        allowance=allowance_for(seconds_since),
    )
    return [[round(a, 3), round(b, 3)] for a, b in merged], sum(b - a for a, b in merged)
