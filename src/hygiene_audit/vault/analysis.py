"""Pure analysis of a password vault: reuse groups and strength. Secrets stay in memory.

Exact reuse compares HMAC-SHA256 digests under a key made fresh for each run, so no digest
is meaningful outside this process. Near reuse compares normalised "skeletons" (lower-case,
l33t undone, digits, trailing symbols and the entry's own site name removed) and, for what
remains, the Levenshtein similarity computed by rapidfuzz in bounded-size blocks.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from hygiene_audit.detectors.profile_terms import Term, fold, unleet
from hygiene_audit.sensitive import reveal
from hygiene_audit.vault.importers.interface import VaultEntry
from hygiene_audit.wiki.wikimedia import is_wikimedia_host

ZXCVBN_MAX = 72  # zxcvbn raises beyond this; longer passwords are judged on their start
NEAR_SIMILARITY = 0.8
NEAR_MIN_LENGTH = 6
BLOCK = 1024


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    crack_seconds: float  # zxcvbn's offline slow-hash estimate
    warning: str
    suggestions: tuple[str, ...]


class KeyedDigest:
    """HMAC-SHA256 under a key made fresh for this object: equal passwords, equal digests,
    and no digest meaningful outside the process."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)

    def __call__(self, value: str) -> bytes:
        return hmac.new(self._key, value.encode("utf-8"), hashlib.sha256).digest()


def account_key(entry: VaultEntry) -> tuple[str, str]:
    """Entries with the same key are one account (all Wikimedia sites share one login)."""
    host = entry.host
    site = "wikimedia" if is_wikimedia_host(host) else (host or fold(entry.title))
    return site, fold(entry.username)


def is_wikimedia(entry: VaultEntry) -> bool:
    return is_wikimedia_host(entry.host)


def _distinct_accounts(group: list[int], entries: Sequence[VaultEntry]) -> bool:
    return len({account_key(entries[i]) for i in group}) > 1


def exact_groups(entries: Sequence[VaultEntry]) -> list[list[int]]:
    """Indices of entries sharing one password across different accounts."""
    digest_of = KeyedDigest()
    buckets: dict[bytes, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        value = reveal(entry.password)
        if not value:
            continue
        digest = digest_of(value)
        buckets[digest].append(index)
    return [g for g in buckets.values() if len(g) > 1 and _distinct_accounts(g, entries)]


def _site_words(entry: VaultEntry) -> list[str]:
    labels = [p for p in entry.host.split(".")[:-1] if len(p) >= 3]
    labels += [w for w in re.findall(r"[a-z0-9]+", fold(entry.title)) if len(w) >= 3]
    return sorted(set(labels), key=len, reverse=True)


def normalised(entry: VaultEntry) -> str:
    """Lower-case, l33t undone, the entry's own site name removed."""
    text = unleet(fold(reveal(entry.password)))
    for word in _site_words(entry):
        text = text.replace(word, "\x00")
    return text


def skeleton(norm: str) -> str:
    """The base of a password: digits and symbols dropped (Summer2023! → summer)."""
    return re.sub(r"[^a-z\x00]", "", norm)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def near_groups(entries: Sequence[VaultEntry]) -> list[list[int]]:
    """Groups of entries whose passwords differ by small edits (not identical ones)."""
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    # one representative per distinct password; identical ones are exact reuse
    digest_of = KeyedDigest()
    reps: dict[bytes, int] = {}
    members: dict[int, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        value = reveal(entry.password)
        if len(value) < NEAR_MIN_LENGTH:
            continue
        digest = digest_of(value)
        rep = reps.setdefault(digest, index)
        members[rep].append(index)
    rep_ids = list(members)
    plain = [unleet(fold(reveal(entries[i].password))) for i in rep_ids]
    uf = _UnionFind(len(rep_ids))
    by_skeleton: dict[str, int] = {}
    for pos, rep in enumerate(rep_ids):
        for base in {skeleton(plain[pos]), skeleton(normalised(entries[rep]))}:
            if len(base.replace("\x00", "")) < 4:
                continue
            if base in by_skeleton:
                uf.union(by_skeleton[base], pos)
            else:
                by_skeleton[base] = pos
    norms = plain
    for start in range(0, len(norms), BLOCK):
        block = norms[start : start + BLOCK]
        matrix = process.cdist(
            block, norms, scorer=Levenshtein.normalized_similarity,
            score_cutoff=NEAR_SIMILARITY, dtype=np.float32, workers=-1,
        )
        rows, cols = np.nonzero(matrix)
        for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
            if start + row < col:
                uf.union(start + row, col)
    clusters: dict[int, list[int]] = defaultdict(list)
    for pos in range(len(rep_ids)):
        clusters[uf.find(pos)].append(pos)
    groups = []
    for positions in clusters.values():
        if len(positions) < 2:
            continue
        group = sorted(i for pos in positions for i in members[rep_ids[pos]])
        if _distinct_accounts(group, entries):
            groups.append(group)
    return groups


def personal_kinds_in(password: str, terms: Sequence[Term]) -> set[str]:
    """Which kinds of personal term the password contains (never which characters)."""
    text = re.sub(r"[^a-z0-9]", "", unleet(fold(password)))
    plain = re.sub(r"[^a-z0-9]", "", fold(password))
    return {t.kind for t in terms if len(t.folded) >= 4 and (t.folded in text or t.folded in plain)}


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


RATING_WORKERS = os.cpu_count() or 1  # processes that rate passwords; 1 = in this process
PARALLEL_FROM = 64  # fewer distinct ratings than this are not worth starting processes
_JOBS: list[tuple[str, tuple[str, ...]]] = []  # set before forking; read by the workers


def _l33t_classes() -> dict[str, str]:
    """Each character zxcvbn's l33t table links to a letter, mapped to one class
    representative: 1, !, |, 7, +, i, l and t are all one class, 4, @ and a another…"""
    from zxcvbn.matching import L33T_TABLE

    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    for letter, subs in L33T_TABLE.items():
        for sub in subs:
            parent[find(sub)] = find(letter)
    return {c: find(c) for c in parent}


def _may_match(password: str, words: Sequence[str], classes: Mapping[str, str]) -> bool:
    """Whether zxcvbn could match any of ``words`` in ``password`` (as a word, reversed, or
    with l33t substitutions). A superset test: true whenever zxcvbn's answer could depend on
    the words, so skipping them when it is false changes nothing."""
    def canon(text: str) -> str:
        return "".join(classes.get(c, c) for c in text.lower())

    text = canon(password)
    reverse = text[::-1]
    return any(w and (canon(w) in text or canon(w) in reverse) for w in words)


def _rate(index: int) -> Strength:
    password, inputs = _JOBS[index]
    return strength(password, inputs)


def _rate_all(jobs: list[tuple[str, tuple[str, ...]]], workers: int,
              advance: Callable[[int], None]) -> list[Strength]:
    """zxcvbn for each job, spread over forked worker processes where that pays.

    The passwords reach the workers only as the memory they inherit at the fork: nothing is
    written, put in argv or the environment, or sent down a pipe (only the results, which
    hold no secret, come back). Where fork is not available the rating stays in-process.
    """
    import multiprocessing

    from hygiene_audit.vault import zxcvbn_matching

    zxcvbn_matching.install()  # before the fork: the workers inherit it and its word index
    if (workers <= 1 or len(jobs) < PARALLEL_FROM
            or "fork" not in multiprocessing.get_all_start_methods()):
        results = []
        for password, inputs in jobs:
            results.append(strength(password, inputs))
            advance(1)
        return results
    global _JOBS
    _JOBS = jobs
    try:
        context = multiprocessing.get_context("fork")
        chunk = max(8, len(jobs) // (workers * 8))
        with context.Pool(processes=workers) as pool:
            results = []
            for result in pool.imap(_rate, range(len(jobs)), chunksize=chunk):
                results.append(result)
                advance(1)
            return results
    finally:
        _JOBS = []


def strengths(
    entries: Sequence[VaultEntry],
    personal: Sequence[str],
    advance: Callable[[int], None] = lambda _n: None,
    *,
    workers: int | None = None,
) -> list[Strength | None]:
    """zxcvbn for every non-empty password, fed the personal words and the entry's site.

    Each distinct password is rated once. An entry's own words (site, login) and the personal
    words change zxcvbn's answer only when they can match inside the password; only then is
    the password rated again with that entry's exact inputs, so every result equals rating
    each entry on its own.
    """
    classes = _l33t_classes()
    digest_of = KeyedDigest()
    keys: list[tuple[bytes, tuple[str, ...]] | None] = []
    jobs: dict[tuple[bytes, tuple[str, ...]], tuple[str, tuple[str, ...]]] = {}
    base_inputs = tuple(sorted(set(personal)))
    for entry in entries:
        value = reveal(entry.password)
        if not value:
            keys.append(None)
            continue
        inputs = tuple(sorted({*personal, *_site_words(entry), *(
            [entry.username, entry.username.split("@")[0]] if entry.username else [])}))
        if not _may_match(value, inputs, classes):
            inputs = base_inputs  # no input can match: the answer is the same for all
        key = (digest_of(value), inputs)
        keys.append(key)
        jobs.setdefault(key, (value, inputs))
    order = list(jobs)
    rated = _rate_all([jobs[k] for k in order], workers or RATING_WORKERS, advance)
    by_key = dict(zip(order, rated, strict=True))
    advance(len(entries) - len(order))  # entries that shared a rating, and empty ones
    return [by_key[k] if k is not None else None for k in keys]
