"""The default format: Rich, summary first, findings grouped by severity with remediation.

Plain text (no colour, no box characters that need a terminal) when ``options.color`` is
false: the CLI sets that when stdout is not a TTY or ``NO_COLOR`` is set.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hygiene_audit.formats.interface import (
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


def render(report: Report, options: RenderOptions | None = None) -> str:
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
        head.append("\n" + _("Personal data in this report is masked."), style="dim")
    console.print(Panel(head, box=boxes, expand=True))
    for note in report.notes:
        console.print(Text(_("Note") + ": " + isolate(note), style="bold yellow"))
    if not report.findings:
        console.print(Text(_("No findings."), style="green"))
    for severity, items in grouped(report):
        console.print()
        console.rule(Text(f"{severity.label} ({len(items)})", style=SEVERITY_STYLE[severity]),
                     characters="-" if not opts.color else "─")
        for finding in items:
            block = Text()
            block.append(finding_heading(finding), style="bold")
            if finding.evidence:
                block.append("\n  " + _("Evidence") + ": ", style="dim")
                block.append(isolate(finding.evidence))
            if finding.location:
                block.append("\n  " + _("Where") + ": ", style="dim")
                block.append(isolate(finding.location))
            block.append("\n  " + _("What to do") + ":", style="dim")
            for number, step in enumerate(finding.remediation, 1):
                block.append(f"\n   {number}. {isolate(step)}")
            for ref in finding.references:
                block.append("\n   → " if opts.color else "\n   -> ")
                block.append(ref, style="underline")
            console.print(Group(block))
            console.print()
    table = Table(title=_("Checks"), box=boxes, expand=True, show_lines=False)
    table.add_column(_("Check"), no_wrap=True)
    table.add_column(_("Status"), no_wrap=True)
    table.add_column(_("Reason"))
    for check in report.checks:
        table.add_row(
            f"{check.id} {check.title}",
            Text(status_label(check.status), style=STATUS_STYLE[check.status]),
            isolate(check.reason or ""),
        )
    console.print(table)
    return buffer.getvalue()
