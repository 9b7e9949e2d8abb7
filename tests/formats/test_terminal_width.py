"""The terminal report of a real 1,000-entry run at 80 columns: a number or a link is never
cut, and prose never points at an internal code."""

from __future__ import annotations

import re

import pytest

from hygiene_audit.core.models import Report
from hygiene_audit.formats import terminal
from hygiene_audit.formats.text import RenderOptions
from hygiene_audit.i18n import number

from ..cli_helpers import run_json
from ..realistic_vault import pwned_file, vault_csv


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("width")
    vault, breaches = folder / "v.csv", pwned_file(folder / "pwned.txt")
    vault.write_bytes(vault_csv(1000))
    document = run_json("--offline", "--passwords", str(vault), "--hibp-file", str(breaches))
    return Report.model_validate(document)


@pytest.mark.parametrize("width", [80, 60])
def test_no_number_or_link_is_cut(report: Report, width: int) -> None:
    out = terminal.render(report, RenderOptions(width=width))
    for url in {u for f in report.findings for u in f.references}:
        assert url in out, url  # whole, on one line: what is copied is the address
    cut = [line for line in out.splitlines() if "…" in line.strip()[1:]]
    assert not cut, cut  # "…" only opens a line ("… and 149 more"), never ends a cut one
    counts = {number(f.count) for f in report.findings if f.count}
    table_counts = [c for c in counts if c in out]
    assert len(table_counts) >= 5  # the breached entries' counts, each written whole


def test_prose_never_points_at_an_internal_code(report: Report) -> None:
    out = terminal.render(report, RenderOptions(width=80))
    prose = [line for line in out.splitlines() if not line.startswith("[")]
    assert not [line for line in prose if "HA-P0" in line or "[HA-" in line], prose


def test_the_score_is_said_once_at_the_top_and_once_at_the_end(report: Report) -> None:
    out = terminal.render(report, RenderOptions(width=80))
    said = [line for line in out.splitlines() if re.search(r"grade:? F\b", line, re.I)]
    assert len(said) == 2, said
    end = out.rstrip().split("\n\n")[-1]  # the last block: the score, the first action
    assert end.startswith("Score 0/100, grade F")
    assert "\nFix these first: Change this password on 3 accounts" in end
