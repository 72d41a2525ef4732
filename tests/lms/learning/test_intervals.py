"""Property-based tests of interval merging and crediting."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lms.learning.intervals import allowance_for, coverage, intervals_credit, intervals_union

seconds = st.floats(min_value=0, max_value=4000, allow_nan=False, allow_infinity=False)
pairs = st.tuples(seconds, seconds).map(lambda p: (min(p), max(p)))
interval_lists = st.lists(pairs, max_size=40)


def _covered(intervals, point):
    return any(a <= point < b for a, b in intervals)


@given(interval_lists, st.floats(min_value=1, max_value=4000))
def test_union_is_sorted_disjoint_and_clipped(intervals, duration):
    union = intervals_union(intervals, duration=duration)
    assert all(0 <= a < b <= duration for a, b in union)
    assert all(union[i][1] < union[i + 1][0] for i in range(len(union) - 1))


@given(interval_lists, st.floats(min_value=1, max_value=4000), seconds)
def test_union_covers_exactly_the_same_points(intervals, duration, point):
    union = intervals_union(intervals, duration=duration)
    inside = point < duration and any(a <= point < b for a, b in intervals)
    assert _covered(union, point) == inside


@given(interval_lists, st.floats(min_value=1, max_value=4000))
def test_rewatching_adds_nothing(intervals, duration):
    union = intervals_union(intervals, duration=duration)
    merged, gained = intervals_credit(union, intervals, duration=duration, allowance=math.inf)
    assert merged == union and gained == pytest.approx(0, abs=1e-9)


@given(
    interval_lists,
    interval_lists,
    st.floats(min_value=1, max_value=4000),
    st.floats(min_value=0, max_value=9000),
)
@settings(max_examples=300)
def test_credit_never_exceeds_the_allowance_or_the_claim(existing, claimed, duration, allowance):
    base = intervals_union(existing, duration=duration)
    merged, gained = intervals_credit(base, claimed, duration=duration, allowance=allowance)
    assert gained <= allowance + 1e-6
    assert gained >= -1e-9
    everything = coverage(intervals_union([*existing, *claimed], duration=duration))
    assert coverage(merged) <= everything + 1e-6
    assert coverage(merged) <= duration + 1e-6
    # Nothing covered before is lost.
    for a, b in base:
        assert _covered(merged, (a + b) / 2)


@given(interval_lists, st.floats(min_value=1, max_value=4000))
def test_with_enough_allowance_credit_is_the_union(claimed, duration):
    merged, _ = intervals_credit([], claimed, duration=duration, allowance=math.inf)
    assert merged == intervals_union(claimed, duration=duration)


def test_skipping_ahead_earns_only_what_was_played():
    merged, gained = intervals_credit([(0, 10)], [(300, 315)], duration=600, allowance=1000)
    assert merged == [(0, 10), (300, 315)] and gained == 15


def test_allowance_grows_with_wall_clock_time_at_top_speed():
    assert allowance_for(None) == 30
    assert allowance_for(15) == 60
    assert allowance_for(-5) == 30
