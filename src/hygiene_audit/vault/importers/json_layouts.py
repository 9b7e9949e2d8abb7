"""JSON exports beside Bitwarden's: Enpass 6 and Proton Pass (its zip's ``data.json``).

Each is read item by item as ``json_exports`` reads Bitwarden's: a wrong type in one item
costs that item (skipped, or read in part), a wrong type in what holds the items costs the
source. Items that are not logins (notes, cards, identities, Proton Pass aliases) and items
in the trash are counted, never audited.

* Enpass 6 (``File > Export > .json``): ``{"folders": [...], "items": [...]}``, each item with
  a ``category`` ("login", "password", "note", "creditcard", …), ``trashed`` and ``fields``
  (``{"type": "username" | "email" | "password" | "url", "value": …}``).
* Proton Pass (``Settings > Export``, unencrypted): ``{"version", "userId", "encrypted": false,
  "vaults": {id: {"name", "items": [...]}}}``, each item's ``data`` with ``type`` ("login",
  "alias", "note", "creditCard", "identity"), ``metadata.name`` and ``content`` (``itemEmail``,
  ``itemUsername`` since ContentFormatVersion 5, ``username`` before, ``password``, ``urls``);
  ``state`` 2 is the trash.
"""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from hygiene_audit.i18n import _
from hygiene_audit.vault.entries import ImportError_, VaultEntry, VaultImport
from hygiene_audit.vault.importers.json_exports import Counts, load_json, text_field

ENPASS_LOGINS = ("login", "password")
PROTON_LOGIN = "login"
PROTON_TRASHED = 2


def is_enpass(document: object) -> bool:
    """Enpass's shape: items that carry a ``category`` and ``fields`` or ``template_type``, and
    no Bitwarden item (an int ``type`` or a ``login``) among them."""
    if not isinstance(document, dict) or "encrypted" in document:
        return False
    items = document.get("items")
    if not isinstance(items, list):
        return False
    dicts = [item for item in items if isinstance(item, dict)]
    enpass = [
        item
        for item in dicts
        if isinstance(item.get("category"), str) and ("fields" in item or "template_type" in item)
    ]
    bitwarden = [item for item in dicts if "login" in item or type(item.get("type")) is int]
    return bool(enpass) and not bitwarden


def is_proton_pass(document: object) -> bool:
    """Proton Pass's shape: a ``vaults`` object beside its ``userId`` or ``version``."""
    return (
        isinstance(document, dict)
        and isinstance(document.get("vaults"), dict)
        and ("userId" in document or "version" in document)
    )


def _structure_error(source: str, product: str, key: str) -> ImportError_:
    return ImportError_(
        _(
            "{source} is not laid out as a {product} export (its {key} are missing or not of "
            "the right type): export it again from {product}"
        ).format(source=source, product=product, key=key)
    )


def _entry(
    title: str | None, url: str | None, username: str | None, password: str, source: str, n: int
) -> VaultEntry:
    return VaultEntry(
        title=title or "",
        url=url or "",
        username=username or "",
        password=SecretStr(password),
        source=source,
        row=n,
    )


def _enpass_entry(item: object, number: int, source: str, counts: Counts) -> VaultEntry | None:
    category = item.get("category") if isinstance(item, dict) else None
    if not isinstance(item, dict) or not isinstance(category, str):
        counts.skipped += 1
        return None
    if category.lower() not in ENPASS_LOGINS or item.get("trashed") not in (0, None, False):
        counts.non_login += 1
        return None
    fields = item.get("fields") or []
    if not isinstance(fields, list):
        counts.skipped += 1  # where its password is cannot be told
        return None
    values: dict[str, str | None] = {}
    partial = False
    for field in fields:
        kind = field.get("type") if isinstance(field, dict) else None
        if not isinstance(field, dict) or not isinstance(kind, str):
            partial = True
            continue
        if field.get("deleted") not in (0, None, False):
            continue
        if kind in ("username", "email", "password", "url"):
            value = text_field(field.get("value"))
            if values.get(kind) in (None, ""):
                values[kind] = value
    if "password" in values and values["password"] is None:
        counts.skipped += 1
        return None
    password = values.get("password") or ""
    username = values.get("username") or values.get("email") or ""
    url = values.get("url", "")
    if not (password or username or url):
        counts.non_login += 1
        return None
    title = text_field(item.get("title"))
    if partial or title is None or None in values.values():
        counts.partial += 1
    return _entry(title, url, username, password, source, number)


def parse_enpass_json(document: Any, source: str) -> VaultImport:
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise _structure_error(source, "Enpass", "items")
    counts = Counts()
    entries = [
        entry
        for number, item in enumerate(items, start=1)
        if (entry := _enpass_entry(item, number, source, counts)) is not None
    ]
    return counts.result("Enpass (JSON)", source, entries)


def _first_url(urls: object) -> str | None:
    if urls is None:
        return ""
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        return None
    return next((text_field(u) for u in urls if u), "")


def _proton_entry(item: object, number: int, source: str, counts: Counts) -> VaultEntry | None:
    data = item.get("data") if isinstance(item, dict) else None
    kind = data.get("type") if isinstance(data, dict) else None
    if not isinstance(item, dict) or not isinstance(data, dict) or not isinstance(kind, str):
        counts.skipped += 1
        return None
    if kind != PROTON_LOGIN or item.get("state") == PROTON_TRASHED:
        counts.non_login += 1  # aliases, notes, cards, identities; the trash
        return None
    content = {} if data.get("content") is None else data.get("content")
    if not isinstance(content, dict):
        counts.skipped += 1
        return None
    password = text_field(content.get("password"))
    if password is None:
        counts.skipped += 1
        return None
    logins = [text_field(content.get(k)) for k in ("itemUsername", "itemEmail", "username")]
    username = next((v for v in logins if v), "")
    url = _first_url(content.get("urls"))
    if not (password or username or url):
        counts.non_login += 1
        return None
    metadata = {} if data.get("metadata") is None else data.get("metadata")
    title = text_field(metadata.get("name")) if isinstance(metadata, dict) else None
    if title is None or url is None or None in logins:
        counts.partial += 1
    return _entry(title, url, username, password, source, number)


def parse_proton_pass_json(document: Any, source: str) -> VaultImport:
    if isinstance(document, dict) and document.get("encrypted") is True:
        raise ImportError_(
            _(
                "{source} is an encrypted Proton Pass export: export again from Proton Pass "
                "without encryption (Settings > Export), audit it, then delete it"
            ).format(source=source)
        )
    vaults = document.get("vaults") if isinstance(document, dict) else None
    if not isinstance(vaults, dict):
        raise _structure_error(source, "Proton Pass", "vaults")
    items: list[object] = []
    for vault in vaults.values():
        held = vault.get("items") if isinstance(vault, dict) else None
        if not isinstance(held, list):
            raise _structure_error(source, "Proton Pass", "items")
        items.extend(held)
    counts = Counts()
    entries = [
        entry
        for number, item in enumerate(items, start=1)
        if (entry := _proton_entry(item, number, source, counts)) is not None
    ]
    return counts.result("Proton Pass (JSON)", source, entries)


# 1Password 4-7's .1pif ("1Password Interchange Format"): one JSON object per record, the
# records separated by this line. Logins are "webforms.WebForm" (fields with a designation),
# password items "passwords.Password"; folders are no items; the rest (notes, cards,
# identities, …) and trashed records are counted as not logins.
ONEPIF_SEPARATOR = b"***5642bee8-a5ff-11dc-8314-0800200c9a66***"
ONEPIF_LOGIN = "webforms.WebForm"
ONEPIF_PASSWORD = "passwords.Password"  # noqa: S105 - a record type, not a secret


def is_onepif(data: bytes) -> bool:
    return ONEPIF_SEPARATOR in data[: 4 * 1024 * 1024]


def _onepif_entry(record: object, number: int, source: str, counts: Counts) -> VaultEntry | None:
    kind = record.get("typeName") if isinstance(record, dict) else None
    if not isinstance(record, dict) or not isinstance(kind, str):
        counts.skipped += 1
        return None
    if kind.startswith("system."):  # folders and tags: no items at all
        return None
    if kind not in (ONEPIF_LOGIN, ONEPIF_PASSWORD) or record.get("trashed") is True:
        counts.non_login += 1
        return None
    secure = {} if record.get("secureContents") is None else record.get("secureContents")
    fields = secure.get("fields") or [] if isinstance(secure, dict) else None
    if not isinstance(secure, dict) or not isinstance(fields, list):
        counts.skipped += 1
        return None
    values: dict[str, str | None] = {}
    partial = False
    for field in fields:
        designation = field.get("designation") if isinstance(field, dict) else None
        if not isinstance(field, dict) or not isinstance(designation, (str, type(None))):
            partial = True
            continue
        if designation in ("username", "password") and values.get(designation) in (None, ""):
            values[designation] = text_field(field.get("value"))
    password = values.get("password") or text_field(secure.get("password"))
    if password is None or ("password" in values and values["password"] is None):
        counts.skipped += 1
        return None
    username = values.get("username", "")
    url = text_field(record.get("location"))
    if not (password or username or url):
        counts.non_login += 1
        return None
    title = text_field(record.get("title"))
    if partial or username is None or url is None or title is None:
        counts.partial += 1
    return _entry(title, url, username, password, source, number)


def parse_onepif(data: bytes, source: str) -> VaultImport:
    counts = Counts()
    entries: list[VaultEntry] = []
    chunks = [c for c in data.split(ONEPIF_SEPARATOR) if c.strip()]
    for number, chunk in enumerate(chunks, start=1):
        entry = _onepif_entry(load_json(chunk.strip(), source), number, source, counts)
        if entry is not None:
            entries.append(entry)
    return counts.result("1Password (.1pif)", source, entries)
