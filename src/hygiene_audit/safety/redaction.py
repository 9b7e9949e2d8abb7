"""``--redact``: a pure report → report transform that masks the personal data findings quote.

Checks list each personal value they quote in ``Finding.personal``; here each is replaced,
wherever it appears in the finding's text, by a masked form that still teaches: e-mails keep
their first letter and top-level domain, phone numbers their last two digits, names become
initials, coordinates are coarsened to whole degrees (~100 km), places and handles keep their
first letter. Revision ids and links stay, so the report remains actionable.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

from hygiene_audit.core.models import (
    PersonalKind,
    PersonalValue,
    Report,
    map_report_texts,
)

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def mask(value: PersonalValue) -> str:
    text = value.value.strip()
    kind = value.kind
    if kind is PersonalKind.EMAIL and "@" in text:
        local, _at, domain = text.rpartition("@")
        tld = domain.rsplit(".", 1)[-1] if "." in domain else ""
        return f"{local[:1]}…@…{'.' + tld if tld else ''}"
    if kind is PersonalKind.PHONE:
        digits = [c for c in text if c.isdigit()]
        return "•" * max(len(digits) - 2, 3) + "".join(digits[-2:])
    if kind is PersonalKind.NAME:
        words = [w for w in re.split(r"[\s_.\-]+", text) if w]
        return " ".join(f"{w[0]}." for w in words) or "…"
    if kind is PersonalKind.COORDINATES:
        return _NUMBER.sub(lambda m: f"{round(float(m.group())):d}", text)
    if kind in (PersonalKind.PLACE, PersonalKind.HANDLE):
        return f"{text[:1]}…"
    return "[…]"


MIN_MASKED = 3  # shorter values would mask unrelated text


@cache
def _fold(char: str) -> str:
    """One character, lower case and without its accent: offsets stay as they are."""
    folded = unicodedata.normalize("NFD", char)[0].lower() if char else char
    return folded if len(folded) == 1 else char


def fold_text(text: str) -> str:
    """Lower case without accents, one character for one (a report is mostly ASCII: that
    path is one ``lower()``; a 1,000-entry report spent a second here character by
    character)."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold, text))


class Masker:
    """Replaces every personal value by its mask in one pass, by meaning and consistently.

    Matching ignores case and accents (the profile's "López" masks "Lopez" in a path); the
    mask is made from the text as it stands (``Ilsa`` → ``I…`` wherever a value matched it),
    so one value reads the same everywhere. One Aho-Corasick automaton over all values,
    leftmost-longest matches: time linear in the text, whatever the number of values.
    """

    def __init__(self, values: Iterable[PersonalValue]) -> None:
        self._kinds: dict[str, PersonalKind] = {}
        for value in sorted(values, key=lambda v: (-len(v.value), v.kind.value)):
            if len(value.value.strip()) >= MIN_MASKED:
                self._kinds.setdefault(fold_text(value.value), value.kind)
        self._automaton: Any = None
        if self._kinds:
            import ahocorasick

            self._automaton = ahocorasick.Automaton()
            for key in self._kinds:
                self._automaton.add_word(key, key)
            self._automaton.make_automaton()

    def __call__(self, text: str | None) -> str | None:
        if not text or self._automaton is None:
            return text
        out: list[str] = []
        position = 0
        for end, key in self._automaton.iter_long(fold_text(text)):
            start = end - len(key) + 1
            found = text[start : end + 1]
            out += [text[position:start], mask(PersonalValue(kind=self._kinds[key], value=found))]
            position = end + 1
        out.append(text[position:])
        return "".join(out)

    def keep(self, text: str) -> str:
        return self(text) or text


class HomeMasker(Masker):
    """Also writes your home directory as ``~`` (it names you: /home/ana.lopez/…)."""

    def __init__(self, values: Iterable[PersonalValue], home: str | None) -> None:
        super().__init__(values)
        self._home = home.rstrip("/\\") if home and len(home) > 1 else None

    def __call__(self, text: str | None) -> str | None:
        if text and self._home:
            text = text.replace(self._home, "~")
        return super().__call__(text)


def redact_report(report: Report, *, home: str | None = None) -> Report:
    """Every personal value any finding quotes is masked wherever it appears in the report:
    a city named by one finding is masked in a photo's file name shown by another; paths
    under your home directory start with ``~``."""
    values = [p for f in report.findings for p in f.personal]
    if report.subject:
        values.append(PersonalValue(kind=PersonalKind.HANDLE, value=report.subject))
    apply = HomeMasker(values, home if home is not None else os.path.expanduser("~"))
    masked = map_report_texts(report, lambda text, _kind: apply.keep(text))
    return masked.model_copy(
        update={
            "findings": tuple(f.model_copy(update={"personal": ()}) for f in masked.findings),
            "subject": mask(PersonalValue(kind=PersonalKind.HANDLE, value=report.subject))
            if report.subject
            else None,
            "redacted": True,
        }
    )
