"""What a username says without a profile: a likely given name and surname, a city, a year.

A handle is split on separators, case changes and digits ("Ahmed.Farouk.Cairo",
"MartaKowalczyk", "maria.gonzalez88", "Ольга Смирнова"); a run of lower-case letters is also
tried as given name + surname ("mariagonzalez"). Each part is looked up in the gazetteer in its
own script and transliterated. A guess says how sure it is:

* LIKELY — a known given name next to a known surname ("maria" + "gonzalez");
* POSSIBLE — a known given name next to a name-like word that is no ordinary English word
  ("Ahmed" + "Farouk", "Marta" + "Kowalczyk"), or a known surname with one initial
  ("Sharma_R").

A single word that is also a name ("Rose", "Reader") is never a name guess on its own, and
a pair of ordinary words ("Will_Power", "NightOwl") is not one either: ordinary handles stay
quiet. A part that names a city counts when it is no ordinary word or names a city of a
million people ("Cairo"). Two digits at the end of a handle with a name ("maria.gonzalez88")
are a likely birth year; four-digit years are the username check's own, with or without
a name.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum

from hygiene_audit.detectors.gazetteer import Gazetteer
from hygiene_audit.detectors.profile_terms import flat

_SEPARATORS = re.compile(r"[\s._\-+~|/\\,;:()\[\]]+")
_PIECES = re.compile(r"\d+|[^\W\d_]+", re.UNICODE)
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])|(?<=[A-ZÀ-Þ])(?=[A-ZÀ-Þ][a-zà-ÿ])")
TWO_DIGIT_YEAR = re.compile(r"^([4-9]\d|0\d|1[0-2])$")
MIN_SPLIT = 3  # shortest given name or surname tried inside one run of letters
SHORT_SURNAME = 3


class Confidence(StrEnum):
    LIKELY = "likely"
    POSSIBLE = "possible"


class GuessKind(StrEnum):
    FULL_NAME = "full_name"  # given name + surname
    NAME = "name"  # given name + a name-like word, or surname + initial
    PLACE = "place"
    YEAR = "year"


@dataclass(frozen=True)
class HandleGuess:
    kind: GuessKind
    value: str  # the parts of the handle as written
    confidence: Confidence


def handle_parts(handle: str) -> list[str]:
    """ "Ahmed.Farouk.Cairo" → [Ahmed, Farouk, Cairo]; "maria.gonzalez88" → [maria, gonzalez,
    88]; "MartaKowalczyk" → [Marta, Kowalczyk]."""
    parts: list[str] = []
    for chunk in _SEPARATORS.split(handle):
        for piece in _PIECES.findall(chunk):
            parts += [p for p in _CAMEL.split(piece) if p]
    return parts


def _letters(part: str) -> bool:
    return part.isalpha()


def _name_like(part: str, gz: Gazetteer) -> bool:
    """A word that could be a name nobody listed: letters, no word of running text."""
    return _letters(part) and len(flat(part)) >= 3 and (gz.is_name(part) or not gz.is_word(part))


def _pair(first: str, second: str, gz: Gazetteer) -> HandleGuess | None:
    value = f"{first} {second}"
    if gz.is_common_word(first) and gz.is_common_word(second):
        return None
    if (gz.is_given(first) and gz.is_surname(second)) or (
        gz.is_surname(first) and gz.is_given(second) and not gz.is_given(first)
    ):
        surname, given = (second, first) if gz.is_surname(second) else (first, second)
        if len(surname) <= SHORT_SURNAME and surname.isascii():
            # "Fan", "Pan", "Li": in Latin letters as often a word or a syllable as a name
            if gz.is_common_word(given):
                return None
            return HandleGuess(GuessKind.NAME, value, Confidence.POSSIBLE)
        return HandleGuess(GuessKind.FULL_NAME, value, Confidence.LIKELY)
    if gz.is_given(first) and not gz.is_common_word(first) and _name_like(second, gz):
        return HandleGuess(GuessKind.NAME, value, Confidence.POSSIBLE)
    if gz.is_surname(second) and not gz.is_common_word(second) and _name_like(first, gz):
        return HandleGuess(GuessKind.NAME, value, Confidence.POSSIBLE)  # "Dmitry.Volkov"
    for surname, initial in ((first, second), (second, first)):
        if (
            len(initial) == 1
            and initial.isalpha()
            and gz.is_surname(surname)
            and _name_like(surname, gz)
        ):
            return HandleGuess(GuessKind.NAME, value, Confidence.POSSIBLE)
    return None


def _split_run(part: str, gz: Gazetteer) -> HandleGuess | None:
    """ "mariagonzalez" → given + surname, both known (only the LIKELY kind: a run of letters
    split at a guess needs both halves confirmed)."""
    if not part.isalpha() or len(part) < 2 * MIN_SPLIT or gz.is_common_word(part):
        return None
    for cut in range(MIN_SPLIT, len(part) - MIN_SPLIT + 1):
        first, second = part[:cut], part[cut:]
        if (
            gz.is_given(first)
            and gz.is_surname(second)
            and not gz.is_common_word(second)
            and not gz.is_common_word(first)
        ):
            return HandleGuess(GuessKind.FULL_NAME, f"{first} {second}", Confidence.LIKELY)
    return None


def guess_handle(handle: str, gz: Gazetteer) -> list[HandleGuess]:
    parts = handle_parts(handle)
    words = [p for p in parts if _letters(p)]
    guesses: list[HandleGuess] = []
    named: set[str] = set()
    for first, second in itertools.pairwise(words):
        if first in named:
            continue
        guess = _pair(first, second, gz)
        if guess is not None:
            guesses.append(guess)
            named |= {first, second}
    if not guesses:
        for word in words:
            guess = _split_run(word, gz)
            if guess is not None:
                guesses.append(guess)
                named.add(word)
    for word in words:
        if word in named or len(flat(word)) < 4 or not gz.is_place(word):
            continue
        ordinary = gz.is_common_word(word) or gz.is_name(word)
        if not ordinary or gz.is_big_place(word):
            guesses.append(HandleGuess(GuessKind.PLACE, word, Confidence.POSSIBLE))
    if named and parts and TWO_DIGIT_YEAR.match(parts[-1]):
        guesses.append(HandleGuess(GuessKind.YEAR, parts[-1], Confidence.POSSIBLE))
    return guesses
