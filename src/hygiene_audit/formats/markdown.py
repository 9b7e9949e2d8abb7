"""``--format markdown``: pastes into a wiki page, an issue or a pad."""

from __future__ import annotations

import re

from hygiene_audit.formats.interface import (
    RenderOptions,
    finding_heading,
    grouped,
    status_label,
    summary_line,
    title_text,
)
from hygiene_audit.i18n import _
from hygiene_audit.models import Report

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def esc(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def render(report: Report, options: RenderOptions | None = None) -> str:
    out = [f"# {esc(title_text(report))}", "", f"**{esc(summary_line(report))}**", ""]
    out.append(
        _("Generated {when} by {tool} {version}.").format(
            when=report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
            tool=report.tool.name,
            version=report.tool.version,
        )
    )
    if report.redacted:
        out.append(_("Personal data in this report is masked."))
    out.append("")
    for note in report.notes:
        out.append(f"> **{esc(_('Note'))}:** {esc(note)}")
        out.append("")
    if report.categories:
        out += [f"| {_('Area')} | {_('Score')} |", "|---|---|"]
        for cat in report.categories:
            value = str(cat.score) if cat.score is not None else _("not assessed")
            out.append(f"| {esc(cat.title)} | {value} |")
        out.append("")
    out.append(f"## {esc(_('Findings'))}")
    out.append("")
    if not report.findings:
        out += [_("No findings."), ""]
    for severity, items in grouped(report):
        out += [f"### {esc(severity.label)} ({len(items)})", ""]
        for finding in items:
            out.append(f"#### {esc(finding_heading(finding))}")
            out.append("")
            if finding.evidence:
                out.append(f"- **{esc(_('Evidence'))}:** {esc(finding.evidence)}")
            if finding.location:
                out.append(f"- **{esc(_('Where'))}:** {esc(finding.location)}")
            out += ["", f"**{esc(_('What to do'))}:**", ""]
            out += [f"{i}. {esc(step)}" for i, step in enumerate(finding.remediation, 1)]
            if finding.message:
                out += ["", f"**{esc(_('Ready to send'))}:**", "", "~~~~text",
                        finding.message.replace("~~~~", "~ ~ ~ ~"), "~~~~"]
            if finding.references:
                out += ["", f"**{esc(_('Read more'))}:** " + ", ".join(
                    f"<{ref}>" for ref in finding.references
                )]
            out.append("")
    out += [f"## {esc(_('Checks'))}", "", f"| {_('Check')} | {_('Status')} | {_('Reason')} |",
            "|---|---|---|"]
    for check in report.checks:
        out.append(
            f"| {esc(check.id)} {esc(check.title)} | {esc(status_label(check.status))} | "
            f"{esc(check.reason or '')} |"
        )
    out.append("")
    return "\n".join(out)
