"""A fake computer for the probes: a directory tree standing for ``/`` (sysfs links made
the way the kernel makes them) and a runner that answers recorded outputs and records every
command line it is asked to run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.runner import CommandResult, CommandUnavailable, check_declared

TODAY = date(2026, 12, 3)


@dataclass
class RecordingRunner:
    answers: dict[tuple[str, ...], CommandResult] = field(default_factory=dict)
    calls: list[tuple[str, ...]] = field(default_factory=list)

    def __call__(self, argv: tuple[str, ...], timeout: float) -> CommandResult:
        check_declared(argv)
        self.calls.append(argv)
        if argv not in self.answers:
            raise CommandUnavailable(f"'{argv[0]}' is not installed")
        return self.answers[argv]

    def answer(self, argv: str, stdout: str, returncode: int = 0, stderr: str = "") -> None:
        self.answers[tuple(argv.split())] = CommandResult(returncode, stdout, stderr)


class Tree:
    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, path: str, text: str) -> Path:
        target = self.root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        return target

    def link(self, path: str, to: str) -> None:
        target = self.root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(to)

    def block(
        self,
        name: str,
        number: str,
        *,
        partition_of: str | None = None,
        dm_uuid: str | None = None,
        slaves: tuple[str, ...] = (),
    ) -> None:
        """A block device as sysfs shows it: /sys/devices/…/block/NAME (a partition inside
        its disk's folder), /sys/dev/block/MAJ:MIN and /sys/class/block/NAME linking to it."""
        if partition_of is not None:
            device = self._device_of(partition_of) / name
        elif dm_uuid is not None:
            device = self.root / "sys/devices/virtual/block" / name
        else:
            device = self.root / "sys/devices/pci0000:00/0000:00:1d.0/nvme/block" / name
        device.mkdir(parents=True, exist_ok=True)
        (device / "dev").write_text(number + "\n")
        if partition_of is not None:
            (device / "partition").write_text("1\n")
        if dm_uuid is not None:
            (device / "dm").mkdir()
            (device / "dm" / "uuid").write_text(dm_uuid + "\n")
        (device / "slaves").mkdir(exist_ok=True)
        for slave in slaves:
            os.symlink(
                os.path.relpath(self._device_of(slave), device / "slaves"),
                device / "slaves" / slave,
            )
        for link in (f"sys/dev/block/{number}", f"sys/class/block/{name}"):
            target = self.root / link
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(os.path.relpath(device, target.parent), target)

    def _device_of(self, name: str) -> Path:
        return (self.root / "sys/class/block" / name).resolve()

    def mountinfo(self, *mounts: tuple[str, str, str, str]) -> None:
        """(MAJ:MIN, mount point, fstype, source), written as the kernel writes them."""
        lines = [
            f"{20 + i} 1 {number} / {point} rw,relatime shared:{i} - {fstype} {source} rw"
            for i, (number, point, fstype, source) in enumerate(mounts)
        ]
        self.write("/proc/self/mountinfo", "\n".join(lines) + "\n")


def machine(root: Path, runner: RecordingRunner | None = None, **kwargs: object) -> Machine:
    settings: dict[str, object] = {"home": "/home/ana", "today": TODAY, **kwargs}
    return Machine(runner=runner or RecordingRunner(), root=root, **settings)  # type: ignore[arg-type]
