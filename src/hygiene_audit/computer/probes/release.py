"""The operating system still gets security updates: /etc/os-release against the vendors'
end-of-life dates shipped in ``data/os_support.toml`` (with the date they were checked)."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.osrelease import os_release
from hygiene_audit.computer.probe import Outcome, Probe, ProbeAnswer
from hygiene_audit.i18n import N_, _
from hygiene_audit.plugin import FindingSpec, Severity

FRESH_DAYS = 180  # how long "no end announced" is believed
# The release's own number as the data lists it: Mint and Fedora by major version.
BY_MAJOR = frozenset({"linuxmint", "fedora", "debian", "macos"})
UPGRADE_STEPS = {
    "debian": N_(
        "Upgrade to the current Debian release: https://www.debian.org/releases/stable/"
        "releasenotes (chapter 'Upgrades from Debian …')."
    ),
    "ubuntu": N_(
        "Software Updater → Settings → Updates → 'Notify me of a new Ubuntu version', or run "
        "'sudo do-release-upgrade'."
    ),
    "linuxmint": N_(
        "Update Manager → Edit → 'Upgrade to Linux Mint …' (read Mint's upgrade guide first)."
    ),
    "fedora": N_(
        "GNOME Software → Updates offers the next Fedora release; or 'sudo dnf system-upgrade' "
        "(Fedora's upgrade guide)."
    ),
}


@cache
def support_data() -> dict[str, Any]:
    text = resources.files("hygiene_audit.data").joinpath("os_support.toml").read_text("utf-8")
    return tomllib.loads(text)


def end_of_support(system: str, version: str) -> tuple[bool, date | None, str]:
    """(listed, end date or None when none was announced, the vendor's page)."""
    data = support_data()
    entry = data.get(system)
    if entry is None:
        return False, None, ""
    key = version.split(".")[0] if system in BY_MAJOR else version
    for release in entry["releases"]:
        if release["version"] == key:
            return True, release.get("end"), entry["source"]
    return False, None, entry["source"]


class SupportedReleaseProbe(Probe):
    name = "supported_release"
    topic = N_("a supported system")
    files = ("/etc/os-release", "/usr/lib/os-release")
    spec = FindingSpec(
        code="HA-D006",
        severity=Severity.HIGH,
        title=N_("This system no longer gets security updates"),
        remediation=(
            N_(
                "Every hole found after its end of support stays open for good, and the tools "
                "that exploit them are sold and shared. Upgrade to a supported release."
            ),
        ),
    )

    def probe(self, machine: Machine) -> ProbeAnswer:
        release = os_release(machine)
        if release is None:
            return self.answer(Outcome.UNDETERMINED, _("/etc/os-release could not be read"))
        as_of = support_data()["as_of"]
        listed, end, source = end_of_support(release.id, release.version_id)
        if not listed:
            return self.answer(
                Outcome.UNDETERMINED,
                _("{system} is not in the tool's list of releases (dated {date})").format(
                    system=release.pretty, date=as_of.isoformat()
                ),
                references=(source,) if source else (),
            )
        refs = (source,)
        if end is not None and end < machine.today:
            step = UPGRADE_STEPS.get(release.id)
            return self.answer(
                Outcome.NO,
                _("{system}: security support ended on {end}").format(
                    system=release.pretty, end=end.isoformat()
                ),
                steps=(_(step),) if step else (),
                references=refs,
            )
        if end is None and (machine.today - as_of).days > FRESH_DAYS:
            return self.answer(
                Outcome.UNDETERMINED,
                _(
                    "{system}: no end of support was announced when the tool's list was made "
                    "({date}), too long ago to tell now"
                ).format(system=release.pretty, date=as_of.isoformat()),
                references=refs,
            )
        if end is None:
            detail = _("{system}: no end of support announced (list dated {date})").format(
                system=release.pretty, date=as_of.isoformat()
            )
        else:
            detail = _("{system}: supported until {end} (list dated {date})").format(
                system=release.pretty, end=end.isoformat(), date=as_of.isoformat()
            )
        return self.answer(Outcome.YES, detail, references=refs)
