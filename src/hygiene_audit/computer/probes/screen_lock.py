"""The screen locks itself when the computer is left idle: GNOME and Cinnamon (gsettings),
KDE Plasma (kscreenlockerrc), Xfce (xfce4-screensaver's xfconf channel)."""

from __future__ import annotations

import configparser
import re

from defusedxml import DefusedXmlException, ElementTree

from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.probe import Outcome, Probe, ProbeAnswer
from hygiene_audit.computer.runner import CommandUnavailable
from hygiene_audit.i18n import N_, _
from hygiene_audit.plugin import FindingSpec, Severity

URL_GNOME = "https://help.gnome.org/users/gnome-help/stable/privacy-screen-lock.html"
URL_KDE = "https://userbase.kde.org/System_Settings/Screen_Locking"
URL_XFCE = "https://docs.xfce.org/apps/xfce4-screensaver/start"
LONGEST_IDLE = 10 * 60  # seconds: a longer wait is a laptop left open for the taking
GNOME_LIKE = {"gnome": "org.gnome", "unity": "org.gnome", "cinnamon": "org.cinnamon"}
XFCE_CHANNEL = "/.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml"


def _gvariant_number(text: str) -> int | None:
    match = re.fullmatch(r"(?:u?int32 )?(\d+)", text.strip())
    return int(match.group(1)) if match else None


class ScreenLockProbe(Probe):
    name = "screen_lock"
    topic = N_("the screen lock")
    commands = tuple(
        ("gsettings", "get", f"{prefix}.desktop.{schema}", key)
        for prefix in ("org.gnome", "org.cinnamon")
        for schema, key in (
            ("screensaver", "lock-enabled"),
            ("screensaver", "lock-delay"),
            ("session", "idle-delay"),
        )
    )
    files = ("~/.config/kscreenlockerrc", "~" + XFCE_CHANNEL)
    spec = FindingSpec(
        code="HA-D004",
        severity=Severity.HIGH,
        title=N_("The screen does not lock itself when you leave the computer"),
        remediation=(
            N_(
                "A laptop taken from the table while open (the usual way a seized one is "
                "taken) gives its taker everything that is logged in. Lock it on idle within "
                "a few minutes, and lock it yourself when you stand up (Super+L, Ctrl+Alt+L)."
            ),
        ),
        references=(URL_GNOME, URL_KDE, URL_XFCE),
    )

    def probe(self, machine: Machine) -> ProbeAnswer:
        desktops = [d.strip().lower() for d in machine.desktop.split(":") if d.strip()]
        for desktop in desktops:
            if desktop in GNOME_LIKE:
                return self._gsettings(machine, GNOME_LIKE[desktop])
            if desktop == "kde":
                return self._kde(machine)
            if desktop == "xfce":
                return self._xfce(machine)
        if not desktops:
            return self.answer(
                Outcome.UNDETERMINED,
                _("no desktop session was found (the audit runs outside one, e.g. over SSH)"),
            )
        return self.answer(
            Outcome.UNDETERMINED,
            _(
                "the desktop '{desktop}' is not one the probe knows (GNOME, KDE, Xfce, Cinnamon)"
            ).format(desktop=machine.desktop),
        )

    def _get(self, machine: Machine, prefix: str, schema: str, key: str) -> str:
        result = machine.run(("gsettings", "get", f"{prefix}.desktop.{schema}", key))
        if result.returncode != 0 or "memory' GSettings backend" in result.stderr:
            raise CommandUnavailable(
                _("gsettings could not read {schema} {key}").format(
                    schema=f"{prefix}.desktop.{schema}", key=key
                )
            )
        return result.stdout.strip()

    def _gsettings(self, machine: Machine, prefix: str) -> ProbeAnswer:
        where = (
            _("Settings → Privacy & Security → Screen Lock")
            if prefix == "org.gnome"
            else _("System Settings → Screensaver")
        )
        try:
            enabled = self._get(machine, prefix, "screensaver", "lock-enabled")
            idle = _gvariant_number(self._get(machine, prefix, "session", "idle-delay"))
            delay = _gvariant_number(self._get(machine, prefix, "screensaver", "lock-delay"))
        except CommandUnavailable as exc:
            return self.answer(Outcome.UNDETERMINED, str(exc))
        if enabled not in ("true", "false") or idle is None or delay is None:
            return self.answer(Outcome.UNDETERMINED, _("gsettings gave an answer not understood"))
        steps = (
            _(
                "{where}: turn on Automatic Screen Lock, set the blank screen delay to 5 "
                "minutes or less and the lock delay to 'Screen Turns Off'."
            ).format(where=where),
        )
        if enabled == "false":
            return self.answer(Outcome.NO, _("The automatic screen lock is off"), steps)
        if idle == 0:
            return self.answer(
                Outcome.NO, _("The screen never blanks, so it never locks on idle"), steps
            )
        wait = idle + delay
        if wait > LONGEST_IDLE:
            return self.answer(
                Outcome.NO,
                _("The screen locks only after {minutes} minutes idle").format(minutes=wait // 60),
                steps,
            )
        return self.answer(
            Outcome.YES,
            _("The screen locks after {seconds} s idle").format(seconds=wait),
        )

    def _kde(self, machine: Machine) -> ProbeAnswer:
        steps = (
            _(
                "System Settings → Screen Locking: tick 'Lock screen automatically after' 5 "
                "minutes or less, and 'after waking from sleep'."
            ),
        )
        text = machine.read(machine.home + "/.config/kscreenlockerrc")
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(text or "")
        except configparser.Error:
            return self.answer(Outcome.UNDETERMINED, _("kscreenlockerrc could not be read"))
        # KDE's defaults (kscreenlocker's kscreensaversettings.kcfg): Autolock true, 5 min.
        autolock = parser.get("Daemon", "Autolock", fallback="true").strip().lower()
        timeout = parser.get("Daemon", "Timeout", fallback="5").strip()
        if autolock == "false":
            return self.answer(Outcome.NO, _("The automatic screen lock is off"), steps)
        if autolock != "true" or not timeout.isdigit():
            return self.answer(Outcome.UNDETERMINED, _("kscreenlockerrc could not be read"))
        if int(timeout) * 60 > LONGEST_IDLE or int(timeout) == 0:
            return self.answer(
                Outcome.NO,
                _("The screen locks only after {minutes} minutes idle").format(minutes=timeout),
                steps,
            )
        return self.answer(
            Outcome.YES, _("The screen locks after {minutes} minutes idle").format(minutes=timeout)
        )

    def _xfce(self, machine: Machine) -> ProbeAnswer:
        text = machine.read(machine.home + XFCE_CHANNEL)
        if text is None:
            return self.answer(
                Outcome.UNDETERMINED,
                _(
                    "Xfce's screen lock depends on the locker installed, and "
                    "xfce4-screensaver has no settings saved: look in Settings → Screensaver"
                ),
            )
        try:
            root = ElementTree.fromstring(text)
        except (ElementTree.ParseError, DefusedXmlException):
            return self.answer(Outcome.UNDETERMINED, _("xfce4-screensaver.xml could not be read"))
        values = {}
        for group in root.findall("property"):
            for prop in group.findall("property"):
                values[f"{group.get('name')}/{prop.get('name')}"] = prop.get("value", "")
        steps = (_("Settings → Screensaver → Lock Screen: turn on 'Enable Lock Screen'."),)
        if values.get("lock/enabled") == "false" or values.get("saver/enabled") == "false":
            return self.answer(Outcome.NO, _("The automatic screen lock is off"), steps)
        if values.get("lock/enabled") == "true":
            return self.answer(Outcome.YES, _("xfce4-screensaver locks the screen"))
        return self.answer(Outcome.UNDETERMINED, _("xfce4-screensaver's lock setting is not saved"))
