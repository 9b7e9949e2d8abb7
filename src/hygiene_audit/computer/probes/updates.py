"""Security updates installed automatically: unattended-upgrades (Debian, Ubuntu, Mint) or
dnf-automatic (Fedora), from the package manager's own configuration."""

from __future__ import annotations

import re

from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.osrelease import os_release
from hygiene_audit.computer.probe import Outcome, Probe, ProbeAnswer
from hygiene_audit.computer.runner import CommandUnavailable
from hygiene_audit.i18n import N_, _
from hygiene_audit.plugin import FindingSpec, Severity

URL_DEBIAN = "https://wiki.debian.org/UnattendedUpgrades"
URL_UBUNTU = "https://documentation.ubuntu.com/server/how-to/software/automatic-updates/"
URL_FEDORA = "https://dnf.readthedocs.io/en/latest/automatic.html"
DNF_TIMERS = ("dnf-automatic.timer", "dnf-automatic-install.timer", "dnf5-automatic.timer")


class AutomaticUpdatesProbe(Probe):
    name = "automatic_updates"
    topic = N_("automatic updates")
    commands = (("apt-config", "dump"), *(("systemctl", "is-enabled", t) for t in DNF_TIMERS))
    files = (
        "/etc/os-release",
        "/usr/bin/unattended-upgrade",
        "/etc/dnf/automatic.conf",
        "/etc/dnf/dnf5-plugins/automatic.conf",
    )
    spec = FindingSpec(
        code="HA-D005",
        severity=Severity.HIGH,
        title=N_("Security updates are not installed automatically"),
        remediation=(
            N_(
                "Spyware sold to governments uses holes that were fixed weeks before: a system "
                "that installs security updates by itself closes them without waiting for you."
            ),
        ),
        references=(URL_DEBIAN, URL_UBUNTU, URL_FEDORA),
    )

    def probe(self, machine: Machine) -> ProbeAnswer:
        release = os_release(machine)
        family = release.family if release else ""
        if family == "debian":
            return self._apt(machine)
        if family == "fedora":
            return self._dnf(machine)
        return self.answer(
            Outcome.UNDETERMINED,
            _("the probe knows apt (Debian, Ubuntu, Mint) and dnf (Fedora) only"),
        )

    def _apt(self, machine: Machine) -> ProbeAnswer:
        steps = (
            _(
                "sudo apt install unattended-upgrades && sudo dpkg-reconfigure -plow "
                "unattended-upgrades (answer Yes); Ubuntu and Mint: also Software & Updates → "
                "Updates → 'When there are security updates: Download and install "
                "automatically'."
            ),
        )
        if not machine.path("/usr/bin/unattended-upgrade").exists():
            return self.answer(Outcome.NO, _("unattended-upgrades is not installed"), steps)
        try:
            result = machine.run(("apt-config", "dump"))
        except CommandUnavailable as exc:
            return self.answer(Outcome.UNDETERMINED, str(exc))
        if result.returncode != 0:
            return self.answer(Outcome.UNDETERMINED, _("apt-config could not read apt's settings"))
        values = re.findall(r'(?m)^APT::Periodic::Unattended-Upgrade "([^"]*)";', result.stdout)
        if not values:
            return self.answer(
                Outcome.NO, _("unattended-upgrades is installed but not switched on"), steps
            )
        if values[-1].strip() in ("", "0", "false", "no"):
            return self.answer(
                Outcome.NO,
                _('APT::Periodic::Unattended-Upgrade is "{value}": off').format(value=values[-1]),
                steps,
            )
        return self.answer(Outcome.YES, _("unattended-upgrades installs security updates"))

    def _dnf(self, machine: Machine) -> ProbeAnswer:
        steps = (
            _(
                "sudo dnf install dnf-automatic, set apply_updates = yes (and upgrade_type = "
                "security) in /etc/dnf/automatic.conf, then sudo systemctl enable --now "
                "dnf-automatic.timer."
            ),
        )
        enabled = []
        for timer in DNF_TIMERS:
            try:
                result = machine.run(("systemctl", "is-enabled", timer))
            except CommandUnavailable as exc:
                return self.answer(Outcome.UNDETERMINED, str(exc))
            if result.returncode == 0 and result.stdout.strip() in ("enabled", "static"):
                enabled.append(timer)
        if not enabled:
            return self.answer(Outcome.NO, _("No dnf-automatic timer is enabled"), steps)
        if "dnf-automatic-install.timer" in enabled:
            return self.answer(Outcome.YES, _("dnf-automatic-install.timer installs updates"))
        conf = (machine.read("/etc/dnf/automatic.conf") or "") + (
            machine.read("/etc/dnf/dnf5-plugins/automatic.conf") or ""
        )
        applies = re.findall(r"(?m)^\s*apply_updates\s*=\s*(\S+)", conf)
        if applies and applies[-1].lower() in ("yes", "true", "1", "on"):
            return self.answer(Outcome.YES, _("dnf-automatic installs updates"))
        return self.answer(
            Outcome.NO, _("dnf-automatic only downloads updates (apply_updates is off)"), steps
        )
