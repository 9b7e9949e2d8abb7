"""Swap: absent, in memory (zram), or on an encrypted device. Memory written to a plain swap
partition or file (passwords, pages you read) stays on the disk after shutdown."""

from __future__ import annotations

from pathlib import Path

from hygiene_audit.computer.blockdev import (
    Crypt,
    crypt_of_mount,
    crypt_under,
    device_dir_by_name,
    mount_of,
    mounts,
)
from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.probe import Outcome, Probe, ProbeAnswer
from hygiene_audit.i18n import N_, _
from hygiene_audit.plugin import FindingSpec, Severity

URL_SWAP = "https://wiki.archlinux.org/title/Dm-crypt/Swap_encryption"


class SwapProbe(Probe):
    name = "swap"
    topic = N_("swap encryption")
    files = ("/proc/swaps", "/proc/self/mountinfo", "/sys/class/block/*")
    spec = FindingSpec(
        code="HA-D002",
        severity=Severity.HIGH,
        title=N_("Swap space is not encrypted"),
        remediation=(
            N_(
                "What the system moves out of memory (open documents, passwords a program "
                "held) is written to the swap in the clear and stays there after shutdown."
            ),
        ),
        references=(URL_SWAP,),
    )

    def _crypt(self, machine: Machine, filename: str, kind: str) -> Crypt:
        if kind == "partition":
            name = Path(filename).name
            if name.startswith("zram"):
                return Crypt.YES  # compressed memory, never on a disk
            device = device_dir_by_name(machine, name)
            return Crypt.UNKNOWN if device is None else crypt_under(device)
        table = mounts(machine)
        mount = mount_of(table, filename) if table else None
        return Crypt.UNKNOWN if mount is None else crypt_of_mount(machine, mount)

    def probe(self, machine: Machine) -> ProbeAnswer:
        text = machine.read("/proc/swaps")
        if text is None:
            return self.answer(Outcome.UNDETERMINED, _("/proc/swaps could not be read"))
        areas = [line.split() for line in text.splitlines()[1:] if line.strip()]
        if not areas:
            return self.answer(Outcome.YES, _("No swap is in use"))
        plain, unknown = [], []
        for fields in areas:
            filename = fields[0].replace("\\040", " ")
            kind = fields[1] if len(fields) > 1 else ""
            result = self._crypt(machine, filename, kind)
            if result is Crypt.NO:
                plain.append(filename)
            elif result is Crypt.UNKNOWN:
                unknown.append(filename)
        if plain:
            return self.answer(
                Outcome.NO,
                _("Swap on {areas} has no LUKS (dm-crypt) device under it").format(
                    areas=", ".join(plain)
                ),
                steps=(
                    _(
                        "Turn it off now with 'sudo swapoff -a' and remove its line from "
                        "/etc/fstab, or use zram instead (Debian/Ubuntu: sudo apt install "
                        "systemd-zram-generator); an encrypted installation puts swap inside "
                        "LUKS."
                    ),
                ),
            )
        if unknown:
            return self.answer(
                Outcome.UNDETERMINED,
                _("The device under the swap on {areas} could not be traced").format(
                    areas=", ".join(unknown)
                ),
            )
        return self.answer(Outcome.YES, _("Swap is encrypted or in memory (zram)"))
