"""Pure analysis of a password vault: exact and near reuse. Secrets stay in memory.

Exact reuse compares HMAC-SHA256 digests under a key made fresh for each run, so no digest
is meaningful outside this process. Near reuse compares normalised "skeletons" (lower-case,
l33t undone, digits, trailing symbols and the entry's own site name removed) and, for what
remains, the Levenshtein similarity computed by rapidfuzz between passwords of comparable
length.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import hmac
import re
import secrets
from collections import defaultdict
from collections.abc import Sequence

from hygiene_audit.detectors.profile_terms import Term, fold, unleet
from hygiene_audit.safety.secrets import reveal
from hygiene_audit.vault.entries import VaultEntry
from hygiene_audit.wiki.wikimedia import is_wikimedia_host

NEAR_SIMILARITY = 0.8
NEAR_MIN_LENGTH = 6


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


def site_words(entry: VaultEntry) -> list[str]:
    """The words naming an entry's site (host labels, title words), longest first."""
    return list(_site_words(entry.host, entry.title))


@functools.lru_cache(maxsize=4096)
def _site_words(host: str, title: str) -> tuple[str, ...]:
    labels = [p for p in host.split(".")[:-1] if len(p) >= 3]
    labels += [w for w in re.findall(r"[a-z0-9]+", fold(title)) if len(w) >= 3]
    return tuple(sorted(set(labels), key=len, reverse=True))


def normalised(entry: VaultEntry) -> str:
    """Lower-case, l33t undone, the entry's own site name removed."""
    text = unleet(fold(reveal(entry.password)))
    for word in site_words(entry):
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


Q = 3  # q-gram length of the candidate filter
FILTER_FROM = 6  # from this length on, a similar pair always shares a q-gram (see below)


def _max_edits(length: int) -> int:
    """The most edits a pair whose longer text has ``length`` characters can have and still
    reach NEAR_SIMILARITY."""
    return int((1 - NEAR_SIMILARITY) * length + 1e-9)


def _shared_at_least(length: int) -> int:
    """The q-grams (counted with repeats) two texts must share when the longer has ``length``
    characters and they are similar enough: each edit destroys at most Q of the longer text's
    ``length - Q + 1`` q-grams. At least 1 from FILTER_FROM characters on."""
    return length - Q + 1 - Q * _max_edits(length)


def _qgrams(text: str) -> list[tuple[str, int]]:
    """The text's q-grams, a repeated one numbered (so sets intersect like multisets)."""
    seen: dict[str, int] = defaultdict(int)
    grams = []
    for start in range(len(text) - Q + 1):
        gram = text[start : start + Q]
        grams.append((gram, seen[gram]))
        seen[gram] += 1
    return grams


def _join_similar(texts: Sequence[str], uf: _UnionFind) -> None:
    """Join every two texts whose Levenshtein similarity is at least NEAR_SIMILARITY (as
    rapidfuzz computes it, cut-off included), comparing far fewer pairs than all of them.

    A similar pair has a shorter text of at least NEAR_SIMILARITY times the longer one's
    length. A text shorter than FILTER_FROM is compared (in rapidfuzz's C code) with every
    text of a length up to that bound. Longer pairs share at least ``_shared_at_least``
    q-grams (the q-gram lemma), so a text is compared only with the earlier, comparably long
    texts it shares that many q-grams with, and only when they are not joined already: random
    generated passwords, most of a real vault, almost never share one. Where counting would
    cost more than comparing with every comparably long earlier text, that is done instead.
    Either way every pair the full matrix would join ends in the same group."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    lengths = [len(texts[i]) for i in order]
    ordered = [texts[i] for i in order]
    postings: dict[tuple[str, int], list[int]] = defaultdict(list)

    def compare_with_all(pos: int, start: int, end: int) -> None:
        """Join ``pos`` with every similar text in ``ordered[start:end]``, in C."""
        for _text, _score, offset in process.extract(
            ordered[pos],
            ordered[start:end],
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=NEAR_SIMILARITY,
            limit=None,
        ):
            uf.union(order[pos], order[start + offset])

    for pos, length in enumerate(lengths):
        if length < FILTER_FROM:
            compare_with_all(
                pos, pos + 1, bisect.bisect_right(lengths, int(length / NEAR_SIMILARITY + 1e-9))
            )
            continue
        shortest = length * NEAR_SIMILARITY - 1e-9  # earlier texts are never longer
        grams = _qgrams(ordered[pos])
        first = bisect.bisect_left(lengths, shortest)
        if sum(len(postings[gram]) for gram in grams) > pos - first:
            # q-grams many texts share (passphrases of a few words): comparing with every
            # comparably long earlier text, in C, costs less than counting them
            compare_with_all(pos, first, pos)
        else:
            shared: dict[int, int] = defaultdict(int)
            for gram in grams:
                for other in postings[gram]:
                    if lengths[other] >= shortest:
                        shared[other] += 1
            need = _shared_at_least(length)
            for other, count in shared.items():
                if (
                    count >= need
                    and uf.find(order[pos]) != uf.find(order[other])
                    and Levenshtein.normalized_similarity(
                        ordered[pos], ordered[other], score_cutoff=NEAR_SIMILARITY
                    )
                ):
                    uf.union(order[pos], order[other])
        for gram in grams:
            postings[gram].append(pos)


def near_groups(entries: Sequence[VaultEntry]) -> list[list[int]]:
    """Groups of entries whose passwords differ by small edits (not identical ones)."""
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
    _join_similar(plain, uf)
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
