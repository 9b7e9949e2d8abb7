"""JSON-based exports: Bitwarden's unencrypted JSON and 1Password's ``.1pux`` (a zip).

An encrypted Bitwarden export is refused with the reason (its secrets are sealed with a key
this tool never asks for); any other JSON or zip is refused in one line naming what it is.
Bounded like every input: the zip member is read only up to the export size limit, and
checked before it is read (an encrypted member, AES or an unknown compression method is
refused with the way out); a document nested deeper than :data:`MAX_DEPTH` is refused before
``json`` parses it (no real export nests past a dozen levels, and the parser would recurse).
"""

from __future__ import annotations

import io
import json
import lzma
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from pydantic import SecretStr

from hygiene_audit.i18n import _
from hygiene_audit.vault.entries import ImportError_, VaultEntry, VaultImport

ZIP_MAGIC = b"PK\x03\x04"
BITWARDEN_LOGIN = 1
ONEPASSWORD_LOGIN = "001"
ONEPASSWORD_PASSWORD = "005"  # noqa: S105 - the category id of password items
MAX_MEMBER_BYTES = 64 * 1024 * 1024
ONEPUX_MEMBER = "export.data"
MAX_DEPTH = 64  # Bitwarden's JSON nests 5 levels deep, a .1pux about 10
ENCRYPTED_FLAG = 0x1
AES_METHOD = 99  # WinZip AES: an encrypted member
READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)

_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def looks_like_json_export(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def too_deep(data: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the arrays and objects of a JSON text nest deeper than ``limit``, found
    without parsing (so without recursing) and in C loops only: escapes and string literals
    are dropped, then the brackets; each pass removes every innermost pair, so a balanced
    text is empty after exactly as many passes as it is deep. Brackets left unclosed (the
    parser would recurse into them before failing) count as depth too."""
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = b"".join(unescaped.split(b'"')[::2]).translate(None, _NOT_BRACKETS)
    brackets = brackets.replace(b"{", b"[").replace(b"}", b"]")
    run = b"[" * (limit + 1)
    passes = 0
    while brackets:
        if run in brackets:  # so many opened in a row: no need to count further
            return True
        inner = brackets.replace(b"[]", b"")
        if inner == brackets:  # only "]…][…[" is left: the file is damaged
            return passes + len(brackets) - len(brackets.rstrip(b"[")) > limit
        brackets, passes = inner, passes + 1
        if passes > limit:
            return True
    return False


def load_json(data: bytes, source: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(
            _("{source} is not valid JSON ({error})").format(
                source=source, error=type(exc).__name__
            )
        ) from exc
    if too_deep(data):
        raise ImportError_(
            _(
                "{source} is nested more than {depth} levels deep: no password-manager export "
                "is (the file is damaged or crafted); export it again"
            ).format(source=source, depth=MAX_DEPTH)
        )
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ImportError_(
            _("{source} is not valid JSON ({error})").format(
                source=source, error=type(exc).__name__
            )
        ) from exc


def text_field(value: object) -> str | None:
    """One string field of an item: '' when absent or null, ``None`` when of a wrong type (a
    number, a list, an object, or a string with lone surrogates, which no text can hold)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value


def _first_uri(uris: object) -> str | None:
    """Bitwarden's ``login.uris``: the first address, '' if none, ``None`` when the list or
    one of its addresses is of a wrong type (the site is then unknown)."""
    if uris is None:
        return ""
    if not isinstance(uris, list):
        return None
    found: str | None = ""
    for uri in uris:
        value = text_field(uri.get("uri")) if isinstance(uri, dict) else None
        if value is None:
            return None
        if value and not found:
            found = value
    return found


@dataclass
class Counts:
    """What one export's items cost: skipped, read in part, not logins."""

    skipped: int = 0
    partial: int = 0
    non_login: int = 0

    def result(self, product: str, source: str, entries: list[VaultEntry]) -> VaultImport:
        return VaultImport(
            format=product,
            source=source,
            entries=tuple(entries),
            skipped_rows=self.skipped,
            partial_rows=self.partial,
            non_login_rows=self.non_login,
        )


def _bitwarden_entry(item: object, number: int, source: str, counts: Counts) -> VaultEntry | None:
    if not isinstance(item, dict):
        counts.skipped += 1
        return None
    kind = item.get("type")
    if type(kind) is not int:  # a bool is an int to Python, never to Bitwarden
        counts.skipped += 1
        return None
    if kind != BITWARDEN_LOGIN:
        counts.non_login += 1
        return None
    login = item.get("login")
    password = text_field(login.get("password")) if isinstance(login, dict) else None
    if password is None or not isinstance(login, dict):
        counts.skipped += 1
        return None
    if password.startswith("2.") and "|" in password:
        raise ImportError_(
            _(
                "{source} holds encrypted values: export again choosing '.json' (not 'encrypted')"
            ).format(source=source)
        )
    title, username, url = (
        text_field(item.get("name")),
        text_field(login.get("username")),
        _first_uri(login.get("uris")),
    )
    if username == "" and url == "" and not password:  # a login item with nothing in it
        counts.non_login += 1  # (the CSV export leaves the same item out): nothing to audit
        return None
    if title is None or username is None or url is None:
        counts.partial += 1
    return VaultEntry(
        title=title or "",
        url=url or "",
        username=username or "",
        password=SecretStr(password),
        source=source,
        row=number,
    )


def parse_json_export(data: bytes, source: str) -> VaultImport:
    """Bitwarden's unencrypted JSON: login items (type 1); notes, cards, identities and SSH
    keys are counted as non-login items. A wrong type in one item costs that item only."""
    return parse_bitwarden_document(load_json(data, source), source)


def parse_bitwarden_document(document: Any, source: str) -> VaultImport:
    """Bitwarden's JSON as parsed (also the ``data.json`` of its zip with attachments)."""
    if isinstance(document, dict) and document.get("encrypted") is True:
        raise ImportError_(
            _(
                "{source} is an encrypted Bitwarden export: export again choosing "
                "'.json' (not 'encrypted'), audit it, then delete it"
            ).format(source=source)
        )
    if not (isinstance(document, dict) and isinstance(document.get("items"), list)):
        raise ImportError_(
            _(
                "{source} is a JSON file this tool does not know: Bitwarden's "
                "unencrypted JSON export is read; export other managers as CSV"
            ).format(source=source)
        )
    counts = Counts()
    entries = [
        entry
        for number, item in enumerate(document["items"], start=1)
        if (entry := _bitwarden_entry(item, number, source, counts)) is not None
    ]
    return counts.result("Bitwarden (JSON)", source, entries)


def _list_in(container: object, key: str, source: str) -> list[object]:
    """A list of the .1pux structure (accounts, vaults, items): absent is empty, a wrong
    type costs the whole source (how many entries it held cannot be told)."""
    value = container.get(key) if isinstance(container, dict) else None
    if isinstance(container, dict) and value is None and key != "accounts":
        return []
    if not isinstance(value, list):
        raise ImportError_(
            _(
                "{source} is not laid out as a 1Password export (its {key} are missing or not "
                "a list): export it again from 1Password"
            ).format(source=source, key=key)
        )
    return value


def _onepassword_items(document: object, source: str) -> list[object]:
    return [
        item
        for account in _list_in(document, "accounts", source)
        for vault in _list_in(account, "vaults", source)
        for item in _list_in(vault, "items", source)
    ]


def _onepassword_entry(item: object, number: int, source: str, counts: Counts) -> VaultEntry | None:
    category = item.get("categoryUuid") if isinstance(item, dict) else None
    if not isinstance(item, dict) or not isinstance(category, str):
        counts.skipped += 1
        return None
    if category not in (ONEPASSWORD_LOGIN, ONEPASSWORD_PASSWORD):
        counts.non_login += 1
        return None
    details = {} if item.get("details") is None else item.get("details")
    fields = {} if not isinstance(details, dict) else details.get("loginFields") or []
    if not isinstance(details, dict) or not isinstance(fields, list):
        counts.skipped += 1  # where its password is cannot be told
        return None
    partial = False
    values: dict[str, str | None] = {}
    for field in fields:
        designation = field.get("designation") if isinstance(field, dict) else None
        if not isinstance(field, dict) or not isinstance(designation, (str, type(None))):
            partial = True
            continue
        if designation in ("username", "password"):
            values.setdefault(designation, text_field(field.get("value")))
    password = values.get("password") or text_field(details.get("password"))
    if password is None or ("password" in values and values["password"] is None):
        counts.skipped += 1
        return None
    username = values.get("username", "")
    if not (password or username):
        counts.non_login += 1
        return None
    overview = {} if item.get("overview") is None else item.get("overview")
    if not isinstance(overview, dict):
        overview, partial = {}, True
    title, url = text_field(overview.get("title")), text_field(overview.get("url"))
    if partial or username is None or title is None or url is None:
        counts.partial += 1
    return VaultEntry(
        title=title or "",
        url=url or "",
        username=username or "",
        password=SecretStr(password),
        source=source,
        row=number,
    )


def _too_large(source: str, member: str) -> ImportError_:
    return ImportError_(
        _("{source}: its {member} is larger than {mb} MB").format(
            source=source, member=member, mb=MAX_MEMBER_BYTES // (1024 * 1024)
        )
    )


def _encrypted(source: str, member: str, product: str) -> ImportError_:
    return ImportError_(
        _(
            "{source}: its {member} is encrypted (a zip password); this tool never asks for "
            "it: export again from {product} without a password, or extract it with the "
            "password and zip it again without one"
        ).format(source=source, member=member, product=product)
    )


def _unknown_method(source: str, member: str, product: str, method: int) -> ImportError_:
    return ImportError_(
        _(
            "{source}: its {member} uses a compression method this tool cannot read "
            "(method {method}): export again from {product}, or extract it and zip it again "
            "with ordinary compression"
        ).format(source=source, member=member, product=product, method=method)
    )


def open_zip(data: bytes, source: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ImportError_(_("{source} is a damaged zip file").format(source=source)) from exc


def zip_member(archive: zipfile.ZipFile, name: str, source: str, product: str) -> bytes:
    """The bytes of one member, checked before they are read: encrypted (the flag, or AES as
    method 99), an unknown compression method, a size beyond the bound (as the header claims
    it, and as it actually decompresses), a bad CRC: each refused with the way out."""
    info = archive.getinfo(name)
    if info.flag_bits & ENCRYPTED_FLAG or info.compress_type == AES_METHOD:
        raise _encrypted(source, name, product)
    if info.compress_type not in READABLE_METHODS:
        raise _unknown_method(source, name, product, info.compress_type)
    if info.file_size > MAX_MEMBER_BYTES:
        raise _too_large(source, name)
    try:
        with archive.open(info) as member:
            payload = member.read(MAX_MEMBER_BYTES + 1)
    except RuntimeError as exc:  # the local header says encrypted where the directory did not
        raise _encrypted(source, name, product) from exc
    except NotImplementedError as exc:  # the local header names another method
        raise _unknown_method(source, name, product, info.compress_type) from exc
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, lzma.LZMAError, ValueError) as exc:
        raise ImportError_(_("{source} is a damaged zip file").format(source=source)) from exc
    if len(payload) > MAX_MEMBER_BYTES:
        raise _too_large(source, name)
    return payload


def _member(data: bytes, source: str) -> bytes:
    """``export.data`` of a .1pux."""
    archive = open_zip(data, source)
    if ONEPUX_MEMBER not in archive.namelist():
        raise ImportError_(
            _("{source} is a zip file but not a 1Password .1pux export").format(source=source)
        )
    return zip_member(archive, ONEPUX_MEMBER, source, "1Password")


def parse_zip_export(data: bytes, source: str) -> VaultImport:
    """1Password's ``.1pux``: logins (archived ones too: their passwords may still be in use)
    and password items; cards, notes and identities are counted as non-login items. A wrong
    type in one item costs that item only; in the accounts, vaults or items lists, the source."""
    return parse_onepux_document(load_json(_member(data, source), source), source)


def parse_onepux_document(document: Any, source: str) -> VaultImport:
    """A .1pux's ``export.data`` as parsed."""
    counts = Counts()
    entries = [
        entry
        for number, item in enumerate(_onepassword_items(document, source), start=1)
        if (entry := _onepassword_entry(item, number, source, counts)) is not None
    ]
    return counts.result("1Password (.1pux)", source, entries)
