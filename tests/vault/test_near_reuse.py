"""Near reuse finds every pair of passwords a full comparison of all pairs finds, and no
other, on a realistic vault and on lengths right at the similarity bound."""

from __future__ import annotations

import itertools
import random
import string

from pydantic import SecretStr
from rapidfuzz.distance import Levenshtein

from hygiene_audit.detectors.profile_terms import fold, unleet
from hygiene_audit.vault.analysis import (
    NEAR_MIN_LENGTH,
    NEAR_SIMILARITY,
    _join_similar,
    _UnionFind,
    near_groups,
)
from hygiene_audit.vault.entries import VaultEntry

from ..realistic_vault import passwords


def all_pairs_components(texts: list[str]) -> set[frozenset[int]]:
    """The reference: every pair compared, joined when rapidfuzz says they pass the cutoff
    (as the full matrix did; rapidfuzz leaves out a pair exactly at it)."""
    uf = _UnionFind(len(texts))
    for a, b in itertools.combinations(range(len(texts)), 2):
        if Levenshtein.normalized_similarity(texts[a], texts[b], score_cutoff=NEAR_SIMILARITY):
            uf.union(a, b)
    return components(uf, len(texts))


def components(uf: _UnionFind, size: int) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for i in range(size):
        groups.setdefault(uf.find(i), set()).add(i)
    return {frozenset(g) for g in groups.values() if len(g) > 1}


def bounded_components(texts: list[str]) -> set[frozenset[int]]:
    uf = _UnionFind(len(texts))
    _join_similar(texts, uf)
    return components(uf, len(texts))


def edge_lengths() -> list[str]:
    """Pairs whose lengths sit at the bound and just inside it (8 and 10 characters with 2
    edits are exactly 0.8; 16 and 19 with 3 edits are above it)."""
    rnd = random.Random(5)
    made = []
    for length in range(6, 26):
        base = "".join(rnd.choice(string.ascii_lowercase) for _ in range(length))
        made += [
            base,
            base + "xy",
            base[:-1],
            base[:-2] + "qq",
            base + "z" * (length // 4),
            base + "z" * max(0, length // 4 - 1),
        ]
    return made


def edited(rnd: random.Random, text: str, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        spot = rnd.randrange(len(chars) + 1)
        kind = rnd.randrange(3)
        if kind == 0 or not chars:
            chars.insert(spot, rnd.choice(string.ascii_lowercase + "0123456789"))
        elif kind == 1 and spot < len(chars):
            del chars[spot]
        elif spot < len(chars):
            chars[spot] = rnd.choice(string.ascii_lowercase)
    return "".join(chars)


def generated_with_edits() -> list[str]:
    """Random generated passwords and copies with 1 to 5 edits (some similar enough, some
    not), repeated characters (q-grams that repeat), passphrases from few words."""
    rnd = random.Random(11)
    made = []
    for _ in range(150):
        base = "".join(
            rnd.choice(string.ascii_lowercase + "0123456789!#") for _ in range(rnd.randint(6, 30))
        )
        made += [base, edited(rnd, base, rnd.randint(1, 5))]
    made += ["a" * n for n in range(6, 14)] + ["a" * 8 + "b", "ab" * 6, "ab" * 5 + "ba"]
    words = ["river", "tiger", "orange", "summer"]
    made += ["-".join(rnd.choice(words) for _ in range(4)) for _ in range(60)]
    return made


def test_the_bounded_comparison_finds_exactly_the_pairs_of_a_full_one() -> None:
    texts = sorted({unleet(fold(p)) for p in passwords(600) if len(p) >= NEAR_MIN_LENGTH})
    texts += edge_lengths() + generated_with_edits()
    texts += ["abc", "abd", "ab", "a", "", "abcd", "abce"]  # shorter than the filter works
    reference = all_pairs_components(texts)
    assert len(reference) > 20  # the sample has near reuse to find
    assert bounded_components(texts) == reference


def test_identical_passwords_are_not_near_reuse_but_their_edits_are() -> None:
    def entry(row: int, password: str) -> VaultEntry:
        return VaultEntry(
            title=f"site{row}",
            url=f"https://site{row}.example",
            username="ana",
            password=SecretStr(password),
            source="v.csv",
            row=row,
        )

    entries = [
        entry(2, "Library2024!"),
        entry(3, "Library2024!"),
        entry(4, "Library2025?"),
        entry(5, "kR8#vQ2!zL9@pW4x"),
        entry(6, "kR8#vQ2!zL9@pW4y"),
        entry(7, "short"),
    ]
    assert sorted(near_groups(entries)) == [[0, 1, 2], [3, 4]]
