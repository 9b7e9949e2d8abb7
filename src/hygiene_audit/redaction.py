"""``--redact``: a pure report → report transform that masks the personal data findings quote.

Checks list each personal value they quote in ``Finding.personal``; here each is replaced,
wherever it appears in the finding's text, by a masked form that still teaches: e-mails keep
their first letter and top-level domain, phone numbers their last two digits, names become
initials, coordinates are coarsened to whole degrees (~100 km), places and handles keep their
first letter. Revision ids and links stay, so the report remains actionable.
"""

from __future__ import annotations

import re

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


def _apply(text: str | None, replacements: list[tuple[str, str]]) -> str | None:
    if not text:
        return text
    for original, masked in replacements:
        text = re.sub(re.escape(original), masked, text, flags=re.IGNORECASE)
    return text


MIN_MASKED = 3  # shorter values would mask unrelated text


def _replacements(values: list[PersonalValue]) -> list[tuple[str, str]]:
    pairs = {(p.value, mask(p)) for p in values if len(p.value.strip()) >= MIN_MASKED}
    return sorted(pairs, key=lambda r: len(r[0]), reverse=True)


def redact_finding(finding: Finding, replacements: list[tuple[str, str]] | None = None) -> Finding:
    """Mask the finding's own personal values, plus any given ``replacements``."""
    pairs = _replacements(list(finding.personal)) + (replacements or [])
    if not pairs:
        return finding
    return finding.model_copy(
        update={
            "title": _apply(finding.title, pairs),
            "evidence": _apply(finding.evidence, pairs),
            "location": _apply(finding.location, pairs),
            "remediation": tuple(_apply(s, pairs) or s for s in finding.remediation),
            "message": _apply(finding.message, pairs),
            "entries": tuple(e.model_copy(update={
                "title": _apply(e.title, pairs) or e.title,
                "site": _apply(e.site, pairs) or e.site,
                "login": _apply(e.login, pairs) or e.login,
                "source": _apply(e.source, pairs) or e.source,
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
    pairs = _replacements(values)
    return report.model_copy(
        update={
            "findings": tuple(redact_finding(f, pairs) for f in report.findings),
            "subject": mask(PersonalValue(kind=PersonalKind.HANDLE, value=report.subject))
            if report.subject else None,
            "checks": tuple(c.model_copy(update={"reason": _apply(c.reason, pairs)})
                            for c in report.checks),
            "notes": tuple(_apply(n, pairs) or n for n in report.notes),
            "input_problems": tuple(_apply(n, pairs) or n for n in report.input_problems),
            "redacted": True,
        }
    )
