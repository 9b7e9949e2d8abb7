"""Remote login and sharing that other computers can reach: a listening TCP socket of SSH,
remote desktop, VNC, file sharing or FTP/Telnet on an address other than loopback, from
``/proc/net/tcp`` and ``/proc/net/tcp6`` (readable without root)."""

from __future__ import annotations

import ipaddress

from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.probe import Outcome, Probe, ProbeAnswer
from hygiene_audit.i18n import N_, _
from hygiene_audit.plugin import FindingSpec, Severity

URL_SSH = "https://ubuntu.com/server/docs/openssh-server"
URL_SHARING = "https://help.gnome.org/users/gnome-help/stable/sharing.html"
LISTEN = "0A"
SERVICES: dict[int, str] = {
    21: "FTP",
    22: "SSH",
    23: "Telnet",
    139: "SMB (NetBIOS)",
    445: "SMB (Windows file sharing, Samba)",
    548: "AFP (Apple file sharing)",
    2049: "NFS",
    3389: "RDP (remote desktop)",
    **{port: "VNC (screen sharing)" for port in range(5900, 5910)},
}


def _address(hex_address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The kernel prints each 32-bit word of an address in host (little-endian) order."""
    try:
        raw = bytes.fromhex(hex_address)
    except ValueError:
        return None
    if len(raw) not in (4, 16):
        return None
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    address = ipaddress.ip_address(words)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def listening(text: str) -> list[tuple[str, int]]:
    """(address, port) of every listening socket in one /proc/net/tcp{,6} table."""
    found = []
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 4 or fields[3] != LISTEN:
            continue
        host, _sep, port = fields[1].partition(":")
        address = _address(host)
        try:
            number = int(port, 16)
        except ValueError:
            continue
        if address is not None:
            found.append((str(address), number))
    return found


class RemoteAccessProbe(Probe):
    name = "remote_access"
    topic = N_("remote login and sharing")
    files = ("/proc/net/tcp", "/proc/net/tcp6")
    spec = FindingSpec(
        code="HA-D007",
        severity=Severity.MEDIUM,
        title=N_("Remote login or sharing is open to the network"),
        remediation=(
            N_(
                "Anyone on the same network (a café, a hotel, a protest's Wi-Fi) can try "
                "passwords on it or read what it shares. Switch off what you do not use; "
                "allow what you need only from trusted addresses."
            ),
        ),
        references=(URL_SSH, URL_SHARING),
    )

    def probe(self, machine: Machine) -> ProbeAnswer:
        tables = [machine.read(p) for p in ("/proc/net/tcp", "/proc/net/tcp6")]
        if tables[0] is None:
            return self.answer(Outcome.UNDETERMINED, _("/proc/net/tcp could not be read"))
        open_ports: dict[int, set[str]] = {}
        for table in tables:
            for address, port in listening(table or ""):
                if port in SERVICES and not ipaddress.ip_address(address).is_loopback:
                    open_ports.setdefault(port, set()).add(address)
        if not open_ports:
            return self.answer(
                Outcome.YES, _("No remote login or sharing listens beyond this computer")
            )
        listed = "; ".join(
            f"{SERVICES[port]}: {', '.join(sorted(addresses))} port {port}"
            for port, addresses in sorted(open_ports.items())
        )
        steps = []
        if 22 in open_ports:
            steps.append(
                _(
                    "SSH: if you do not log in to this computer from elsewhere, 'sudo systemctl "
                    "disable --now ssh' (Fedora: sshd); if you do, allow keys only "
                    "(PasswordAuthentication no in /etc/ssh/sshd_config)."
                )
            )
        if open_ports.keys() - {22}:
            steps.append(
                _(
                    "GNOME: Settings → System → Sharing (older: Settings → Sharing): switch "
                    "off Screen Sharing, Remote Login, File Sharing; Samba: 'sudo systemctl "
                    "disable --now smbd'."
                )
            )
        return self.answer(
            Outcome.NO,
            _("Listening to the network: {services}").format(services=listed),
            steps=tuple(steps),
        )
