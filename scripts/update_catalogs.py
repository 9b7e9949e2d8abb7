#!/usr/bin/env python3
"""Extract every user-facing string, update each language's catalog, compile it.

    python scripts/update_catalogs.py            # update .po files from the sources, compile .mo
    python scripts/update_catalogs.py --check    # exit 1 if a catalog is stale or incomplete

Needs Babel (in the ``test`` extra). Keywords: ``_``, ``N_``, ``ngettext``.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
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
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS):
        catalog.add(message, locations=[(f"src/hygiene_audit/{filename}", lineno)])
    for lineno, message, _comments, _context in extract_from_file(
            "python", zxcvbn.feedback.__file__, keywords={"_": None}):
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
        elif entry.fuzzy or not entry.string or (
                isinstance(entry.string, tuple) and not all(entry.string)):
            found.append(f"untranslated: {message.id!r}")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    mo = po_path(lang).with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != buffer.getvalue():
        found.append(f"{mo} is not compiled from the current .po")
    return found


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
