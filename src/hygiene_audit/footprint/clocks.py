"""Who lives on which clock, roughly: ``data/utc_offsets.toml`` (GeoNames and the tz database,
written by ``scripts/update_offsets.py``), and this computer's own clock (read here, never sent).
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from hygiene_audit.footprint.seasons import clock_rule


@dataclass(frozen=True)
class Clock:
    people: int  # rough: see scripts/update_offsets.py
    cities: tuple[str, ...]  # the largest, one per country
    countries: tuple[str, ...] = ()  # the most populous keeping it (clocks with a rule only)


@dataclass(frozen=True)
class World:
    offsets: dict[int, Clock]  # shown at some time of the year
    clocks: dict[tuple[int, str], Clock]  # (winter offset, summer-time rule)

    def on(self, offset: int, rules: tuple[str, ...]) -> Clock:
        """The people on that clock: with the given rules (winter offset), else any time."""
        if not rules:
            return self.offsets.get(offset, Clock(0, ()))
        found = [self.clocks[offset, r] for r in rules if (offset, r) in self.clocks]
        cities = tuple(dict.fromkeys(c for clock in found for c in clock.cities))
        countries = tuple(dict.fromkeys(c for clock in found for c in clock.countries))
        return Clock(sum(c.people for c in found), cities, countries)

    def around(self, offset: int, rules: tuple[str, ...]) -> int:
        """The people on that clock and on the clocks an hour either side of it (the
        estimate's own error), with the same rules."""
        ring = {c for o in (offset - 1, offset, offset + 1) for c in _same_clock(o)}
        return sum(self.on(o, rules).people for o in ring)

    def nearest(self, offset: int, rules: tuple[str, ...]) -> int:
        """``offset``, or where nobody lives on it with those rules, the neighbouring offset
        (the estimate's own error is an hour) where most people do; ``offset`` if none."""
        for ring in (
            _same_clock(offset),
            [c for o in (offset - 1, offset + 1) for c in _same_clock(o)],
        ):
            best = max(ring, key=lambda o: self.on(o, rules).people, default=offset)
            if self.on(best, rules).people:
                return best
        return offset


def _same_clock(offset: int) -> list[int]:
    """The offsets that show the same hour (UTC+13 and UTC−11 are one clock a day apart)."""
    return [o for o in (offset, offset - 24, offset + 24) if -12 <= o <= 14]


def _clock(raw: dict[str, Any]) -> Clock:
    return Clock(
        int(raw["people"]),
        tuple(str(c) for c in raw["cities"]),
        tuple(str(c) for c in raw.get("countries", ())),
    )


@cache
def world() -> World:
    raw = resources.files("hygiene_audit.data").joinpath("utc_offsets.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    clocks = {}
    for key, value in data["clocks"].items():
        offset, rule = key.split("/")
        clocks[int(offset), rule] = _clock(value)
    return World(
        offsets={int(k): _clock(v) for k, v in data["offsets"].items()},
        clocks=clocks,
    )


@dataclass(frozen=True)
class LocalClock:
    winter: float  # hours from UTC in winter
    rule: str  # a footprint.seasons key, NONE or OTHER
    name: str  # the zone's abbreviation(s), as the computer shows them

    @property
    def utc(self) -> bool:
        """Set to UTC all year (a server, Tails, a privacy setting): it says nothing."""
        return self.winter == 0 and self.rule == "none"


def this_computer(year: int | None = None) -> LocalClock:
    """This computer's clock (its time zone: TZ, or the system's), read through the C library."""
    year = year or time.localtime().tm_year

    def offset_at(day: dt.date) -> float:
        moment = calendar.timegm((day.year, day.month, day.day, 12, 0, 0, 0, 0, 0))
        return time.localtime(moment).tm_gmtoff / 3600

    winter, rule = clock_rule(year, offset_at)
    names = " / ".join(dict.fromkeys(n for n in time.tzname if n))
    return LocalClock(winter, rule, names)
