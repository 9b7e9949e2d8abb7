"""The user's own personal terms (from the profile and the username), normalised for matching.

Shared by every check that asks "does this contain something about you?": the password
check, the username check and the user-page detectors.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from unidecode import unidecode

from hygiene_audit.core.profile import UserProfile

MIN_TERM = 3
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
    }
)


def fold(text: str) -> str:
    """Lower-case, accents removed, transliterated to ASCII (Ана → ana, José → jose)."""
    text = unicodedata.normalize("NFKC", text)
    return unidecode(text).lower()


def unleet(text: str) -> str:
    return text.translate(_LEET)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


class TermKind:
    NAME = "name"
    NAME_PART = "name_part"
    EMAIL_LOCAL = "email_local"
    BIRTH_YEAR = "birth_year"
    PLACE = "place"
    COUNTRY = "country"
    EMPLOYER = "employer"
    SCHOOL = "school"
    HANDLE = "handle"
    USERNAME = "username"


@dataclass(frozen=True)
class Term:
    kind: str
    original: str  # as the user wrote it, for evidence
    folded: str  # normalised form used for matching


def personal_terms(profile: UserProfile, username: str | None = None) -> list[Term]:
    """Every term about the user worth matching, folded; short words are left out."""
    terms: list[Term] = []

    def add(kind: str, original: str) -> None:
        folded = re.sub(r"[^a-z0-9]", "", fold(original))
        if len(folded) >= MIN_TERM:
            terms.append(Term(kind, original, folded))

    for name in profile.name_variants():
        add(TermKind.NAME, name)
        for part in words(name):
            add(TermKind.NAME_PART, part)
    for email in profile.emails:
        add(TermKind.EMAIL_LOCAL, email.split("@", 1)[0])
    if profile.birth_year:
        add(TermKind.BIRTH_YEAR, str(profile.birth_year))
    if profile.city:
        add(TermKind.PLACE, profile.city)
    if profile.country:
        add(TermKind.COUNTRY, profile.country)
    for kind, value in ((TermKind.EMPLOYER, profile.employer), (TermKind.SCHOOL, profile.school)):
        if value:
            add(kind, value)
    for handle in profile.handles:
        add(TermKind.HANDLE, handle)
    if username:
        add(TermKind.USERNAME, username)
    unique: dict[tuple[str, str], Term] = {}
    for term in terms:
        unique.setdefault((term.kind, term.folded), term)
    return list(unique.values())


def flat(text: str) -> str:
    """Folded, letters and digits only: "Ана-Лопес_87" → "analopes87"."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def skeleton(text: str) -> str:
    """Consonants only, doubled letters merged: tolerant of transliteration (Rahul / राहुल →
    "rhl", Hassan / حسن → "hsn")."""
    consonants = re.sub(r"[aeiouyw0-9]", "", flat(text))
    return re.sub(r"(.)\1+", r"\1", consonants)
