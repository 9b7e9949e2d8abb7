"""One module per probe; :data:`PROBES` is every probe, in report order."""

from __future__ import annotations

from hygiene_audit.computer.probe import Probe
from hygiene_audit.computer.probes.disk import DiskEncryptionProbe
from hygiene_audit.computer.probes.firefox import FirefoxPrimaryPasswordProbe
from hygiene_audit.computer.probes.firewall import FirewallProbe
from hygiene_audit.computer.probes.listening import RemoteAccessProbe
from hygiene_audit.computer.probes.release import SupportedReleaseProbe
from hygiene_audit.computer.probes.screen_lock import ScreenLockProbe
from hygiene_audit.computer.probes.swap import SwapProbe
from hygiene_audit.computer.probes.updates import AutomaticUpdatesProbe

PROBES: tuple[Probe, ...] = (
    DiskEncryptionProbe(),
    SwapProbe(),
    ScreenLockProbe(),
    FirewallProbe(),
    AutomaticUpdatesProbe(),
    SupportedReleaseProbe(),
    RemoteAccessProbe(),
    FirefoxPrimaryPasswordProbe(),
)
