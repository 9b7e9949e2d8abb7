"""JSON-based exports: Bitwarden's unencrypted JSON and 1Password's ``.1pux`` (a zip).

An encrypted Bitwarden export is refused with the reason (its secrets are sealed with a key
this tool never asks for); any other JSON or zip is refused in one line naming what it is.
Bounded like every input: the zip member is read only up to the export size limit.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from pydantic import SecretStr

from hygiene_audit.i18n import _
from hygiene_audit.vault.entries import ImportError_, VaultEntry, VaultImport

ZIP_MAGIC = b"PK\x03\x04"
BITWARDEN_LOGIN = 1
ONEPASSWORD_LOGIN = "001"
ONEPASSWORD_PASSWORD = "005"  # noqa: S105 - the category id of password items
MAX_MEMBER_BYTES = 64 * 1024 * 1024


def looks_like_json_export(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def _load(data: bytes, source: str) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportError_(
            _("{source} is not valid JSON ({error})").format(
                source=source, error=type(exc).__name__
            )
        ) from exc


def parse_json_export(data: bytes, source: str) -> VaultImport:
    document = _load(data, source)
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
    entries: list[VaultEntry] = []
    non_login = 0
    for number, item in enumerate(document["items"], start=1):
        login = item.get("login") if isinstance(item, dict) else None
        if (
            not isinstance(item, dict)
            or item.get("type") != BITWARDEN_LOGIN
            or not isinstance(login, dict)
        ):
            non_login += 1
            continue
        password = login.get("password") or ""
        if isinstance(password, str) and password.startswith("2.") and "|" in password:
            raise ImportError_(
                _(
                    "{source} holds encrypted values: export again choosing "
                    "'.json' (not 'encrypted')"
                ).format(source=source)
            )
        uris = login.get("uris") or []
        url = next((u.get("uri") or "" for u in uris if isinstance(u, dict)), "")
        entries.append(
            VaultEntry(
                title=str(item.get("name") or ""),
                url=str(url or ""),
                username=str(login.get("username") or ""),
                password=SecretStr(str(password)),
                source=source,
                row=number,
            )
        )
    return VaultImport(
        format="Bitwarden (JSON)", source=source, entries=tuple(entries), non_login_rows=non_login
    )


def _onepassword_items(document: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for account in document.get("accounts", []) if isinstance(document, dict) else []:
        for vault in account.get("vaults", []) if isinstance(account, dict) else []:
            items += [i for i in vault.get("items", []) if isinstance(i, dict)]
    return items


def parse_zip_export(data: bytes, source: str) -> VaultImport:
    """1Password's ``.1pux``: logins (archived ones too: their passwords may still be in use)
    and password items; cards, notes and identities are counted as non-login items."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo("export.data")
        if info.file_size > MAX_MEMBER_BYTES:
            raise ImportError_(
                _("{source}: its export.data is larger than {mb} MB").format(
                    source=source, mb=MAX_MEMBER_BYTES // (1024 * 1024)
                )
            )
        with archive.open(info) as member:
            payload = member.read(MAX_MEMBER_BYTES + 1)
    except KeyError as exc:
        raise ImportError_(
            _("{source} is a zip file but not a 1Password .1pux export").format(source=source)
        ) from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportError_(_("{source} is a damaged zip file").format(source=source)) from exc
    entries: list[VaultEntry] = []
    non_login = 0
    for number, item in enumerate(_onepassword_items(_load(payload, source)), start=1):
        overview = item.get("overview") or {}
        details = item.get("details") or {}
        fields = {
            f.get("designation"): f.get("value")
            for f in details.get("loginFields", [])
            if isinstance(f, dict)
        }
        password = fields.get("password") or details.get("password") or ""
        if item.get("categoryUuid") not in (ONEPASSWORD_LOGIN, ONEPASSWORD_PASSWORD) or not (
            password or fields.get("username")
        ):
            non_login += 1
            continue
        entries.append(
            VaultEntry(
                title=str(overview.get("title") or ""),
                url=str(overview.get("url") or ""),
                username=str(fields.get("username") or ""),
                password=SecretStr(str(password)),
                source=source,
                row=number,
            )
        )
    return VaultImport(
        format="1Password (.1pux)", source=source, entries=tuple(entries), non_login_rows=non_login
    )
