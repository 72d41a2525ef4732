"""Watched intervals: union, coverage and rate-limited crediting (pure functions).

A lesson counts as watched by the union of the intervals a parent actually
played. Re-watching adds nothing, skipping earns nothing, and one request can
earn at most what the wall-clock time since the previous beat allows at the top
playback speed.
"""

from __future__ import annotations

from collections.abc import Iterable

Interval = tuple[float, float]

TOP_SPEED = 2.0
SLACK_SECONDS = 30.0  # network jitter, and the first beat of a session


def intervals_union(
    intervals: Iterable[Interval], *, duration: float | None = None
) -> list[Interval]:
    """Sorted, non-overlapping union, clipped to [0, duration]; empty pieces dropped."""
    clipped = []
    for start, end in intervals:
        start, end = max(0.0, start), end if duration is None else min(end, duration)
        if end > start:
            clipped.append((start, end))
    clipped.sort()
    merged: list[Interval] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def coverage(intervals: Iterable[Interval]) -> float:
    return sum(end - start for start, end in intervals)


def _uncovered(existing: list[Interval], claimed: list[Interval]) -> list[Interval]:
    """Parts of `claimed` (a union) that `existing` (a union) does not cover, in order."""
    pieces = []
    for start, end in claimed:
        cursor = start
        for covered_start, covered_end in existing:
            if covered_end <= cursor or covered_start >= end:
                continue
            if covered_start > cursor:
                pieces.append((cursor, covered_start))
            cursor = max(cursor, covered_end)
        if cursor < end:
            pieces.append((cursor, end))
    return pieces


def intervals_credit(
    existing: list[Interval], claimed: list[Interval], *, duration: float, allowance: float
) -> tuple[list[Interval], float]:
    """Add at most `allowance` seconds of new coverage, earliest first; returns (union, gained)."""
    existing = intervals_union(existing, duration=duration)
    claimed = intervals_union(claimed, duration=duration)
    budget = max(0.0, allowance)
    credited = []
    for start, end in _uncovered(existing, claimed):
        if budget <= 0:
            break
        take = min(end - start, budget)
        # The whole piece keeps its exact end: start + (end - start) can drift from end.
        credited.append((start, end if take == end - start else start + take))
        budget -= take
    merged = intervals_union([*existing, *credited], duration=duration)
    return merged, coverage(merged) - coverage(existing)


def allowance_for(seconds_since_previous_beat: float | None) -> float:
    """How much new coverage one beat may earn."""
    if seconds_since_previous_beat is None:
        return SLACK_SECONDS
    return max(0.0, seconds_since_previous_beat) * TOP_SPEED + SLACK_SECONDS
