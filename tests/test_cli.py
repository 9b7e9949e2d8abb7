"""The command line as a user meets it: exit codes, one-line errors, files, commands."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from hygiene_audit import __version__

from .cli_helpers import invoke
from .conftest import REPO


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.strip() == f"hygiene-audit {__version__}"


@pytest.mark.parametrize("command", [[], ["run"], ["checks"], ["schema"]])
def test_help_on_every_command(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0 and "Usage" in result.output


def test_schema_is_json_schema_of_the_report() -> None:
    result = invoke("schema")
    document = json.loads(result.output)
    assert document["title"] == "Report" and "findings" in document["properties"]


def test_report_written_to_file_is_owner_only_and_redacted_by_default(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = invoke("run", "--offline", "--format", "json", "--output", str(out))
    assert result.exit_code == 4, result.output  # nothing to assess: incomplete, no grade
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert json.loads(out.read_text())["redacted"] is True


def test_existing_output_file_is_tightened_to_owner_only(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text("old")
    out.chmod(0o644)
    assert invoke("run", "--offline", "-f", "markdown", "-o", str(out)).exit_code == 4
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert out.read_text().startswith("# Digital hygiene report")


def test_fail_under_exits_1_and_input_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    vault = tmp_path / "v.csv"
    vault.write_text("name,url,username,password\nForum,https://f.example,ana,123456\n")
    below = invoke(
        "run", "--offline", "--passwords", str(vault), "--fail-under", "99", "-f", "json"
    )
    assert below.exit_code == 1
    assert json.loads(below.stdout)["score"] < 99
    missing = invoke("run", "--offline", "--passwords", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2
    assert missing.stderr.strip().count("\n") == 0
    assert "File not found" in missing.stderr and "Traceback" not in missing.stderr


def test_unknown_format_is_a_usage_error() -> None:
    result = invoke("run", "--offline", "-f", "yaml")
    assert result.exit_code == 2 and "Unknown format 'yaml'" in result.stderr


def test_checks_lists_builtins_and_drop_ins_with_origin_and_network() -> None:
    result = invoke("checks", "--checks-dir", str(REPO / "checks"))
    assert result.exit_code == 0, result.output
    assert "HA-P" in result.output and "LOCAL-EXPORTS" in result.output
    assert f"from      {REPO / 'checks' / 'leftover_exports.py'}" in result.output
    assert "contacts  nothing (works offline)" in result.output
    # the user's words: the options that feed a check and real host names, no internal names
    assert "contacts  api.pwnedpasswords.com, haveibeenpwned.com" in result.output
    assert "uses      --user" in result.output
    assert "hibp_api_key" not in result.output and "<hibp>" not in result.output


def test_checks_exits_2_and_names_rejected_plugins() -> None:
    result = invoke("checks", "--checks-dir", str(Path(__file__).parent / "data/plugins/broken"))
    assert result.exit_code == 2
    assert "REJECTED import_error" in result.output and "REJECTED NoCatalogue" in result.output


def test_run_with_broken_plugins_still_writes_the_report() -> None:
    result = invoke(
        "run",
        "--offline",
        "-f",
        "json",
        "--checks-dir",
        str(Path(__file__).parent / "data/plugins/broken"),
    )
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["T-CRASH"] == "error" and statuses["T-FINE"] == "findings"
    assert "rejected" in result.stderr


def test_drop_in_check_finds_a_leftover_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    (downloads / "export.csv").write_text(
        '"url","username","password","httpRealm","formActionOrigin","guid","timeCreated",'
        '"timeLastUsed","timePasswordChanged"\n'
    )
    (downloads / "notes.csv").write_text("a,b,c\n1,2,3\n")
    config = tmp_path / "config.toml"
    config.write_text(f'[checks."LOCAL-EXPORTS"]\nscan_dirs = ["{downloads}"]\n')
    result = invoke(
        "run",
        "--offline",
        "-f",
        "json",
        "--checks-dir",
        str(REPO / "checks"),
        "--only",
        "LOCAL-EXPORTS",
        "--config",
        str(config),
    )
    findings = json.loads(result.stdout)["findings"]
    assert [(f["id"], f["evidence"], Path(f["location"]).name) for f in findings] == [
        ("LOCAL-EXPORTS001", "Firefox export", "export.csv")
    ]


def test_debug_shows_a_traceback_for_internal_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    import hygiene_audit.core.engine as engine

    def explode(*_a: object, **_k: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(engine, "run_audit", explode)
    plain = invoke("run", "--offline")
    assert plain.exit_code == 3
    assert "internal error: RuntimeError: kaboom" in plain.stderr
    assert "Traceback" not in plain.stderr
    debug = invoke("run", "--offline", "--debug")
    assert debug.exit_code == 3 and "Traceback" in debug.stderr


def test_profile_typed_at_prompts_is_used_for_matching(tmp_path: Path) -> None:
    vault = tmp_path / "v.csv"
    vault.write_text("name,url,username,password\nShop,https://shop.example,x,valencia1987lopez\n")
    # the wizard's order: name, other spellings, birth year, city, country, phone region,
    # e-mails, handles, employer, school
    answers = "Ana López\n\n1987\nValencia\nSpain\n\nana@example.org\nanalopez87\n\n\n"
    result = invoke(
        "run",
        "--offline",
        "--only",
        "HA-P",
        "-f",
        "json",
        "--ask-profile",
        "--passwords",
        str(vault),
        input=answers,
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{") :])
    personal = next(f for f in report["findings"] if f["id"] == "HA-P009")
    assert "your birth year" in personal["evidence"] and "your name" in personal["evidence"]
    refused = invoke("run", "--offline", "--ask-profile", "--no-input")
    assert refused.exit_code == 2 and "--no-input" in refused.stderr


def test_every_input_is_fed_by_a_flag_run_accepts_or_a_named_variable() -> None:
    """The ``checks`` listing tells the user what to pass; a renamed option must not leave it
    naming a flag that no longer exists, and every option declared as a setting reaches one."""
    from hygiene_audit.cli.listing import fed_by
    from hygiene_audit.cli.options import RUN_OPTIONS, check_settings, settings_flags
    from hygiene_audit.core.settings import Settings
    from hygiene_audit.plugin import Input

    check_settings(Settings.model_fields)
    help_text = invoke("run", "--help").stdout
    for which in Input:
        said = fed_by(which)
        setting = which.declaration.setting
        if any(o.setting and o.name == setting for o in RUN_OPTIONS):
            assert said.startswith("--"), (which, said)  # a flag exists: name it
        if said.startswith("--"):
            assert all(flag in help_text for flag in said.split(" / ")), (which, said)
        elif setting is not None:
            assert said == "HYGIENE_AUDIT_" + setting.upper()
    assert fed_by(Input.WIKI_USERNAME) == "--user"
    given: dict[str, object] = {
        o.name: ([] if o.name == "passwords" else None) for o in RUN_OPTIONS
    }
    flags = settings_flags(given)
    assert flags["passwords"] is None and set(flags) <= set(Settings.model_fields)
    with pytest.raises(RuntimeError, match="username"):
        check_settings(set(Settings.model_fields) - {"username"})


def test_a_misspelt_lower_case_variable_stops_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone who typed hygiene_audit_oflline=1 believes the run is offline: it never starts."""
    monkeypatch.setenv("hygiene_audit_oflline", "1")
    result = invoke("run", "-f", "json", "--no-input")
    assert result.exit_code == 2 and result.stdout == ""
    assert "hygiene_audit_oflline (did you mean HYGIENE_AUDIT_OFFLINE?)" in result.stderr
    assert result.stderr.count("\n") == 1
