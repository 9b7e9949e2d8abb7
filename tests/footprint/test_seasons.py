"""Summer time in edit times (HA-E): which daylight-saving rule a person's hours follow, on
routines generated with the tz database's own clocks (tests/footprint/routines.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

from hygiene_audit.footprint.routine import analyse_timestamps
from hygiene_audit.footprint.seasons import BY_KEY, clock_rule
from tests.footprint.routines import KINDS, routine

# zone → (its rule, its winter offset)
ZONES = {
    "Europe/Berlin": ("eu", 1),
    "Europe/London": ("eu", 0),
    "America/New_York": ("us", -5),
    "America/Denver": ("us", -7),
    "Australia/Sydney": ("au", 10),
    "Pacific/Auckland": ("nz", 12),
    "America/Santiago": ("cl", -4),
    "Asia/Tokyo": ("none", 9),
    "Asia/Kolkata": ("none", 5),  # UTC+5:30: the estimate is the nearest whole hour
    "America/Sao_Paulo": ("none", -3),  # Brazil dropped summer time in 2019
}


def _off_by(found: int, true: int) -> int:
    gap = (found - true) % 24
    return min(gap, 24 - gap)


def test_each_rule_and_none_is_recognised_from_300_edits_of_every_kind_of_day() -> None:
    named: Counter[str] = Counter()
    winter: Counter[str] = Counter()
    wrong: list[tuple[str, str, int, tuple[str, ...], bool]] = []
    for zone, (rule, offset) in ZONES.items():
        for kind in KINDS:
            for seed in range(3):
                result = analyse_timestamps(routine(0, 300, kind=kind, seed=seed, zone=zone))
                season = result.season
                right = season.none if rule == "none" else rule in season.rules
                named[zone] += right
                if not right:
                    wrong.append((zone, kind, seed, season.rules, season.none))
                # a rule said is never the other hemisphere's, nor "none" said for a rule
                assert not (rule == "none" and season.rules), (zone, kind, seed, season)
                assert not (rule != "none" and season.none), (zone, kind, seed, season)
                if result.offset is not None and _off_by(result.offset, offset) <= 1:
                    winter[zone] += 1  # the offset found is the winter one
    assert sum(named.values()) >= 0.95 * 12 * len(ZONES), wrong
    assert all(named[zone] >= 10 for zone in ZONES), wrong  # of 12 in each zone
    assert sum(winter.values()) >= 0.9 * 12 * len(ZONES), winter


def test_europe_and_north_america_are_told_apart_by_their_weeks_of_difference() -> None:
    for zone, rule, other in (("Europe/Paris", "eu", "us"), ("America/Chicago", "us", "eu")):
        season = analyse_timestamps(routine(0, 2_000, seed=5, zone=zone)).season
        assert season.rules == (rule,), (zone, season)
        assert other not in season.rules


def test_edits_made_only_in_winter_cannot_tell_summer_time_and_say_nothing_about_it() -> None:
    stamps = [
        s for s in routine(0, 3_000, seed=2, zone="Europe/Berlin") if s[5:7] in ("11", "12", "01")
    ]
    result = analyse_timestamps(stamps)
    assert result.offset is not None
    assert not result.season.known  # neither a rule nor "no summer time"


def test_the_rules_are_the_tz_database_s_own_for_the_places_that_use_them() -> None:
    def of(zone: str) -> tuple[float, str]:
        tz = ZoneInfo(zone)

        def offset_at(day: dt.date) -> float:
            moment = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC).astimezone(tz)
            return (moment.utcoffset() or dt.timedelta()).total_seconds() / 3600

        return clock_rule(2025, offset_at)

    assert of("Europe/Paris") == (1, "eu")
    assert of("Europe/Lisbon") == (0, "eu")
    assert of("America/Chicago") == (-6, "us")
    assert of("America/Havana") == (-5, "us")
    assert of("Australia/Melbourne") == (10, "au")
    assert of("Pacific/Auckland") == (12, "nz")
    assert of("America/Santiago") == (-4, "cl")
    assert of("Asia/Kolkata") == (5.5, "none")
    assert of("Africa/Cairo") == (2, "other")  # a rule of its own: never named as another
    assert BY_KEY["eu"].summer(dt.date(2024, 3, 31)) and not BY_KEY["eu"].summer(
        dt.date(2024, 3, 30)
    )
    assert BY_KEY["au"].summer(dt.date(2024, 1, 15)) and not BY_KEY["au"].summer(
        dt.date(2024, 7, 1)
    )
