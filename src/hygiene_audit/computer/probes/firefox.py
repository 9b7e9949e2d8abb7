"""Firefox profiles that keep saved passwords (a ``logins.json`` beside ``key4.db``). Only
whether those files exist is looked at; nothing in them is read. Whether a primary password
protects them cannot be told without it, so a profile with saved passwords is "not
determined", with where to look."""

from __future__ import annotations

import configparser
from pathlib import PurePosixPath

from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.probe import Outcome, Probe, ProbeAnswer
from hygiene_audit.i18n import N_, _
from hygiene_audit.plugin import FindingSpec, Severity

URL_PRIMARY = "https://support.mozilla.org/kb/use-primary-password-protect-stored-logins-and-pass"
FIREFOX_DIRS = (
    ".mozilla/firefox",
    "snap/firefox/common/.mozilla/firefox",
    ".var/app/org.mozilla.firefox/.mozilla/firefox",
)
LOOK = N_(
    "Firefox: Settings → Privacy & Security → Logins and Passwords: tick 'Use a primary "
    "password' (if it is ticked already, one is set), or remove the saved logins there and use "
    "your password manager."
)


class FirefoxPrimaryPasswordProbe(Probe):
    name = "firefox_primary_password"
    topic = N_("Firefox's saved passwords")
    files = tuple(f"~/{d}/{{profiles.ini,*/logins.json}}" for d in FIREFOX_DIRS)
    spec = FindingSpec(
        code="HA-D008",
        severity=Severity.HIGH,
        title=N_("Firefox keeps saved passwords without a primary password"),
        remediation=(
            N_(
                "Without a primary password, anyone who copies the Firefox profile reads "
                "every saved password in it."
            ),
        ),
        references=(URL_PRIMARY,),
    )

    def _profiles(self, machine: Machine, base: str) -> list[str]:
        text = machine.read(f"{base}/profiles.ini")
        if text is None:
            return []
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(text)
        except configparser.Error:
            return []
        found = []
        for section in parser.sections():
            path = parser.get(section, "Path", fallback="")
            if not section.startswith("Profile") or not path:
                continue
            relative = parser.get(section, "IsRelative", fallback="1").strip() == "1"
            if relative and ".." in PurePosixPath(path).parts:
                continue
            found.append(f"{base}/{path}" if relative else path)
        return found

    def probe(self, machine: Machine) -> ProbeAnswer:
        if not machine.path(machine.home).is_dir():
            return self.answer(
                Outcome.UNDETERMINED,
                _("your home folder could not be read"),
            )
        profiles = [
            profile
            for base in FIREFOX_DIRS
            for profile in self._profiles(machine, f"{machine.home}/{base}")
        ]
        if not profiles:
            return self.answer(Outcome.YES, _("No Firefox profile was found"))
        with_logins = [p for p in profiles if machine.path(p + "/logins.json").is_file()]
        if not with_logins:
            return self.answer(Outcome.YES, _("No Firefox profile keeps saved passwords"))
        names = ", ".join(PurePosixPath(p).name for p in with_logins)
        return self.answer(
            Outcome.UNDETERMINED,
            _(
                "Firefox keeps saved passwords in {profiles}; whether a primary password "
                "protects them cannot be told without it"
            ).format(profiles=names),
            steps=(_(LOOK),),
        )
