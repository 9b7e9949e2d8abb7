"""References become links only when they are whole http(s) addresses.

A drop-in check's finding (or catalogue) may carry any text as a reference: ``javascript:``
and ``data:`` addresses used to become live links in the HTML report, and raw ``<script>``
passed through a Markdown autolink into whatever renders the file.
"""

from __future__ import annotations

import pytest

from hygiene_audit.core.models import Report
from hygiene_audit.formats import html, markdown
from hygiene_audit.formats.links import linkable

from ..conftest import sample_report

HOSTILE = (
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "https://ok.example/><script>alert(1)</script>",
    'https://ok.example/" onmouseover="alert(1)',
    "vbscript:msgbox(1)",
    "//evil.example/no-scheme",
    "https://:99999/",
)
GOOD = "https://meta.wikimedia.org/wiki/Oversight_policy"


def _report() -> Report:
    report = sample_report()
    first = report.findings[0].model_copy(update={"references": (*HOSTILE, GOOD)})
    return report.model_copy(update={"findings": (first, *report.findings[1:])})


def test_html_links_only_http_addresses() -> None:
    page = html.render(_report())
    assert "<script>alert" not in page
    assert 'href="javascript' not in page.lower() and 'href="data:' not in page
    assert 'href="vbscript' not in page and 'href="//evil' not in page
    assert 'onmouseover="alert' not in page
    assert f'<a href="{GOOD}">' in page
    assert "javascript:alert(document.cookie)" in page  # still shown, as text


def test_markdown_autolinks_only_http_addresses_and_escapes_the_rest() -> None:
    text = markdown.render(_report())
    assert "<script>" not in text
    assert "<javascript:" not in text.lower() and "<data:" not in text
    assert f"<{GOOD}>" in text


@pytest.mark.parametrize("reference", HOSTILE)
def test_hostile_references_are_not_linkable(reference: str) -> None:
    assert not linkable(reference)


@pytest.mark.parametrize(
    "reference", [GOOD, "http://127.0.0.1:8080/wiki/X", "https://xn--b1amah.example/"]
)
def test_real_addresses_are_linkable(reference: str) -> None:
    assert linkable(reference)
