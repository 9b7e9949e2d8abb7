#!/usr/bin/env python3
"""Extract every user-facing string, update each language's catalog, compile it.

    python scripts/update_catalogs.py            # update .po files from the sources, compile .mo
    python scripts/update_catalogs.py --check    # exit 1 if a catalog is stale or incomplete

Needs Babel (in the ``test`` extra). Keywords: ``_``, ``N_``, ``ngettext``.
"""

from __future__ import annotations

import argparse
import io
import struct
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "hygiene_audit"
LOCALE = PACKAGE / "locale"
DOMAIN = "hygiene_audit"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def template() -> Catalog:
    """Our strings, plus zxcvbn's feedback texts, which the password check shows translated."""
    import zxcvbn.feedback

    catalog = Catalog(project="hygiene-audit", charset="utf-8")
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(message, locations=[(f"src/hygiene_audit/{filename}", lineno)])
    for lineno, message, _comments, _context in extract_from_file(
        "python", zxcvbn.feedback.__file__, keywords={"_": None}
    ):
        catalog.add(message, locations=[("zxcvbn/feedback.py", lineno)])
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def problems(lang: str) -> list[str]:
    """Strings of the sources missing or untranslated in ``lang``'s catalog, and a stale .mo."""
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    found = []
    for message in template():
        if not message.id:
            continue
        entry = catalog.get(message.id)
        if entry is None:
            found.append(f"missing: {message.id!r}")
        elif (
            entry.fuzzy
            or not entry.string
            or (isinstance(entry.string, tuple) and not all(entry.string))
        ):
            found.append(f"untranslated: {message.id!r}")
    mo = po_path(lang).with_suffix(".mo")
    if not mo.exists():
        found.append(f"{mo} is missing: run scripts/update_catalogs.py")
    else:
        found.extend(f"{mo}: {difference}" for difference in stale(catalog, mo))
    return found


def compiled_content(catalog: Catalog) -> tuple[dict[tuple[str | None, object], object], str]:
    """What a compiled catalog means to gettext: each message (context, id, plural id) with its
    translation(s), and the plural rule. Headers such as ``Generated-By`` (Babel's version) and
    byte layout are not meaning, so a newer Babel compiling the same .po compares equal."""
    messages: dict[tuple[str | None, object], object] = {}
    for message in catalog:
        if not message.id:
            continue
        ids = tuple(message.id) if isinstance(message.id, (list, tuple)) else message.id
        strings = message.string
        messages[(message.context, ids)] = (
            tuple(strings) if isinstance(strings, (list, tuple)) else strings
        )
    return messages, catalog.plural_forms


def stale(catalog: Catalog, mo: Path) -> list[str]:
    """How the committed .mo differs from compiling ``catalog`` now (empty when it does not).

    Both sides go through ``write_mo`` and ``read_mo``, so fuzzy entries (left out of a .mo)
    and untranslated ones are treated the same on both."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    expected_messages, expected_plural = compiled_content(read_mo(buffer))
    try:
        with mo.open("rb") as handle:
            committed = read_mo(handle)
    except (OSError, ValueError, IndexError, struct.error) as exc:  # truncated, not a .mo
        return [f"cannot be read as a compiled catalog ({exc}): run scripts/update_catalogs.py"]
    actual_messages, actual_plural = compiled_content(committed)
    differences = []
    if actual_plural != expected_plural:
        differences.append(f"plural rule {actual_plural!r}, the .po says {expected_plural!r}")
    for key in sorted(expected_messages.keys() | actual_messages.keys(), key=repr):
        if key not in actual_messages:
            differences.append(f"not compiled: {key[1]!r}")
        elif key not in expected_messages:
            differences.append(f"no longer in the .po: {key[1]!r}")
        elif actual_messages[key] != expected_messages[key]:
            differences.append(f"translation differs from the .po: {key[1]!r}")
    return differences


def update(lang: str) -> None:
    path = po_path(lang)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    catalog.update(template(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)
    with path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    langs = sorted(p.name for p in LOCALE.iterdir() if po_path(p.name).exists())
    if args.check:
        bad = {lang: problems(lang) for lang in langs}
        for lang, items in bad.items():
            for item in items:
                print(f"{lang}: {item}")
        return 1 if any(bad.values()) else 0
    for lang in langs:
        update(lang)
        print(f"updated {po_path(lang)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
