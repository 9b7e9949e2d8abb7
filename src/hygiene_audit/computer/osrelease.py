"""What /etc/os-release says (the freedesktop.org os-release format)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from hygiene_audit.computer.machine import Machine

FAMILIES = {"debian": "debian", "ubuntu": "debian", "linuxmint": "debian", "fedora": "fedora"}


@dataclass(frozen=True)
class OsRelease:
    id: str
    version_id: str
    like: tuple[str, ...]
    pretty: str

    @property
    def family(self) -> str:
        for name in (self.id, *self.like):
            if name in FAMILIES:
                return FAMILIES[name]
        return ""


def os_release(machine: Machine) -> OsRelease | None:
    text = machine.read("/etc/os-release") or machine.read("/usr/lib/os-release")
    if text is None:
        return None
    fields: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if not sep or not key.strip().isidentifier():
            continue
        try:
            parts = shlex.split(value, comments=False)
        except ValueError:
            continue
        fields[key.strip()] = parts[0] if parts else ""
    if "ID" not in fields:
        return None
    return OsRelease(
        id=fields["ID"].lower(),
        version_id=fields.get("VERSION_ID", ""),
        like=tuple(fields.get("ID_LIKE", "").lower().split()),
        pretty=fields.get("PRETTY_NAME", fields["ID"]),
    )
