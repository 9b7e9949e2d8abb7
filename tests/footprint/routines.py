"""Generated editing routines: a person with a human day at a known UTC offset.

Each routine draws edits on random days of two years; on each active day the person edits
at hours drawn from their kind of day (an office worker before and after work and at lunch,
an evening hobbyist, a retiree through the day, a night owl who sleeps 00:30–08:30), in
their local time, then turned into UTC timestamps. Realistic noise: weekends (up later,
more editing in the day), the odd edit in the night (insomnia, a phone at 3 a.m.: 2 % of
edits at any hour), travel (a fortnight a year at another offset), and summer time in
Europe and North America when ``dst`` is set (roughly, by month), or the real clock of a tz
database zone when ``zone`` is (its summer time by the tz database's own rules).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from zoneinfo import ZoneInfo

# Local hours at which each kind edits, with weights (weekday, weekend).
KINDS: dict[str, tuple[dict[float, float], dict[float, float]]] = {
    "office": (
        {7: 2, 7.5: 2, 12.5: 3, 13: 2, 18.5: 3, 19.5: 4, 20.5: 5, 21.5: 5, 22.5: 3, 23.2: 1},
        {9.5: 2, 10.5: 3, 11.5: 3, 14: 3, 16: 3, 18: 2, 20.5: 3, 21.5: 3, 22.5: 2, 23.5: 1},
    ),
    "evening": (
        {19: 2, 20: 4, 21: 5, 22: 5, 23: 3, 23.6: 1},
        {10: 2, 11: 2, 15: 2, 17: 2, 20: 3, 21: 4, 22: 4, 23.5: 2},
    ),
    "retiree": (
        {7: 2, 8: 3, 9.5: 4, 10.5: 4, 14: 3, 15.5: 3, 17: 2, 20: 2, 21: 1},
        {8: 2, 9.5: 3, 11: 3, 15: 3, 17: 2, 20: 2},
    ),
    "night_owl": (
        {9: 1, 11: 2, 14: 2, 17: 2, 20: 3, 22: 4, 23: 5, 23.8: 4, 0.2: 2},
        {11: 2, 13: 3, 16: 3, 20: 3, 22: 4, 23.5: 4, 0.3: 3},
    ),
}


def _summer(day: dt.date, region: str) -> bool:
    """Whether summer time is on: the EU's rule, or the US's (roughly, by month)."""
    if region == "eu":
        return 4 <= day.month <= 10 and not (day.month == 10 and day.day > 27)
    if region == "us":
        return 3 < day.month < 11 or (day.month == 3 and day.day > 10)
    return False


def routine(
    offset: int,
    edits: int = 300,
    *,
    kind: str = "office",
    seed: int = 0,
    dst: str | None = None,
    night_noise: float = 0.02,
    travel: bool = True,
    zone: str | None = None,
) -> list[str]:
    """``edits`` MediaWiki UTC timestamps of a person living at UTC+``offset`` (or in
    ``zone``, whose clock then decides the offset of each day)."""
    rng = random.Random(f"{offset}/{kind}/{seed}/{dst}/{zone or ''}")
    clock = ZoneInfo(zone) if zone else None
    weekday, weekend = KINDS[kind]
    start = dt.date(2023, 1, 1)
    trips = [rng.randrange(0, 730) for _ in range(2)] if travel else []
    trip_shift = [rng.choice((-9, -6, -3, 3, 6, 8)) for _ in trips]
    stamps: list[str] = []
    while len(stamps) < edits:
        day = start + dt.timedelta(days=rng.randrange(730))
        days_in = (day - start).days
        shift = next((s for t, s in zip(trips, trip_shift) if t <= days_in < t + 14), 0)
        if clock is not None:
            noon = dt.datetime.combine(day, dt.time(12), tzinfo=clock).utcoffset()
            offset = round(noon.total_seconds() / 3600) if noon else 0
        here = offset + shift + (1 if dst and _summer(day, dst) else 0)
        hours = weekend if day.weekday() >= 5 else weekday
        for _ in range(rng.randint(1, 4)):  # a session of a few edits
            if rng.random() < night_noise:
                local = rng.uniform(0, 24)
            else:
                centre = rng.choices(list(hours), weights=list(hours.values()))[0]
                local = (centre + rng.gauss(0, 0.4)) % 24
            moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=local - here)
            stamps.append(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return stamps[:edits]


def every_routine(edits: int = 300, seeds: int = 3) -> Iterator[tuple[int, str, int, list[str]]]:
    """(offset, kind, seed, timestamps) for every offset from UTC−10 to UTC+12."""
    for offset in range(-10, 13):
        for kind in KINDS:
            for seed in range(seeds):
                dst = ("eu", "us", None)[seed % 3]
                yield offset, kind, seed, routine(offset, edits, kind=kind, seed=seed, dst=dst)
