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


def redact_finding(finding: Finding) -> Finding:
    replacements = sorted(
        {(p.value, mask(p)) for p in finding.personal}, key=lambda r: len(r[0]), reverse=True
    )
    if not replacements:
        return finding
    return finding.model_copy(
        update={
            "title": _apply(finding.title, replacements),
            "evidence": _apply(finding.evidence, replacements),
            "location": _apply(finding.location, replacements),
            "remediation": tuple(_apply(s, replacements) or s for s in finding.remediation),
            "message": _apply(finding.message, replacements),
            "personal": (),
        }
    )


def redact_report(report: Report) -> Report:
    return report.model_copy(
        update={
            "findings": tuple(redact_finding(f) for f in report.findings),
            "subject": mask(PersonalValue(kind=PersonalKind.HANDLE, value=report.subject))
            if report.subject else None,
            "redacted": True,
        }
    )
