"""Every importer in one registered list, and every document layout as data.

``load.parse_source`` asks :data:`IMPORTERS` in order: the first whose ``sniff`` takes the
bytes parses them (a KeePass database is opened in ``load``, before, as it needs the master
password). A JSON document is matched to one of :data:`JSON_LAYOUTS` on its whole shape (what
holds the items and what an item looks like), a zip to one of :data:`ZIP_LAYOUTS` by the
member its product writes; CSV layouts are the table of ``layouts.py``. Adding a format is
one entry here (or there) and its reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hygiene_audit.i18n import _
from hygiene_audit.vault.entries import ImportError_, VaultImport
from hygiene_audit.vault.importers.csv_exports import parse_csv
from hygiene_audit.vault.importers.json_exports import (
    ONEPUX_MEMBER,
    ZIP_MAGIC,
    load_json,
    looks_like_json_export,
    open_zip,
    parse_bitwarden_document,
    parse_onepux_document,
    zip_member,
)
from hygiene_audit.vault.importers.json_layouts import (
    is_enpass,
    is_onepif,
    is_proton_pass,
    parse_enpass_json,
    parse_onepif,
    parse_proton_pass_json,
)
from hygiene_audit.vault.importers.xml_exports import looks_like_xml, parse_xml

Reader = Callable[[Any, str], VaultImport]


@dataclass(frozen=True)
class DocumentLayout:
    """One JSON layout: its product, the versions that write it, its shape, its reader."""

    product: str
    versions: str
    identify: Callable[[Any], bool]
    read: Reader


def _is_bitwarden(document: Any) -> bool:
    return isinstance(document, dict) and "items" in document


JSON_LAYOUTS: tuple[DocumentLayout, ...] = (
    DocumentLayout("Enpass", "Enpass 6 .json export", is_enpass, parse_enpass_json),
    DocumentLayout(
        "Proton Pass", "unencrypted JSON (inside its zip)", is_proton_pass, parse_proton_pass_json
    ),
    # last: the shape the hostile-input tests fuzz (an "items" list, whatever its items)
    DocumentLayout(
        "Bitwarden", "unencrypted .json export", _is_bitwarden, parse_bitwarden_document
    ),
)


@dataclass(frozen=True)
class ZipLayout:
    """One zip export: the member its product writes, and how that member is read."""

    member: str
    product: str
    read: Reader


ZIP_LAYOUTS: tuple[ZipLayout, ...] = (
    ZipLayout(ONEPUX_MEMBER, "1Password", parse_onepux_document),
    ZipLayout("Proton Pass/data.json", "Proton Pass", parse_proton_pass_json),
    ZipLayout("data.json", "Bitwarden", parse_bitwarden_document),  # with attachments/
)


def read_document(document: Any, source: str) -> VaultImport:
    """A parsed JSON document, read by the layout whose shape it has."""
    for layout in JSON_LAYOUTS:
        if layout.identify(document):
            return layout.read(document, source)
    raise ImportError_(
        _(
            "{source} is a JSON file this tool does not know (readable: {formats}); export "
            "other managers as CSV"
        ).format(
            source=source, formats=", ".join(f"{j.product} {j.versions}" for j in JSON_LAYOUTS)
        )
    )


def parse_json(data: bytes, source: str) -> VaultImport:
    return read_document(load_json(data, source), source)


def parse_zip(data: bytes, source: str) -> VaultImport:
    """A zip export: the first known member found is read, with the bounds of every member."""
    archive = open_zip(data, source)
    names = set(archive.namelist())
    for layout in ZIP_LAYOUTS:
        if layout.member in names:
            payload = zip_member(archive, layout.member, source, layout.product)
            return layout.read(load_json(payload, source), source)
    raise ImportError_(
        _(
            "{source} is a zip file but no export this tool reads: it holds none of {members} "
            "(1Password's .1pux, Proton Pass's and Bitwarden's zip exports)"
        ).format(source=source, members=", ".join(z.member for z in ZIP_LAYOUTS))
    )


def _is_zip(data: bytes) -> bool:
    return data[:4] == ZIP_MAGIC


def _always(data: bytes) -> bool:
    return True


@dataclass(frozen=True)
class Importer:
    """One reader: ``sniff`` says whether the bytes are its kind, ``parse`` reads them."""

    name: str
    sniff: Callable[[bytes], bool]
    parse: Callable[[bytes, str], VaultImport]


IMPORTERS: tuple[Importer, ...] = (
    Importer("1pif", is_onepif, parse_onepif),  # before JSON: its records are JSON objects
    Importer("json", looks_like_json_export, parse_json),
    Importer("zip", _is_zip, parse_zip),
    Importer("xml", looks_like_xml, parse_xml),
    Importer("csv", _always, parse_csv),  # last: the CSV reader refuses what it cannot place
)
