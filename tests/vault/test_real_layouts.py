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

import pytest

from hygiene_audit.core.errors import InputFileError
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


# (name, export text, product, [(title, login)]): each header line as the product writes it,
# the rows invented here. Sources of the layouts: pass-import (roddhjav/pass-import,
# tests/assets/db/<name>) for KeePass 2, KeePassX 2, Enpass with its header line, 1Password 4,
# RoboForm before MatchUrl and Zoho Vault's older headers; aliasvault (lanedirt/AliasVault,
# StrongboxCsvRecord.cs, DropboxCsvRecord.cs) for Strongbox and Dropbox Passwords.
CSV_LAYOUTS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "keepass2.csv",
        '"Account","Login Name","Password","Web Site","Comments"\n'
        '"Forum","ana","Pl4in-Forum-Pass","https://forum.example/",""\n'
        '"Bank","ana.b","Bank-Pass-9","https://bank.example/","main account"\n',
        "KeePass 2",
        [("Forum", "ana"), ("Bank", "ana.b")],
    ),
    (
        "keepassx2.csv",
        '"Group","Title","Username","Password","URL","Notes"\n'
        '"Root/Forums","Forum","ana","Pl4in-Forum-Pass","https://forum.example",""\n',
        "KeePassXC",
        [("Forum", "ana")],
    ),
    (
        "enpass-with-header.csv",
        '"Title","Field","Value","Field","Value",.........,"Note"\n'
        '"Forum","Username","ana","Password","Pl4in-Forum-Pass","URL","https://forum.example",""\n'
        '"Bank","Username","ana.b","Password","Bank-Pass-9","URL","https://bank.example","x"\n',
        "Enpass",
        [("Forum", "ana"), ("Bank", "ana.b")],
    ),
    (
        "1password4.csv",
        "title,notes,username,password,url\n"
        '"Forum","","ana","Pl4in-Forum-Pass","https://forum.example"\n',
        "1Password 4",
        [("Forum", "ana")],
    ),
    (
        "roboform-old.csv",
        "Name,Url,Login,Pwd,Note,Folder,Rf_fields\n"
        "Forum,https://forum.example,ana,Pl4in-Forum-Pass,,/Forums,\n",
        "RoboForm",
        [("Forum", "ana")],
    ),
    (
        "zoho-old.csv",
        '\ufeff"Secret Name","Description","Secret URL","SecretData","Notes","CustomData",'
        '"Tags","Classification","Favorite","ChamberName"\n'
        'Forum,,https://forum.example/,"SecretType:Web Account\nUser Name:ana\n'
        'Password:Pl4in-Forum-Pass",,,,,,\n',
        "Zoho Vault (older)",
        [("Forum", "ana")],
    ),
    (
        "strongbox.csv",
        "Title,Username,Email,Password,URL,OTPAuth,Notes\n"
        "Forum,ana,ana@mail.example,Pl4in-Forum-Pass,https://forum.example,,\n",
        "Strongbox",
        [("Forum", "ana")],
    ),
    (
        "dropbox.csv",
        "Name,URL,Username,Password,Notes\nForum,https://forum.example,ana,Pl4in-Forum-Pass,\n",
        "Dropbox Passwords",
        [("Forum", "ana")],
    ),
    (
        "apple.csv",  # the Passwords app (and Safari 15+): Title,URL,Username,Password,Notes,OTPAuth
        "Title,URL,Username,Password,Notes,OTPAuth\n"
        "forum.example (ana),https://forum.example/,ana,Pl4in-Forum-Pass,,\n",
        "Apple Passwords / Safari",
        [("forum.example (ana)", "ana")],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "product", "logins"), CSV_LAYOUTS, ids=[c[0] for c in CSV_LAYOUTS]
)
def test_each_csv_layout_is_read_as_its_own_product(
    name: str, text: str, product: str, logins: list[tuple[str, str]], tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    imported = read_source(str(path))
    assert imported.format == product
    assert [(e.title, e.username) for e in imported.entries] == logins
    assert all(e.password.get_secret_value() for e in imported.entries)
    assert not imported.incomplete


@pytest.mark.parametrize(
    "header",
    [
        "title,note,website,password",  # two cells of Dashlane's notes among others
        "name,url,username,password,note,owner",  # Chrome's with a column no Chrome writes
        "title,url,username,password,otpauth,email",  # Apple's with Strongbox's email
    ],
)
def test_a_header_is_matched_as_a_whole_never_on_some_of_its_cells(
    header: str, tmp_path: Path
) -> None:
    path = tmp_path / "unknown.csv"
    path.write_text(header + "\nForum,x,https://forum.example,Pl4in-Forum-Pass\n")
    with pytest.raises(InputFileError, match="recognises"):
        read_source(str(path))
