"""The heartbeat's row: its state as the API answers it, the fields a beat writes, and the
one way a beat merges into them.

Both paths that credit a beat (the compare-and-set in beats.py and the locked path in
services.py) use these, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lms.learning.intervals import Interval, allowance_for, intervals_credit

if TYPE_CHECKING:
    from lms.learning.models import LessonProgress


@dataclass(frozen=True)
class ProgressState:
    watched_seconds: float
    duration: float
    fraction: float
    completed: bool
    position: float

    @classmethod
    def of(cls, progress: LessonProgress | None, duration: float) -> ProgressState:
        if progress is None:
            return cls(0.0, duration, 0.0, False, 0.0)
        return cls(
            round(progress.watched_seconds, 3),
            duration,
            round(progress.fraction, 4),
            progress.completed_at is not None,
            round(progress.position, 3),
        )


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


def beat_apply(
    progress,
    *,
    intervals: list[tuple[float, float]],
    position: float | None,
    duration: float,
    threshold,
    now,
) -> bool:
    """Credit one beat on a locked progress row (a lesson's or a talk's), unsaved; whether it
    has just reached `threshold` of `duration` (the caller records what completion earns)."""
    if duration and intervals:
        since = (now - progress.last_beat_at).total_seconds() if progress.last_beat_at else None
        progress.intervals, progress.watched_seconds = progress_merge(
            stored=progress.intervals, claimed=intervals, duration=duration, seconds_since=since
        )
    progress.duration = duration
    if position is not None:
        progress.position = min(position, duration) if duration else position
    progress.last_beat_at = now
    newly_complete = (
        progress.completed_at is None
        and duration > 0
        and progress.watched_seconds / duration >= float(threshold)
    )
    if newly_complete:
        progress.completed_at = now
    return newly_complete
