"""Disk encryption of the system volume (/) and the home directory: a dm-crypt (LUKS) device
under the filesystem that holds each, from mountinfo and sysfs."""

from __future__ import annotations

from hygiene_audit.computer.blockdev import NO_DEVICE, Crypt, crypt_of_mount, mount_of, mounts
from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.probe import Outcome, Probe, ProbeAnswer
from hygiene_audit.computer.runner import CommandUnavailable
from hygiene_audit.i18n import N_, _
from hygiene_audit.plugin import FindingSpec, Severity

URL_LUKS = "https://help.ubuntu.com/community/Full_Disk_Encryption_Howto_2019"
URL_FEDORA = "https://docs.fedoraproject.org/en-US/quick-docs/encrypting-drives-using-LUKS/"
URL_FILEVAULT = (
    "https://support.apple.com/guide/mac-help/protect-data-on-your-mac-with-filevault-mh11785/mac"
)
URL_BITLOCKER = "https://support.microsoft.com/en-us/windows/device-encryption-in-windows-cf7e2b6f-3e70-4882-9532-18633605b7df"


class DiskEncryptionProbe(Probe):
    name = "disk_encryption"
    topic = N_("disk encryption")
    files = ("/proc/self/mountinfo", "/sys/dev/block/*/{dm/uuid,slaves,partition}")
    commands = (("fdesetup", "status"),)
    systems = frozenset({"linux", "darwin", "win32"})
    spec = FindingSpec(
        code="HA-D001",
        severity=Severity.CRITICAL,
        title=N_("This computer's disk is not encrypted"),
        remediation=(
            N_(
                "Whoever holds the laptop (a seizure, a theft, a border check) can read every "
                "file, browser session and saved password on it without your password."
            ),
        ),
        references=(URL_LUKS, URL_FEDORA),
    )

    def probe(self, machine: Machine) -> ProbeAnswer:
        if machine.system == "darwin":
            return self._filevault(machine)
        if machine.system == "win32":
            return self.answer(
                Outcome.UNDETERMINED,
                _(
                    "BitLocker's state can be read only with admin rights (manage-bde, "
                    "Get-BitLockerVolume)"
                ),
                steps=(
                    _(
                        "Look yourself: Settings → Privacy & security → Device encryption "
                        "(Windows Home), or Control Panel → BitLocker Drive Encryption (Pro): "
                        "it should say On for the C: drive."
                    ),
                ),
                references=(URL_BITLOCKER,),
            )
        return self._linux(machine)

    def _filevault(self, machine: Machine) -> ProbeAnswer:
        """``fdesetup status`` (no admin rights needed): "FileVault is On." / "Off."."""
        try:
            result = machine.run(("fdesetup", "status"))
        except CommandUnavailable as exc:
            return self.answer(Outcome.UNDETERMINED, str(exc))
        first = result.stdout.strip().splitlines()[0] if result.stdout.strip() else ""
        if result.returncode == 0 and first == "FileVault is On.":
            return self.answer(Outcome.YES, _("FileVault is on"))
        if result.returncode == 0 and first == "FileVault is Off.":
            return self.answer(
                Outcome.NO,
                _("FileVault is off"),
                steps=(
                    _(
                        "System Settings → Privacy & Security → FileVault → Turn On; keep the "
                        "recovery key offline, not in your iCloud account if it may be seized "
                        "or asked for."
                    ),
                ),
                references=(URL_FILEVAULT,),
            )
        return self.answer(
            Outcome.UNDETERMINED,
            _("fdesetup said: {answer}").format(answer=first[:120] or "—"),
            references=(URL_FILEVAULT,),
        )

    def _linux(self, machine: Machine) -> ProbeAnswer:
        table = mounts(machine)
        if table is None:
            return self.answer(Outcome.UNDETERMINED, _("/proc/self/mountinfo could not be read"))
        places = [("/", _("the system volume (/)"))]
        if machine.home not in ("", "/"):
            places.append((machine.home, _("your home folder")))
        seen: dict[str, Crypt] = {}
        plain, unknown = [], []
        for path, label in places:
            mount = mount_of(table, path)
            if mount is None:
                unknown.append(_("{what}: no filesystem holds it").format(what=label))
                continue
            if mount.mountpoint not in seen:
                seen[mount.mountpoint] = crypt_of_mount(machine, mount)
            result = seen[mount.mountpoint]
            if result is Crypt.NO:
                plain.append(label)
            elif result is Crypt.UNKNOWN:
                why = (
                    _("a {fstype} filesystem (a container, a live system or a network share?)")
                    if mount.fstype in NO_DEVICE
                    else _("a {fstype} filesystem whose device could not be traced")
                ).format(fstype=mount.fstype)
                unknown.append(f"{label}: {why}")
        if plain:
            return self.answer(
                Outcome.NO,
                _("No LUKS (dm-crypt) device lies under {places}").format(places=", ".join(plain)),
                steps=(
                    _(
                        "A system volume is encrypted when it is installed: back up your files, "
                        "reinstall and tick 'Encrypt the new installation' (Ubuntu: Advanced "
                        "features → Use LVM and encryption; Fedora: Encrypt my data; Debian: "
                        "Guided – use entire disk and set up encrypted LVM), then restore."
                    ),
                    _("Check afterwards with: lsblk -f (the disk shows crypto_LUKS)."),
                ),
            )
        if unknown:
            return self.answer(Outcome.UNDETERMINED, "; ".join(unknown))
        return self.answer(
            Outcome.YES,
            _("A LUKS (dm-crypt) device lies under {places}").format(
                places=", ".join(label for _path, label in places)
            ),
        )
