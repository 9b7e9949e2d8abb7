"""Which filesystem holds a path, and whether a dm-crypt (LUKS) device lies under it.

Read from ``/proc/self/mountinfo`` and sysfs (``/sys/dev/block/MAJ:MIN``, ``dm/uuid``,
``slaves/``), as ``lsblk`` itself does; nothing needs root.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from hygiene_audit.computer.machine import Machine

MAX_DEPTH = 16  # device stacks (LVM on LUKS on RAID…) are a few levels deep
ENCRYPTED_FILESYSTEMS = frozenset({"ecryptfs"})
NO_DEVICE = frozenset({"overlay", "tmpfs", "nfs", "nfs4", "cifs", "smb3", "fuse", "9p", "virtiofs"})


@dataclass(frozen=True)
class Mount:
    device: str  # "MAJ:MIN"
    mountpoint: str
    fstype: str
    source: str


def _unescape(field: str) -> str:
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mounts(machine: Machine) -> list[Mount] | None:
    text = machine.read("/proc/self/mountinfo")
    if text is None:
        return None
    found = []
    for line in text.splitlines():
        fields = line.split(" ")
        if "-" not in fields or len(fields) < 7:
            continue
        dash = fields.index("-")
        if len(fields) < dash + 3:
            continue
        found.append(
            Mount(fields[2], _unescape(fields[4]), fields[dash + 1], _unescape(fields[dash + 2]))
        )
    return found


def mount_of(all_mounts: list[Mount], path: str) -> Mount | None:
    """The mount that holds ``path``: the longest mount point above it, the last mounted."""
    best: Mount | None = None
    target = Path(path)
    for mount in all_mounts:
        point = Path(mount.mountpoint)
        if (target == point or point in target.parents) and (
            best is None or len(point.parts) >= len(Path(best.mountpoint).parts)
        ):
            best = mount
    return best


class Crypt(Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


def _device_dir(machine: Machine, mount: Mount) -> Path | None:
    by_number = machine.path(f"/sys/dev/block/{mount.device}")
    if by_number.exists():
        return by_number
    if mount.source.startswith("/dev/"):  # btrfs reports an anonymous 0:N number
        node = machine.path(mount.source)
        name = Path(os.path.realpath(node)).name if node.exists() else Path(mount.source).name
        by_name = machine.path(f"/sys/class/block/{name}")
        if by_name.exists():
            return by_name
    return None


def device_dir_by_name(machine: Machine, name: str) -> Path | None:
    path = machine.path(f"/sys/class/block/{name}")
    return path if path.exists() else None


def crypt_under(device: Path, depth: int = 0) -> Crypt:
    """YES if a dm-crypt device is this one or lies under it (its slaves, a partition's disk)."""
    if depth > MAX_DEPTH:
        return Crypt.UNKNOWN
    device = Path(os.path.realpath(device))
    try:
        uuid = (device / "dm" / "uuid").read_text(errors="replace").strip()
    except OSError:
        uuid = ""
    if uuid.startswith("CRYPT-"):
        return Crypt.YES
    slaves = device / "slaves"
    try:
        below = [slaves / name for name in sorted(os.listdir(slaves))]
    except OSError:
        below = []
    if (device / "partition").exists():
        below.append(device.parent)
    results = {crypt_under(child, depth + 1) for child in below}
    if Crypt.YES in results:
        return Crypt.YES
    return Crypt.UNKNOWN if Crypt.UNKNOWN in results else Crypt.NO


def crypt_of_mount(machine: Machine, mount: Mount) -> Crypt:
    if mount.fstype in ENCRYPTED_FILESYSTEMS:
        return Crypt.YES
    device = _device_dir(machine, mount)
    return Crypt.UNKNOWN if device is None else crypt_under(device)
