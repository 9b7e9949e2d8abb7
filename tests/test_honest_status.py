"""A failed input is never a clean bill of health: the report opens with the problem and its
fix, the failed area has no grade, and the exit code (4) tells scripts it is incomplete."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hygiene_audit.cli.commands import app

from .cli_helpers import runner
from .vaults import write_vault

PEER = Path(__file__).resolve().parents[2] / "shared" / "peer-testdata"

UNKNOWN_HEADER = "Account,Login Name,Secret,Web Site,Comments"  # no manager we read


def _kdbx(tmp_path: Path) -> Path:
    from pykeepass import create_database

    path = tmp_path / "vault.kdbx"
    db = create_database(str(path), password="right-master")
    db.add_entry(db.root_group, "Forum", "ana", "password1", url="https://forum.example")
    db.save()
    return path


def _cases(tmp_path: Path) -> dict[str, tuple[list[str], str, str]]:
    unknown = tmp_path / "export.csv"
    unknown.write_text(UNKNOWN_HEADER + "\nForum,ana,pw-123,https://f.example,\n")
    not_pwned = tmp_path / "pwned.txt"
    not_pwned.write_text("hello world\nthis is not a hash file\n")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    vault = write_vault(tmp_path, "chrome")
    return {
        "unrecognised CSV": (["--passwords", str(unknown)], "HA-P", "export this tool recognises"),
        "a directory": (["--passwords", str(folder)], "HA-P", "is a directory"),
        "not a Pwned Passwords file": (
            ["--passwords", str(vault), "--hibp-file", str(not_pwned)],
            "HA-B",
            "PwnedPasswordsDownloader",
        ),
    }


@pytest.mark.parametrize("case", ["unrecognised CSV", "a directory", "not a Pwned Passwords file"])
@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown", "html"])
def test_an_unusable_input_opens_the_report_and_sets_exit_4(
    tmp_path: Path, case: str, fmt: str
) -> None:
    args, check, words = _cases(tmp_path)[case]
    result = runner.invoke(
        app,
        ["run", "--offline", "--no-input", "--only", "HA-P", "--only", "HA-B", "-f", fmt, *args],
    )
    assert result.exit_code == 4, result.output
    text = result.stdout
    if fmt == "json":
        report = json.loads(text)
        assert any(words in p for p in report["input_problems"])
        rows = {c["id"]: c for c in report["checks"]}
        assert rows[check]["failed_input"] is True
        area = {c["category"]: c for c in report["categories"]}[
            "passwords" if check == "HA-P" else "breaches"
        ]
        assert area["score"] is None
    elif fmt == "terminal":
        first = text.splitlines()[0]
        assert first.startswith("Incomplete: an input you gave could not be used")
        assert words in " ".join(text.splitlines()[:6])
        assert "No findings" not in text
    else:
        head = text[: text.index("Incomplete") + 600]
        assert words in head


def test_nothing_assessed_means_no_grade_at_all(tmp_path: Path) -> None:
    folder = tmp_path / "dir"
    folder.mkdir()
    result = runner.invoke(app, ["run", "--offline", "--only", "HA-P", "--passwords", str(folder)])
    assert result.exit_code == 4
    assert "Grade:" not in result.stdout and "No grade" in result.stdout
    report = json.loads(
        runner.invoke(
            app, ["run", "--offline", "--only", "HA-P", "-f", "json", "--passwords", str(folder)]
        ).stdout
    )
    assert report["score"] is None and report["grade"] is None


def test_a_wrong_keepass_password_is_asked_again_three_times(tmp_path: Path) -> None:
    path = _kdbx(tmp_path)
    ok = runner.invoke(
        app,
        ["run", "--offline", "--only", "HA-P", "-f", "json", "--passwords", str(path)],
        input="typo\nright-master\n",
    )
    assert ok.exit_code == 0, ok.output
    assert "try again (2 of 3)" in ok.stderr
    assert json.loads(ok.stdout)["input_problems"] == []
    failed = runner.invoke(
        app,
        ["run", "--offline", "--only", "HA-P", "-f", "json", "--passwords", str(path)],
        input="a\nb\nc\n",
    )
    assert failed.exit_code == 4
    assert "wrong master password" in json.loads(failed.stdout)["input_problems"][0]
    assert failed.stderr.count("Master password for") == 3


def test_a_grouped_report_still_names_every_affected_entry(tmp_path: Path) -> None:
    lines = ["name,url,username,password"]
    for number in range(1, 121):
        lines.append(f"Site {number},https://site{number}.example,user{number},password{number}")
    vault = tmp_path / "vault.csv"
    vault.write_text("\n".join(lines) + "\n")
    for fmt in ("markdown", "html"):
        result = runner.invoke(
            app, ["run", "--offline", "--only", "HA-P", "-f", fmt, "--passwords", str(vault)]
        )
        for number in range(1, 121):
            assert f"site{number}.example (user{number})" in result.stdout
        assert result.stdout.count("Let your password manager generate") <= 3
    terminal = runner.invoke(
        app, ["run", "--offline", "--only", "HA-P", "--view", "entries", "--passwords", str(vault)]
    )
    for number in range(1, 121):
        assert f"site{number}.example" in terminal.stdout


def test_entries_are_in_natural_row_order(tmp_path: Path) -> None:
    lines = ["name,url,username,password"]
    for number in range(1, 13):
        lines.append(f"S{number},https://s{number}.example,u,password{number}")
    vault = tmp_path / "vault.csv"
    vault.write_text("\n".join(lines) + "\n")
    text = runner.invoke(
        app, ["run", "--offline", "--only", "HA-P", "-f", "markdown", "--passwords", str(vault)]
    ).stdout
    rows = [
        int(re.search(r"vault\.csv \\?#(\d+)", line).group(1))  # type: ignore[union-attr]
        for line in text.splitlines()
        if line.startswith("| S") and "vault.csv" in line
    ]
    assert rows == sorted(rows) and len(rows) == 12


def test_one_failed_file_among_good_ones_is_said_first_and_costs(tmp_path: Path) -> None:
    """Half an input is not a clean bill either: the page that was read counts, the file that
    was not is the report's first line, the exit code is 4, and the score pays for it."""
    from .cli_helpers import invoke, run_json

    good = tmp_path / "page.wiki"
    good.write_text("I edit bridges.", encoding="utf-8")
    alone = run_json("--offline", "--only", "HA-W", "--userpage-file", str(good))
    both = run_json(
        "--offline",
        "--only",
        "HA-W",
        "--userpage-file",
        str(good),
        "--userpage-file",
        str(tmp_path / "gone.wiki"),
        exit_code=4,
    )
    assert alone["input_problems"] == [] and alone["score"] == 100
    assert both["score"] is not None and both["score"] < alone["score"]
    [problem] = both["input_problems"]
    assert "gone.wiki" in problem
    shown = invoke(
        "run",
        "--offline",
        "--no-input",
        "--only",
        "HA-W",
        "--userpage-file",
        str(good),
        "--userpage-file",
        str(tmp_path / "gone.wiki"),
    )
    assert shown.exit_code == 4
    first = shown.stdout.split("+---", 1)[0]  # what stands above the score box
    assert first.startswith("Incomplete:") and "gone.wiki" in first.replace("\n", "")


def test_an_unreadable_export_beside_a_good_one_loses_nothing(tmp_path: Path) -> None:
    """Two exports, one of them garbage: the good one is audited in full, the bad one is the
    report's first line, the exit code is 4; two bad ones are both named."""
    from .cli_helpers import invoke, run_json

    good = write_vault(tmp_path, "chrome")
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(bytes(range(256)) * 8)
    alone = run_json("--offline", "--only", "HA-P", "--only", "HA-B", "--passwords", str(good))
    both = run_json(
        "--offline",
        "--only",
        "HA-P",
        "--only",
        "HA-B",
        "--passwords",
        str(good),
        "--passwords",
        str(garbage),
        exit_code=4,
    )
    assert both["input_problems"] == [f"{garbage} is a binary file, not a CSV export"]
    assert {f["id"] for f in both["findings"]} == {f["id"] for f in alone["findings"]} != set()
    assert both["score"] is not None and both["score"] <= alone["score"]
    shown = invoke(
        "run",
        "--offline",
        "--no-input",
        "--only",
        "HA-P",
        "--passwords",
        str(good),
        "--passwords",
        str(garbage),
    )
    assert shown.exit_code == 4
    first = shown.stdout.split("+---", 1)[0].replace("\n", "")
    assert first.startswith("Incomplete:") and "garbage.csv" in first
    folder = tmp_path / "a-folder"
    folder.mkdir()
    none = run_json(
        "--offline",
        "--only",
        "HA-P",
        "--passwords",
        str(garbage),
        "--passwords",
        str(folder),
        exit_code=4,
    )
    assert none["score"] is None
    assert "garbage.csv" in none["input_problems"][0] and "a-folder" in none["input_problems"][0]
