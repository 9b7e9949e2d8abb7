"""The readers beyond plain CSV headers, each built here from the real formats: Bitwarden's
JSON (encrypted refused), 1Password's .1pux, header-less Keeper/Enpass/mSecure, the refusals."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from hygiene_audit.core.errors import InputFileError
from hygiene_audit.vault.importers.csv_exports import parse_csv, sniff_header
from hygiene_audit.vault.importers.json_exports import parse_json_export, parse_zip_export
from hygiene_audit.vault.importers.load import SourceBytes, parse_source


def bitwarden_json(*, encrypted: bool = False) -> bytes:
    items = [
        {
            "type": 1,
            "name": "Forum",
            "login": {
                "username": "ana",
                "password": "pw-1",
                "uris": [{"uri": "https://forum.example"}],
            },
        },
        {"type": 2, "name": "Note", "secureNote": {"type": 0}},
        {"type": 3, "name": "Visa", "card": {"number": "4111"}},
    ]
    document: dict[str, object] = {"encrypted": encrypted, "folders": [], "items": items}
    if encrypted:
        document["passwordProtected"] = True
    return json.dumps(document).encode()


def test_bitwarden_json_reads_logins_and_counts_the_rest() -> None:
    imported = parse_json_export(bitwarden_json(), "export.json")
    assert imported.format == "Bitwarden (JSON)"
    assert [(e.title, e.username, e.host) for e in imported.entries] == [
        ("Forum", "ana", "forum.example")
    ]
    assert imported.non_login_rows == 2


def test_an_encrypted_bitwarden_export_is_refused_with_the_way_out() -> None:
    with pytest.raises(InputFileError, match="encrypted Bitwarden export"):
        parse_json_export(bitwarden_json(encrypted=True), "export.json")


def onepux(items: list[dict[str, object]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export.attributes", "{}")
        archive.writestr("export.data", json.dumps({"accounts": [{"vaults": [{"items": items}]}]}))
    return buffer.getvalue()


def test_onepux_reads_logins_and_password_items() -> None:
    data = onepux(
        [
            {
                "categoryUuid": "001",
                "state": "active",
                "overview": {"title": "Mail", "url": "https://mail.example"},
                "details": {
                    "loginFields": [
                        {"designation": "username", "value": "ana"},
                        {"designation": "password", "value": "pw-2"},
                    ]
                },
            },
            {
                "categoryUuid": "005",
                "overview": {"title": "Router"},
                "details": {"password": "pw-3"},
            },
            {"categoryUuid": "002", "overview": {"title": "Card"}, "details": {}},
        ]
    )
    imported = parse_zip_export(data, "export.1pux")
    assert [e.title for e in imported.entries] == ["Mail", "Router"]
    assert imported.non_login_rows == 1
    loaded = parse_source(SourceBytes("export.1pux", data))
    assert loaded.format == "1Password (.1pux)"


def test_a_zip_that_is_not_a_1pux_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(InputFileError, match=r"not a 1Password \.1pux"):
        parse_zip_export(buffer.getvalue(), "x.zip")


KEEPER = (
    '"Social","Forum","ana@example.org","pw-4","https://forum.example","",""\n'
    '"Work","Mail","ana","pw-5","https://mail.example","notes",""\n'
)


def test_keeper_is_named_in_the_refusal_and_read_when_named() -> None:
    with pytest.raises(InputFileError, match="looks like a Keeper export"):
        parse_csv(KEEPER.encode(), "keeper.csv")
    imported = parse_csv(KEEPER.encode(), "keeper.csv", "keeper")
    assert [(e.title, e.username) for e in imported.entries] == [
        ("Forum", "ana@example.org"),
        ("Mail", "ana"),
    ]


def test_enpass_and_msecure_are_recognised_by_their_row_shape() -> None:
    enpass = (
        "Forum,Username,ana,E-mail,ana@example.org,*Password,pw-6,Website,"
        "https://forum.example,ADDITIONAL DETAILS,,One-time code,\n"
    )
    imported = parse_csv(enpass.encode(), "enpass.csv")
    assert imported.format == "Enpass"
    assert [(e.title, e.username, e.host) for e in imported.entries] == [
        ("Forum", "ana", "forum.example")
    ]
    msecure = (
        "Forum|123,Login,,,Website|2|forum.example,Username|7|ana,Password|8|pw-7,\n"
        "Visa|456,Credit Card,,,Card Number|12|4111,\n"
    )
    imported = parse_csv(msecure.encode(), "msecure.csv")
    assert imported.format == "mSecure" and len(imported.entries) == 1
    assert imported.non_login_rows == 1


def test_json_and_unknown_files_are_refused_without_quoting_their_content() -> None:
    with pytest.raises(InputFileError, match="JSON file this tool does not know"):
        parse_source(SourceBytes("x.json", b'{"hello": "Secret-Pw-8"}'))
    with pytest.raises(InputFileError) as info:
        parse_csv(b"Secret-Pw-9\n", "x.csv")
    assert "Secret-Pw-9" not in info.value.message
    with pytest.raises(InputFileError, match="Unknown --passwords-format"):
        parse_csv(b"a,b\n", "x.csv", "nonsense")


@pytest.mark.parametrize(
    ("header", "product"),
    [
        ("name,url,username,password", "Chromium"),
        (
            "name,url,additional_urls,username,password,note,cardholdername,cardnumber,cvc,expirydate,"
            "zipcode,folder",
            "NordPass",
        ),
        ("Title,Url,Username,Password", "Safari (older)"),
        ('"Title","Username","Password","url","Comment"', "SecureSafe"),
    ],
)
def test_the_most_specific_layout_wins(header: str, product: str) -> None:
    found = sniff_header(header)
    assert found is not None and product in found


def test_a_missing_trailing_column_does_not_drop_the_row() -> None:
    data = (
        b'"Title","Username","Password","URL","Comment"\n"Mail","ana","pw-10","https://m.example"\n'
    )
    assert len(parse_csv(data, "s.csv").entries) == 1
