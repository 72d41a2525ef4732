"""The heartbeat's JSON body, checked strictly before anything is credited (used by api.py)."""

from __future__ import annotations

import math

from lms.core.errors import ServiceError
from lms.learning.intervals import Interval

MAX_INTERVALS = 1000


def _number(value, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ServiceError("must be a number of seconds", field=field)
    if not math.isfinite(value):
        raise ServiceError("must be a finite number", field=field)
    if value < 0:
        raise ServiceError("must not be negative", field=field)
    return float(value)


def payload_parse(payload) -> tuple[list[Interval], float | None]:
    """Validate {"intervals": [[start, end], ...], "position": p} strictly."""
    if not isinstance(payload, dict):
        raise ServiceError("must be a JSON object", field="body")
    raw = payload.get("intervals", [])
    if not isinstance(raw, list):
        raise ServiceError("must be a list of [start, end] pairs", field="intervals")
    if len(raw) > MAX_INTERVALS:
        raise ServiceError(f"at most {MAX_INTERVALS} intervals per request", field="intervals")
    intervals = []
    for index, pair in enumerate(raw):
        field = f"intervals[{index}]"
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ServiceError("must be a [start, end] pair", field=field)
        start, end = _number(pair[0], f"{field}[0]"), _number(pair[1], f"{field}[1]")
        if end < start:
            raise ServiceError("end must not be before start", field=field)
        intervals.append((start, end))
    position = payload.get("position")
    if position is not None:
        position = _number(position, "position")
    return intervals, position
