"""``--format markdown``: pastes into a wiki page, an issue or a pad."""

from __future__ import annotations

import re

from hygiene_audit.core.models import Finding, Report
from hygiene_audit.formats.layout import (
    L_ENTRIES_VIEW,
    L_ENTRY,
    L_FIX_FIRST,
    L_INPUT_FAILED,
    L_PROBLEMS,
    L_ROW,
    L_SEEN,
    StepLedger,
    also_line,
    bar,
    entries_view,
    entry_where,
    group_count,
    groups,
    top_actions,
    without_entries,
)
from hygiene_audit.formats.links import linkable
from hygiene_audit.formats.text import (
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
from hygiene_audit.i18n import _, number
from hygiene_audit.safety.neutralise import neutralise_report

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def esc(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


def _links(references: tuple[str, ...]) -> str:
    """Autolinks for http(s) addresses; any other reference as escaped text (formats.links)."""
    return ", ".join(f"<{r}>" if linkable(r) else esc(r) for r in references)


def _cell(text: str) -> str:
    return esc(text).replace("|", "\\|")


def render(report: Report, options: RenderOptions | None = None) -> str:
    report = neutralise_report(report)
    opts = options or RenderOptions()
    out = [f"# {esc(title_text(report))}", ""]
    for problem in report.input_problems:
        out += [f"> **{esc(_(L_INPUT_FAILED))}:** {esc(problem)}", ""]
    out += [f"**{esc(summary_line(report))}**", ""]
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
        out += [f"| {_(L_AREA)} | {_(L_SCORE)} | |", "|---|---:|---|"]
        for cat in report.categories:
            value = f"{cat.score}/100" if cat.score is not None else _("not assessed")
            out.append(f"| {_cell(cat.title)} | {value} | `{bar(cat.score)}` |")
        out.append("")
    actions = top_actions(report)
    if actions:
        out += [f"## {esc(_(L_FIX_FIRST))}", ""]
        out += [f"{i}. {esc(a)}" for i, a in enumerate(actions, 1)]
        out.append("")
    out.append(f"## {esc(_(L_FINDINGS))}")
    out.append("")
    if report.clean:
        out += [_(L_NO_FINDINGS), ""]
    if opts.view == "details":
        out += _details(report)
    elif opts.view == "entries":
        out += _entries(report)
    else:
        out += _grouped(report)
    out += [
        f"## {esc(_(L_CHECKS))}",
        "",
        f"| {_(L_CHECK)} | {_(L_STATUS)} | {_(L_REASON)} |",
        "|---|---|---|",
    ]
    for check in report.checks:
        out.append(
            f"| {_cell(check.id)} {_cell(check.title)} | {_cell(status_label(check.status))} | "
            f"{_cell(check.reason or '')} |"
        )
    out.append("")
    return "\n".join(out)


def _message(finding: Finding) -> list[str]:
    if not finding.message:
        return []
    return [
        "",
        f"**{esc(_(L_SEND))}:**",
        "",
        "~~~~text",
        finding.message.replace("~~~~", "~ ~ ~ ~"),
        "~~~~",
    ]


def _grouped(report: Report) -> list[str]:
    out: list[str] = []
    ledger = StepLedger()
    for group in groups(report):
        out += [
            f"### {esc(group.severity.label)} · {esc(f'[{group.code}] {group.title}')}"
            f"{esc(group_count(group))}",
            "",
        ]
        steps, earlier = ledger.split(group)
        out += [f"{i}. {esc(step)}" for i, step in enumerate(steps, 1)]
        if earlier:
            out.append(f"\n*{esc(also_line(earlier))}*")
        out.append("")
        if group.tabular:
            rows = group.rows()
            seen = any(r.count for r in rows)
            out += [
                f"| {_(L_ENTRY)} | {_(L_ROW)} |" + (f" {_(L_SEEN)} |" if seen else ""),
                "|---|---|" + ("---:|" if seen else ""),
            ]
            for row in rows:
                line = f"| {_cell(row.text)} | {_cell(row.where)} |"
                if seen:
                    line += f" {number(row.count)} |" if row.count else " |"
                out.append(line)
            out.append("")
        else:
            for wiki, findings in group.by_wiki():
                if wiki:
                    out += [f"*{esc(wiki)}*", ""]
                for finding in findings:
                    if finding.evidence:
                        out.append(f"- **{esc(_(L_EVIDENCE))}:** {esc(finding.evidence)}")
                    if finding.location:
                        out.append(f"- **{esc(_(L_WHERE))}:** {esc(finding.location)}")
                    out += [f"  - {esc(step)}" for step in group.extra_steps(finding)]
                    out += _message(finding)
                    out.append("")
        if group.references:
            out += [f"**{esc(_(L_MORE))}:** " + _links(group.references), ""]
    return out


def _entries(report: Report) -> list[str]:
    out = [
        f"### {esc(_(L_ENTRIES_VIEW))}",
        "",
        f"| {_(L_ENTRY)} | {_(L_ROW)} | {_(L_PROBLEMS)} |",
        "|---|---|---|",
    ]
    for row in entries_view(report):
        out.append(
            f"| {_cell(row.entry.label)} | {_cell(entry_where(row.entry))} | "
            f"{_cell('; '.join(row.problems))} |"
        )
    out.append("")
    others = without_entries(report)
    return out + (_grouped(others) if others.findings else [])


def _details(report: Report) -> list[str]:
    out: list[str] = []
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
            out += _message(finding)
            if finding.references:
                out += [
                    "",
                    f"**{esc(_(L_MORE))}:** " + _links(finding.references),
                ]
            out.append("")
    return out
