"""zxcvbn's dictionary matcher with the same answers in a fraction of the time.

zxcvbn 4.5.0 spends about half of each rating in ``matching.dictionary_match``: for every
one of its seven ranked dictionaries it slices and looks up every substring of the password
(seven times the same ~300 slices for a 24-character password), and its reversed and l33t
matchers call it again for each variant. The replacement looks each substring up once in the
union of the large dictionaries (built once, cached while those dictionaries are the same
objects of the same size), stops at the longest word any dictionary holds, and only for a
substring that is a word asks each dictionary in zxcvbn's own order: the matches, their
fields and their order are zxcvbn's, so every result (score, guesses, crack times, feedback,
match sequence) is unchanged. ``tests/vault/test_zxcvbn_matching.py`` compares whole results
of both matchers over real and generated passwords.

It is installed only over the zxcvbn version it was verified against; any other version
keeps its own matcher. zxcvbn's other matchers, scoring and feedback are untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

VERIFIED_VERSION = "4.5.0"
SMALL = 512  # dictionaries smaller than this (the user inputs, new on every call) are not cached

Ranked = Mapping[str, int]
_large_cache: dict[str, Any] = {"key": None}
_small_cache: dict[str, Any] = {"key": None}
_original: Callable[..., list[dict[str, Any]]] | None = None


def _union(dictionaries: tuple[Ranked, ...], cache: dict[str, Any]) -> tuple[frozenset[str], int]:
    """The words of ``dictionaries`` and the longest one's length, rebuilt only when they are
    other dictionary objects (or other sizes). The cache holds the dictionaries themselves,
    so the identities in its key cannot be reused while it does."""
    key = tuple((id(d), len(d)) for d in dictionaries)
    if cache["key"] != key:
        words = frozenset().union(*dictionaries)
        cache.update(
            key=key, dicts=dictionaries, words=words, longest=max(map(len, words), default=0)
        )
    return cache["words"], cache["longest"]


def _large_words(dictionaries: Mapping[str, Ranked]) -> tuple[frozenset[str], int]:
    """zxcvbn's own frequency lists: built once."""
    return _union(tuple(d for d in dictionaries.values() if len(d) >= SMALL), _large_cache)


def _small_words(dictionaries: Mapping[str, Ranked]) -> tuple[frozenset[str], int]:
    """The user inputs: a new dictionary for each rating, asked for by every matcher of it."""
    return _union(tuple(d for d in dictionaries.values() if len(d) < SMALL), _small_cache)


def dictionary_match(
    password: str, _ranked_dictionaries: Mapping[str, Ranked] | None = None
) -> list[dict[str, Any]]:
    """``zxcvbn.matching.dictionary_match``, the same list, found with one lookup per
    substring instead of one per substring and dictionary."""
    if _ranked_dictionaries is None:
        from zxcvbn.matching import RANKED_DICTIONARIES

        _ranked_dictionaries = RANKED_DICTIONARIES
    words, longest = _large_words(_ranked_dictionaries)
    small_words, small_longest = _small_words(_ranked_dictionaries)
    longest = max(longest, small_longest)
    ordered = list(_ranked_dictionaries.items())
    lower = password.lower()
    length = len(password)
    if len(lower) != length:  # lower() lengthened a character: zxcvbn slices by position anyway
        longest = length
    matches: list[dict[str, Any]] = []
    for i in range(length):
        for j in range(i, min(length, i + longest)):
            word = lower[i : j + 1]
            if word not in words and word not in small_words:
                continue
            for name, ranked in ordered:
                if word in ranked:
                    matches.append(
                        {
                            "pattern": "dictionary",
                            "i": i,
                            "j": j,
                            "token": password[i : j + 1],
                            "matched_word": word,
                            "rank": ranked[word],
                            "dictionary_name": name,
                            "reversed": False,
                            "l33t": False,
                        }
                    )
    return matches


def install() -> bool:
    """Put the faster matcher in zxcvbn when zxcvbn is the verified version (idempotent).
    zxcvbn's reversed and l33t matchers and its omnimatch look the matcher up by name at each
    call, so they use it too. Returns whether it is installed."""
    global _original
    from zxcvbn import matching

    if matching.dictionary_match is dictionary_match:
        return True
    from importlib.metadata import PackageNotFoundError, version

    try:
        if version("zxcvbn") != VERIFIED_VERSION:
            return False
    except PackageNotFoundError:
        return False
    _original = matching.dictionary_match
    matching.dictionary_match = dictionary_match
    _large_words(matching.RANKED_DICTIONARIES)  # before any fork: the workers inherit it
    return True


def uninstall() -> None:
    """zxcvbn's own matcher back (for the tests that compare both)."""
    global _original
    from zxcvbn import matching

    if _original is not None:
        matching.dictionary_match = _original
        _original = None
