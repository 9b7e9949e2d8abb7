"""The HTML handout as a person sees it on paper: printed by headless Chromium to PDF and read
back with pdftotext. Skipped with one line where Chromium or pdftotext is absent."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from hygiene_audit.cli.commands import app

from ..cli_helpers import runner
from ..realistic_vault import pwned_file, vault_csv

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None,
    reason="handout print test needs Debian's chromium and poppler-utils (.ci/run installs them)",
)


def printed(html: Path) -> tuple[str, int]:
    pdf = html.with_suffix(".pdf")
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={html.parent / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        [str(PDFTOTEXT), "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.count("\f") + (0 if text.endswith("\f") else 1)
    return text, pages


def test_the_demo_handout_prints_the_whole_suppression_letter(tmp_path: Path) -> None:
    html = tmp_path / "demo.html"
    assert runner.invoke(app, ["demo", "-f", "html", "-o", str(html), "--no-redact"]).exit_code == 0
    text, pages = printed(html)
    assert "Fix these first" in text
    import json

    report = json.loads(runner.invoke(app, ["demo", "-f", "json"]).stdout)
    letters = [f["message"] for f in report["findings"] if f["message"]]
    assert letters
    squeezed = re.sub(r"\s+", "", text)
    for letter in letters:  # every line of every letter, whole, in the printed text
        for line in letter.splitlines():
            assert re.sub(r"\s+", "", line) in squeezed, line
    assert pages <= 14  # 13 since the demo shows this computer (HA-D) and its edit times (HA-E)


def test_a_1000_entry_vault_prints_every_affected_entry_within_12_pages(tmp_path: Path) -> None:
    vault = tmp_path / "vault.csv"
    vault.write_bytes(vault_csv(1000))
    pwned = pwned_file(tmp_path / "pwned.txt")
    html = tmp_path / "report.html"
    json_out = runner.invoke(
        app,
        [
            "run",
            "--offline",
            "--no-input",
            "-f",
            "json",
            "--passwords",
            str(vault),
            "--hibp-file",
            str(pwned),
        ],
    )
    import json

    affected = {
        (ref["site"], ref["login"])
        for f in json.loads(json_out.stdout)["findings"]
        if f["severity"] != "info"
        for ref in f["entries"]
    }
    runner.invoke(
        app,
        [
            "run",
            "--offline",
            "--no-input",
            "-f",
            "html",
            "-o",
            str(html),
            "--no-redact",
            "--passwords",
            str(vault),
            "--hibp-file",
            str(pwned),
        ],
    )
    text, pages = printed(html)
    flat = re.sub(r"\s+", "", text)  # pdftotext may break a long line anywhere
    missing = [s for s, login in affected if f"{s}({login})" not in flat]
    assert not missing, f"{len(missing)} affected entries not printed, e.g. {missing[:3]}"
    assert pages <= 12


FONT_BOX_EM = 1.164  # DejaVu Sans from ascent to descent: a word's box height over its size


def smallest_type_pt(pdf: Path) -> float:
    boxes = subprocess.run(
        [str(PDFTOTEXT), "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    heights = [
        float(y2) - float(y1)
        for y1, y2 in re.findall(r'yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)"', boxes)
    ]
    return min(heights) / FONT_BOX_EM


def test_the_1000_entry_handout_reads_on_paper(tmp_path: Path) -> None:
    """Per-password tables in body-size type, one account per line with a box to tick, no
    word broken in the checks table, no local path, A4."""
    folder = tmp_path / "private-folder"
    folder.mkdir()
    vault = folder / "vault.csv"
    vault.write_bytes(vault_csv(1000))
    pwned = pwned_file(folder / "pwned.txt")
    html = tmp_path / "report.html"
    args = ["run", "--offline", "--no-input", "--passwords", str(vault), "--hibp-file", str(pwned)]
    runner.invoke(app, [*args, "-f", "html", "-o", str(html), "--no-redact"])
    page = html.read_text(encoding="utf-8")
    text, pages = printed(html)
    pdf = html.with_suffix(".pdf")
    assert pages <= 12
    assert smallest_type_pt(pdf) >= 8.95
    assert "private-folder" not in page and "private-folder" not in text
    assert "@page{margin:10mm;size:A4}" in page
    assert "Change these passwords, one at a time" in text
    accounts = [line for line in text.splitlines() if "@mail.example)" in line]
    assert accounts and all(line.count("@mail.example)") <= 2 for line in accounts)  # 2 columns
    assert page.count('<span class="box"></span>') >= 500  # one box per account to change
    words = set(re.findall(r"\w+", text))
    assert {"Status", "findings", "skipped"} <= words  # whole, never "Stat/us", "findi/ngs"


def test_a_score_of_0_is_a_red_number_not_an_empty_gauge(tmp_path: Path) -> None:
    vault = tmp_path / "vault.csv"
    vault.write_bytes(vault_csv(200))
    result = runner.invoke(
        app, ["run", "--offline", "--no-input", "-f", "html", "--passwords", str(vault)]
    )
    svg = result.stdout[result.stdout.index("<svg") : result.stdout.index("</svg>")]
    assert 'fill="#c92a2a">0<' in svg and 'stroke="#ffc9c9"' in svg
