"""How important an account is, by its host: ``data/accounts.toml``.

E-mail and identity providers first (they reset every other password), then Wikimedia, the
password manager and cloud storage, banking and payment, social networks, work tools, the
rest. The report ranks its actions by harm × this × the number of accounts.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from hygiene_audit.safety.hosts import ascii_host
from hygiene_audit.wiki.wikimedia import is_wikimedia_host

OTHER = 1
WIKIMEDIA = "wikimedia"


@cache
def _table() -> tuple[dict[str, int], int]:
    """(host → importance, Wikimedia's importance)."""
    raw = resources.files("hygiene_audit.data").joinpath("accounts.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    levels: dict[str, int] = {str(k): int(v) for k, v in data["levels"].items()}
    hosts: dict[str, int] = {}
    for kind, names in data["hosts"].items():
        for name in names:
            hosts[str(name).lower()] = levels[str(kind)]
    return hosts, levels[WIKIMEDIA]


def importance(host: str) -> int:
    """1 (any site) to 7 (an e-mail or identity provider) for the host an entry is saved
    under; a host matches a listed name or any name under it."""
    if not host:
        return OTHER
    hosts, wikimedia = _table()
    if is_wikimedia_host(host):
        return wikimedia
    try:
        name = ascii_host(host).rstrip(".")
    except ValueError:
        return OTHER
    name = name.removeprefix("www.")
    labels = name.split(".")
    for start in range(len(labels) - 1):  # longest first; never a bare top-level domain
        level = hosts.get(".".join(labels[start:]))
        if level is not None:
            return level
    return OTHER
