"""The formatter contract and the presentation logic every format shares."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene_audit.core.models import Finding, Report, Severity, Status
from hygiene_audit.i18n import N_, _, ngettext, number

# Labels shared by the formats (marked here: the extractor cannot see into f-strings).
L_NOTE = N_("Note")
L_AREA = N_("Area")
L_SCORE = N_("Score")
L_FINDINGS = N_("Findings")
L_EVIDENCE = N_("Evidence")
L_WHERE = N_("Where")
L_TODO = N_("What to do")
L_SEND = N_("Ready to send")
L_MORE = N_("Read more")
L_CHECKS = N_("Checks")
L_CHECK = N_("Check")
L_STATUS = N_("Status")
L_REASON = N_("Reason")
L_GRADE = N_("Grade")
L_MASKED = N_("Personal data in this report is masked.")
L_NO_FINDINGS = N_("No findings.")

FSI, PDI = "\u2068", "\u2069"  # Unicode first-strong isolate: keeps RTL evidence readable


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    width: int = 100
    view: str = "grouped"  # grouped, entries (one row per vault entry) or details


def isolate(text: str) -> str:
    """Wrap text that contains right-to-left characters in a directional isolate."""
    if any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc" for ch in text):
        return f"{FSI}{text}{PDI}"
    return text


def status_label(status: Status) -> str:
    return {
        Status.PASSED: _("passed"),
        Status.FINDINGS: _("findings"),
        Status.SKIPPED: _("skipped (not assessed)"),
        Status.ERROR: _("error (not assessed)"),
    }[status]


def severity_count(severity: Severity, count: int) -> str:
    """ "5 critical", "5 críticos": the severity agrees with the number in every language."""
    forms = {
        Severity.CRITICAL: ngettext("{n} critical", "{n} critical", count),
        Severity.HIGH: ngettext("{n} high", "{n} high", count),
        Severity.MEDIUM: ngettext("{n} medium", "{n} medium", count),
        Severity.LOW: ngettext("{n} low", "{n} low", count),
        Severity.INFO: ngettext("{n} info", "{n} info", count),
    }
    return forms[severity].format(n=number(count))


def summary_line(report: Report) -> str:
    counts = report.counts()
    parts = [severity_count(s, counts[s]) for s in Severity if counts[s]]
    found = ", ".join(parts) if parts else _("no findings")
    if report.score is None:
        return _("No score, no grade — {found}; {assessed} of {total} checks assessed").format(
            found=found, assessed=report.assessed_checks, total=report.total_checks
        )
    text = _("Score {score}/100, grade {grade} — {found}; {assessed} of {total} checks assessed")
    return text.format(
        score=report.score,
        grade=report.grade,
        found=found,
        assessed=report.assessed_checks,
        total=report.total_checks,
    )


def areas_assessed(report: Report) -> str:
    """ "2 of 6 areas assessed" when some were not, said beside the score; empty otherwise."""
    assessed = sum(1 for c in report.categories if c.assessed)
    if assessed == len(report.categories):
        return ""
    return _("{assessed} of {total} areas assessed").format(
        assessed=assessed, total=len(report.categories)
    )


def counts_line(report: Report) -> str:
    """What was found and how much was assessed, for beside a score already shown
    ("21 critical, 329 high; 2 of 6 checks assessed"): the score is said once."""
    counts = report.counts()
    parts = [severity_count(s, counts[s]) for s in Severity if counts[s]]
    found = ", ".join(parts) if parts else _("no findings")
    return _("{found}; {assessed} of {total} checks assessed").format(
        found=found, assessed=report.assessed_checks, total=report.total_checks
    )


def finding_heading(finding: Finding) -> str:
    return f"[{finding.id}] {finding.title}"


def title_text(report: Report) -> str:
    if report.subject:
        return _("Digital hygiene report for {subject}").format(subject=report.subject)
    return _("Digital hygiene report")


def grouped(report: Report) -> list[tuple[Severity, list[Finding]]]:
    return [(s, items) for s, items in report.findings_by_severity().items() if items]
