"""Text that someone else controls, made inert before it reaches a terminal or a document.

Wiki text, template values, page and file titles, EXIF fields, a server's error message and
even ``--user`` can carry control characters: an ESC starts a terminal escape sequence (OSC 8
fake links, OSC 52 clipboard writes, OSC 0 window titles, CSI 2J screen clears), a CR
overwrites the line it is on, and bidi overrides (U+202E …) reorder what a reader sees.

:func:`neutralise` replaces every C0 and C1 control character and every bidi embedding,
override and isolate with a visible stand-in, so the reader sees that something was there
and nothing is executed. Only a newline survives, and only where the field may span lines;
a tab becomes a space. Our own catalogue text passes through unchanged (it has none of
these characters), so applying this to a whole report is safe and idempotent.
"""

from __future__ import annotations

import re

from hygiene_audit.core.models import Report, TextKind, map_report_texts

# C0 except newline, DEL, C1; Unicode line/paragraph separators; bidi embeddings,
# overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_WITH_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\t":
        return " "
    if char in "\n\u2028\u2029":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


def neutralise(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control and bidi-control character made visible and inert."""
    pattern = _UNSAFE if multiline else _UNSAFE_WITH_NEWLINE
    return pattern.sub(_stand_in, text)


def neutralise_report(report: Report) -> Report:
    """The same report with every text field neutralised; formats render only this."""
    return map_report_texts(
        report, lambda text, kind: neutralise(text, multiline=kind is TextKind.MULTILINE)
    )
