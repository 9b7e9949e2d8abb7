"""Every importer fuzzed over shapes, not only bytes (issue 26 §4).

Each supported export format is written here in its real structure (Bitwarden's JSON and
1Password's .1pux as those managers write them, see ../shared/peer-testdata; the CSV headers
of tests/vaults.py); hypothesis then gives keys wrong types (int, float, bool, null, list,
object, string, deep nesting), deletes them, mangles CSV headers and rows, and sets the zip
flags a crafted archive has. The invariant, for every shape: loading never raises (the bad
source is an input problem), the good CSV beside it is still read in full, and the bad
source's password appears in no problem line and nowhere in the report."""

from __future__ import annotations

import copy
import csv
import io
import json
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from hygiene_audit.safety.secrets import reveal
from hygiene_audit.vault.entries import VaultImport
from hygiene_audit.vault.importers.load import SourceBytes, make_loader
from hygiene_audit.vault.model import Vault

from ..cli_helpers import run_json
from ..hibp_helpers import breached_corpus, write_sorted_file
from ..vaults import HEADERS
from .test_real_layouts import (
    KEEPASS2_XML,
    KEEPASSX_XML,
    PWSAFE_XML,
    enpass_json,
    onepif,
    onepif_login,
    proton_json,
    zipped,
)

PW = "Quokka-Secret-4417"  # the hostile source's password, recognisable anywhere
GOOD_PASSWORD = "Summer2023!"
GOOD_CSV = f"name,url,username,password\nForum,https://forum.example,ana,{GOOD_PASSWORD}\n".encode()

BITWARDEN: dict[str, Any] = {
    "encrypted": False,
    "folders": [{"id": "f-1", "name": "My Folder"}],
    "items": [
        {
            "id": "i-1",
            "organizationId": None,
            "folderId": "f-1",
            "type": 1,
            "reprompt": 0,
            "name": "Forum",
            "notes": "a note",
            "favorite": False,
            "fields": [{"name": "Text Field", "value": "text-field-value", "type": 0}],
            "login": {
                "uris": [{"match": None, "uri": "https://forum.example"}],
                "username": "ana",
                "password": PW,
                "totp": None,
            },
            "collectionIds": [None],
        },
        {"type": 2, "name": "My Secure Note", "notes": "line", "secureNote": {"type": 0}},
        {"type": 3, "name": "Card Name", "card": {"cardholderName": "Jane Doe", "code": "123"}},
    ],
}

ONEPUX: dict[str, Any] = {
    "accounts": [
        {
            "attrs": {"accountName": "Ana", "email": "ana@example.org", "uuid": "A-1"},
            "vaults": [
                {
                    "attrs": {"uuid": "v-1", "name": "Personal", "type": "P"},
                    "items": [
                        {
                            "uuid": "i-1",
                            "favIndex": 1,
                            "createdAt": 1663642010,
                            "updatedAt": 1668287305,
                            "state": "active",
                            "categoryUuid": "001",
                            "details": {
                                "loginFields": [
                                    {
                                        "value": PW,
                                        "id": "",
                                        "name": "password",
                                        "fieldType": "P",
                                        "designation": "password",
                                    },
                                    {
                                        "value": "ana@example.org",
                                        "id": "",
                                        "name": "username",
                                        "fieldType": "T",
                                        "designation": "username",
                                    },
                                ],
                                "notesPlain": "Note to self",
                                "sections": [{"title": "Extra", "fields": []}],
                                "passwordHistory": [],
                            },
                            "overview": {
                                "subtitle": "ana@example.org",
                                "urls": [{"label": "", "url": "https://mail.example"}],
                                "title": "Mail",
                                "url": "https://mail.example",
                                "ps": 70,
                                "pbe": 60.1,
                                "pgrng": False,
                            },
                        },
                        {
                            "categoryUuid": "005",
                            "state": "archived",
                            "details": {"password": PW + "-router"},
                            "overview": {"title": "Router"},
                        },
                        {"categoryUuid": "002", "details": {}, "overview": {"title": "Card"}},
                    ],
                }
            ],
        }
    ]
}


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and index of a JSON document, outermost first."""
    found: list[tuple[Any, ...]] = []
    children: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = list(enumerate(value))
    for key, child in children:
        found.append((*prefix, key))
        found += paths(child, (*prefix, key))
    return found


DELETE = object()
wrong_values = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.lists(st.integers() | st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=6), st.integers() | st.text(max_size=5), max_size=3),
    st.text(max_size=12),
    st.integers(min_value=1, max_value=200).map(lambda n: json.loads("[" * n + "]" * n)),
    st.integers(min_value=1, max_value=200).map(lambda n: json.loads('{"a":' * n + "0" + "}" * n)),
    st.just(DELETE),
)


@st.composite
def mutated(draw: st.DrawFn, template: dict[str, Any]) -> Any:
    """The template with one to three of its keys given a wrong value (or deleted)."""
    document = copy.deepcopy(template)
    for _ in range(draw(st.integers(1, 3))):
        candidates = paths(document)
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent: Any = document
        for key in path[:-1]:
            parent = parent[key]
        value = draw(wrong_values)
        if value is DELETE:
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
    return document


def dumps(document: Any) -> bytes:
    return json.dumps(document, allow_nan=True).encode()


def zip_of(payload: bytes, *, method: int, flags: int, crc_xor: int, cut: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export.attributes", "{}")
        archive.writestr("export.data", payload)
    data = bytearray(buffer.getvalue())
    for signature, flag_at, method_at, crc_at, name_at in (
        (b"PK\x03\x04", 6, 8, 14, 30),
        (b"PK\x01\x02", 8, 10, 16, 46),
    ):
        at = data.find(signature)
        while at != -1:
            if data[at + name_at : at + name_at + 11] == b"export.data":
                if method >= 0:
                    struct.pack_into("<H", data, at + method_at, method)
                flag = struct.unpack_from("<H", data, at + flag_at)[0]
                struct.pack_into("<H", data, at + flag_at, flag | flags)
                crc = struct.unpack_from("<I", data, at + crc_at)[0]
                struct.pack_into("<I", data, at + crc_at, crc ^ crc_xor)
            at = data.find(signature, at + 4)
    return bytes(data[: len(data) - cut]) if cut else bytes(data)


def load_beside_good(
    name: str, data: bytes, master: str | None = None
) -> tuple[VaultImport, VaultImport, Vault]:
    """The CLI's loader over the good CSV and the hostile source: it must not raise."""
    secrets: list[str] = []
    loader = make_loader(
        (SourceBytes("good.csv", GOOD_CSV), SourceBytes(name, data)),
        master_passwords={name: SecretStr(master)} if master is not None else {},
        keyfile=None,
        typed=[],
        on_secret=lambda found: secrets.extend(reveal(s) for s in found),
    )
    good, bad = loader()
    return good, bad, Vault((good, bad))


def assert_invariant(name: str, data: bytes, master: str | None = None) -> None:
    good, bad, vault = load_beside_good(name, data, master)
    assert good.problem is None and [reveal(e.password) for e in good.entries] == [GOOD_PASSWORD]
    assert all(e.source == name for e in bad.entries)
    for entry in bad.entries:  # wherever a shape moves things, a password is only a password
        assert PW not in entry.title + entry.url + entry.username
    for line in vault.problems:
        assert PW not in line, line
        assert "\n" not in line and name in line, line
    if bad.problem is not None:
        assert bad.entries == ()


SHAPES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


EVERY_WRONG_TYPE: dict[str, Any] = {
    "int": 5,
    "float": 2.5,
    "bool": True,
    "null": None,
    "list": [1, "x"],
    "object": {"k": 1},
    "string": "text",
    "deep": json.loads("[" * 100 + "]" * 100),
    "deleted": DELETE,
}


def replaced(template: dict[str, Any], path: tuple[Any, ...], value: Any) -> Any:
    document = copy.deepcopy(template)
    parent: Any = document
    for key in path[:-1]:
        parent = parent[key]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return document


def onepux(document: Any) -> bytes:
    return zip_of(dumps(document), method=-1, flags=0, crc_xor=0, cut=0)


ENPASS = enpass_json(PW)
ONEPIF = onepif_login(PW)
ONEPIF_FOLDER = {"typeName": "system.folder.Regular", "title": "Web"}
PROTON = proton_json(PW)


def proton_zip(document: Any) -> bytes:
    return zipped({"Proton Pass/data.json": dumps(document)})


# each JSON format: its template, the file name, how the document is written
JSON_FORMATS: dict[str, tuple[dict[str, Any], str, Any]] = {
    "bitwarden": (BITWARDEN, "bitwarden.json", dumps),
    "1pux": (ONEPUX, "x.1pux", onepux),
    "enpass": (ENPASS, "enpass.json", dumps),
    "proton-zip": (PROTON, "proton.zip", proton_zip),
    "1pif": (ONEPIF, "data.1pif", lambda record: onepif(ONEPIF_FOLDER, record)),
}


@pytest.mark.parametrize("fmt", sorted(JSON_FORMATS))
def test_every_key_given_every_wrong_type_costs_at_most_its_source(fmt: str) -> None:
    """Exhaustive, beside the random combinations below: each key of the real structure,
    one at a time, given each wrong type (and deleted)."""
    template, name, write = JSON_FORMATS[fmt]
    for path in paths(template):
        for kind, value in EVERY_WRONG_TYPE.items():
            document = replaced(template, path, value)
            data = write(document)
            try:
                assert_invariant(name, data)
            except Exception as exc:
                raise AssertionError(f"{'/'.join(map(str, path))} as {kind}: {exc!r}") from exc


@SHAPES
@given(document=mutated(BITWARDEN))
def test_bitwarden_json_of_any_shape_costs_at_most_itself(document: Any) -> None:
    assert_invariant("bitwarden.json", dumps(document))


@SHAPES
@given(document=mutated(ONEPUX))
def test_onepux_of_any_shape_costs_at_most_itself(document: Any) -> None:
    assert_invariant("export.1pux", onepux(document))


@SHAPES
@given(document=mutated(ENPASS))
def test_enpass_json_of_any_shape_costs_at_most_itself(document: Any) -> None:
    assert_invariant("enpass.json", dumps(document))


@SHAPES
@given(document=mutated(PROTON))
def test_proton_pass_zip_of_any_shape_costs_at_most_itself(document: Any) -> None:
    assert_invariant("proton.zip", proton_zip(document))


@st.composite
def xml_exports(draw: st.DrawFn) -> bytes:
    """KeePass 2, KeePassX or Password Safe XML, then mangled: cut anywhere, a span replaced by hostile
    text (tags, entities, a DOCTYPE, NULs)."""
    text = draw(st.sampled_from([KEEPASS2_XML, KEEPASSX_XML, PWSAFE_XML])).format(password=PW)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        end = draw(st.integers(at, min(len(text), at + 40)))
        piece = draw(
            st.sampled_from(
                ["", "<", ">", "&", "&x;", "<!ENTITY a 'b'>", "<!DOCTYPE x>", "\x00", "</entry>"]
            )
            | cells
        )
        text = text[:at] + piece + text[end:]
    return text.encode("utf-8", "surrogatepass")


@SHAPES
@given(data=xml_exports())
def test_xml_of_any_shape_costs_at_most_itself(data: bytes) -> None:
    assert_invariant("export.xml", data)


@SHAPES
@given(
    method=st.sampled_from([-1, 0, 8, 12, 14, 93, 95, 97, 98, 99]) | st.integers(0, 65535),
    flags=st.sampled_from([0, 0x1, 0x8, 0x40, 0x41]),
    crc_xor=st.sampled_from([0, 1, 0xFFFFFFFF]),
    cut=st.sampled_from([0, 0, 1, 22, 60, 200]),
)
def test_onepux_with_any_zip_flags_costs_at_most_itself(
    method: int, flags: int, crc_xor: int, cut: int
) -> None:
    payload = dumps(ONEPUX)
    assert_invariant(
        "export.1pux", zip_of(payload, method=method, flags=flags, crc_xor=crc_xor, cut=cut)
    )


ANY_BUT_SURROGATES = st.characters(exclude_categories=["Cs"])
cells = st.text(
    alphabet=ANY_BUT_SURROGATES | st.sampled_from('\x00\ufeff\r\n",;'),
    max_size=10,
)


@st.composite
def csv_exports(draw: st.DrawFn) -> bytes:
    """A real header (any supported layout), then mangled: cells renamed, dropped,
    duplicated or moved; ragged rows; NULs, BOMs, mixed line ends; the password column holds
    PW (so wherever the header sends it, it is only ever read as a password)."""
    layout = draw(st.sampled_from(sorted(HEADERS)))
    delimiter = ";" if layout in ("passwordxp", "netwrix") else ","
    header = next(csv.reader([HEADERS[layout]], delimiter=delimiter))
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["rename", "drop", "duplicate", "move"]))
        at = draw(st.integers(0, len(header) - 1)) if header else 0
        if not header:
            break
        if action == "rename":
            header[at] = draw(cells)
        elif action == "drop":
            del header[at]
        elif action == "duplicate":
            header.insert(draw(st.integers(0, len(header))), header[at])
        else:
            header.insert(draw(st.integers(0, len(header) - 1)), header.pop(at))
    secret_columns = {"password", "login_password", "pwd", "passwort", "wachtwoord"}
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        row = [PW if h.strip().lower() in secret_columns else draw(cells) for h in header]
        if draw(st.booleans()):  # ragged: cut short or run long
            row = row[: draw(st.integers(0, len(row)))] + draw(st.lists(cells, max_size=2))
        rows.append(row)
    out = io.StringIO(newline="")
    for row in [header, *rows]:
        ending = draw(st.sampled_from(["\r\n", "\n", "\r"]))
        csv.writer(out, delimiter=delimiter, lineterminator=ending).writerow(row)
    bom = draw(st.sampled_from(["", "\ufeff", "\ufeff\ufeff"]))
    return (bom + out.getvalue()).encode("utf-8")


@SHAPES
@given(data=csv_exports())
def test_csv_of_any_shape_costs_at_most_itself(data: bytes) -> None:
    assert_invariant("mangled.csv", data)


# ------------------------------------------------------------------ KeePass: the header's shape

MASTER = "master-pw"


@pytest.fixture(scope="module")
def kdbx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real KDBX 4 database (pykeepass writes it as KeePassXC does), its Argon2 cost
    lowered so that each example opens in milliseconds."""
    from pykeepass import PyKeePass, create_database

    path = tmp_path_factory.mktemp("kdbx") / "vault.kdbx"
    db = create_database(str(path), password=MASTER)
    db.add_entry(db.root_group, "Forum", "ana", PW, url="https://forum.example")
    db.save()
    db = PyKeePass(str(path), password=MASTER)
    kdf = db.kdbx.header.value.dynamic_header.kdf_parameters.data.dict
    kdf["I"].value, kdf["M"].value, kdf["P"].value = 1, 64 * 1024, 1
    db.save()
    return path.read_bytes()


def header_fields(data: bytes) -> list[tuple[int, int, int]]:
    """(start, value start, value end) of each outer-header field of a KDBX 4 file."""
    fields, pos = [], 12
    while pos + 5 <= len(data):
        (size,) = struct.unpack_from("<I", data, pos + 1)
        fields.append((pos, pos + 5, pos + 5 + size))
        if data[pos] == 0:
            break
        pos += 5 + size
    return fields


@st.composite
def kdbx_shapes(draw: st.DrawFn, data: bytes) -> bytes:
    """The database with its header fields given wrong sizes, wrong or missing values,
    duplicated, or cut; a byte of the KDF's VariantDictionary (a type, a length, a key, a
    value) set to a type code, 0 or 0xFF (a cost that comes out large is refused by the
    bounds before any work; one that stays small costs milliseconds)."""
    out = bytearray(data)
    fields = header_fields(data)
    start, _value_at, end = draw(st.sampled_from(fields))
    action = draw(st.sampled_from(["size", "value", "delete", "duplicate", "cut", "dictionary"]))
    if action == "size":
        struct.pack_into("<I", out, start + 1, draw(st.sampled_from([0, 1, 3, 2**31, 2**32 - 1])))
    elif action == "value":
        value = draw(st.binary(max_size=40))
        out[start:end] = out[start : start + 1] + struct.pack("<I", len(value)) + value
    elif action == "delete":
        del out[start:end]
    elif action == "duplicate":
        out[end:end] = out[start:end]
    elif action == "cut":
        out = out[: draw(st.integers(0, len(out) - 1))]
    else:
        _kdf, kdf_value, kdf_end = next(f for f in fields if data[f[0]] == 11)
        at = draw(st.integers(kdf_value, kdf_end - 1))
        out[at] = draw(st.sampled_from([0x00, 0x04, 0x05, 0x42, 0xFF]))
    return bytes(out)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_kdbx_with_any_header_shape_costs_at_most_itself(kdbx: bytes, data: st.DataObject) -> None:
    assert_invariant("vault.kdbx", data.draw(kdbx_shapes(kdbx)), MASTER)


def test_the_fast_kdbx_itself_is_read(kdbx: bytes) -> None:
    _good, bad, vault = load_beside_good("vault.kdbx", kdbx, MASTER)
    assert [reveal(e.password) for e in bad.entries] == [PW] and not vault.problems


# ------------------------------------------------------------------ a whole run, per shape

bad_sources = st.one_of(
    mutated(BITWARDEN).map(lambda d: ("bitwarden.json", dumps(d))),
    mutated(ONEPUX).map(lambda d: ("export.1pux", onepux(d))),
    mutated(ENPASS).map(lambda d: ("enpass.json", dumps(d))),
    mutated(PROTON).map(lambda d: ("proton.zip", proton_zip(d))),
    xml_exports().map(lambda b: ("export.xml", b)),
    mutated(ONEPIF).map(lambda d: ("data.1pif", onepif(ONEPIF_FOLDER, d))),
    csv_exports().map(lambda b: ("mangled.csv", b)),
)


@pytest.fixture(scope="module")
def pwned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("pwned")
    return write_sorted_file(directory / "pwned.txt", breached_corpus({GOOD_PASSWORD: 42}, 200))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(source=bad_sources)
def test_a_run_beside_any_bad_shape_audits_the_good_csv(
    source: tuple[str, bytes], pwned: Path, tmp_path: Path
) -> None:
    name, data = source
    good = tmp_path / "good.csv"
    good.write_bytes(GOOD_CSV)
    bad = tmp_path / name
    bad.write_bytes(data)
    report = run_json(
        "--offline",
        "--only",
        "HA-P",
        "--only",
        "HA-B",
        "--hibp-file",
        str(pwned),
        "--passwords",
        str(good),
        "--passwords",
        str(bad),
    )
    rows = {c["id"]: c for c in report["checks"]}
    for check in ("HA-P", "HA-B"):
        assert rows[check]["status"] == "findings", rows[check]
        assert "crashed" not in str(rows[check]["reason"])
    assert any(f["id"] == "HA-B001" for f in report["findings"])  # the good CSV's password
    assert PW not in json.dumps(report, ensure_ascii=False)
