"""``--format html``: one self-contained page (no external assets) that prints as a handout."""

from __future__ import annotations

from html import escape

from hygiene_audit.formats.interface import (
    L_AREA,
    L_CHECK,
    L_CHECKS,
    L_EVIDENCE,
    L_FINDINGS,
    L_GRADE,
    L_MASKED,
    L_MORE,
    L_NO_FINDINGS,
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

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:52rem;margin:2rem auto;
padding:0 1rem;color:#1b1b1b;line-height:1.45}
header{border-bottom:3px solid #333;margin-bottom:1rem}
.grade{font-size:3rem;font-weight:700;float:right;border:3px solid #333;border-radius:.5rem;padding:0 .8rem}
.sev{border-left:.4rem solid #999;padding:.2rem .8rem;margin:1rem 0;page-break-inside:avoid;break-inside:avoid}
.critical{border-color:#8b0000}.high{border-color:#d9480f}.medium{border-color:#e8a200}
.low{border-color:#1c7ed6}.info{border-color:#868e96}
.note{background:#fff3bf;padding:.5rem 1rem;border-radius:.3rem}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:start}
code{font-size:.9em}
@media print{body{margin:0;max-width:none}a{color:#000}a[href]::after{content:" (" attr(href) ")";font-size:.8em}}
"""


def render(report: Report, options: RenderOptions | None = None) -> str:
    report = neutralise_report(report)
    e = escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(report.language)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title_text(report))}</title><style>{CSS}</style></head><body>",
        f'<header><div class="grade" aria-label="{e(_(L_GRADE))}">{e(report.grade)}</div>',
        f"<h1>{e(title_text(report))}</h1>",
        f"<p><strong>{e(summary_line(report))}</strong></p>",
        "<p>" + e(_("Generated {when} by {tool} {version}.").format(
            when=report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
            tool=report.tool.name, version=report.tool.version)) + "</p>",
    ]
    if report.redacted:
        parts.append(f"<p>{e(_(L_MASKED))}</p>")
    parts.append("</header>")
    for note in report.notes:
        parts.append(f'<p class="note" dir="auto">{e(note)}</p>')
    if report.categories:
        parts.append(f"<table><tr><th>{e(_(L_AREA))}</th><th>{e(_(L_SCORE))}</th></tr>")
        for cat in report.categories:
            value = str(cat.score) if cat.score is not None else _("not assessed")
            parts.append(f"<tr><td>{e(cat.title)}</td><td>{e(value)}</td></tr>")
        parts.append("</table>")
    parts.append(f"<h2>{e(_(L_FINDINGS))}</h2>")
    if not report.findings:
        parts.append(f"<p>{e(_(L_NO_FINDINGS))}</p>")
    for severity, items in grouped(report):
        parts.append(f"<h3>{e(severity.label)} ({len(items)})</h3>")
        for finding in items:
            parts.append(f'<section class="sev {e(severity.value)}">')
            parts.append(f'<h4 dir="auto">{e(finding_heading(finding))}</h4>')
            if finding.evidence:
                parts.append(f'<p><strong>{e(_(L_EVIDENCE))}:</strong> '
                             f'<bdi>{e(finding.evidence)}</bdi></p>')
            if finding.location:
                parts.append(f'<p><strong>{e(_(L_WHERE))}:</strong> '
                             f'<bdi>{e(finding.location)}</bdi></p>')
            parts.append(f"<p><strong>{e(_(L_TODO))}:</strong></p><ol>")
            parts += [f'<li dir="auto">{e(step)}</li>' for step in finding.remediation]
            parts.append("</ol>")
            if finding.message:
                parts.append(f"<p><strong>{e(_(L_SEND))}:</strong></p>"
                             f'<pre class="message" dir="auto">{e(finding.message)}</pre>')
            if finding.references:
                links = ", ".join(f'<a href="{e(r)}">{e(r)}</a>' for r in finding.references)
                parts.append(f"<p><strong>{e(_(L_MORE))}:</strong> {links}</p>")
            parts.append("</section>")
    parts.append(f"<h2>{e(_(L_CHECKS))}</h2><table><tr><th>{e(_(L_CHECK))}</th>"
                 f"<th>{e(_(L_STATUS))}</th><th>{e(_(L_REASON))}</th></tr>")
    for check in report.checks:
        parts.append(f"<tr><td>{e(check.id)} {e(check.title)}</td>"
                     f"<td>{e(status_label(check.status))}</td>"
                     f'<td dir="auto">{e(check.reason or "")}</td></tr>')
    parts.append("</table></body></html>\n")
    return "\n".join(parts)
