"""XML exports: KeePass 2's ``KeePass XML (2.x)``, KeePassX 0.4's XML and Password Safe's.

Parsed with ``defusedxml`` (bounded like every input by the export size limit): an entity
declaration of any kind (the "billion laughs", an external entity reading a local file) is
refused before anything is expanded; KeePassX's bare ``<!DOCTYPE KEEPASSX_DATABASE>`` is
allowed. Groups are walked with an explicit stack, never by recursion.

* KeePass 2: ``<KeePassFile><Root><Group>…<Entry><String><Key>Password</Key><Value>…``;
  an entry's ``<History>`` holds its old versions (not logins of their own); the group whose
  ``UUID`` is ``Meta/RecycleBinUUID`` (when ``RecycleBinEnabled``) is the trash.
* KeePassX: ``<database><group><title/>…<entry><title/><username/><password/><url/>…``.
* Password Safe 3 (File › Export To › XML): ``<passwordsafe><entry id=…><title/><username/>
  <password/><url/><group/>…`` (CDATA values).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element  # types only: parsing is defusedxml's

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from pydantic import SecretStr

from hygiene_audit.i18n import _
from hygiene_audit.vault.entries import ImportError_, VaultEntry, VaultImport
from hygiene_audit.vault.importers.json_exports import Counts

RECYCLE_BIN = "recycle bin"


def looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def _parse(data: bytes, source: str) -> Element:
    try:
        return SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise ImportError_(
            _(
                "{source} declares XML entities, which no password-manager export does (the "
                "file is crafted or altered): export it again"
            ).format(source=source)
        ) from exc
    except SafeET.ParseError as exc:
        raise ImportError_(
            _("{source} is not well-formed XML: export it again").format(source=source)
        ) from exc


def _keepass_entry(entry: Element, number: int, source: str, counts: Counts) -> VaultEntry | None:
    fields: dict[str, str] = {}
    for string in entry.findall("String"):
        key, value = string.findtext("Key"), string.find("Value")
        if key is None or value is None:
            continue
        if value.get("Protected", "").lower() == "true":  # sealed: a database, not an export
            counts.skipped += 1
            return None
        fields.setdefault(key.strip().lower(), value.text or "")
    password, username, url = (fields.get(k, "") for k in ("password", "username", "url"))
    if not (password or username or url):
        counts.non_login += 1
        return None
    return VaultEntry(
        title=fields.get("title", ""),
        url=url.strip(),
        username=username.strip(),
        password=SecretStr(password),
        source=source,
        row=number,
    )


def _keepass2(root: Element, source: str) -> VaultImport:
    meta = root.find("Meta")
    trash = ""
    if meta is not None and (meta.findtext("RecycleBinEnabled") or "").lower() == "true":
        trash = (meta.findtext("RecycleBinUUID") or "").strip()
    top = root.find("Root")
    if top is None:
        raise ImportError_(
            _(
                "{source} is a KeePass XML file without its Root: export it again from KeePass"
            ).format(source=source)
        )
    counts = Counts()
    entries: list[VaultEntry] = []
    stack: list[tuple[Element, bool]] = [(group, False) for group in top.findall("Group")]
    number = 0
    while stack:
        group, deleted = stack.pop()
        uuid = (group.findtext("UUID") or "").strip()
        name = (group.findtext("Name") or "").strip().lower()
        deleted = deleted or bool(trash and uuid == trash) or (not trash and name == RECYCLE_BIN)
        for entry in group.findall("Entry"):  # direct children: History's entries are not
            number += 1
            if deleted:
                counts.non_login += 1
                continue
            found = _keepass_entry(entry, number, source, counts)
            if found is not None:
                entries.append(found)
        stack.extend((child, deleted) for child in reversed(group.findall("Group")))
    return counts.result("KeePass 2 (XML)", source, entries)


def _keepassx(root: Element, source: str) -> VaultImport:
    counts = Counts()
    entries: list[VaultEntry] = []
    stack = list(reversed(root.findall("group")))
    number = 0
    while stack:
        group = stack.pop()
        for entry in group.findall("entry"):
            number += 1
            values = {
                k: (entry.findtext(k) or "") for k in ("title", "username", "password", "url")
            }
            if not (values["password"] or values["username"] or values["url"]):
                counts.non_login += 1
                continue
            entries.append(
                VaultEntry(
                    title=values["title"].strip(),
                    url=values["url"].strip(),
                    username=values["username"].strip(),
                    password=SecretStr(values["password"]),
                    source=source,
                    row=number,
                )
            )
        stack.extend(reversed(group.findall("group")))
    return counts.result("KeePassX (XML)", source, entries)


def _password_safe(root: Element, source: str) -> VaultImport:
    counts = Counts()
    entries: list[VaultEntry] = []
    for number, entry in enumerate(root.findall("entry"), start=1):
        values = {k: (entry.findtext(k) or "") for k in ("title", "username", "password", "url")}
        if not (values["password"] or values["username"] or values["url"]):
            counts.non_login += 1
            continue
        entries.append(
            VaultEntry(
                title=values["title"].strip(),
                url=values["url"].strip(),
                username=values["username"].strip(),
                password=SecretStr(values["password"]),
                source=source,
                row=number,
            )
        )
    return counts.result("Password Safe (XML)", source, entries)


def parse_xml(data: bytes, source: str) -> VaultImport:
    root = _parse(data, source)
    if root.tag == "KeePassFile":
        return _keepass2(root, source)
    if root.tag == "database":
        return _keepassx(root, source)
    if root.tag == "passwordsafe":
        return _password_safe(root, source)
    raise ImportError_(
        _(
            "{source} is an XML file this tool does not know (readable: KeePass 2 XML, "
            "KeePassX XML, Password Safe XML); export other managers as CSV"
        ).format(source=source)
    )
