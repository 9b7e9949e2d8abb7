"""HA-P on real export layouts: same groups from every product, nothing secret in any output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hygiene_audit.cli.commands import app
from hygiene_audit.core.errors import InputFileError
from hygiene_audit.vault.importers.csv_exports import parse_csv
from hygiene_audit.vault.importers.load import read_source

from ..cli_helpers import Report, runner
from ..cli_helpers import run_json as shared_run_json
from ..vaults import HEADERS, LOGINS, NON_LOGIN, PASSWORDS, vault_csv, write_vault

PROFILE = 'real_name = "Ana López"\nbirth_year = 1987\nemails = ["ana.lopez87@example.org"]\n'


def run_json(*args: str, input: bytes | None = None) -> Report:
    return shared_run_json("--offline", "--only", "HA-P", *args, input=input, exit_code=0)


def summary(report: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(
        (
            f["id"],
            f["evidence"].split(":")[0]
            if f["id"] in ("HA-P005", "HA-P006", "HA-P007", "HA-P009")
            else f["evidence"],
        )
        for f in report["findings"]
    )


@pytest.mark.parametrize("fmt", sorted(HEADERS))
def test_every_export_format_imports_the_same_logins(fmt: str) -> None:
    imported = parse_csv(vault_csv(fmt), f"{fmt}.csv")
    assert [(e.username, e.host) for e in imported.entries] == [
        (u, Path(url.split("://")[1].split("/")[0]).name.removeprefix("www."))
        for _t, url, u, _p in LOGINS
    ]
    expected_non_login = 1 if fmt in NON_LOGIN else 0
    assert imported.non_login_rows == expected_non_login


@pytest.mark.parametrize("fmt", sorted(HEADERS))
def test_every_format_gives_the_same_findings(tmp_path: Path, fmt: str) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE)
    report = run_json(
        "--passwords", str(write_vault(tmp_path, fmt)), "--profile", str(profile), "-u", "AnaL"
    )
    ids = sorted(f["id"] for f in report["findings"])
    assert ids.count("HA-P001") == 1  # Wikipedia + forum share a password
    assert ids.count("HA-P004") == 1  # the Summer202x family includes the Wikipedia one
    assert ids.count("HA-P003") == 1  # Library2024 / Library2025
    assert "HA-P008" in ids and "HA-P010" in ids and "HA-P009" in ids and "HA-P011" in ids
    reuse = next(f for f in report["findings"] if f["id"] == "HA-P001")
    assert "en.wikipedia.org (AnaL)" in reuse["evidence"]
    assert "forum.example.net (ana87)" in reuse["evidence"]
    library = next(f for f in report["findings"] if f["id"] == "HA-P003")
    assert "library.example" in library["evidence"] and "annex.example" in library["evidence"]
    if fmt == "chrome":
        baseline = summary(report)
        assert baseline


def test_same_wikimedia_login_on_two_wikis_is_not_reuse(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "name,url,username,password\n"
        "Wikipedia,https://en.wikipedia.org,AnaL,Xq9#long-unique-pass\n"
        "Commons,https://commons.wikimedia.org,AnaL,Xq9#long-unique-pass\n"
    )
    report = run_json("--passwords", str(path))
    assert not [f for f in report["findings"] if f["id"] in ("HA-P001", "HA-P002")]


def test_stdin_is_accepted(tmp_path: Path) -> None:
    report = run_json("--passwords", "-", input=vault_csv("chrome"))
    assert any(f["id"] == "HA-P001" for f in report["findings"])
    assert "standard input" in report["checks"][0]["reason"]


def test_semicolon_delimited_export_is_recognised() -> None:
    data = vault_csv("chrome-old").decode("utf-8-sig").replace(",", ";").encode()
    assert len(parse_csv(data, "x.csv").entries) == len(LOGINS)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"title;user;pass\n1;2;3\n",
            "not a password-manager export this tool recognises: its first line is no known header \\(readable: Bitwarden",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (
            "name,url,username,password\nA,https://a.example,ana,caf\xe9\n".encode("latin-1"),
            "not UTF-8",
        ),
        (b'name,url,username,password\nA,https://a.example,ana,"unterminated\n', "truncated"),
        (b"", "empty"),
    ],
)
def test_bad_files_are_one_clear_line_without_secrets(data: bytes, message: str) -> None:
    with pytest.raises(InputFileError, match=message) as info:
        parse_csv(data, "x.csv")
    assert "\n" not in str(info.value)
    assert "unterminated" not in str(info.value) and "caf" not in str(info.value)


def test_rows_with_missing_columns_are_skipped_and_counted() -> None:
    data = b"name,url,username,password\nA,https://a.example,ana,pw-one-xyz\nB,https://b.example\n"
    imported = parse_csv(data, "x.csv")
    assert len(imported.entries) == 1 and imported.skipped_rows == 1


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(InputFileError, match="too large"):
        read_source(str(path))


def test_malformed_vault_is_an_error_row_and_the_report_still_completes(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"what,is,this\n1,2,3\n")
    result = runner.invoke(app, ["run", "--offline", "-f", "json", "--passwords", str(path)])
    assert result.exit_code == 4  # an input the user gave failed: incomplete
    report = json.loads(result.stdout)
    assert any("export this tool recognises" in p for p in report["input_problems"])
    rows = {c["id"]: c for c in report["checks"]}
    assert (
        rows["HA-P"]["status"] == "error"
        and "export this tool recognises" in rows["HA-P"]["reason"]
    )


def test_typed_passwords_at_the_hidden_prompt() -> None:
    answers = "en.wikipedia.org\nSummer2023!\nforum.example\nSummer2023!\n\n"
    result = runner.invoke(
        app, ["run", "--offline", "--only", "HA-P", "-f", "json", "--ask-passwords"], input=answers
    )
    assert result.exit_code == 0, result.output
    # CliRunner echoes the visible answers (labels); hidden ones must not appear
    report = json.loads(result.stdout[result.stdout.index("{") :])
    assert any(f["id"] == "HA-P001" for f in report["findings"])
    assert "Summer2023!" not in result.output


def test_plaintext_export_reminder_is_in_the_report(tmp_path: Path) -> None:
    path = write_vault(tmp_path, "bitwarden")
    report = run_json("--passwords", str(path))
    assert any(str(path) in note and "Delete it" in note for note in report["notes"])


def test_kdbx_database_is_read_directly(tmp_path: Path) -> None:
    from pykeepass import create_database

    db_path = tmp_path / "vault.kdbx"
    db = create_database(str(db_path), password="master-pass-0815")
    for title, url, user, password in LOGINS:
        if password:
            db.add_entry(db.root_group, title, user, password, url=url)
    db.save()
    result = runner.invoke(
        app,
        ["run", "--offline", "--only", "HA-P", "-f", "json", "--passwords", str(db_path)],
        input="master-pass-0815\n",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{") :])
    assert any(f["id"] == "HA-P001" for f in report["findings"])
    assert "KeePass database" in report["checks"][0]["reason"]
    wrong = runner.invoke(
        app,
        ["run", "--offline", "--only", "HA-P", "-f", "json", "--passwords", str(db_path)],
        input="nope\n",
    )
    row = json.loads(wrong.stdout[wrong.stdout.index("{") :])["checks"][0]
    assert row["status"] == "error" and "wrong master password" in row["reason"]
    assert "nope" not in wrong.output and "master-pass-0815" not in wrong.output


def test_the_planted_secrets_are_real_vault_passwords(tmp_path: Path) -> None:
    """The leak tests look for PASSWORDS in every output: they must be the secrets the vault
    really holds, each one read back by the importer (a constant alone proves nothing)."""
    from hygiene_audit.vault.importers.load import read_source

    vault = write_vault(tmp_path, "bitwarden")
    loaded = read_source(str(vault))
    secrets = {entry.password.get_secret_value() for entry in loaded.entries}
    assert set(PASSWORDS) <= secrets and len(PASSWORDS) >= 3
