"""What a new user meets first: help that shows the way, arguments checked before a password is
typed, interrupts that say so, and no silent fallbacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hygiene_audit.cli.commands import app

from .cli_helpers import runner
from .conftest import write_profile
from .hibp_helpers import breached_corpus, write_sorted_file


def test_help_shows_where_to_start_and_no_type_placeholders() -> None:
    top = runner.invoke(app, ["--help"], terminal_width=100).stdout
    assert "Start with 'hygiene-audit demo'" in " ".join(top.split())
    commands = top[top.index("Commands:") :]
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
def test_ctrl_d_at_the_prompt_exits_130_not_the_seen_code(
    tmp_path: Path, typed: str | None
) -> None:
    path = write_sorted_file(tmp_path / "subset.txt", breached_corpus({}))
    result = runner.invoke(app, ["pwned", "--hibp-file", str(path)], input=typed)
    assert result.exit_code == 130
    assert "interrupted" in result.stderr


def test_questions_are_numbered_and_a_wrong_answer_is_asked_again(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "run",
            "--only",
            "HA-S",
            "-f",
            "json",
            "--offline",
            "--profile",
            write_profile(tmp_path, 'real_name = "Ana Lopez"\n'),
        ],
        input="maybe\nyes\n\n\n\n\n\n\n\n",
    )
    assert "Question 1 of 8:" in result.stderr and "Question 8 of 8:" in result.stderr
    assert "Please answer y, n, ? or press Enter to skip." in result.stderr
    report = json.loads(result.stdout)
    reason = report["checks"][0]["reason"]
    assert reason.startswith("Not answered: 7 questions")
    for key in ("separate_email", "neutral_gender", "email_off", "two_factor"):
        assert key not in result.stdout + result.stderr
    assert "HA-S001" not in {f["id"] for f in report["findings"]}  # "yes" after "maybe" stood


def test_yes_is_the_safe_answer_to_every_question() -> None:
    from hygiene_audit.core.profile import Answer
    from hygiene_audit.core.questionnaire import QUESTIONS

    assert all(q.risky is Answer.NO for q in QUESTIONS)


def test_old_answer_keys_keep_their_meaning(tmp_path: Path) -> None:
    profile = write_profile(tmp_path, '[answers]\npublic_gender = "yes"\nemail_this_user = "no"\n')
    result = runner.invoke(
        app,
        ["run", "--only", "HA-S", "-f", "json", "--offline", "--no-input", "--profile", profile],
    )
    ids = {f["id"] for f in json.loads(result.stdout)["findings"]}
    assert "HA-S007" in ids  # gender set publicly: still the risky answer
    assert "HA-S008" not in ids  # e-mail through the wiki off: still the safe one


def test_the_skip_reason_says_why_no_question_was_asked(tmp_path: Path) -> None:
    vault = tmp_path / "v.csv"
    vault.write_text("name,url,username,password\nA,https://a.example,ana,Pw-123456\n")
    result = runner.invoke(
        app,
        ["run", "--only", "HA-S", "--only", "HA-P", "-f", "json", "--offline", "--passwords", "-"],
        input=vault.read_text(),
    )
    row = {c["id"]: c for c in json.loads(result.stdout)["checks"]}["HA-S"]
    assert "standard input carried secrets" in row["reason"]
    assert "--no-input was given" not in row["reason"]


def test_the_profile_command_asks_field_by_field_and_run_uses_what_it_wrote(
    tmp_path: Path,
) -> None:
    import os
    import stat

    typed = (
        "Ana López\n\nnineteen87\n1987\nValencia\nnineteen87\nSpain\nes\n"
        "ana@example.org\nanal87\n\n\n"
    )
    result = runner.invoke(app, ["profile"], input=typed)
    assert result.exit_code == 0, result.output
    assert "Not accepted: a year of four digits" in result.stderr
    assert "Not accepted: a place name has no digits" in result.stderr
    assert "stay on this computer" in result.stderr
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "hygiene-audit" / "profile.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert 'real_name = "Ana López"' in text and "birth_year = 1987" in text
    assert 'phone_region = "ES"' in text
    report = json.loads(
        runner.invoke(
            app,
            [
                "run",
                "--offline",
                "--no-input",
                "--only",
                "HA-U",
                "--user",
                "AnaLopez1987",
                "-f",
                "json",
            ],
        ).stdout
    )
    assert {"HA-U001", "HA-U004"} <= {f["id"] for f in report["findings"]}


def test_ask_profile_survives_a_typo(tmp_path: Path) -> None:
    typed = "Ana López\n\n19x7\n1987\n\n\n\n\n\n\n\n"
    result = runner.invoke(
        app,
        [
            "run",
            "--offline",
            "--only",
            "HA-U",
            "--user",
            "AnaLopez1987",
            "--ask-profile",
            "-f",
            "json",
        ],
        input=typed,
    )
    assert result.exit_code == 0, result.output
    # the test runner echoes typed lines to stdout, as a terminal would show them
    report = json.loads(result.stdout[result.stdout.index("{") :])
    assert "HA-U004" in {f["id"] for f in report["findings"]}


def test_spanish_counts_agree_and_numbers_are_written_the_spanish_way() -> None:
    spanish = runner.invoke(app, ["demo", "--lang", "es", "-f", "markdown"]).stdout
    assert "5 críticos" in spanish and "1 informativo" in spanish
    assert "1243 veces" in spanish and "6.271.713" in spanish
    assert "1,243" not in spanish
    english = runner.invoke(app, ["demo", "-f", "markdown"]).stdout
    assert "5 critical" in english and "1,243 times" in english
    listing = runner.invoke(app, ["checks", "--lang", "es"]).stdout
    assert "built-in" not in listing and "incluida" in listing


def test_redaction_masks_by_meaning_consistently_and_ignores_accents() -> None:
    from datetime import UTC, datetime

    from hygiene_audit.core.models import (
        Finding,
        PersonalKind,
        PersonalValue,
        Report,
        Severity,
        ToolInfo,
    )
    from hygiene_audit.safety.redaction import redact_report

    finding = Finding(
        check="HA-W",
        id="HA-W001",
        severity=Severity.HIGH,
        title="t",
        evidence="ilsa at the lake; Ilsa again; captioned “Me at Lake Peipus”",
        location="/home/ana.lopez/Downloads/Lopez-passwords.csv",
        remediation=("r",),
        personal=(
            PersonalValue(kind=PersonalKind.HANDLE, value="ilsa"),
            PersonalValue(kind=PersonalKind.OTHER, value="Me at Lake Peipus"),
            PersonalValue(kind=PersonalKind.NAME, value="López"),
        ),
    )
    report = Report(
        tool=ToolInfo(name="hygiene-audit", version="0"),
        generated_at=datetime(2026, 1, 1, tzinfo=UTC),
        score=50,
        grade="F",
        assessed_checks=1,
        total_checks=1,
        findings=(finding,),
    )
    masked = redact_report(report, home="/home/ana.lopez").findings[0]
    assert masked.evidence == "i… at the lake; I… again; captioned “[…]”"
    assert masked.location == "~/Downloads/L.-passwords.csv"  # "Lopez" matched "López"


def test_the_demo_on_a_projector_hides_the_caption_and_the_home_wiki() -> None:
    shown = runner.invoke(app, ["demo", "--redact", "-f", "markdown"]).stdout
    for value in ("Peipus", "etwiki", "Ilsa at the lake", "~10 km"):
        assert value not in shown
    assert "User:i" not in shown  # one username, masked one way


def test_answers_typed_with_ask_profile_can_be_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from hygiene_audit.cli.prompts import TerminalPrompts
    from hygiene_audit.core.profile import UserProfile

    monkeypatch.setattr("typer.confirm", lambda *_a, **_k: True)
    TerminalPrompts().offer_to_save(UserProfile(real_name="Ana López"), interactive=True)
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "hygiene-audit" / "profile.toml"
    assert 'real_name = "Ana López"' in path.read_text(encoding="utf-8")
    assert (path.stat().st_mode & 0o777) == 0o600
