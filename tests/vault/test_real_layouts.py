"""The exports people actually have (issue 29), each written here in the product's own layout.

No file of another project is copied: each fixture below is written for this test from what a
named source shows of the layout (its header line, its JSON or XML shape), with invented
entries. Items that are not logins (aliases, notes, cards, identities, empty items) never
become password findings, and the report counts them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hygiene_audit.vault.importers.load import read_source

from ..cli_helpers import Report, run_json

# Proton Pass CSV, ContentFormatVersion 5 and later: the `type` column first and `email` beside
# `username` (ProtonMail/WebClients, packages/pass/lib/import/providers/protonpass.csv.types.ts).
# An alias item holds the alias address and no password; a note holds neither.
PROTON_CSV = (
    "type,name,url,email,username,password,note,totp,createTime,modifyTime,vault\n"
    "login,Forum,https://forum.example,ana@mail.example,ana,Pl4in-Forum-Pass,,,"
    "1700000000,1700000000,Personal\n"
    "alias,Newsletter alias,,news.fox123@passinbox.com,,,,,1700000000,1700000000,Personal\n"
    "alias,Shop alias,,shop.owl456@passinbox.com,,,,,1700000000,1700000000,Personal\n"
    "note,Door code,,,,,1234 then #,,1700000000,1700000000,Personal\n"
)
# Before ContentFormatVersion 5 there was neither `type` nor `email`: every row is a login.
PROTON_CSV_OLD = (
    "name,url,username,password,note,totp,createTime,modifyTime,vault\n"
    "Forum,https://forum.example,ana,Pl4in-Forum-Pass,,,1700000000,1700000000,Personal\n"
)


def run_passwords(*paths: Path) -> Report:
    args = ["--offline", "--only", "HA-P"]
    for path in paths:
        args += ["--passwords", str(path)]
    return run_json(*args)


def password_row(report: Report) -> dict[str, Any]:
    (row,) = [c for c in report["checks"] if c["id"] == "HA-P"]
    return row


def test_proton_pass_aliases_and_notes_are_no_logins_and_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "proton.csv"
    path.write_text(PROTON_CSV)
    imported = read_source(str(path))
    assert imported.format == "Proton Pass"
    assert [(e.title, e.username) for e in imported.entries] == [("Forum", "ana")]
    assert imported.non_login_rows == 3
    report = run_passwords(path)
    assert "HA-P008" not in {f["id"] for f in report["findings"]}  # no "empty password"
    assert "3 items that are not logins were skipped" in password_row(report)["reason"]


def test_an_older_proton_pass_csv_without_a_type_column_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "proton-old.csv"
    path.write_text(PROTON_CSV_OLD)
    imported = read_source(str(path))
    assert imported.format == "Proton Pass" and len(imported.entries) == 1


def test_an_empty_bitwarden_login_item_is_no_empty_password_finding(tmp_path: Path) -> None:
    """Bitwarden's JSON keeps a login item with no login name, password or address (the CSV
    reader already skipped the same row): it is not a login, never an "empty password"."""
    items = [
        {
            "type": 1,
            "name": "Forum",
            "login": {
                "username": "ana",
                "password": "Pl4in-Forum-Pass",
                "uris": [{"match": None, "uri": "https://forum.example"}],
            },
        },
        {
            "type": 1,
            "name": "Placeholder",
            "login": {"username": None, "password": None, "uris": [], "totp": None},
        },
        {"type": 1, "name": "Bare", "login": {}},
    ]
    path = tmp_path / "bitwarden.json"
    path.write_text(json.dumps({"encrypted": False, "folders": [], "items": items}))
    imported = read_source(str(path))
    assert [e.title for e in imported.entries] == ["Forum"]
    assert imported.non_login_rows == 2 and imported.skipped_rows == 0
    report = run_passwords(path)
    assert "HA-P008" not in {f["id"] for f in report["findings"]}
    assert not report["input_problems"]
