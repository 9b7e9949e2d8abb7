"""The time zone and daily routine that edit timestamps give away. Pure: no I/O, no clock.

The hour-of-week histogram is built in UTC. A human day has a night: a stretch of at least
``MIN_SLEEP_HOURS`` hours with almost no edits. For each whole-hour offset from UTC−12 to
UTC+14 the edits are moved to that local clock and weighed by how much of them would fall in
a usual night (centred on about 03:45 local, a night of roughly 23:45 to 07:45, moved by the
chronotype); the offset with the least night editing is the estimate. Where several offsets
tie (a long quiet stretch), the middle one is taken. First, where the edits follow a summer-time
rule (``footprint.seasons``), the summer edits are put back on the winter clock, so the offset
found is the winter one and the rule narrows it further.

What it cannot know: a person whose night is far from the usual (night work, a student who
sleeps 03:00–11:00) is placed off by that shift; the result says the quiet window it saw in
UTC, which is a fact of the data, beside the offset it infers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from hygiene_audit.footprint.seasons import BY_KEY, Cells, Season, moved, season

HOURS_PER_WEEK = 168
STEPS = 96  # quarters of an hour in a day
MIN_DATED_EDITS = 100  # below this, no finding: too few to say anything honest
MIN_SLEEP_HOURS = 5
# "almost no edits": a quiet window holds at most this share of what an even spread would
QUIET_RATIO = 0.25
QUIET_HOUR_RATIO = 0.5  # and no hour of it more than this share of an even hour
SLEEP_HOURS = 8  # the length of night looked for
# The middle of a usual night, local time: sleep from about 23:45 to 07:45 (calibrated with
# CHRONOTYPE on the generated routines once summer time is taken out).
NIGHT_MIDDLE = 3.75
# A morning person sleeps earlier, an evening person later: the middle of the night moves by
# this many hours per hour that the edits sit later in the waking day than DAY_CENTRE hours
# after it (calibrated on the generated routines of tests/footprint/routines.py).
CHRONOTYPE = 0.7
DAY_CENTRE = 13.5
TIE_SHARE = 0.01  # stretches within 1 % of the edits of the quietest one tie with it


class Verdict(StrEnum):
    FOUND = "found"
    TOO_FEW = "too_few"  # fewer than MIN_DATED_EDITS dated edits
    NO_NIGHT = "no_night"  # no stretch of MIN_SLEEP_HOURS with almost no edits


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class Histogram:
    """Edits per hour of the week in UTC: index ``weekday * 24 + hour`` (Monday 00:00 first)."""

    counts: tuple[int, ...]
    undated: int = 0  # timestamps that could not be read
    # edits per quarter of an hour of the day (UTC), for finding the night more finely
    quarters: tuple[int, ...] = (0,) * STEPS
    # (day ordinal, quarter of the day, edits): the dates, for summer time
    cells: tuple[tuple[int, int, int], ...] = field(default=(), repr=False)

    @property
    def total(self) -> int:
        return sum(self.counts)

    def by_hour(self) -> tuple[int, ...]:
        return tuple(sum(self.counts[day * 24 + hour] for day in range(7)) for hour in range(24))


@dataclass(frozen=True)
class QuietWindow:
    start: int  # first quiet hour (0–23) on the clock it was measured in
    hours: int  # length

    @property
    def end(self) -> int:
        return (self.start + self.hours) % 24

    def shifted(self, offset: int) -> QuietWindow:
        return QuietWindow((self.start + offset) % 24, self.hours)


@dataclass(frozen=True)
class Routine:
    """What the edit times say. ``offset`` and ``confidence`` are set only when FOUND."""

    verdict: Verdict
    edits: int
    undated: int
    quiet_utc: QuietWindow | None = None
    offset: int | None = None
    confidence: Confidence | None = None
    night_share: float = 0.0  # share of edits inside the quiet window
    candidates: tuple[int, ...] = ()  # offsets that fit about as well (the tie)
    # summer time; when a rule fits, ``offset`` is the winter (standard) offset
    season: Season = field(default_factory=Season)

    @property
    def summer_rule(self) -> str | None:
        return self.season.rules[0] if self.season.rules else None

    @property
    def quiet_local(self) -> QuietWindow | None:
        if self.quiet_utc is None or self.offset is None:
            return None
        return self.quiet_utc.shifted(self.offset)


_ORDINALS: dict[str, int] = {}


def _ordinal(date: str) -> int:
    day = _ORDINALS.get(date)
    if day is None:
        day = dt.date(int(date[0:4]), int(date[5:7]), int(date[8:10])).toordinal()
        if len(_ORDINALS) < 100_000:  # a few centuries of days: bounded whatever is asked
            _ORDINALS[date] = day
    return day


def histogram(timestamps: Iterable[str]) -> Histogram:
    """MediaWiki timestamps (``2021-06-22T07:45:00Z``, UTC) → the UTC hour-of-week histogram.
    Anything else (another shape, an impossible date) is counted as undated, never guessed."""
    cells: Counter[tuple[int, int]] = Counter()
    undated = 0
    for stamp in timestamps:
        if len(stamp) != 20 or stamp[10] != "T" or stamp[19] != "Z" or stamp[4] != "-":
            undated += 1
            continue
        try:
            hour = int(stamp[11:13])
            minute = int(stamp[14:16])
            day = _ordinal(stamp[:10])
        except ValueError:
            undated += 1
            continue
        if not (0 <= hour < 24 and 0 <= minute < 60):
            undated += 1
            continue
        cells[day, hour * 4 + minute // 15] += 1
    return from_cells([(d, q, n) for (d, q), n in cells.items()], undated)


def from_cells(cells: Cells, undated: int = 0) -> Histogram:
    counts = [0] * HOURS_PER_WEEK
    quarters = [0] * STEPS
    for day, quarter, n in cells:
        counts[(day - 1) % 7 * 24 + quarter // 4] += n  # ordinal 1 was a Monday
        quarters[quarter] += n
    return Histogram(tuple(counts), undated, tuple(quarters), tuple(cells))


def quiet_window(by_hour: Sequence[int]) -> QuietWindow | None:
    """The longest circular stretch of at least MIN_SLEEP_HOURS hours whose edits are at
    most QUIET_RATIO of an even spread, none of its hours above QUIET_HOUR_RATIO of an even
    hour; None when there is none."""
    total = sum(by_hour)
    if total == 0:
        return None
    even_hour = total / 24
    best: QuietWindow | None = None
    for hours in range(MIN_SLEEP_HOURS, 24):
        fits = [
            s
            for s in range(24)
            if all(by_hour[(s + i) % 24] <= QUIET_HOUR_RATIO * even_hour for i in range(hours))
            and sum(by_hour[(s + i) % 24] for i in range(hours)) <= QUIET_RATIO * even_hour * hours
        ]
        if not fits:
            break
        best = QuietWindow(
            min(fits, key=lambda s: (sum(by_hour[(s + i) % 24] for i in range(hours)), s)), hours
        )
    return best


def _night(quarters: Sequence[int], total: int) -> tuple[float, int]:
    """The middle of the night in UTC hours, and how many hours of start times tie for it:
    the SLEEP_HOURS-long stretch with the fewest edits; where several tie (within TIE_SHARE
    of the edits), the middle of the run of tied stretches holding the quietest one."""
    width = SLEEP_HOURS * 4
    doubled = list(quarters) * 2
    sums = [sum(doubled[s : s + width]) for s in range(STEPS)]
    least = min(sums)
    quietest = sums.index(least)
    tied = {s for s in range(STEPS) if sums[s] <= least + TIE_SHARE * total}
    first = last = quietest
    while (first - 1) % STEPS in tied and last - first < STEPS - 1:
        first -= 1
    while (last + 1) % STEPS in tied and last - first < STEPS - 1:
        last += 1
    middle = ((first + last) / 2 + width / 2) / 4
    return middle % 24, (last - first) // 4 + 1


def _day_centre(quarters: Sequence[int], middle: float, total: int) -> float:
    """How many hours after the middle of the night the edits fall, on average (12: the day
    is centred opposite the night; more: an evening person, less: a morning one)."""
    return sum(quarters[q] * ((q / 4 + 0.125 - middle) % 24) for q in range(STEPS)) / total


def wrap(offset: float) -> int:
    """An offset in hours, whole, in −11 … +12 (UTC+13 and UTC−11 are one clock)."""
    return (round(offset) + 11) % 24 - 11


def analyse(hist: Histogram) -> Routine:
    """The routine; where the edits follow a summer-time rule, read on the winter clock."""
    total = hist.total
    if total < MIN_DATED_EDITS:
        return Routine(Verdict.TOO_FEW, total, hist.undated)
    summer = season(hist.cells)
    if summer.rules:
        hist = from_cells(moved(hist.cells, BY_KEY[summer.rules[0]]), hist.undated)
    by_hour = hist.by_hour()
    quiet = quiet_window(by_hour)
    if quiet is None:
        return Routine(Verdict.NO_NIGHT, total, hist.undated)
    middle, spread = _night(hist.quarters, total)
    day = _day_centre(hist.quarters, middle, total)
    local_middle = NIGHT_MIDDLE + CHRONOTYPE * (day - DAY_CENTRE)
    offset = wrap(local_middle - middle)
    inside = sum(by_hour[(quiet.start + i) % 24] for i in range(quiet.hours)) / total
    return Routine(
        Verdict.FOUND,
        total,
        hist.undated,
        quiet_utc=quiet,
        offset=offset,
        confidence=_confidence(total, quiet, spread),
        night_share=inside,
        candidates=tuple(wrap(local_middle - middle + d) for d in (-1, 0, 1)),
        season=summer,
    )


def _confidence(total: int, quiet: QuietWindow, spread: int) -> Confidence:
    """High: many edits, a clear night of a human length, one offset fits. Low: few edits or
    a quiet stretch so long that the night could be anywhere in it."""
    if total >= 300 and quiet.hours <= 12 and spread <= 2:
        return Confidence.HIGH
    if quiet.hours <= 14 and spread <= 3:
        return Confidence.MEDIUM
    return Confidence.LOW


def analyse_timestamps(timestamps: Iterable[str]) -> Routine:
    return analyse(histogram(timestamps))


def format_offset(offset: int) -> str:
    """``3`` → ``UTC+3``, ``-5`` → ``UTC−5``, ``0`` → ``UTC``."""
    if offset == 0:
        return "UTC"
    return f"UTC+{offset}" if offset > 0 else f"UTC\u2212{-offset}"
