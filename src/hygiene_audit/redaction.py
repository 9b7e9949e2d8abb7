"""``--redact``: a pure report → report transform that masks the personal data findings quote.

Checks list each personal value they quote in ``Finding.personal``; here each is replaced,
wherever it appears in the finding's text, by a masked form that still teaches: e-mails keep
their first letter and top-level domain, phone numbers their last two digits, names become
initials, coordinates are coarsened to whole degrees (~100 km), places and handles keep their
first letter. Revision ids and links stay, so the report remains actionable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from hygiene_audit.models import Finding, PersonalKind, PersonalValue, Report

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


class Masker:
    """Replaces every personal value (case-insensitively) by its mask in one pass.

    One Aho-Corasick automaton over all values, leftmost-longest matches: time linear in the
    text, whatever the number of values (a 1,000-entry vault quotes a thousand logins).
    """

    def __init__(self, values: Iterable[PersonalValue]) -> None:
        pairs = {(p.value, mask(p)) for p in values if len(p.value.strip()) >= MIN_MASKED}
        self._masks: dict[str, str] = {}
        for original, masked in sorted(pairs, key=lambda pair: (-len(pair[0]), pair[1])):
            self._masks.setdefault(original.lower(), masked)
        self._automaton: Any = None
        self._pattern: re.Pattern[str] | None = None
        if self._masks:
            import ahocorasick

            self._automaton = ahocorasick.Automaton()
            for key in self._masks:
                self._automaton.add_word(key, key)
            self._automaton.make_automaton()

    def __call__(self, text: str | None) -> str | None:
        if not text or self._automaton is None:
            return text
        lowered = text.lower()
        if len(lowered) != len(text):  # a character whose lower case is longer: no offsets
            return self._by_pattern(text)
        out: list[str] = []
        position = 0
        for end, key in self._automaton.iter_long(lowered):
            start = end - len(key) + 1
            out += [text[position:start], self._masks[key]]
            position = end + 1
        out.append(text[position:])
        return "".join(out)

    def _by_pattern(self, text: str) -> str:
        if self._pattern is None:
            self._pattern = re.compile("|".join(re.escape(k) for k in self._masks),
                                       re.IGNORECASE)  # keys are longest first
        return self._pattern.sub(lambda m: self._masks.get(m.group().lower(), m.group()), text)

    def keep(self, text: str) -> str:
        return self(text) or text


def redact_finding(finding: Finding, masker: Masker | None = None) -> Finding:
    """Mask the finding's own personal values, or every value ``masker`` knows."""
    apply = masker or Masker(finding.personal)
    return finding.model_copy(
        update={
            "title": apply.keep(finding.title),
            "evidence": apply(finding.evidence),
            "location": apply(finding.location),
            "remediation": tuple(apply.keep(s) for s in finding.remediation),
            "message": apply(finding.message),
            "entries": tuple(e.model_copy(update={
                "title": apply.keep(e.title), "site": apply.keep(e.site),
                "login": apply.keep(e.login), "source": apply.keep(e.source),
            }) for e in finding.entries),
            "personal": (),
        }
    )


def redact_report(report: Report) -> Report:
    """Every personal value any finding quotes is masked wherever it appears in the report:
    a city named by one finding is masked in a photo's file name shown by another."""
    values = [p for f in report.findings for p in f.personal]
    if report.subject:
        values.append(PersonalValue(kind=PersonalKind.HANDLE, value=report.subject))
    apply = Masker(values)
    return report.model_copy(
        update={
            "findings": tuple(redact_finding(f, apply) for f in report.findings),
            "subject": mask(PersonalValue(kind=PersonalKind.HANDLE, value=report.subject))
            if report.subject else None,
            "checks": tuple(c.model_copy(update={"reason": apply(c.reason)})
                            for c in report.checks),
            "notes": tuple(apply.keep(n) for n in report.notes),
            "input_problems": tuple(apply.keep(n) for n in report.input_problems),
            "redacted": True,
        }
    )
