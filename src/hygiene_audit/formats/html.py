"""``--format html``: one self-contained page (no external assets) that prints as a handout."""

from __future__ import annotations

import re
from html import escape

from hygiene_audit.core.models import (
    ActionScope,
    EntryRef,
    Finding,
    Report,
    TextKind,
    map_report_texts,
)
from hygiene_audit.formats.layout import (
    L_ENTRIES_VIEW,
    L_ENTRY,
    L_FIX_FIRST,
    L_INPUT_FAILED,
    L_PROBLEMS,
    L_ROW,
    StepLedger,
    also_line,
    entries_view,
    entry_short,
    entry_where,
    group_count,
    groups,
    plan,
    row_short,
    score_text,
    top_actions,
    without_entries,
)
from hygiene_audit.formats.links import linkable
from hygiene_audit.formats.text import (
    L_CHECK,
    L_CHECKS,
    L_EVIDENCE,
    L_FINDINGS,
    L_MASKED,
    L_MORE,
    L_NO_FINDINGS,
    L_REASON,
    L_SEND,
    L_STATUS,
    L_TODO,
    L_WHERE,
    RenderOptions,
    counts_line,
    finding_heading,
    grouped,
    status_label,
    title_text,
)
from hygiene_audit.i18n import N_, _, number
from hygiene_audit.safety.neutralise import neutralise_report

L_BY_PASSWORD = N_("Change these passwords, one at a time")
L_ONE_EACH = N_("Change each of these passwords, used on one account each")
L_LISTED_ABOVE = N_("Its accounts are listed above, under each password to change.")

# A local path (/home/ana/…, ~/…, C:\\Users\\…) where it stands alone: a handout shows its
# file name only. Addresses never match: their slashes follow ':' or '/' or a letter.
LOCAL_PATH = re.compile(r"(?<![\w:/.~-])(?:~?/|[A-Za-z]:\\)[^\s;,()'\"<>]*[^\s;,()'\"<>.]")


def _file_name(match: re.Match[str]) -> str:
    return match.group(0).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def without_paths(report: Report) -> Report:
    """The report with every local path reduced to its file name (a printed page that is
    left behind should not say where your files are)."""

    def change(text: str, kind: TextKind) -> str:
        return text if kind is TextKind.LINK else LOCAL_PATH.sub(_file_name, text)

    return map_report_texts(report, change)


CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:52rem;margin:2rem auto;
padding:0 1rem;color:#1b1b1b;line-height:1.4;font-size:11pt}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.2rem 0 .4rem;break-after:avoid;page-break-after:avoid}
h3{font-size:1rem;margin:.8rem 0 .3rem;break-after:avoid;page-break-after:avoid}
.cover{display:flex;gap:1.2rem;align-items:flex-start;border-bottom:3px solid #333;padding-bottom:.6rem}
.gauge{flex:0 0 9rem}.summary{flex:1}
.problem{background:#ffe3e3;border-left:.4rem solid #c92a2a;padding:.4rem .8rem;font-weight:600}
.areas{width:100%;border-collapse:collapse;margin:.4rem 0}.areas td{padding:.15rem .4rem;border:0}
.track{background:#e9ecef;height:.7rem;width:10rem;border-radius:.2rem}.fill{background:#2b8a3e;height:.7rem;border-radius:.2rem}
.fill.low{background:#c92a2a}.fill.mid{background:#e8a200}
.actions li{margin:.2rem 0}
.kind{border-left:.4rem solid #999;padding:.1rem .8rem;margin:.8rem 0}
.critical{border-color:#8b0000}.high{border-color:#d9480f}.medium{border-color:#e8a200}
.low{border-color:#1c7ed6}.info{border-color:#868e96}
.card{break-inside:avoid;page-break-inside:avoid;margin:.4rem 0;padding:.3rem .5rem;background:#f8f9fa;border-radius:.3rem;overflow-wrap:anywhere}
.steps{margin:.2rem 0 .2rem 1.2rem;padding:0}
pre.message{white-space:pre-wrap;overflow-wrap:anywhere;break-inside:avoid;page-break-inside:avoid;background:#fff;border:1px solid #ccc;padding:.5rem;font-size:.85em}
ul.entries{font-size:.8em;line-height:1.3;margin:.3rem 0;padding:0;list-style:none;text-align:start}
ul.entries li{display:inline;overflow-wrap:anywhere}ul.entries li+li::before{content:" · ";color:#999}
.where{color:#555}.seen{font-weight:600}
.note{background:#fff3bf;padding:.4rem .8rem;border-radius:.3rem}
table.plain{border-collapse:collapse;width:100%;font-size:.9em}table.plain td,table.plain th{border:1px solid #ccc;padding:.2rem .4rem;text-align:start;vertical-align:top;overflow-wrap:break-word;word-break:normal;hyphens:none}
.todo{margin:.3rem 0 .1rem}.todo.short{break-inside:avoid-page}.todo h3{margin:.3rem 0 .05rem;font-size:1em;line-height:1.25;break-after:avoid}
ul.accounts{list-style:none;margin:0 0 .2rem;padding:0;font-size:9pt;line-height:1.25}
ul.accounts.long{columns:2;column-gap:1.2rem}
ul.accounts li{break-inside:avoid;overflow-wrap:break-word;padding-inline-start:1.3em;text-indent:-1.3em}
.box{display:inline-block;width:.8em;height:.8em;border:1px solid #333;margin-inline-end:.5em;vertical-align:-.1em}
.track.low{background:#ffc9c9}
.refs{font-size:.85em;overflow-wrap:anywhere}
@page{margin:10mm;size:A4}
@media print{body{margin:0;max-width:none;font-size:10pt}ul.entries{font-size:9pt;line-height:1.3}a{color:#000;text-decoration:none}.refs,pre.message{font-size:9pt}.cover{break-after:page;page-break-after:always}
.card,pre.message{break-inside:avoid}h2,h3,h4{break-after:avoid}}
"""


def _gauge(report: Report) -> str:
    """The overall score as an inline SVG half-ring: no remote resource, prints in colour."""
    value = report.score
    label = escape(report.grade or "–")
    shown = "–" if value is None else str(value)
    colour = (
        "#868e96"
        if value is None
        else ("#2b8a3e" if value >= 80 else "#e8a200" if value >= 60 else "#c92a2a")
    )
    # a low score tints the whole ring red and writes its number in red: 0 never reads as
    # an empty grey "no data"
    track = "#ffc9c9" if value is not None and value < 60 else "#e9ecef"
    ink = colour if value is not None else "#1b1b1b"
    fraction = 0 if value is None else value / 100
    # A semicircle of radius 50 has length π·50 ≈ 157.08.
    dash = f"{157.08 * fraction:.2f} 157.08"
    title = escape(score_text(report))
    return (
        f'<svg class="gauge" viewBox="0 0 120 80" role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        f'<path d="M10 70 A50 50 0 0 1 110 70" fill="none" stroke="{track}" stroke-width="14"/>'
        f'<path d="M10 70 A50 50 0 0 1 110 70" fill="none" stroke="{colour}" '
        f'stroke-width="14" stroke-dasharray="{dash}"/>'
        f'<text x="60" y="58" text-anchor="middle" font-size="22" font-weight="700" '
        f'fill="{ink}">{shown}'
        "</text>"
        f'<text x="60" y="76" text-anchor="middle" font-size="12">{label}</text></svg>'
    )


def _bar(score: int | None) -> str:
    if score is None:
        return '<div class="track"></div>'
    level = "low" if score < 60 else "mid" if score < 80 else ""
    return (
        f'<div class="track {level}"><div class="fill {level}" style="width:{score}%"></div></div>'
    )


def _cover(report: Report) -> list[str]:
    e = escape
    parts = [
        '<section class="cover"><div class="gauge">',
        _gauge(report),
        "</div>",
        '<div class="summary">',
        f"<h1>{e(title_text(report))}</h1>",
    ]
    for problem in report.input_problems:
        parts.append(
            f'<p class="problem" dir="auto">{e(_(L_INPUT_FAILED))}: <bdi>{e(problem)}</bdi></p>'
        )
    parts.append(f"<p><strong>{e(counts_line(report))}</strong></p>")
    if report.categories:
        parts.append('<table class="areas">')
        for cat in report.categories:
            value = f"{cat.score}/100" if cat.score is not None else _("not assessed")
            parts.append(
                f"<tr><td>{e(cat.title)}</td><td>{_bar(cat.score)}</td><td>{e(value)}</td></tr>"
            )
        parts.append("</table>")
    actions = top_actions(report)
    if actions:
        parts.append(f'<h2>{e(_(L_FIX_FIRST))}</h2><ol class="actions">')
        parts += [f'<li dir="auto">{e(a)}</li>' for a in actions]
        parts.append("</ol>")
    elif report.clean:
        parts.append(f"<p>{e(_(L_NO_FINDINGS))}</p>")
    for note in report.notes:
        parts.append(f'<p class="note" dir="auto">{e(note)}</p>')
    parts.append(
        "<p>"
        + e(
            _("Generated {when} by {tool} {version}.").format(
                when=report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
                tool=report.tool.name,
                version=report.tool.version,
            )
        )
        + "</p>"
    )
    if report.redacted:
        parts.append(f"<p>{e(_(L_MASKED))}</p>")
    parts.append("</div></section>")
    return parts


def _references(refs: tuple[str, ...]) -> str:
    e = escape
    links = ", ".join(f'<a href="{e(r)}">{e(r)}</a>' if linkable(r) else e(r) for r in refs)
    return f'<p class="refs"><strong>{e(_(L_MORE))}:</strong> {links}</p>'


def _finding_card(finding: Finding, extra: tuple[str, ...]) -> list[str]:
    e = escape
    parts = ['<div class="card">']
    if finding.evidence:
        parts.append(
            f"<div><strong>{e(_(L_EVIDENCE))}:</strong> <bdi>{e(finding.evidence)}</bdi></div>"
        )
    if finding.location:
        parts.append(
            f"<div><strong>{e(_(L_WHERE))}:</strong> <bdi>{e(finding.location)}</bdi></div>"
        )
    if extra:
        parts.append(
            '<ol class="steps">' + "".join(f'<li dir="auto">{e(s)}</li>' for s in extra) + "</ol>"
        )
    if finding.message:
        parts.append(
            f"<div><strong>{e(_(L_SEND))}:</strong></div>"
            f'<pre class="message" dir="auto">{e(finding.message)}</pre>'
        )
    parts.append("</div>")
    return parts


LONG_GROUP = 6  # accounts of one password beyond this continue in two compact columns


def _passwords(report: Report, one_source: bool) -> list[str]:
    """One table per password to change on several accounts: the action, then one account
    per line with a box to tick once it is done; the passwords of one account each follow in
    one list, a line each with what is wrong with it."""
    e = escape

    def account(ref: EntryRef, problems: str = "") -> str:
        where = f"#{ref.row}" if one_source and ref.row else row_short(ref)
        why = f" — {e(problems)}" if problems else ""
        return (
            f'<li><span class="box"></span><bdi>{e(entry_short(ref))}</bdi> '
            f'<span class="where">{e(where)}</span>{why}</li>'
        )

    ranked = [(n, p) for n, p in enumerate(plan(report), 1) if p.scope is ActionScope.PASSWORD]
    if not ranked:
        return []
    parts = [f"<h2>{e(_(L_BY_PASSWORD))}</h2>"]
    for rank, action in ranked:
        if len(action.accounts) < 2:
            continue
        long = " long" if len(action.accounts) > LONG_GROUP else ""
        size = "" if long else " short"
        heading = _("Change this password on {n} accounts ({problems})").format(
            n=number(len(action.accounts)), problems=", ".join(action.problems)
        )
        parts.append(f'<section class="todo{size}"><h3 dir="auto">{rank}. {e(heading)}</h3>')
        parts.append(f'<ul class="accounts{long}">')
        parts += [account(ref) for ref in action.accounts]
        parts.append("</ul></section>")
    single = [p for _rank, p in ranked if len(p.accounts) == 1]
    if single:
        parts.append(f'<section class="todo"><h3>{e(_(L_ONE_EACH))}</h3>')
        long = " long" if len(single) > LONG_GROUP else ""
        parts.append(f'<ul class="accounts{long}">')
        parts += [account(p.accounts[0], ", ".join(p.problems)) for p in single]
        parts.append("</ul></section>")
    return parts


def _grouped(report: Report) -> list[str]:
    e = escape
    parts: list[str] = []
    sources = {ref.source for f in report.findings for ref in f.entries}
    one_source = len(sources) <= 1
    if one_source and sources:
        parts.append(
            "<p>"
            + e(
                _("Entries are listed as site (login) and their row in {source}.").format(
                    source=next(iter(sources))
                )
            )
            + "</p>"
        )
    parts += _passwords(report, one_source)
    parts.append(f"<h2>{e(_(L_FINDINGS))}</h2>")
    ledger = StepLedger()
    for group in groups(report):
        parts.append(f'<section class="kind {e(group.severity.value)}">')
        parts.append(
            f'<h3 dir="auto">{e(group.severity.label)} · [{e(group.code)}] '
            f"{e(group.title)}{e(group_count(group))}</h3>"
        )
        steps, earlier = ledger.split(group)
        parts.append(
            '<ol class="steps">' + "".join(f'<li dir="auto">{e(s)}</li>' for s in steps) + "</ol>"
        )
        if earlier:
            parts.append(f'<p class="refs">{e(also_line(earlier))}</p>')
        if all(f.scope is not ActionScope.FINDING for f in group.findings):
            parts.append(f'<p class="refs">{e(_(L_LISTED_ABOVE))}</p>')
        elif group.tabular:
            parts.append('<ul class="entries">')
            for row in group.rows():
                seen = f'<span class="seen">{e(number(row.count))}×</span> ' if row.count else ""
                short = entry_short(row.entry) if row.entry else row.text
                where = row.where
                if row.entry is not None:
                    where = (
                        f"#{row.entry.row}"
                        if one_source and row.entry.row
                        else row_short(row.entry)
                    )
                parts.append(
                    f'<li>{seen}<bdi>{e(short)}</bdi> <span class="where">{e(where)}</span></li>'
                )
            parts.append("</ul>")
        else:
            for wiki, findings in group.by_wiki():
                if wiki:
                    parts.append(f'<h4 class="wiki"><bdi>{escape(wiki)}</bdi></h4>')
                for finding in findings:
                    parts += _finding_card(finding, group.extra_steps(finding))
        if group.references:
            parts.append(_references(group.references))
        parts.append("</section>")
    return parts


def _entries(report: Report) -> list[str]:
    e = escape
    parts = [
        f"<h2>{e(_(L_ENTRIES_VIEW))}</h2>",
        f'<table class="plain"><tr><th>{e(_(L_ENTRY))}</th><th>{e(_(L_ROW))}</th>'
        f"<th>{e(_(L_PROBLEMS))}</th></tr>",
    ]
    for row in entries_view(report):
        parts.append(
            f"<tr><td><bdi>{e(row.entry.label)}</bdi></td>"
            f"<td>{e(entry_where(row.entry))}</td>"
            f'<td dir="auto">{e("; ".join(row.problems))}</td></tr>'
        )
    parts.append("</table>")
    others = without_entries(report)
    return parts + (_grouped(others) if others.findings else [])


def _details(report: Report) -> list[str]:
    e = escape
    parts = [f"<h2>{e(_(L_FINDINGS))}</h2>"]
    for severity, items in grouped(report):
        parts.append(f"<h3>{e(severity.label)} ({len(items)})</h3>")
        for finding in items:
            parts.append(f'<section class="kind {e(severity.value)}">')
            parts.append(f'<h3 dir="auto">{e(finding_heading(finding))}</h3>')
            parts.append(f"<p><strong>{e(_(L_TODO))}:</strong></p>")
            parts += _finding_card(finding, finding.remediation)
            if finding.references:
                parts.append(_references(finding.references))
            parts.append("</section>")
    return parts


def render(report: Report, options: RenderOptions | None = None) -> str:
    report = without_paths(neutralise_report(report))
    opts = options or RenderOptions()
    e = escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(report.language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title_text(report))}</title><style>{CSS}</style></head><body>",
        *_cover(report),
    ]
    if opts.view == "details":
        parts += _details(report)
    elif opts.view == "entries":
        parts += _entries(report)
    else:
        parts += _grouped(report)
    parts.append(
        f'<h2>{e(_(L_CHECKS))}</h2><table class="plain"><tr><th>{e(_(L_CHECK))}</th>'
        f"<th>{e(_(L_STATUS))}</th><th>{e(_(L_REASON))}</th></tr>"
    )
    for check in report.checks:
        parts.append(
            f"<tr><td>{e(check.id)} {e(check.title)}</td>"
            f"<td>{e(status_label(check.status))}</td>"
            f'<td dir="auto">{e(check.reason or "")}</td></tr>'
        )
    parts.append("</table></body></html>\n")
    return "\n".join(parts)
