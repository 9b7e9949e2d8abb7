"""What a new user meets first: help that shows the way, arguments checked before a password is
typed, interrupts that say so, and no silent fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hygiene_audit.cli import app

from .hibp_helpers import breached_corpus, write_sorted_file

runner = CliRunner()


def test_help_shows_where_to_start_and_no_type_placeholders() -> None:
    top = runner.invoke(app, ["--help"], terminal_width=100).stdout
    assert "Start with 'hygiene-audit demo'" in " ".join(top.split())
    commands = top[top.index("Commands:"):]
    assert "..." not in commands  # no summary cut short
    run = runner.invoke(app, ["run", "--help"], terminal_width=100).stdout
    for placeholder in ("<list[str]>", "<list[Path]>", "<int range>", "<str>", "<path>"):
        assert placeholder not in run
    assert "Examples:" in run and "Exit codes:" in run
    assert "4  incomplete" in run


def test_an_unknown_language_is_said_not_silently_english() -> None:
    result = runner.invoke(app, ["checks", "--lang", "xx"])
    assert "no 'xx' translation" in result.stderr and "es" in result.stderr


def test_only_and_skip_of_the_same_check_is_a_usage_error() -> None:
    result = runner.invoke(app, ["run", "--skip", "HA-P", "--only", "HA-P"])
    assert result.exit_code == 2
    assert "both --only and --skip" in result.stderr
    assert "grade" not in result.stdout.lower()


def test_pwned_checks_its_arguments_before_asking_for_the_password() -> None:
    result = runner.invoke(app, ["pwned", "--offline"], input="Secret-Pw-1\n")
    assert result.exit_code == 2
    assert "--offline needs --hibp-file" in result.stderr
    assert "Password to check" not in result.stderr + result.stdout


def test_pwned_names_the_file_a_not_found_comes_from(tmp_path: Path) -> None:
    path = write_sorted_file(tmp_path / "subset.txt", breached_corpus({"Summer2023!": 5}))
    result = runner.invoke(app, ["pwned", "--hibp-file", str(path)], input="unlikely-Zq8#x\n")
    assert result.exit_code == 0
    assert "not found in offline Pwned Passwords file" in result.stdout
    assert "MB" in result.stdout and "checking" in result.stderr


@pytest.mark.parametrize("typed", ["", None])
def test_ctrl_d_at_the_prompt_exits_130_not_the_seen_code(tmp_path: Path,
                                                          typed: str | None) -> None:
    path = write_sorted_file(tmp_path / "subset.txt", breached_corpus({}))
    result = runner.invoke(app, ["pwned", "--hibp-file", str(path)], input=typed)
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
