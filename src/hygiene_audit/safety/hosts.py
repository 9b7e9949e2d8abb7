"""Host names in URLs: which host a URL names, whether a host is on an allowed list, whether
it is this machine. Pure string work, importable without the HTTP library (settings and the
engine need it on offline runs that never make a client)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def is_loopback(host: str) -> bool:
    host = host.lower().strip("[]")
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    """``host`` is one of ``allowed``, or under one of its ``*.domain`` entries."""
    host = host.lower().rstrip(".")
    return any(
        host == entry
        or (entry.startswith("*.") and (host == entry[2:] or host.endswith(entry[1:])))
        for entry in allowed
    )


def site_of(url: str) -> str:
    """A wiki's name in findings and in the one-request-per-host rule: its host, and its port
    when it has one ("et.wikipedia.org", "127.0.0.1:8092": two local wikis are two sites)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host
