"""Summer time: which daylight-saving rule, if any, the hours of a person's edits follow. Pure.

A person keeps their day by the local clock; when that clock moves forward an hour in summer,
the same local hour is an hour earlier in UTC. So for each rule the edits made while the rule
says "summer" are moved an hour later (back onto the winter clock) and the day profile that
results is scored: the leave-one-out log-likelihood of each edit's quarter of an hour under a
smoothed profile of all the others. The rule that gives the sharpest day wins — by at least
``MARGIN`` (natural log units) over keeping the clock still, else nothing is said. Rules that
score within ``TIE`` of the best are named with it: a fortnight's difference between two rules
needs many edits in those weeks to tell apart.

Rules are taken by date (the day in UTC); the hour of the change is not modelled, which puts
the few edits of the two changeover nights on the wrong side.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hygiene_audit.i18n import N_

MARGIN = 6.0  # a rule must fit this much better than no summer time (and vice versa)
TIE = 4.0  # rules within this of the best are not told apart
QUARTERS = 96
SHIFT = 4  # an hour, in quarters
_KERNEL = (1, 2, 3, 2, 1)  # smoothing over ±30 minutes; the centre weight is the edit itself
_ALPHA = 0.5


def _sunday(year: int, month: int, nth: int) -> dt.date:
    """The ``nth`` Sunday of a month (1 = first); ``-1`` the last."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1))
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = following - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


@dataclass(frozen=True)
class SummerRule:
    """A daylight-saving rule: summer time from ``starts(year)`` until ``ends(year)``."""

    key: str
    name: str  # a catalogue message (translated where shown)
    starts: Callable[[int], dt.date]
    ends: Callable[[int], dt.date]

    def summer(self, day: dt.date) -> bool:
        start, end = self.starts(day.year), self.ends(day.year)
        if start < end:  # northern hemisphere: summer inside the year
            return start <= day < end
        return day >= start or day < end  # southern: summer across new year


RULES = (
    SummerRule(
        "eu",
        N_("Europe's rule (last Sunday of March to last Sunday of October)"),
        lambda y: _sunday(y, 3, -1),
        lambda y: _sunday(y, 10, -1),
    ),
    SummerRule(
        "us",
        N_("North America's rule (second Sunday of March to first Sunday of November)"),
        lambda y: _sunday(y, 3, 2),
        lambda y: _sunday(y, 11, 1),
    ),
    SummerRule(
        "au",
        N_("south-east Australia's rule (first Sunday of October to first Sunday of April)"),
        lambda y: _sunday(y, 10, 1),
        lambda y: _sunday(y, 4, 1),
    ),
    SummerRule(
        "nz",
        N_("New Zealand's rule (last Sunday of September to first Sunday of April)"),
        lambda y: _sunday(y, 9, -1),
        lambda y: _sunday(y, 4, 1),
    ),
    SummerRule(
        "cl",
        N_("Chile's rule (first Sunday of September to first Sunday of April)"),
        lambda y: _sunday(y, 9, 1),
        lambda y: _sunday(y, 4, 1),
    ),
)
BY_KEY = {rule.key: rule for rule in RULES}


@dataclass(frozen=True)
class Season:
    """What the edits say about summer time. ``rules``: the keys of the rules that fit best
    (more than one when they cannot be told apart); empty with ``none`` when the clock plainly
    stays put all year; empty without ``none`` when the edits cannot tell."""

    rules: tuple[str, ...] = ()
    none: bool = False
    gain: float = 0.0  # how much better the winner fits than the runner-up side

    @property
    def known(self) -> bool:
        return bool(self.rules) or self.none


Cells = Sequence[tuple[int, int, int]]  # (day ordinal, quarter of the day in UTC, edits)


def moved(cells: Cells, rule: SummerRule | None) -> list[tuple[int, int, int]]:
    """The cells with summer edits put back on the winter clock (an hour later in UTC)."""
    if rule is None:
        return list(cells)
    out: list[tuple[int, int, int]] = []
    summer: dict[int, bool] = {}
    for day, quarter, n in cells:
        on = summer.get(day)
        if on is None:
            on = summer[day] = rule.summer(dt.date.fromordinal(day))
        if on:
            quarter += SHIFT
            if quarter >= QUARTERS:
                day, quarter = day + 1, quarter - QUARTERS
        out.append((day, quarter, n))
    return out


def _fit(cells: Cells) -> float:
    quarters = [0] * QUARTERS
    for _day, quarter, n in cells:
        quarters[quarter] += n
    half = len(_KERNEL) // 2
    centre = _KERNEL[half]
    total = 0.0
    for q, n in enumerate(quarters):
        if n:
            around = sum(w * quarters[(q + i - half) % QUARTERS] for i, w in enumerate(_KERNEL))
            total += n * math.log(around - centre + _ALPHA)
    return total


def season(cells: Cells) -> Season:
    """Which rule the edits follow (see the module's description)."""
    still = _fit(cells)
    scores = {rule.key: _fit(moved(cells, rule)) for rule in RULES}
    best = max(scores.values())
    if best >= still + MARGIN:
        tied = tuple(k for k, s in sorted(scores.items(), key=lambda i: -i[1]) if s >= best - TIE)
        return Season(rules=tied, gain=best - still)
    if still >= best + MARGIN:
        return Season(none=True, gain=still - best)
    return Season()


OTHER = "other"  # summer time by a rule not listed here (Israel, Iran before 2022, Morocco, …)
NONE = "none"


def clock_rule(year: int, offset_at: Callable[[dt.date], float]) -> tuple[float, str]:
    """A clock's winter offset (hours) and rule key (``NONE``, ``OTHER`` or one of RULES),
    from its offset at noon UTC on each day of ``year``: the rule whose summer is the clock's
    summer on all but a few days (the changeover days)."""
    days = [dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range(365)]
    offsets = [offset_at(day) for day in days]
    winter = min(offsets)
    summer = [o > winter for o in offsets]
    if not any(summer):
        return winter, NONE
    for rule in RULES:
        if sum(rule.summer(day) != on for day, on in zip(days, summer, strict=True)) <= 3:
            return winter, rule.key
    return winter, OTHER
