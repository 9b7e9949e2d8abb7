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

from hygiene_audit.core.models import Finding, Report, Severity, Status
from hygiene_audit.formats.layout import (
    L_ENTRIES_VIEW,
    L_ENTRY,
    L_FIX_FIRST,
    L_INPUT_FAILED,
    L_NO_GRADE,
    L_PROBLEMS,
    L_ROW,
    L_SEEN,
    Group,
    StepLedger,
    also_line,
    bar,
    entries_view,
    entry_where,
    group_count,
    groups,
    row_short,
    score_text,
    top_actions,
    without_entries,
)
from hygiene_audit.formats.text import (
    L_CHECKS,
    L_EVIDENCE,
    L_MASKED,
    L_NO_FINDINGS,
    L_NOTE,
    L_SEND,
    L_TODO,
    L_WHERE,
    RenderOptions,
    areas_assessed,
    counts_line,
    finding_heading,
    grouped,
    isolate,
    status_label,
    title_text,
)
from hygiene_audit.i18n import _, number
from hygiene_audit.safety.neutralise import neutralise_report

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
    cells: list[Text] = []
    if indent:
        table.add_column(width=indent, no_wrap=True)
        cells.append(Text(""))
    if lead:
        table.add_column(width=len(lead), no_wrap=True)
        cells.append(Text(lead))
    table.add_column(ratio=1)
    table.add_row(*cells, body)
    console.print(table)


def _link(console: Console, url: str, *, indent: int, color: bool) -> None:
    """A link on a line of its own, never wrapped or cut: a narrow terminal folds it on the
    screen, and what is copied from there is the whole address."""
    line = Text(" " * indent + ("→ " if color else "-> "))
    line.append(url, style="underline")
    console.print(line, soft_wrap=True)


def _field(console: Console, label: str, value: str) -> None:
    _hanging(console, f"{label}: ", isolate(value), indent=2)


TERMINAL_ROWS = 5  # entries shown per kind in the terminal; files and --view list all


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
    _head(console, report, boxes)
    if opts.view == "details":
        _details(console, report, opts)
    elif opts.view == "entries":
        _entries(console, report, boxes)
    else:
        _grouped(console, report, opts, boxes)
    _checks(console, report)
    _tail(console, report)
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def _head(console: Console, report: Report, boxes: box.Box) -> None:
    for problem in report.input_problems:
        console.print(Text(_(L_INPUT_FAILED) + ": " + isolate(problem), style="bold red"))
    head = Text()
    head.append(title_text(report) + "\n", style="bold")
    if report.score is not None and report.grade is not None:
        style = GRADE_STYLE.get(report.grade, "")
        head.append(_("Score: "))
        head.append(f"{report.score}/100", style=style)
        head.append(_("   Grade: "))
        head.append(report.grade, style=style)
        if areas := areas_assessed(report):
            head.append(f"   ({areas})")
    else:
        head.append(_(L_NO_GRADE), style="bold red")
    head.append("\n" + counts_line(report))
    width = max((len(c.title) for c in report.categories), default=0)
    for cat in report.categories:
        value = f"{cat.score:>3}/100" if cat.score is not None else _("not assessed")
        head.append(f"\n  {cat.title.ljust(width)}  {bar(cat.score)} {value}")
    if report.redacted:
        head.append("\n" + _(L_MASKED), style="dim")
    console.print(Panel(head, box=boxes, expand=True))
    for note in report.notes:
        console.print(Text(_(L_NOTE) + ": " + isolate(note), style="bold yellow"))
    actions = top_actions(report)
    if actions:
        console.print(Text(_(L_FIX_FIRST), style="bold"))
        for position, action in enumerate(actions, 1):
            _hanging(console, f"{position}. ", isolate(action), indent=1)
    elif report.clean:
        console.print(Text(_(L_NO_FINDINGS), style="green"))


def _grouped(console: Console, report: Report, opts: RenderOptions, boxes: box.Box) -> None:
    current: Severity | None = None
    ledger = StepLedger()
    for group in groups(report):
        if group.severity is not current:
            current = group.severity
            console.print()
            console.rule(
                Text(group.severity.label, style=SEVERITY_STYLE[group.severity]),
                characters="-" if not opts.color else "─",
            )
        console.print(Text(f"[{group.code}] {group.title}{group_count(group)}", style="bold"))
        steps, earlier = ledger.split(group)
        for position, step in enumerate(steps, 1):
            _hanging(console, f"{position}. ", isolate(step), indent=2)
        if earlier:
            _hanging(console, "", also_line(earlier), indent=2, style="dim")
        if group.tabular:
            rows = group.rows()
            table = Table(
                box=None, show_header=True, header_style="dim", padding=(0, 1), pad_edge=False
            )
            # long text wraps, never cut; a count keeps its own width, whole
            table.add_column(_(L_ENTRY), ratio=3, overflow="fold")
            table.add_column(_(L_ROW), ratio=1, overflow="fold")
            seen = any(r.count for r in rows)
            if seen:
                widest = max(len(number(r.count or 0)) for r in rows[:TERMINAL_ROWS])
                table.add_column(
                    _(L_SEEN), justify="right", no_wrap=True, min_width=max(widest, len(_(L_SEEN)))
                )
            for row in rows[:TERMINAL_ROWS]:
                # Text, never str: a plain string cell would be read as Rich markup
                cells = [
                    Text(isolate(row.text)),
                    Text(row_short(row.entry) if row.entry else row.where),
                ]
                if seen:
                    cells.append(Text(number(row.count) if row.count else ""))
                table.add_row(*cells)
            console.print(Padding(table, (0, 0, 0, 2)))
            if len(rows) > TERMINAL_ROWS:
                console.print(
                    Padding(
                        Text(
                            _(
                                "… and {n} more (all in --view entries, or -f html -o report.html)"
                            ).format(n=len(rows) - TERMINAL_ROWS),
                            style="dim",
                        ),
                        (0, 0, 0, 2),
                    )
                )
        else:
            for wiki, findings in group.by_wiki():
                if wiki:
                    console.print(Padding(Text(isolate(wiki), style="bold dim"), (0, 0, 0, 2)))
                for finding in findings:
                    _card(console, group, finding, opts)
        for ref in group.references:
            _link(console, ref, indent=2, color=opts.color)


def _card(console: Console, group: Group, finding: Finding, opts: RenderOptions) -> None:
    lead = "• " if opts.color else "* "
    main = finding.evidence or finding.location or ""
    if main:
        _hanging(console, lead, isolate(main), indent=2)
    if finding.location and finding.evidence:
        _hanging(console, _(L_WHERE) + ": ", isolate(finding.location), indent=4)
    for step in group.extra_steps(finding):
        _hanging(console, "+ ", isolate(step), indent=4)
    if finding.message:
        console.print(Padding(Text(_(L_SEND) + ":", style="dim"), (0, 0, 0, 4), expand=False))
        for message_line in finding.message.splitlines():
            console.print(
                Padding(Text(isolate(message_line)), (0, 0, 0, 6), expand=False)
                if message_line
                else Text("")
            )


def _entries(console: Console, report: Report, boxes: box.Box) -> None:
    rows = entries_view(report)
    if not rows:
        return
    console.print()
    table = Table(title=_(L_ENTRIES_VIEW), box=boxes, show_lines=False, expand=True)
    table.add_column(_(L_ENTRY), ratio=3, overflow="fold")
    table.add_column(_(L_ROW), ratio=1, overflow="fold")
    table.add_column(_(L_PROBLEMS), ratio=4, overflow="fold")
    for row in rows:
        table.add_row(
            Text(isolate(row.entry.label)),
            Text(entry_where(row.entry)),
            Text("; ".join(row.problems)),
            style=SEVERITY_STYLE[row.worst] if row.worst in (Severity.CRITICAL,) else "",
        )
    console.print(table)
    others = without_entries(report)
    if others.findings:
        console.print()
        for group in groups(others):
            console.print(Text(f"[{group.code}] {group.title}", style="bold"))
            for finding in group.findings:
                _card(console, group, finding, RenderOptions())


def _checks(console: Console, report: Report) -> None:
    console.print()
    console.print(Text(_(L_CHECKS), style="bold"))
    for check in report.checks:
        line = Text(f"{check.id} {check.title}: ")
        line.append(status_label(check.status), style=STATUS_STYLE[check.status])
        console.print(Padding(line, (0, 0, 0, 2), expand=False))
        if check.reason:
            reason = Text(isolate(check.reason), style="dim")
            console.print(Padding(reason, (0, 0, 0, 4), expand=False))


def _tail(console: Console, report: Report) -> None:
    """The last screen repeats the verdict and the first thing to do."""
    console.print()
    line = Text(score_text(report), style="bold")
    if report.input_problems:
        line.append(" — " + _(L_INPUT_FAILED), style="bold red")
    console.print(line)
    actions = top_actions(report, 1)
    if actions:
        _hanging(console, _(L_FIX_FIRST) + ": ", isolate(actions[0]), indent=0)


def _details(console: Console, report: Report, opts: RenderOptions) -> None:
    """One block per finding, with everything it says (``--view details``)."""
    for severity, items in grouped(report):
        console.print()
        console.rule(
            Text(f"{severity.label} ({len(items)})", style=SEVERITY_STYLE[severity]),
            characters="-" if not opts.color else "─",
        )
        for finding in items:
            console.print(Text(finding_heading(finding), style="bold"))
            if finding.evidence:
                _field(console, _(L_EVIDENCE), finding.evidence)
            if finding.location:
                _field(console, _(L_WHERE), finding.location)
            console.print(Padding(Text(_(L_TODO) + ":", style="dim"), (0, 0, 0, 2), expand=False))
            for position, step in enumerate(finding.remediation, 1):
                _hanging(console, f"{position}. ", isolate(step), indent=3)
            if finding.message:
                console.print(
                    Padding(Text(_(L_SEND) + ":", style="dim"), (0, 0, 0, 2), expand=False)
                )
                for message_line in finding.message.splitlines():
                    if message_line:
                        console.print(
                            Padding(Text(isolate(message_line)), (0, 0, 0, 4), expand=False)
                        )
                    else:
                        console.print()
            for ref in finding.references:
                _link(console, ref, indent=3, color=opts.color)
            console.print()
