"""One translation layer for every user-facing string (stdlib gettext).

English is the source language. Catalogs live in ``locale/<lang>/LC_MESSAGES/hygiene_audit.mo``;
adding a language means adding a catalog, never code. Strings defined at import time (check
catalogues) are marked with :func:`N_` and translated when used, so the active language is the
one chosen at run time.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Callable
from pathlib import Path

DOMAIN = "hygiene_audit"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_active = "en"


def available_languages() -> list[str]:
    """Languages with a compiled catalog, plus the English source."""
    langs = {"en"}
    if LOCALE_DIR.is_dir():
        for entry in LOCALE_DIR.iterdir():
            if (entry / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                langs.add(entry.name)
    return sorted(langs)


def _system_language() -> str | None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return value.split(":")[0]
    try:
        lang, _enc = locale.getlocale(locale.LC_MESSAGES)
    except (ValueError, AttributeError):  # pragma: no cover - platform dependent
        return None
    return lang


def activate(lang: str | None = None) -> str:
    """Activate ``lang`` (e.g. ``es``, ``es_ES.UTF-8``), or the system locale when None.

    Unknown languages fall back to English. Returns the language code in effect.
    """
    global _translation, _active
    requested = lang or _system_language() or "en"
    code = requested.split(".")[0].split("@")[0]
    candidates = [code, code.split("_")[0]]
    _translation = gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=candidates, fallback=True
    )
    _active = (
        code.split("_")[0]
        if not isinstance(_translation, gettext.GNUTranslations)
        else (_translation.info().get("language", code.split("_")[0]) or code.split("_")[0])
    )
    if not isinstance(_translation, gettext.GNUTranslations):
        _active = "en"
    return _active


def active_language() -> str:
    return _active


def _(message: str) -> str:
    """Translate ``message`` into the active language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where it is shown."""
    return message


def duration(seconds: float) -> str:
    """A rough, translated duration: "less than a second", "17 minutes", "centuries"."""
    if seconds < 1:
        return _("less than a second")
    if seconds >= 60 * 60 * 24 * 365 * 100:
        return _("centuries")
    day = 60 * 60 * 24
    units: tuple[tuple[int, Callable[[int], str]], ...] = (
        (day * 365, lambda n: ngettext("{n} year", "{n} years", n)),
        (day * 31, lambda n: ngettext("{n} month", "{n} months", n)),
        (day, lambda n: ngettext("{n} day", "{n} days", n)),
        (60 * 60, lambda n: ngettext("{n} hour", "{n} hours", n)),
        (60, lambda n: ngettext("{n} minute", "{n} minutes", n)),
        (1, lambda n: ngettext("{n} second", "{n} seconds", n)),
    )
    for size, label in units:
        if seconds >= size:
            n = round(seconds / size)
            return label(n).format(n=n)
    return _("less than a second")  # pragma: no cover - unreachable


# Thousands separator and the smallest number that is grouped, by language (CLDR: Spanish
# groups from five digits on, "1243" but "12.430"; English from four, "1,243").
_GROUPING: dict[str, tuple[str, int]] = {"en": (",", 1000), "es": (".", 10000)}


def number(value: int) -> str:
    """An integer written the way the active language writes it."""
    separator, from_value = _GROUPING.get(_active, (",", 1000))
    if abs(value) < from_value:
        return str(value)
    return f"{value:,}".replace(",", separator)


def country(code: str) -> str:
    """A country's name in the active language (CLDR through Babel), from its ISO 3166 code;
    the code itself where CLDR has no name for it."""
    from babel import Locale  # lazy: only findings that name a country need CLDR

    name: str = Locale.parse(_active).territories.get(code.upper(), code)
    return name
