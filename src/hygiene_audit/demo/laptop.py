"""Ilsa's laptop, as the HA-D probes see it: the real probes run on a small tree of the files
her Ubuntu 22.04 would show (written to a temporary folder and removed at once) and on the
recorded answers of her commands. The trainer's own computer is never looked at."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from hygiene_audit.computer.answers import ProbeAnswer
from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.run import run_probes
from hygiene_audit.computer.runner import CommandResult, CommandUnavailable, check_declared
from hygiene_audit.footprint.clocks import LocalClock

HOME = "/home/ilsa"
TODAY = date(2026, 12, 1)  # the demo's report is the same on every run
OS_RELEASE = (
    'PRETTY_NAME="Ubuntu 22.04.5 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\n'
    'VERSION="22.04.5 LTS (Jammy Jellyfish)"\nID=ubuntu\nID_LIKE=debian\n'
)
MOUNTINFO = "29 1 252:1 / / rw,relatime shared:1 - ext4 /dev/mapper/vgubuntu-root rw\n"
SWAPS = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/swap.img file 2097148 0 -2\n"
TCP = (
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid\n"
    "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0\n"
    "   1: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0\n"
)
PROFILES = "[Profile0]\nName=default-release\nIsRelative=1\nPath=k2x9w1aa.default-release\n"
RECORDED = {
    ("gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled"): "true\n",
    ("gsettings", "get", "org.gnome.desktop.session", "idle-delay"): "uint32 900\n",
    ("gsettings", "get", "org.gnome.desktop.screensaver", "lock-delay"): "uint32 0\n",
    ("systemctl", "is-active", "ufw.service"): "inactive\n",
    ("systemctl", "is-active", "firewalld.service"): "inactive\n",
    ("systemctl", "is-active", "nftables.service"): "inactive\n",
    ("apt-config", "dump"): 'APT::Periodic::Unattended-Upgrade "1";\n',
}


def _recorded(argv: tuple[str, ...], timeout: float) -> CommandResult:
    check_declared(argv)
    if argv not in RECORDED:
        raise CommandUnavailable(f"'{argv[0]}' is not installed")
    out = RECORDED[argv]
    return CommandResult(0 if out.strip() not in ("inactive",) else 3, out, "")


def _write(root: Path, path: str, text: str = "") -> None:
    target = root / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)


def _device(root: Path, folder: str, number: str, name: str, uuid: str = "") -> Path:
    device = root / folder
    (device / "slaves").mkdir(parents=True)
    if uuid:
        _write(device, "dm/uuid", uuid + "\n")
    for link in (f"sys/dev/block/{number}", f"sys/class/block/{name}"):
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(os.path.relpath(device, (root / link).parent), root / link)
    return device


def _tree(root: Path) -> None:
    """nvme0n1p3 → LUKS (dm-0) → LVM root (dm-1): Ubuntu's "Use LVM and encryption"."""
    disk = _device(root, "sys/devices/pci0000:00/nvme/block/nvme0n1", "259:0", "nvme0n1")
    part = _device(
        root, "sys/devices/pci0000:00/nvme/block/nvme0n1/nvme0n1p3", "259:3", "nvme0n1p3"
    )
    _write(part, "partition", "3\n")
    crypt = _device(
        root, "sys/devices/virtual/block/dm-0", "252:0", "dm-0", "CRYPT-LUKS2-1f0e-dm_crypt-0"
    )
    lvm = _device(root, "sys/devices/virtual/block/dm-1", "252:1", "dm-1", "LVM-q3mAq3mA")
    os.symlink(os.path.relpath(part, crypt / "slaves"), crypt / "slaves" / "nvme0n1p3")
    os.symlink(os.path.relpath(crypt, lvm / "slaves"), lvm / "slaves" / "dm-0")
    del disk
    for path, text in (
        ("/proc/self/mountinfo", MOUNTINFO),
        ("/proc/swaps", SWAPS),
        ("/proc/net/tcp", TCP),
        ("/etc/os-release", OS_RELEASE),
        ("/usr/bin/unattended-upgrade", ""),
        (f"{HOME}/.mozilla/firefox/profiles.ini", PROFILES),
        (f"{HOME}/.mozilla/firefox/k2x9w1aa.default-release/logins.json", ""),
    ):
        _write(root, path, text)
    (root / "run/systemd/system").mkdir(parents=True)


def laptop() -> tuple[ProbeAnswer, ...]:
    with tempfile.TemporaryDirectory(prefix="hygiene-audit-demo-") as folder:
        root = Path(folder)
        _tree(root)
        machine = Machine(
            runner=_recorded, root=root, home=HOME, desktop="ubuntu:GNOME", today=TODAY
        )
        return run_probes(machine)


def clock() -> LocalClock:
    """Her laptop's clock: Europe/Tallinn (UTC+2, Europe's summer time)."""
    return LocalClock(2.0, "eu", "EET / EEST")
