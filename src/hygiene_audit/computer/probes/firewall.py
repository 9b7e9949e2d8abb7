"""A firewall service running: ufw, firewalld or nftables, from systemd (``systemctl
is-active`` needs no root; reading the rules themselves would)."""

from __future__ import annotations

import re

from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.probe import Outcome, Probe, ProbeAnswer
from hygiene_audit.computer.runner import CommandUnavailable
from hygiene_audit.i18n import N_, _
from hygiene_audit.plugin import FindingSpec, Severity

URL_UFW = "https://help.ubuntu.com/community/UFW"
URL_FIREWALLD = "https://firewalld.org/documentation/"
URL_MAC = "https://support.apple.com/guide/mac-help/block-connections-to-your-mac-with-a-firewall-mh34041/mac"
URL_WINDOWS = "https://support.microsoft.com/en-us/windows/firewall-and-network-protection-in-the-windows-security-app-ec0844f7-aebd-0583-67fe-601ecf5d774f"
SERVICES = ("ufw", "firewalld", "nftables")
SOCKETFILTERFW = ("/usr/libexec/ApplicationFirewall/socketfilterfw", "--getglobalstate")
NETSH = ("netsh", "advfirewall", "show", "allprofiles", "state")


class FirewallProbe(Probe):
    name = "firewall"
    topic = N_("the firewall")
    commands = (
        *(("systemctl", "is-active", f"{s}.service") for s in SERVICES),
        SOCKETFILTERFW,
        NETSH,
    )
    systems = frozenset({"linux", "darwin", "win32"})
    files = ("/run/systemd/system", "/etc/ufw/ufw.conf")
    spec = FindingSpec(
        code="HA-D003",
        severity=Severity.MEDIUM,
        title=N_("No firewall is running on this computer"),
        remediation=(
            N_(
                "On a café or hotel network, a service that listens on this computer can be "
                "reached by everyone there; a firewall that refuses incoming connections "
                "closes them all at once."
            ),
        ),
        references=(URL_UFW, URL_FIREWALLD),
    )

    def probe(self, machine: Machine) -> ProbeAnswer:
        if machine.system == "darwin":
            return self._mac(machine)
        if machine.system == "win32":
            return self._windows(machine)
        return self._linux(machine)

    def _mac(self, machine: Machine) -> ProbeAnswer:
        """ "Firewall is enabled. (State = 1)", "… (State = 2)" (block all) or "disabled"."""
        try:
            result = machine.run(SOCKETFILTERFW)
        except CommandUnavailable as exc:
            return self.answer(Outcome.UNDETERMINED, str(exc))
        state = re.search(r"State = (\d)", result.stdout)
        if state is None or result.returncode != 0:
            return self.answer(Outcome.UNDETERMINED, _("socketfilterfw gave no state"))
        if state.group(1) in ("1", "2"):
            return self.answer(Outcome.YES, _("The macOS firewall is on"))
        return self.answer(
            Outcome.NO,
            _("The macOS firewall is off"),
            steps=(_("System Settings → Network → Firewall: turn it on."),),
            references=(URL_MAC,),
        )

    def _windows(self, machine: Machine) -> ProbeAnswer:
        """Each profile's block of ``netsh advfirewall show allprofiles state``: a
        "Domain/Private/Public Profile Settings:" line, dashes, then "State  ON|OFF"."""
        try:
            result = machine.run(NETSH)
        except CommandUnavailable as exc:
            return self.answer(Outcome.UNDETERMINED, str(exc))
        profiles = re.findall(
            r"(?m)^(\w+) Profile Settings:\s*\n-+\s*\nState\s+(ON|OFF)\s*$",
            result.stdout.replace("\r\n", "\n"),
        )
        if result.returncode != 0 or len(profiles) != 3:
            return self.answer(
                Outcome.UNDETERMINED,
                _("netsh did not list the three firewall profiles (another language?)"),
            )
        off = [name for name, state in profiles if state == "OFF"]
        if off:
            return self.answer(
                Outcome.NO,
                _("Windows Defender Firewall is off for: {profiles}").format(
                    profiles=", ".join(off)
                ),
                steps=(
                    _(
                        "Windows Security → Firewall & network protection: turn Microsoft "
                        "Defender Firewall on for each network profile."
                    ),
                ),
                references=(URL_WINDOWS,),
            )
        return self.answer(Outcome.YES, _("Windows Defender Firewall is on for every profile"))

    def _linux(self, machine: Machine) -> ProbeAnswer:
        if not machine.path("/run/systemd/system").is_dir():
            return self.answer(
                Outcome.UNDETERMINED,
                _(
                    "this system does not run systemd, and the firewall's rules cannot be "
                    "read without admin rights"
                ),
            )
        active = []
        for service in SERVICES:
            try:
                result = machine.run(("systemctl", "is-active", f"{service}.service"))
            except CommandUnavailable as exc:
                return self.answer(Outcome.UNDETERMINED, str(exc))
            state = result.stdout.strip()
            if result.returncode == 0 and state == "active":
                active.append(service)
            elif state not in ("inactive", "failed", "unknown", "dead"):
                return self.answer(
                    Outcome.UNDETERMINED,
                    _("systemd did not say whether {service} runs").format(service=service),
                )
        if "ufw" in active:
            conf = machine.read("/etc/ufw/ufw.conf") or ""
            if re.search(r"(?m)^\s*ENABLED\s*=\s*no\b", conf):
                active.remove("ufw")  # the service runs, the firewall was switched off
        if active:
            return self.answer(
                Outcome.YES,
                _("Running: {services} (its rules need admin rights to read)").format(
                    services=", ".join(active)
                ),
            )
        return self.answer(
            Outcome.NO,
            _(
                "None of ufw, firewalld or nftables runs (rules loaded some other way cannot "
                "be read without admin rights)"
            ),
            steps=(
                _(
                    "Ubuntu, Debian, Mint: sudo apt install ufw && sudo ufw enable (or the "
                    "'Firewall Configuration' app, gufw). Fedora: sudo systemctl enable --now "
                    "firewalld."
                ),
            ),
        )
