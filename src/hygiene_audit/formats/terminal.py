"""The default format: Rich, summary first, findings grouped by severity with remediation.

Plain text (no colour, no box characters that need a terminal) when ``options.color`` is
false: the CLI sets that when stdout is not a TTY or ``NO_COLOR`` is set.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hygiene_audit.formats.interface import (
    L_CHECKS,
    L_EVIDENCE,
    L_MASKED,
    L_NO_FINDINGS,
    L_NOTE,
    L_SEND,
    L_TODO,
    L_WHERE,
    RenderOptions,
    finding_heading,
    grouped,
    isolate,
    status_label,
    summary_line,
    title_text,
)
from hygiene_audit.i18n import _
from hygiene_audit.models import Report, Severity, Status
from hygiene_audit.safe_text import neutralise_report

SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "bold yellow",
    Severity.LOW: "bold blue",
    Severity.INFO: "dim",
}
GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "F": "bold red"}
STATUS_STYLE = {
    Status.PASSED: "green",
    Status.FINDINGS: "yellow",
    Status.SKIPPED: "dim",
    Status.ERROR: "red",
}


def _hanging(console: Console, lead: str, text: str, *, indent: int, style: str = "") -> None:
    """``lead`` then ``text``; wrapped lines stay aligned under the text, not at column 0."""
    body = Text(text, style=style)
    table = Table.grid(padding=0)
    table.add_column(width=indent, no_wrap=True)
    table.add_column(width=len(lead), no_wrap=True)
    table.add_column(ratio=1)
    table.add_row("", lead, body)
    console.print(table)


def _field(console: Console, label: str, value: str) -> None:
    _hanging(console, f"{label}: ", isolate(value), indent=2)


def render(report: Report, options: RenderOptions | None = None) -> str:
    report = neutralise_report(report)
    opts = options or RenderOptions()
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=opts.width,
        force_terminal=opts.color,
        no_color=not opts.color,
        color_system="standard" if opts.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    boxes = box.ROUNDED if opts.color else box.ASCII

    head = Text()
    head.append(title_text(report) + "\n", style="bold")
    head.append(_("Score: "))
    head.append(f"{report.score}/100", style=GRADE_STYLE.get(report.grade, ""))
    head.append(_("   Grade: "))
    head.append(report.grade, style=GRADE_STYLE.get(report.grade, ""))
    head.append("\n" + summary_line(report))
    for cat in report.categories:
        value = f"{cat.score}/100" if cat.score is not None else _("not assessed")
        head.append(f"\n  {cat.title}: {value}")
    if report.redacted:
        head.append("\n" + _(L_MASKED), style="dim")
    console.print(Panel(head, box=boxes, expand=True))
    for note in report.notes:
        console.print(Text(_(L_NOTE) + ": " + isolate(note), style="bold yellow"))
    if not report.findings:
        console.print(Text(_(L_NO_FINDINGS), style="green"))
    for severity, items in grouped(report):
        console.print()
        console.rule(Text(f"{severity.label} ({len(items)})", style=SEVERITY_STYLE[severity]),
                     characters="-" if not opts.color else "─")
        for finding in items:
            console.print(Text(finding_heading(finding), style="bold"))
            if finding.evidence:
                _field(console, _(L_EVIDENCE), finding.evidence)
            if finding.location:
                _field(console, _(L_WHERE), finding.location)
            console.print(Padding(Text(_(L_TODO) + ":", style="dim"), (0, 0, 0, 2), expand=False))
            for number, step in enumerate(finding.remediation, 1):
                _hanging(console, f"{number}. ", isolate(step), indent=3)
            if finding.message:
                console.print(Padding(Text(_(L_SEND) + ":", style="dim"), (0, 0, 0, 2),
                                      expand=False))
                for message_line in finding.message.splitlines():
                    if message_line:
                        console.print(Padding(Text(isolate(message_line)), (0, 0, 0, 4),
                                              expand=False))
                    else:
                        console.print()
            arrow = "→ " if opts.color else "-> "
            for ref in finding.references:
                _hanging(console, arrow, ref, indent=3, style="underline")
            console.print()
    console.print(Text(_(L_CHECKS), style="bold"))
    for check in report.checks:
        line = Text(f"{check.id} {check.title}: ")
        line.append(status_label(check.status), style=STATUS_STYLE[check.status])
        console.print(Padding(line, (0, 0, 0, 2), expand=False))
        if check.reason:
            reason = Text(isolate(check.reason), style="dim")
            console.print(Padding(reason, (0, 0, 0, 4), expand=False))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
