"""Text other people control never drives the reader's terminal or breaks out of a format.

Wiki text, template values, captions, titles, EXIF fields, server error messages and even
``--user`` may carry ESC sequences (OSC 8 links, OSC 52 clipboard writes, OSC 0 titles,
CSI 2J), carriage returns and bidi overrides. None may reach any output format.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from hygiene_audit.cli.commands import app
from hygiene_audit.core.models import CheckOutcome, Finding, Report
from hygiene_audit.formats import html, markdown, terminal
from hygiene_audit.formats import json as json_format
from hygiene_audit.formats.text import RenderOptions
from hygiene_audit.safety.neutralise import neutralise

from .cli_helpers import runner
from .conftest import sample_report

OSC8 = "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\"
OSC52 = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07"
OSC0 = "\x1b]0;pwned\x07"
CSI_CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b2J"
RLO = "\u202e"
HOSTILE = [OSC8, OSC52, OSC0, CSI_CLEAR, C1_CSI, RLO + "gnp.exe", "line\rover", "\x00\x07\x7f"]
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMATS = {
    "terminal": terminal.render,
    "json": json_format.render,
    "markdown": markdown.render,
    "html": html.render,
}


def assert_inert(text: str, *, allow_isolates: bool = False) -> None:
    pattern = FORBIDDEN
    if allow_isolates:  # the terminal format adds its own FSI/PDI around RTL text
        pattern = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066\u2067]")
    found = pattern.search(text)
    assert found is None, f"control character U+{ord(found.group()):04X} reached the output"


def hostile_report() -> Report:
    base = sample_report()
    payload = " ".join(HOSTILE)
    finding = base.findings[0].model_copy(
        update={
            "title": "Phone " + OSC0,
            "evidence": payload,
            "location": "User:X" + CSI_CLEAR,
            "remediation": ("Remove " + OSC8,),
            "message": "Dear oversight,\n" + OSC52 + "\nThanks",
            "references": ("https://example.org/" + C1_CSI,),
        }
    )
    check = CheckOutcome(
        id="HA-W",
        title="User page",
        category=base.checks[0].category,
        status=base.checks[4].status,
        reason="wiki said: " + payload,
        failed_input=True,
        input_problems=("File not found: " + payload,),
    )
    return base.model_copy(
        update={
            "subject": "Ana" + OSC52,
            "findings": (finding, *base.findings[1:]),
            "checks": (check, *base.checks[1:]),
            "notes": ("note " + payload,),
            "input_problems": ("File not found: x" + CSI_CLEAR + OSC0,),
        }
    )


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_no_control_character_reaches_any_format(name: str) -> None:
    for color in (False, True):
        text = FORMATS[name](hostile_report(), RenderOptions(color=color))
        if color and name == "terminal":
            text = re.sub("\x1b\\[[0-9;]*m", "", text)  # our own colour codes only
        assert_inert(text, allow_isolates=name == "terminal")
        assert "\u241b" in text or (name == "json" and "\\u241b" in text) or "␛" in text


def test_markdown_carriage_return_stays_inside_its_list_item() -> None:
    base = sample_report()
    finding = base.findings[0].model_copy(update={"evidence": "a\r- fake item\r\n## Fake"})
    text = markdown.render(base.model_copy(update={"findings": (finding,)}))
    line = next(ln for ln in text.splitlines() if ln.startswith("- **Evidence:**"))
    assert "fake item" in line and "Fake" in line
    assert not any(ln.startswith(("- fake", "## Fake")) for ln in text.splitlines())


def test_bidi_override_is_not_active_inside_bdi() -> None:
    base = sample_report()
    finding = base.findings[0].model_copy(update={"evidence": "photo " + RLO + "gpj.exe"})
    page = html.render(base.model_copy(update={"findings": (finding,)}))
    assert RLO not in page
    assert "<bdi>photo \ufffdgpj.exe</bdi>" in page


safe_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)


@settings(max_examples=60, deadline=None)
@given(evidence=safe_text, title=safe_text, reason=safe_text, subject=safe_text, message=safe_text)
def test_fuzz_every_format_emits_no_control_character(
    evidence: str, title: str, reason: str, subject: str, message: str
) -> None:
    base = sample_report()
    finding = Finding(
        check="HA-W",
        id="HA-W001",
        severity=base.findings[0].severity,
        title=title or "t",
        evidence=evidence or None,
        location=reason or None,
        remediation=(title or "r",),
        message=message or None,
    )
    check = base.checks[0].model_copy(update={"reason": reason or None, "title": title or "x"})
    report = base.model_copy(
        update={
            "findings": (finding,),
            "checks": (check,),
            "subject": subject or None,
            "notes": (evidence or "n",),
            "input_problems": (subject or "p",),
        }
    )
    for name, render in FORMATS.items():
        text = render(report, RenderOptions())
        assert_inert(text, allow_isolates=name == "terminal")
        lines_ok = all("\t" not in ln for ln in text.splitlines()) or name == "json"
        assert lines_ok


def test_neutralise_keeps_ordinary_text_and_newlines_only_where_allowed() -> None:
    assert neutralise("Gdańsk — القاهرة — 東京") == "Gdańsk — القاهرة — 東京"
    assert neutralise("a\nb") == "a b"
    assert neutralise("a\nb", multiline=True) == "a\nb"
    assert neutralise("\x1b[2J") == "\u241b[2J"
    assert neutralise("\x9b") == "\ufffd"


def _exif_photo(path: Path, artist: str) -> None:
    image = Image.new("RGB", (8, 8))
    exif = image.getexif()
    exif[0x013B] = artist  # Artist
    image.save(path, exif=exif)


@pytest.mark.parametrize("output_format", ["terminal", "markdown", "html", "json"])
def test_hostile_wiki_text_user_and_exif_through_the_cli(
    tmp_path: Path, output_format: str
) -> None:
    page = tmp_path / "page.wiki"
    page.write_text(
        "== About me ==\nMy name is Ana "
        + OSC8
        + ". Call me at +34 612 345 678 "
        + OSC52
        + "\n[[File:Me "
        + OSC0
        + ".jpg|thumb|Me at home "
        + CSI_CLEAR
        + "]]\n"
        "{{User info|email=ana" + RLO + "@example.org}}\n",
        encoding="utf-8",
    )
    photos = tmp_path / "photos"
    photos.mkdir()
    _exif_photo(photos / "me.jpg", "Ana " + OSC0 + C1_CSI)
    result = runner.invoke(
        app,
        [
            "run",
            "--offline",
            "--only",
            "HA-W",
            "--only",
            "HA-U",
            "-f",
            output_format,
            "--userpage-file",
            str(page),
            "--photos",
            str(photos),
            "--user",
            "Ana" + OSC52,
        ],
    )
    assert result.exit_code in (0, 1), result.output
    assert "HA-W" in result.stdout
    assert_inert(result.stdout, allow_isolates=output_format == "terminal")
    assert_inert(result.stderr)
    if output_format == "json":
        json.loads(result.stdout)


@pytest.mark.parametrize("view", ["grouped", "entries", "details"])
def test_rich_markup_in_an_entry_title_stays_text(tmp_path: Path, view: str) -> None:
    lines = ["name,url,username,password"]
    for number in range(3):
        lines.append(
            f"[link=https://evil.example/]click me[/link] [blink]{number},"
            f"https://s{number}.example,[bold red]ana,password{number}"
        )
    vault = tmp_path / "vault.csv"
    vault.write_text("\n".join(lines) + "\n")
    report = runner.invoke(
        app, ["run", "--offline", "--only", "HA-P", "-f", "json", "--passwords", str(vault)]
    ).stdout
    from hygiene_audit.core.models import Report as ReportModel

    parsed = ReportModel.model_validate_json(report)
    text = terminal.render(parsed, RenderOptions(color=True, view=view))
    assert "\x1b]8" not in text and "\x1b[5m" not in text
    assert "[link=https://evil" in text  # shown as the text it is (a table may fold it)


@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_a_hostile_file_name_in_a_failed_input_stays_text(
    tmp_path: Path, output_format: str
) -> None:
    """The file names a user passes (or a directory holds) are quoted in the line that says an
    input failed, first in the report: never an escape sequence on the screen."""
    good = tmp_path / "page.wiki"
    good.write_text("I edit bridges.", encoding="utf-8")
    missing = tmp_path / ("gone" + CSI_CLEAR + OSC0 + ".wiki")
    result = runner.invoke(
        app,
        [
            "run",
            "--offline",
            "--no-input",
            "--only",
            "HA-W",
            "-f",
            output_format,
            "--userpage-file",
            str(good),
            "--userpage-file",
            str(missing),
        ],
    )
    assert result.exit_code == 4
    assert_inert(result.stdout, allow_isolates=output_format == "terminal")
    assert_inert(result.stderr)
    assert "gone" in result.stdout
