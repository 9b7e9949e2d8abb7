"""One bad password source never costs the others (issue 26 §4).

A Bitwarden JSON with ``"uris": 5``, 200,000-deep nesting, a 1Password item whose ``details``
is a list, a zip member with the encrypted flag, AES (method 99), an unknown method or a bad
CRC: each is that source's input problem, one line naming it, and the good sources beside it
are still audited by HA-P and HA-B (the run exits 4, incomplete)."""

from __future__ import annotations

import dataclasses
import io
import json
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hygiene_audit.core.errors import InputFileError
from hygiene_audit.vault.entries import VaultImport
from hygiene_audit.vault.importers import registry
from hygiene_audit.vault.importers.json_exports import parse_json_export, parse_zip_export
from hygiene_audit.vault.importers.load import SourceBytes, parse_source
from hygiene_audit.vault.model import Vault

from ..cli_helpers import Report, run_json
from ..hibp_helpers import breached_corpus, write_sorted_file

GOOD_PASSWORD = "Summer2023!"  # breached in the corpus below
SECRET = "Zebra-Secret-77"  # the bad source's password: never in any problem or report


def good_csv(directory: Path) -> Path:
    path = directory / "good.csv"
    path.write_text(
        f"name,url,username,password\nForum,https://forum.example,ana,{GOOD_PASSWORD}\n"
    )
    return path


def audit(directory: Path, *sources: Path) -> tuple[Report, str]:
    """HA-P and HA-B offline over the good CSV and ``sources``: the report and its text."""
    pwned = write_sorted_file(directory / "pwned.txt", breached_corpus({GOOD_PASSWORD: 42}, 200))
    args = ["--offline", "--only", "HA-P", "--only", "HA-B", "--hibp-file", str(pwned)]
    for source in (good_csv(directory), *sources):
        args += ["--passwords", str(source)]
    report = run_json(*args)
    return report, json.dumps(report, ensure_ascii=False)


def assert_only_the_bad_source_is_lost(report: Report, text: str, bad: Path, words: str) -> None:
    assert report["input_problems"], "a lost source must make the run incomplete (exit 4)"
    rows = {c["id"]: c for c in report["checks"]}
    for check in ("HA-P", "HA-B"):
        row = rows[check]
        assert row["status"] == "findings", row  # the good CSV was audited
        (line,) = [p for p in row["input_problems"] if str(bad) in p]
        assert words in line, line
        assert "crashed" not in line and "Error" not in line and "\n" not in line, line
    found = {f["id"] for f in report["findings"]}
    assert "HA-B001" in found  # the good CSV's breached password, found beside the bad source
    assert SECRET not in text and "Traceback" not in text


def bitwarden(items: list[Any]) -> bytes:
    return json.dumps({"encrypted": False, "folders": [], "items": items}).encode()


def login_item(name: str, password: str, **login: Any) -> dict[str, Any]:
    return {
        "type": 1,
        "name": name,
        "login": {"username": "ana", "password": password, **login},
    }


def onepux_bytes(items: list[Any], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        archive.writestr("export.attributes", "{}")
        archive.writestr("export.data", json.dumps({"accounts": [{"vaults": [{"items": items}]}]}))
    return buffer.getvalue()


def onepux_login(title: str, password: str, **details: Any) -> dict[str, Any]:
    return {
        "categoryUuid": "001",
        "overview": {"title": title, "url": "https://mail.example"},
        "details": {
            "loginFields": [
                {"designation": "username", "value": "ana"},
                {"designation": "password", "value": password},
            ],
            **details,
        },
    }


def patched_member(data: bytes, *, flags: int | None = None, method: int | None = None) -> bytes:
    """The zip with export.data's general-purpose flags or compression method rewritten in
    both its local header and its central-directory entry, as a crafted file would have."""
    out = bytearray(data)
    for signature, flag_at, method_at, name_len_at, header_len in (
        (b"PK\x03\x04", 6, 8, 26, 30),
        (b"PK\x01\x02", 8, 10, 28, 46),
    ):
        at = out.find(signature)
        while at != -1:
            (name_len,) = struct.unpack_from("<H", out, at + name_len_at)
            name = bytes(out[at + header_len : at + header_len + name_len])
            if name == b"export.data":
                if flags is not None:
                    struct.pack_into("<H", out, at + flag_at, flags)
                if method is not None:
                    struct.pack_into("<H", out, at + method_at, method)
            at = out.find(signature, at + 4)
    return bytes(out)


def bad_crc(data: bytes) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo("export.data")
    out = bytearray(data)
    for signature, crc_at in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        at = out.find(signature)
        while at != -1:
            (crc,) = struct.unpack_from("<I", out, at + crc_at)
            if crc == info.CRC:
                struct.pack_into("<I", out, at + crc_at, crc ^ 0xFFFF)
            at = out.find(signature, at + 4)
    return bytes(out)


def deep(depth: int, opener: str, closer: str) -> bytes:
    return (opener * depth + closer * depth).encode()


STORED_1PUX = onepux_bytes([onepux_login("Mail", SECRET)], compression=zipfile.ZIP_STORED)

BAD_SOURCES: dict[str, tuple[str, bytes, str]] = {
    "uris-int": ("bad.json", bitwarden([login_item("X", SECRET, uris=5)]), "read in part"),
    "details-list": (
        "bad.1pux",
        onepux_bytes([{"categoryUuid": "001", "overview": {"title": "M"}, "details": [SECRET]}]),
        "skipped",
    ),
    "deep-lists": ("deep.json", deep(200_000, "[", "]"), "nested"),
    "deep-objects": (
        "deep-objects.json",
        b'{"a":' * 200_000 + b"0" + b"}" * 200_000,
        "nested",
    ),
    "bad-crc": ("crc.1pux", bad_crc(STORED_1PUX), "damaged"),
    "encrypted-flag": ("enc.1pux", patched_member(STORED_1PUX, flags=0x1), "without a password"),
    "aes-method-99": ("aes.1pux", patched_member(STORED_1PUX, method=99), "without a password"),
    "unknown-method": ("m97.1pux", patched_member(STORED_1PUX, method=97), "compression method"),
}


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_a_bad_source_beside_a_good_csv_costs_only_itself(case: str, tmp_path: Path) -> None:
    name, data, words = BAD_SOURCES[case]
    bad = tmp_path / name
    bad.write_bytes(data)
    report, text = audit(tmp_path, bad)
    assert_only_the_bad_source_is_lost(report, text, bad, words)


@pytest.mark.parametrize(
    "data",
    [
        deep(200_000, "[", "]"),
        b'{"items": [' + b'{"a":' * 200_000 + b"0" + b"}" * 200_000 + b"]}",
        b"[" * 200_000,  # never closed: still refused as too deep, not parsed
    ],
)
def test_deep_nesting_is_refused_before_json_recurses(data: bytes) -> None:
    with pytest.raises(InputFileError, match="nested more than 64 levels") as refused:
        parse_json_export(data, "deep.json")
    assert refused.value.__cause__ is None  # refused by counting, not by a RecursionError
    with pytest.raises(InputFileError, match="nested more than 64 levels"):
        parse_zip_export(onepux_raw(data), "deep.1pux")


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    password = "[[[{{{" * 30 + '\\"]]]'
    document = bitwarden([login_item("Brackets", password, uris=[{"uri": "https://b.example"}])])
    (entry,) = parse_json_export(document, "export.json").entries
    assert entry.password.get_secret_value() == password


def onepux_raw(export_data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export.data", export_data)
    return buffer.getvalue()


def test_a_deflated_member_that_expands_beyond_the_bound_is_refused(tmp_path: Path) -> None:
    """A zip bomb whose headers lie about its size: read up to the bound, then refused."""
    body = b'{"accounts": [' + b" " * (65 * 1024 * 1024) + b"]}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export.data", body)
    data = buffer.getvalue()
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("export.data")
    honest = struct.pack("<I", info.file_size)
    lying = data.replace(honest, struct.pack("<I", 1000))
    for crafted, words in ((data, "larger than 64 MB"), (lying, "damaged")):
        with pytest.raises(InputFileError, match=words) as refused:
            parse_zip_export(crafted, "bomb.1pux")
        assert "\n" not in refused.value.message


def test_an_importer_bug_is_that_sources_problem_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever an importer raises (here a KeyError quoting a password) is caught at the one
    place every importer is called: the source is named, the exception's text never shown."""

    def broken(data: bytes, source: str) -> VaultImport:
        raise KeyError(SECRET)

    monkeypatch.setattr(
        registry,
        "IMPORTERS",
        tuple(
            dataclasses.replace(i, parse=broken) if i.name == "json" else i
            for i in registry.IMPORTERS
        ),
    )
    bad = tmp_path / "export.json"
    bad.write_bytes(bitwarden([login_item("X", SECRET)]))
    report, text = audit(tmp_path, bad)
    assert_only_the_bad_source_is_lost(report, text, bad, "could not be read")
    assert "KeyError" not in text


def test_a_wrong_type_in_one_bitwarden_item_costs_only_that_item() -> None:
    imported = parse_json_export(
        bitwarden(
            [
                login_item("Site unknown", "pw-one-x", uris=5),
                login_item("Unreadable password", ["pw"], uris=[]),  # type: ignore[arg-type]
                "not an item",
                {"type": True, "name": "bool type", "login": {"password": "pw-three"}},
                login_item("Fine", "pw-two-y", uris=[{"uri": "https://fine.example"}]),
            ]
        ),
        "export.json",
    )
    assert [(e.title, e.host) for e in imported.entries] == [
        ("Site unknown", ""),
        ("Fine", "fine.example"),
    ]
    assert (imported.skipped_rows, imported.partial_rows) == (3, 1)
    (line,) = Vault((imported,)).problems
    assert line.startswith("export.json: ") and "3 entries skipped" in line
    assert "1 entry read in part" in line and "pw-" not in line


def test_a_wrong_type_in_one_1password_item_costs_only_that_item() -> None:
    data = onepux_bytes(
        [
            {"categoryUuid": "001", "overview": {"title": "Lost"}, "details": ["x"]},
            {**onepux_login("No title", "pw-a-1"), "overview": 7},
            onepux_login("Fine", "pw-b-2"),
        ]
    )
    imported = parse_zip_export(data, "export.1pux")
    assert [e.title for e in imported.entries] == ["", "Fine"]
    assert (imported.skipped_rows, imported.partial_rows) == (1, 1)


@pytest.mark.parametrize(
    "document",
    [
        {"accounts": 5},
        {"accounts": [{"vaults": {"items": []}}]},
        [],
        {"accounts": [{"vaults": [{"items": "x"}]}]},
    ],
)
def test_a_1password_export_of_the_wrong_shape_is_refused_not_read_as_empty(
    document: object,
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export.data", json.dumps(document))
    with pytest.raises(InputFileError, match="1Password"):
        parse_source(SourceBytes("export.1pux", buffer.getvalue()))


def test_a_csv_row_cut_short_is_an_input_problem_not_a_silent_loss(tmp_path: Path) -> None:
    cut = tmp_path / "cut.csv"
    cut.write_text("name,url,username,password\nA,https://a.example,ana,pw-one-xyz\nB,https://b\n")
    report, _text = audit(tmp_path, cut)
    rows = {c["id"]: c for c in report["checks"]}
    (line,) = [p for p in rows["HA-P"]["input_problems"] if str(cut) in p]
    assert "1 entry skipped" in line
    assert report["input_problems"]
