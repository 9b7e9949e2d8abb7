"""``--format markdown``: pastes into a wiki page, an issue or a pad."""

from __future__ import annotations

import re

from hygiene_audit.formats.interface import (
    L_AREA,
    L_CHECK,
    L_CHECKS,
    L_EVIDENCE,
    L_FINDINGS,
    L_MASKED,
    L_MORE,
    L_NO_FINDINGS,
    L_NOTE,
    L_REASON,
    L_SCORE,
    L_SEND,
    L_STATUS,
    L_TODO,
    L_WHERE,
    RenderOptions,
    finding_heading,
    grouped,
    status_label,
    summary_line,
    title_text,
)
from hygiene_audit.i18n import _
from hygiene_audit.models import Report
from hygiene_audit.safe_text import neutralise_report

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def esc(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


def render(report: Report, options: RenderOptions | None = None) -> str:
    report = neutralise_report(report)
    out = [f"# {esc(title_text(report))}", "", f"**{esc(summary_line(report))}**", ""]
    out.append(
        _("Generated {when} by {tool} {version}.").format(
            when=report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
            tool=report.tool.name,
            version=report.tool.version,
        )
    )
    if report.redacted:
        out.append(_(L_MASKED))
    out.append("")
    for note in report.notes:
        out.append(f"> **{esc(_(L_NOTE))}:** {esc(note)}")
        out.append("")
    if report.categories:
        out += [f"| {_(L_AREA)} | {_(L_SCORE)} |", "|---|---|"]
        for cat in report.categories:
            value = str(cat.score) if cat.score is not None else _("not assessed")
            out.append(f"| {esc(cat.title)} | {value} |")
        out.append("")
    out.append(f"## {esc(_(L_FINDINGS))}")
    out.append("")
    if not report.findings:
        out += [_(L_NO_FINDINGS), ""]
    for severity, items in grouped(report):
        out += [f"### {esc(severity.label)} ({len(items)})", ""]
        for finding in items:
            out.append(f"#### {esc(finding_heading(finding))}")
            out.append("")
            if finding.evidence:
                out.append(f"- **{esc(_(L_EVIDENCE))}:** {esc(finding.evidence)}")
            if finding.location:
                out.append(f"- **{esc(_(L_WHERE))}:** {esc(finding.location)}")
            out += ["", f"**{esc(_(L_TODO))}:**", ""]
            out += [f"{i}. {esc(step)}" for i, step in enumerate(finding.remediation, 1)]
            if finding.message:
                out += ["", f"**{esc(_(L_SEND))}:**", "", "~~~~text",
                        finding.message.replace("~~~~", "~ ~ ~ ~"), "~~~~"]
            if finding.references:
                out += ["", f"**{esc(_(L_MORE))}:** " + ", ".join(
                    f"<{ref}>" for ref in finding.references
                )]
            out.append("")
    out += [f"## {esc(_(L_CHECKS))}", "", f"| {_(L_CHECK)} | {_(L_STATUS)} | {_(L_REASON)} |",
            "|---|---|---|"]
    for check in report.checks:
        out.append(
            f"| {esc(check.id)} {esc(check.title)} | {esc(status_label(check.status))} | "
            f"{esc(check.reason or '')} |"
        )
    out.append("")
    return "\n".join(out)
