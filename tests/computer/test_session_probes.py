"""Firewall, screen lock, automatic updates, release support, listening services and Firefox,
against recorded command outputs and files as the vendors document them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hygiene_audit.computer.probe import Outcome
from hygiene_audit.computer.probes.firefox import FirefoxPrimaryPasswordProbe
from hygiene_audit.computer.probes.firewall import FirewallProbe
from hygiene_audit.computer.probes.listening import RemoteAccessProbe
from hygiene_audit.computer.probes.release import SupportedReleaseProbe
from hygiene_audit.computer.probes.screen_lock import ScreenLockProbe
from hygiene_audit.computer.probes.updates import AutomaticUpdatesProbe
from tests.computer.fakes import RecordingRunner, Tree, machine

DEBIAN_12 = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n'
UBUNTU_2004 = 'NAME="Ubuntu"\nVERSION="20.04.6 LTS (Focal Fossa)"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\nVERSION_ID="20.04"\n'
MINT_213 = 'NAME="Linux Mint"\nVERSION="21.3 (Virginia)"\nID=linuxmint\nID_LIKE="ubuntu debian"\nPRETTY_NAME="Linux Mint 21.3"\nVERSION_ID="21.3"\n'
FEDORA_42 = 'NAME="Fedora Linux"\nVERSION="42 (Workstation Edition)"\nID=fedora\nVERSION_ID=42\nPRETTY_NAME="Fedora Linux 42 (Workstation Edition)"\n'
FEDORA_40 = FEDORA_42.replace("42", "40")
ARCH = 'NAME="Arch Linux"\nPRETTY_NAME="Arch Linux"\nID=arch\nBUILD_ID=rolling\n'


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    return Tree(tmp_path)


# -- firewall --------------------------------------------------------------------------------


def systemd(tree: Tree, runner: RecordingRunner, **states: str) -> None:
    (tree.root / "run/systemd/system").mkdir(parents=True)
    for service in ("ufw", "firewalld", "nftables"):
        state = states.get(service, "inactive")
        runner.answer(
            f"systemctl is-active {service}.service", state + "\n", 0 if state == "active" else 3
        )


def test_ufw_running_and_enabled_is_a_firewall(tree: Tree) -> None:
    runner = RecordingRunner()
    systemd(tree, runner, ufw="active")
    tree.write("/etc/ufw/ufw.conf", "# /etc/ufw/ufw.conf\nENABLED=yes\nLOGLEVEL=low\n")
    assert FirewallProbe().probe(machine(tree.root, runner)).outcome is Outcome.YES


def test_ufw_service_running_with_the_firewall_disabled_is_no_firewall(tree: Tree) -> None:
    runner = RecordingRunner()
    systemd(tree, runner, ufw="active")
    tree.write("/etc/ufw/ufw.conf", "ENABLED=no\nLOGLEVEL=low\n")
    answer = FirewallProbe().probe(machine(tree.root, runner))
    assert answer.outcome is Outcome.NO and any("ufw enable" in s for s in answer.steps)


def test_firewalld_running_is_a_firewall_and_none_running_is_none(tree: Tree) -> None:
    runner = RecordingRunner()
    systemd(tree, runner, firewalld="active")
    assert FirewallProbe().probe(machine(tree.root, runner)).outcome is Outcome.YES
    runner.answer("systemctl is-active firewalld.service", "inactive\n", 3)
    assert FirewallProbe().probe(machine(tree.root, runner)).outcome is Outcome.NO


def test_without_systemd_or_systemctl_the_firewall_is_not_determined(tree: Tree) -> None:
    runner = RecordingRunner()
    assert FirewallProbe().probe(machine(tree.root, runner)).outcome is Outcome.UNDETERMINED
    (tree.root / "run/systemd/system").mkdir(parents=True)  # systemd, but no systemctl answers
    assert FirewallProbe().probe(machine(tree.root, runner)).outcome is Outcome.UNDETERMINED
    runner.answer(
        "systemctl is-active ufw.service", "Failed to connect to bus: No medium found\n", 1
    )
    assert FirewallProbe().probe(machine(tree.root, runner)).outcome is Outcome.UNDETERMINED


# -- screen lock -----------------------------------------------------------------------------


def gnome(
    runner: RecordingRunner,
    lock: str = "true",
    idle: str = "uint32 300",
    delay: str = "uint32 0",
    prefix: str = "org.gnome",
) -> None:
    runner.answer(f"gsettings get {prefix}.desktop.screensaver lock-enabled", lock + "\n")
    runner.answer(f"gsettings get {prefix}.desktop.session idle-delay", idle + "\n")
    runner.answer(f"gsettings get {prefix}.desktop.screensaver lock-delay", delay + "\n")


def test_gnome_locking_after_five_minutes_is_a_screen_lock(tree: Tree) -> None:
    runner = RecordingRunner()
    gnome(runner)
    answer = ScreenLockProbe().probe(machine(tree.root, runner, desktop="ubuntu:GNOME"))
    assert answer.outcome is Outcome.YES and "300" in answer.detail


@pytest.mark.parametrize(
    ("lock", "idle", "delay"),
    [
        ("false", "uint32 300", "uint32 0"),
        ("true", "uint32 0", "uint32 0"),
        ("true", "uint32 900", "uint32 300"),
    ],
)
def test_gnome_lock_off_never_idle_or_too_late_is_no(
    tree: Tree, lock: str, idle: str, delay: str
) -> None:
    runner = RecordingRunner()
    gnome(runner, lock, idle, delay)
    answer = ScreenLockProbe().probe(machine(tree.root, runner, desktop="GNOME"))
    assert answer.outcome is Outcome.NO
    assert any("Privacy & Security → Screen Lock" in s for s in answer.steps)


def test_cinnamon_is_read_from_its_own_schema(tree: Tree) -> None:
    runner = RecordingRunner()
    gnome(runner, lock="false", prefix="org.cinnamon")
    gnome(runner)  # GNOME's schema says otherwise: it is not the desktop in use
    assert (
        ScreenLockProbe().probe(machine(tree.root, runner, desktop="X-Cinnamon")).outcome
        is Outcome.UNDETERMINED
    )
    assert (
        ScreenLockProbe().probe(machine(tree.root, runner, desktop="Cinnamon")).outcome
        is Outcome.NO
    )


def test_gsettings_on_its_memory_backend_is_not_believed(tree: Tree) -> None:
    """Without dconf, gsettings answers its defaults from memory and warns on stderr."""
    runner = RecordingRunner()
    warning = "GLib-GIO-Message: 10:12:01.000: Using the 'memory' GSettings backend.  Your settings will not be saved or shared with other applications.\n"
    for argv, out in (
        ("screensaver lock-enabled", "true"),
        ("session idle-delay", "uint32 300"),
        ("screensaver lock-delay", "uint32 0"),
    ):
        schema, key = argv.split()
        runner.answer(f"gsettings get org.gnome.desktop.{schema} {key}", out + "\n", stderr=warning)
    assert (
        ScreenLockProbe().probe(machine(tree.root, runner, desktop="GNOME")).outcome
        is Outcome.UNDETERMINED
    )


def test_kde_defaults_lock_after_five_minutes_and_autolock_false_is_no(tree: Tree) -> None:
    kde = machine(tree.root, desktop="KDE")
    assert ScreenLockProbe().probe(kde).outcome is Outcome.YES  # no file: KDE's defaults
    tree.write(
        "/home/ana/.config/kscreenlockerrc",
        "[$Version]\nupdate_info=kscreenlocker.upd:0.1-autolock\n\n[Daemon]\nAutolock=false\n",
    )
    assert ScreenLockProbe().probe(kde).outcome is Outcome.NO
    tree.write("/home/ana/.config/kscreenlockerrc", "[Daemon]\nTimeout=30\n")
    assert ScreenLockProbe().probe(kde).outcome is Outcome.NO
    tree.write("/home/ana/.config/kscreenlockerrc", "[Daemon\nTimeout=\x00\n")
    assert ScreenLockProbe().probe(kde).outcome is Outcome.UNDETERMINED


XFCE = """<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-screensaver" version="1.0">
  <property name="saver" type="empty">
    <property name="enabled" type="bool" value="true"/>
    <property name="idle-activation" type="empty"><property name="delay" type="int" value="5"/></property>
  </property>
  <property name="lock" type="empty">
    <property name="enabled" type="bool" value="{lock}"/>
  </property>
</channel>
"""


def test_xfce_screensaver_lock_setting(tree: Tree) -> None:
    xfce = machine(tree.root, desktop="XFCE")
    assert ScreenLockProbe().probe(xfce).outcome is Outcome.UNDETERMINED  # nothing saved
    path = "/home/ana/.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml"
    tree.write(path, XFCE.format(lock="true"))
    assert ScreenLockProbe().probe(xfce).outcome is Outcome.YES
    tree.write(path, XFCE.format(lock="false"))
    assert ScreenLockProbe().probe(xfce).outcome is Outcome.NO
    tree.write(path, '<!DOCTYPE x [<!ENTITY a "aaaa">]><channel>&a;</channel>')
    assert ScreenLockProbe().probe(xfce).outcome is Outcome.UNDETERMINED


def test_no_desktop_session_is_not_determined(tree: Tree) -> None:
    assert ScreenLockProbe().probe(machine(tree.root)).outcome is Outcome.UNDETERMINED


# -- automatic updates -----------------------------------------------------------------------

APT_DUMP = 'APT "";\nAPT::Architecture "amd64";\nAPT::Periodic "";\nAPT::Periodic::Update-Package-Lists "1";\nAPT::Periodic::Unattended-Upgrade "{value}";\nDir "/";\n'


def test_unattended_upgrades_on_off_and_missing(tree: Tree) -> None:
    runner = RecordingRunner()
    tree.write("/etc/os-release", DEBIAN_12)
    computer = machine(tree.root, runner)
    answer = AutomaticUpdatesProbe().probe(computer)
    assert answer.outcome is Outcome.NO and "not installed" in answer.detail
    tree.write("/usr/bin/unattended-upgrade", "#!/usr/bin/python3\n")
    runner.answer("apt-config dump", APT_DUMP.format(value="1"))
    assert AutomaticUpdatesProbe().probe(computer).outcome is Outcome.YES
    runner.answer("apt-config dump", APT_DUMP.format(value="0"))
    assert AutomaticUpdatesProbe().probe(computer).outcome is Outcome.NO
    runner.answer("apt-config dump", 'APT "";\nAPT::Architecture "amd64";\n')
    assert AutomaticUpdatesProbe().probe(computer).outcome is Outcome.NO


def test_mint_is_read_as_apt(tree: Tree) -> None:
    runner = RecordingRunner()
    tree.write("/etc/os-release", MINT_213)
    tree.write("/usr/bin/unattended-upgrade", "")
    runner.answer("apt-config dump", APT_DUMP.format(value="1"))
    assert AutomaticUpdatesProbe().probe(machine(tree.root, runner)).outcome is Outcome.YES


def test_dnf_automatic_timers(tree: Tree) -> None:
    runner = RecordingRunner()
    tree.write("/etc/os-release", FEDORA_42)
    for timer in ("dnf-automatic.timer", "dnf-automatic-install.timer", "dnf5-automatic.timer"):
        runner.answer(f"systemctl is-enabled {timer}", "disabled\n", 1)
    computer = machine(tree.root, runner)
    assert AutomaticUpdatesProbe().probe(computer).outcome is Outcome.NO
    runner.answer("systemctl is-enabled dnf-automatic.timer", "enabled\n")
    tree.write(
        "/etc/dnf/automatic.conf", "[commands]\nupgrade_type = default\napply_updates = no\n"
    )
    assert AutomaticUpdatesProbe().probe(computer).outcome is Outcome.NO  # downloads only
    tree.write(
        "/etc/dnf/automatic.conf", "[commands]\nupgrade_type = security\napply_updates = yes\n"
    )
    assert AutomaticUpdatesProbe().probe(computer).outcome is Outcome.YES


def test_an_unknown_package_manager_is_not_determined(tree: Tree) -> None:
    tree.write("/etc/os-release", ARCH)
    assert AutomaticUpdatesProbe().probe(machine(tree.root)).outcome is Outcome.UNDETERMINED


# -- supported release -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "outcome"),
    [
        (DEBIAN_12, date(2026, 12, 3), Outcome.YES),
        (UBUNTU_2004, date(2026, 12, 3), Outcome.NO),
        (MINT_213, date(2026, 12, 3), Outcome.YES),
        (FEDORA_40, date(2026, 12, 3), Outcome.NO),
        (FEDORA_42, date(2025, 7, 1), Outcome.YES),  # no end announced, list still fresh
        (FEDORA_42, date(2026, 12, 3), Outcome.UNDETERMINED),  # the list is too old to tell
        (ARCH, date(2026, 12, 3), Outcome.UNDETERMINED),
        ('ID=ubuntu\nVERSION_ID="99.04"\n', date(2026, 12, 3), Outcome.UNDETERMINED),
    ],
)
def test_release_support_from_the_dated_list(
    tree: Tree, text: str, today: date, outcome: Outcome
) -> None:
    tree.write("/etc/os-release", text)
    answer = SupportedReleaseProbe().probe(machine(tree.root, today=today))
    assert answer.outcome is outcome
    if outcome is not Outcome.YES or "Debian" in text:
        assert "2025-06-30" in answer.detail or "ended" in answer.detail


# -- remote login and sharing ----------------------------------------------------------------

TCP_HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"


def tcp_line(n: int, local: str, state: str = "0A") -> str:
    return f"   {n}: {local} 00000000:0000 {state} 00000000:00000000 00:00000000 00000000     0        0 2{n}345 1 0000000000000000 100 0 0 10 0\n"


def test_ssh_on_every_address_is_open_and_cups_on_loopback_is_not(tree: Tree) -> None:
    tree.write(
        "/proc/net/tcp",
        TCP_HEADER
        + tcp_line(0, "00000000:0016")
        + tcp_line(1, "0100007F:0277")
        + tcp_line(2, "0100007F:0016", "01"),
    )
    answer = RemoteAccessProbe().probe(machine(tree.root))
    assert answer.outcome is Outcome.NO
    assert "SSH: 0.0.0.0 port 22" in answer.detail and "631" not in answer.detail
    assert any("sshd_config" in s for s in answer.steps)


def test_only_loopback_listeners_are_safe(tree: Tree) -> None:
    tree.write(
        "/proc/net/tcp", TCP_HEADER + tcp_line(0, "0100007F:0016") + tcp_line(1, "0100007F:170C")
    )
    tree.write(
        "/proc/net/tcp6",
        TCP_HEADER
        + tcp_line(0, "00000000000000000000000001000000:0016")
        + tcp_line(1, "0000000000000000FFFF00000100007F:01BD"),
    )
    assert RemoteAccessProbe().probe(machine(tree.root)).outcome is Outcome.YES


def test_samba_and_vnc_on_ipv6_are_open(tree: Tree) -> None:
    tree.write("/proc/net/tcp", TCP_HEADER)
    tree.write(
        "/proc/net/tcp6",
        TCP_HEADER
        + tcp_line(0, "00000000000000000000000000000000:01BD")
        + tcp_line(1, "B80D0120000000000000000001000000:170C"),
    )
    answer = RemoteAccessProbe().probe(machine(tree.root))
    assert answer.outcome is Outcome.NO
    assert ":: port 445" in answer.detail and "2001:db8::1 port 5900" in answer.detail


def test_a_damaged_tcp_table_is_read_where_it_can_be(tree: Tree) -> None:
    tree.write(
        "/proc/net/tcp",
        TCP_HEADER
        + "   0: ZZZZ:0016 x 0A\n   1: 00000000:XYZ 0 0A\n"
        + tcp_line(2, "00000000:0D3D"),
    )
    answer = RemoteAccessProbe().probe(machine(tree.root))
    assert answer.outcome is Outcome.NO and "RDP" in answer.detail


# -- Firefox ---------------------------------------------------------------------------------

PROFILES_INI = "[Install4F96D1932A9F858E]\nDefault=abcd1234.default-release\nLocked=1\n\n[Profile0]\nName=default-release\nIsRelative=1\nPath=abcd1234.default-release\nDefault=1\n\n[Profile1]\nName=work\nIsRelative=1\nPath=wxyz9876.work\n\n[Profile2]\nName=escape\nIsRelative=1\nPath=../../../etc\n\n[General]\nStartWithLastProfile=1\nVersion=2\n"


def test_firefox_profiles_with_saved_passwords_cannot_tell_the_primary_password(tree: Tree) -> None:
    base = "/home/ana/.mozilla/firefox"
    computer = machine(tree.root)
    assert FirefoxPrimaryPasswordProbe().probe(computer).outcome is Outcome.UNDETERMINED  # no home
    (tree.root / "home/ana").mkdir(parents=True)
    assert FirefoxPrimaryPasswordProbe().probe(computer).outcome is Outcome.YES  # no Firefox
    tree.write(f"{base}/profiles.ini", PROFILES_INI)
    tree.write(f"{base}/abcd1234.default-release/key4.db", "")
    assert FirefoxPrimaryPasswordProbe().probe(computer).outcome is Outcome.YES  # nothing saved
    tree.write(f"{base}/wxyz9876.work/logins.json", '{"nextId":2,"logins":[{"id":1}]}')
    answer = FirefoxPrimaryPasswordProbe().probe(computer)
    assert answer.outcome is Outcome.UNDETERMINED
    assert "wxyz9876.work" in answer.detail and "abcd1234" not in answer.detail
    assert any("primary password" in s for s in answer.steps)


def test_snap_firefox_profiles_are_found(tree: Tree) -> None:
    base = "/home/ana/snap/firefox/common/.mozilla/firefox"
    tree.write(f"{base}/profiles.ini", PROFILES_INI)
    tree.write(f"{base}/abcd1234.default-release/logins.json", "{}")
    assert FirefoxPrimaryPasswordProbe().probe(machine(tree.root)).outcome is Outcome.UNDETERMINED
