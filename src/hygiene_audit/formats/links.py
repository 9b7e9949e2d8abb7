"""Which references become links: http(s) addresses only, and only whole ones.

A reference comes from a check's catalogue and, for a third-party check, from its findings;
either may be hostile. A ``javascript:`` or ``data:`` address made into a link runs in the
reader's browser, and ``<https://x/><script>…`` in a Markdown autolink is raw HTML. So a
reference is a link only when it is ``http://`` or ``https://`` with a host and holds none of
the characters that end a link or start markup; anything else is shown as escaped text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LINK_SCHEMES = ("http", "https")
_BREAKS_OUT = re.compile(r"[\s<>\"'`\\\x00-\x1f\x7f-\x9f]")


def linkable(reference: str) -> bool:
    if _BREAKS_OUT.search(reference):
        return False
    try:
        parts = urlsplit(reference)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return False
    return parts.scheme.lower() in LINK_SCHEMES and bool(parts.hostname)
