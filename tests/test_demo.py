"""The workshop demo end to end, redaction for projectors, and the self-assessment."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from hygiene_audit.cli.commands import app
from hygiene_audit.demo import persona

from .cli_helpers import runner
from .conftest import write_profile

FORMATS = ("terminal", "json", "markdown", "html")
# Personal data planted in the persona, in every form it may take in a report.
PLANTED = (
    "ilsa.wren87@example.org",
    "+372 5123 4567",
    "Ilsa Marta Wren",
    "Tartu",
    "58.37806",
    "58.4, 26.7",
    "github.com/ilsawren",
    "twitter.com/ilsawren",
    "ilsawren",
    "University of Tartu",
    "Lutheran",
    "1987",
)
PASSWORDS = (
    "Tartu1987!",
    "Sunflower-Lake-2019",
    "Summer2023!",
    "Summer2024!",
    "password123",
    "qwerty",
    "v9#Qe2!mZ4$wLr8@Tx",
)


def demo(*args: str) -> str:
    result = runner.invoke(app, ["demo", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _stable(text: str) -> str:
    text = re.sub(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(\+00:00| UTC)?", "<now>", text)
    return text


@pytest.mark.parametrize("fmt", FORMATS)
def test_demo_is_identical_across_runs_apart_from_the_timestamp(fmt: str) -> None:
    first, second = demo("-f", fmt), demo("-f", fmt)
    assert _stable(first) == _stable(second)
    assert first.count("<now>") == 0


def test_demo_goes_through_every_check_and_says_it_is_fictional() -> None:
    report = json.loads(demo("-f", "json"))
    assert report["notes"][0].startswith("Demo: this editor is fictional")
    assert "hygiene-audit run --user" in report["notes"][0]
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses == {
        "HA-B": "findings",
        "HA-D": "findings",
        "HA-E": "findings",
        "HA-G": "findings",
        "HA-P": "findings",
        "HA-S": "findings",
        "HA-U": "findings",
        "HA-W": "findings",
    }
    ids = {f["id"] for f in report["findings"]}
    assert {
        "HA-B001",
        "HA-P001",
        "HA-P003",
        "HA-P005",
        "HA-P009",
        "HA-P010",
        "HA-W001",
        "HA-W004",
        "HA-W006",
        "HA-W008",
        "HA-W009",
        "HA-W010",
        "HA-W011",
        "HA-W012",
        "HA-W013",
        "HA-W014",
        "HA-W016",
        "HA-W017",
        "HA-U002",
        "HA-U004",
        "HA-G001",
        "HA-E001",
        "HA-E004",
        "HA-S001",
        "HA-D003",
        "HA-D004",
        "HA-D007",
        "HA-D020",
    } <= ids
    history = next(f for f in report["findings"] if f["id"] == "HA-W010")
    assert "611000101" in history["message"] and "611000103" not in history["message"]
    assert "oversight-en-wp@wikipedia.org" in history["message"]
    assert "Estonia" not in json.dumps(report)  # a country in a book title is not a finding


def test_the_demo_editor_from_tartu_is_placed_on_her_clock_and_redact_hides_it() -> None:
    report = json.loads(demo("-f", "json"))
    [edits] = [f for f in report["findings"] if f["id"] == "HA-E001"]
    [places] = [f for f in report["findings"] if f["id"] == "HA-E004"]
    assert "within 25 km of Tartu" in places["evidence"]
    # Tartu: UTC+2 in winter, +3 in summer; her in-process wikis answer list=usercontribs
    zone = edits["evidence"].split("point to ")[1].split()[0]
    assert zone in ("UTC+2", "UTC+3")
    assert "1,200 dated edits" in edits["evidence"]
    redacted = demo("-f", "json", "--redact")
    assert zone not in redacted and "Istanbul" not in redacted


def test_demo_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("the demo tried to open a socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert "IlsaW1987" in demo("-f", "json")


@pytest.mark.parametrize("fmt", FORMATS)
def test_redaction_removes_every_planted_value_from_every_format(fmt: str) -> None:
    text = demo("-f", fmt, "--redact")
    for value in PLANTED:
        assert value not in text, f"{value!r} left in the redacted {fmt} report"
    for password in PASSWORDS:
        assert password not in text
    assert "611000101" in text and "oldid=611000102" in text  # revision links stay
    assert "I. M. W." in text and "i…@….org" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_files_are_redacted_by_default_and_no_redact_keeps_them(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(app, ["demo", "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0
    assert "ilsa.wren87@example.org" not in out.read_text(encoding="utf-8")
    runner.invoke(app, ["demo", "-f", fmt, "-o", str(out), "--no-redact"])
    assert "ilsa.wren87@example.org" in out.read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o777 == 0o600


def test_unredacted_terminal_demo_shows_what_a_trainer_explains() -> None:
    text = demo()
    assert text.index("Score") < text.index("[HA-")  # summary first, details after
    assert "Ready to send:" in text and "Subject: Request for suppression" in text
    assert not any(line != line.rstrip() for line in text.splitlines())


# ------------------------------------------------------------------ self-assessment


def test_the_demo_laptop_is_hers_and_never_the_trainers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Her laptop's probes run on a recorded Ubuntu 22.04 (encrypted, screen lock after 15
    minutes, no firewall, SSH open, Firefox passwords); this computer is never looked at."""
    from hygiene_audit.computer import machine

    def no_probing() -> object:
        raise AssertionError("the demo looked at this computer")

    monkeypatch.setattr(machine.Machine, "this", no_probing)
    report = json.loads(demo("-f", "json"))
    row = next(c for c in report["checks"] if c["id"] == "HA-D")
    assert row["reason"].startswith(
        "Seen and fine: A LUKS (dm-crypt) device lies under the system volume (/), your home "
        "folder; Swap is encrypted or in memory (zram); unattended-upgrades"
    )
    found = {f["id"]: f["evidence"] for f in report["findings"] if f["check"] == "HA-D"}
    assert found["HA-D004"] == "The screen locks only after 15 minutes idle"
    assert found["HA-D007"] == "Listening to the network: SSH: 0.0.0.0 port 22"
    # she answered "don't know" about her disk: the laptop answered instead
    practices = next(c for c in report["checks"] if c["id"] == "HA-S")
    assert practices["reason"].startswith(
        "Seen on this computer (HA-D), not asked: disk encryption: yes; automatic updates: yes"
    )
    assert "HA-S020" not in {f["id"] for f in report["findings"]}


def test_questionnaire_answers_piped(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["run", "--only", "HA-S", "-f", "json", "--offline", "--profile", write_profile(tmp_path)],
        input="n\n?\nyes\n\nno\n",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    ids = [f["id"] for f in report["findings"]]
    assert ids == ["HA-S001", "HA-S005", "HA-S020"]  # HA-S005: "no" to automatic updates
    unknown = next(f for f in report["findings"] if f["id"] == "HA-S020")
    assert unknown["title"].startswith("Find out: Does your wiki account use an e-mail")
    assert "Special:Preferences" in unknown["remediation"][0]
    reason = report["checks"][0]["reason"]
    assert "disk encryption" in reason and "disk_encryption" not in reason  # skipped with Enter
    assert "Is two-factor authentication on" in result.stderr
    assert "\nn\n" not in result.stderr  # piped lines are never echoed


def test_questionnaire_from_the_profile_file_and_no_input(tmp_path: Path) -> None:
    profile = write_profile(
        tmp_path, '[answers]\ntwo_factor = "yes"\ndisk_encryption = "no"\npublic_gender = "yes"\n'
    )
    result = runner.invoke(
        app,
        ["run", "--only", "HA-S", "-f", "json", "--offline", "--no-input", "--profile", profile],
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert [f["id"] for f in report["findings"]] == ["HA-S004", "HA-S007"]


def test_online_the_wiki_observed_questions_are_not_asked(tmp_path: Path) -> None:
    profile = write_profile(tmp_path, '[answers]\npublic_gender = "yes"\n')
    result = runner.invoke(
        app, ["run", "--only", "HA-S", "-f", "json", "--user", "X", "--profile", profile], input=""
    )
    report = json.loads(result.stdout)
    assert report["checks"][0]["status"] == "skipped"  # public_gender belongs to HA-W online
    assert "--no-input" in report["checks"][0]["reason"]


def test_unknown_answer_key_is_a_clear_error(tmp_path: Path) -> None:
    profile = write_profile(tmp_path, '[answers]\ntwo_factors = "yes"\n')
    result = runner.invoke(app, ["run", "--only", "HA-S", "--no-input", "--profile", profile])
    assert result.exit_code == 2
    assert "Unknown question(s) in the profile's [answers]: two_factors" in result.stderr


def test_no_questions_when_stdin_carries_secrets(tmp_path: Path) -> None:
    export = persona.data_file("vault.csv").read_bytes()
    result = runner.invoke(
        app,
        ["run", "--offline", "--passwords", "-", "-f", "json", "--only", "HA-S", "--only", "HA-P"],
        input=export,
    )
    assert result.exit_code == 0
    assert "two-factor" not in result.stderr
