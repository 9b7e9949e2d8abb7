"""Host names in URLs: which host a URL names, whether a host is on an allowed list, whether
it is this machine. Pure string work, importable without the HTTP library (settings and the
engine need it on offline runs that never make a client).

Hosts are compared in their ASCII (IDNA, punycode) form: ``вики.example`` and
``xn--b1amah.example`` are one host, and a look-alike of a known host (a Cyrillic 'е' in
``wikipеdia.org``) is shown and compared as the different host it is (``xn--wikipdia-g8g.org``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import idna

_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")
_IPV6 = re.compile(r"[0-9A-Fa-f:.]+(?:%[\w.-]+)?")
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def ascii_host(host: str) -> str:
    """``host`` in lower-case ASCII (IDNA 2008 with UTS 46 mapping); ``ValueError`` when it
    cannot be a host name (empty labels, characters IDNA refuses)."""
    host = host.strip().rstrip(".")
    if not host:
        raise ValueError("empty host")
    if host.isascii():
        if ":" in host:  # an IPv6 literal, as urlsplit gives it (without brackets)
            if _IPV6.fullmatch(host):
                return host.lower()
        elif all(_LABEL.fullmatch(label) for label in host.split(".")):
            return host.lower()
        raise ValueError(f"not a valid host name: {host!r}")
    try:
        return idna.encode(host, uts46=True).decode("ascii").lower()
    except idna.IDNAError as exc:
        raise ValueError(f"not a valid host name: {host!r}") from exc


def comparable_host(host: str) -> str:
    """``ascii_host``, or ``host`` in lower case when it is not a host name (never raises)."""
    try:
        return ascii_host(host)
    except ValueError:
        return host.lower()


def is_loopback(host: str) -> bool:
    host = host.lower().strip("[]")
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def host_of(url: str) -> str:
    return comparable_host(urlsplit(url).hostname or "")


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    """``host`` is one of ``allowed``, or under one of its ``*.domain`` entries."""
    host = comparable_host(host)
    return any(
        host == entry
        or (entry.startswith("*.") and (host == entry[2:] or host.endswith(entry[1:])))
        for entry in allowed
    )


def site_of(url: str) -> str:
    """A wiki's name in findings and in the one-request-per-host rule: its host, and its port
    when it has one ("et.wikipedia.org", "127.0.0.1:8092": two local wikis are two sites).
    Never raises: a port that is not one (a server's own claim) is left out."""
    parts = urlsplit(url)
    host = host_of(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port else host
