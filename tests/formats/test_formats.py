"""Every output format, rendered from the one shared fixture report."""

from __future__ import annotations

import json
from collections.abc import Callable

import html5lib
import jsonschema
import pytest

from hygiene_audit.core.models import Report
from hygiene_audit.core.registry import load_formats
from hygiene_audit.formats import html, markdown, terminal
from hygiene_audit.formats import json as json_format
from hygiene_audit.formats.layout import with_actions
from hygiene_audit.formats.text import RenderOptions


def test_all_four_formats_are_registered_plugins() -> None:
    assert {"terminal", "json", "markdown", "html"} <= set(load_formats())


def test_json_validates_against_the_published_schema(report: Report) -> None:
    document = json.loads(json_format.render(report))
    jsonschema.validate(document, json.loads(json_format.schema()))
    assert document["tool"] == {"name": "hygiene-audit", "version": "0.1.0"}
    assert document["score"] == 37 and document["grade"] == "F"
    assert {c["id"]: c["status"] for c in document["checks"]}["HA-B"] == "skipped"
    first = document["findings"][0]
    assert set(first) >= {
        "check",
        "id",
        "severity",
        "title",
        "evidence",
        "location",
        "remediation",
        "references",
    }
    assert "personal" not in first  # the list of personal values never leaves the process


def test_json_round_trips_into_the_model(report: Report) -> None:
    """What JSON holds is the report with its ranked actions stated."""
    again = Report.model_validate_json(json_format.render(report))
    assert again.actions
    assert (
        again.model_dump()
        == with_actions(report)
        .model_copy(
            update={
                "findings": tuple(f.model_copy(update={"personal": ()}) for f in report.findings)
            }
        )
        .model_dump()
    )


def test_html_is_well_formed_self_contained_and_escaped(report: Report) -> None:
    text = html.render(report)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(text)
    assert tree.find(".//title") is not None
    assert "<script>" not in text  # evidence is escaped
    assert "&lt;script&gt;" in text
    for tag in tree.iter():
        assert tag.tag not in ("script", "link", "img", "iframe")
        assert not (tag.get("src") or "").startswith("http")
    assert "@media print" in text
    assert "<bdi>أنا أعيش في القاهرة</bdi>" in text
    assert "Score 37/100, grade F" in text


def test_markdown_groups_by_severity_and_escapes_table_pipes(report: Report) -> None:
    text = markdown.render(report)
    assert text.startswith("# Digital hygiene report for Ana L")
    assert (
        text.index("### Critical · \\[HA-W001\\]")
        < text.index("### High · \\[HA-P002\\]")
        < text.index("### Info · \\[HA-P011\\]")
    )
    details = markdown.render(report, RenderOptions(view="details"))
    assert (
        details.index("### Critical (1)")
        < details.index("### High (1)")
        < details.index("### Info (1)")
    )
    assert "1. Remove the number." in text
    assert "\\| pipe" in text
    assert "| HA-B Breaches | skipped (not assessed) |" in text


def test_terminal_plain_has_summary_first_and_every_remediation(report: Report) -> None:
    text = terminal.render(report, RenderOptions(color=False, width=100))
    assert "\x1b[" not in text
    assert text.index("Score: 37/100") < text.index("Fix these first") < text.index("Critical")
    assert text.rstrip().splitlines()[-2].startswith("Score 37/100, grade F")
    for finding in report.findings:
        for step in finding.remediation:
            assert step in text
    assert "not assessed" in text
    assert "\u2068أنا أعيش في القاهرة\u2069" in text  # RTL isolated


def test_terminal_colour_uses_ansi_only_when_asked(report: Report) -> None:
    assert "\x1b[" in terminal.render(report, RenderOptions(color=True, width=100))


@pytest.mark.parametrize(
    "render", [html.render, markdown.render, terminal.render, json_format.render]
)
def test_every_format_shows_the_notes_and_all_findings(
    report: Report, render: Callable[..., str]
) -> None:
    text = render(report)
    assert "Delete it now" in text
    for finding in report.findings:
        assert finding.id in text
