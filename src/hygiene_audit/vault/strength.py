"""Password strength: zxcvbn for every entry of a vault, each distinct password rated once,
spread over forked worker processes while the caller goes on with other work.

The passwords reach the workers only as the memory they inherit at the fork: nothing is
written, put in argv or the environment, or sent down a pipe (only job numbers go to the
workers and only the results, which hold no secret, come back). Where fork is not available
the rating runs in this process when the results are asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from hygiene_audit.safety.secrets import reveal
from hygiene_audit.vault.analysis import KeyedDigest, site_words
from hygiene_audit.vault.entries import VaultEntry

ZXCVBN_MAX = 72  # zxcvbn raises beyond this; longer passwords are judged on their start
RATING_WORKERS = os.cpu_count() or 1  # processes that rate passwords; 1 = in this process
PARALLEL_FROM = 64  # fewer distinct ratings than this are not worth starting processes
_JOBS: list[tuple[str, tuple[str, ...]]] = []  # set before forking; read by the workers

Job = tuple[str, tuple[str, ...]]  # a password and the words zxcvbn is given with it
JobKey = tuple[bytes, tuple[str, ...]]


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    crack_seconds: float  # zxcvbn's offline slow-hash estimate
    warning: str
    suggestions: tuple[str, ...]


def strength(password: str, user_inputs: Sequence[str]) -> Strength:
    from zxcvbn import zxcvbn

    from hygiene_audit.vault import zxcvbn_matching

    zxcvbn_matching.install()
    result = zxcvbn(password[:ZXCVBN_MAX], user_inputs=list(user_inputs))
    feedback = result.get("feedback") or {}
    times = result.get("crack_times_seconds") or {}
    outcome = Strength(
        score=int(result["score"]),
        crack_seconds=float(times.get("offline_slow_hashing_1e4_per_second", 0) or 0),
        warning=str(feedback.get("warning") or ""),
        suggestions=tuple(str(s) for s in feedback.get("suggestions") or ()),
    )
    del result  # it holds the plaintext; keep nothing of it but the fields above
    return outcome


def _l33t_classes() -> dict[int, str]:
    """Each character zxcvbn's l33t table links to a letter, mapped to one class
    representative (a ``str.translate`` table): 1, !, |, 7, +, i, l and t are all one
    class, 4, @ and a another…"""
    from zxcvbn.matching import L33T_TABLE

    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    for letter, subs in L33T_TABLE.items():
        for sub in subs:
            parent[find(sub)] = find(letter)
    return {ord(c): find(c) for c in parent}


def _may_match(password: str, words: Sequence[str], classes: Mapping[int, str]) -> bool:
    """Whether zxcvbn could match any of ``words`` in ``password`` (as a word, reversed, or
    with l33t substitutions). A superset test: true whenever zxcvbn's answer could depend on
    the words, so skipping them when it is false changes nothing."""

    def canon(text: str) -> str:
        return text.lower().translate(classes)

    text = canon(password)
    reverse = text[::-1]
    return any(w and (canon(w) in text or canon(w) in reverse) for w in words)


def _plan(
    entries: Sequence[VaultEntry], personal: Sequence[str]
) -> tuple[list[JobKey | None], dict[JobKey, Job]]:
    """Each entry's rating key (None for an empty password) and one job per distinct key.

    An entry's own words (site, login) and the personal words change zxcvbn's answer only
    when they can match inside the password; only then is the password rated with that
    entry's exact inputs, so every result equals rating each entry on its own."""
    classes = _l33t_classes()
    digest_of = KeyedDigest()
    keys: list[JobKey | None] = []
    jobs: dict[JobKey, Job] = {}
    base_inputs = tuple(sorted(set(personal)))
    for entry in entries:
        value = reveal(entry.password)
        if not value:
            keys.append(None)
            continue
        inputs = tuple(
            sorted(
                {
                    *personal,
                    *site_words(entry),
                    *([entry.username, entry.username.split("@")[0]] if entry.username else []),
                }
            )
        )
        if not _may_match(value, inputs, classes):
            inputs = base_inputs  # no input can match: the answer is the same for all
        key = (digest_of(value), inputs)
        keys.append(key)
        jobs.setdefault(key, (value, inputs))
    return keys, jobs


def _rate(index: int) -> tuple[int, Strength]:
    password, inputs = _JOBS[index]
    return index, strength(password, inputs)


class Rating:
    """Ratings under way (see ``rating``): ``results`` waits for them, in entry order."""

    def __init__(
        self,
        keys: list[JobKey | None],
        planned: dict[JobKey, Job],
        running: Iterator[tuple[int, Strength]] | None,
    ) -> None:
        self._keys = keys
        self._jobs = list(planned.values())
        self._index = {key: n for n, key in enumerate(planned)}
        self._running = running

    def results(self, advance: Callable[[int], None] = lambda _n: None) -> list[Strength | None]:
        rated: list[Strength | None] = [None] * len(self._jobs)
        if self._running is None:
            for index, (password, inputs) in enumerate(self._jobs):
                rated[index] = strength(password, inputs)
                advance(1)
        else:
            for index, result in self._running:
                rated[index] = result
                advance(1)
        advance(len(self._keys) - len(self._jobs))  # entries that shared a rating, empty ones
        return [rated[self._index[k]] if k is not None else None for k in self._keys]


@contextmanager
def rating(
    entries: Sequence[VaultEntry], personal: Sequence[str], *, workers: int | None = None
) -> Iterator[Rating]:
    """Start rating every entry's password (zxcvbn fed the personal words and, where they can
    matter, the entry's site and login) and give back a ``Rating`` at once: the workers run
    while the caller does other work, and leaving the block stops them.

    The longest passwords (the slowest to rate) go first, in small chunks, so the workers
    finish together."""
    import multiprocessing

    from hygiene_audit.safety.process import start_worker
    from hygiene_audit.vault import zxcvbn_matching

    global _JOBS
    keys, planned = _plan(entries, personal)
    jobs = list(planned.values())
    workers = workers or RATING_WORKERS
    zxcvbn_matching.install()  # before the fork: the workers inherit it and its word index
    if (
        workers <= 1
        or len(jobs) < PARALLEL_FROM
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        yield Rating(keys, planned, None)
        return
    with ExitStack() as stack:
        _JOBS = jobs
        stack.callback(_JOBS.clear)
        pool: Any = stack.enter_context(
            multiprocessing.get_context("fork").Pool(processes=workers, initializer=start_worker)
        )
        order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][0]))
        chunk = max(4, len(jobs) // (workers * 24))
        yield Rating(keys, planned, pool.imap_unordered(_rate, order, chunksize=chunk))


def strengths(
    entries: Sequence[VaultEntry],
    personal: Sequence[str],
    advance: Callable[[int], None] = lambda _n: None,
    *,
    workers: int | None = None,
) -> list[Strength | None]:
    """Every entry's strength (None for an empty password), rated now."""
    with rating(entries, personal, workers=workers) as pending:
        return pending.results(advance)
