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
SERVICES = ("ufw", "firewalld", "nftables")


class FirewallProbe(Probe):
    name = "firewall"
    topic = N_("the firewall")
    commands = tuple(("systemctl", "is-active", f"{s}.service") for s in SERVICES)
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
