"""The time zone and routine that edit timestamps give away (HA-E), on generated routines."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from hygiene_audit.footprint.routine import (
    MIN_DATED_EDITS,
    Verdict,
    analyse_timestamps,
    format_offset,
    histogram,
)
from tests.footprint.routines import every_routine, routine


def _off_by(found: int, true: int) -> int:
    gap = (found - true) % 24  # UTC+12 and UTC−12 are one clock a day apart
    return min(gap, 24 - gap)


def test_the_offset_is_right_within_an_hour_at_every_offset_from_utc_minus_10_to_plus_12() -> None:
    right: Counter[int] = Counter()
    asked: Counter[int] = Counter()
    for offset, _kind, _seed, stamps in every_routine(edits=300, seeds=3):
        asked[offset] += 1
        result = analyse_timestamps(stamps)
        assert result.verdict is Verdict.FOUND
        assert result.offset is not None
        if _off_by(result.offset, offset) <= 1:
            right[offset] += 1
    assert sorted(asked) == list(range(-10, 13))
    assert sum(right.values()) >= 0.9 * sum(asked.values())  # 4 kinds of day × 3 seeds each
    assert all(right[o] >= 9 for o in asked), {o: right[o] for o in asked}  # of 12 at each


def test_an_office_worker_at_utc_plus_3_is_placed_at_utc_plus_3_with_a_night_around_0100_0700() -> (
    None
):
    result = analyse_timestamps(routine(3, 600, kind="office", seed=7, travel=False))
    assert result.offset is not None and _off_by(result.offset, 3) <= 1
    local = result.quiet_local
    assert local is not None and local.hours >= 5
    assert local.start in (23, 0, 1) and local.end in (5, 6, 7, 8)


def test_fewer_than_100_dated_edits_say_too_few_and_give_no_offset() -> None:
    stamps = routine(1, MIN_DATED_EDITS - 1, seed=1)
    result = analyse_timestamps(stamps)
    assert result.verdict is Verdict.TOO_FEW and result.offset is None
    assert analyse_timestamps(routine(1, MIN_DATED_EDITS, seed=1)).verdict is Verdict.FOUND


def test_timestamps_that_cannot_be_read_are_undated_and_never_count_towards_the_100() -> None:
    stamps = [*routine(1, 99, seed=2), "2021-02-30T10:00:00Z", "yesterday", "2021-06-22T25:00:00Z"]
    result = analyse_timestamps(stamps)
    assert result.verdict is Verdict.TOO_FEW
    assert (result.edits, result.undated) == (99, 3)


def test_edits_around_the_clock_have_no_clear_night_and_give_no_offset() -> None:
    # a bot-like or shift-working account: edits at every hour of the day
    stamps = [f"2022-03-{1 + i % 28:02d}T{i % 24:02d}:{i * 7 % 60:02d}:00Z" for i in range(2000)]
    result = analyse_timestamps(stamps)
    assert result.verdict is Verdict.NO_NIGHT and result.offset is None


def test_a_short_night_of_four_quiet_hours_is_not_a_night() -> None:
    stamps = [
        f"2022-03-{1 + i % 28:02d}T{hour:02d}:10:00Z"
        for i in range(40)
        for hour in range(24)
        if hour not in (2, 3, 4, 5)
    ]
    assert analyse_timestamps(stamps).verdict is Verdict.NO_NIGHT


def test_the_histogram_is_by_hour_of_the_week_in_utc() -> None:
    hist = histogram(["2024-01-01T00:30:00Z", "2024-01-07T23:59:59Z", "2024-01-03T12:00:00Z"])
    assert hist.counts[0] == 1  # Monday 00:00
    assert hist.counts[167] == 1  # Sunday 23:00
    assert hist.counts[2 * 24 + 12] == 1  # Wednesday noon
    assert hist.total == 3 and hist.undated == 0


@given(st.lists(st.text(max_size=25), max_size=300))
def test_any_text_as_timestamps_never_crashes(stamps: list[str]) -> None:
    result = analyse_timestamps(stamps)
    assert result.edits + result.undated == len(stamps)


def test_offsets_are_written_as_people_read_them() -> None:
    assert [format_offset(o) for o in (-5, 0, 3)] == ["UTC\u22125", "UTC", "UTC+3"]
