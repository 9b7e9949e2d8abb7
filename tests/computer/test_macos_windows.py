"""macOS and Windows, against recorded outputs only (written from Apple's and Microsoft's
documentation of fdesetup, socketfilterfw and netsh): no such machine runs these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from hygiene_audit.computer.probe import Outcome
from hygiene_audit.computer.probes.disk import DiskEncryptionProbe
from hygiene_audit.computer.probes.firewall import FirewallProbe
from tests.computer.fakes import RecordingRunner, machine

SOCKETFILTERFW = "/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate"
NETSH = "netsh advfirewall show allprofiles state"


def netsh(domain: str = "ON", private: str = "ON", public: str = "ON") -> str:
    blocks = [
        f"{name} Profile Settings: \r\n{'-' * 70}\r\nState                                 {state}\r\n"
        for name, state in (("Domain", domain), ("Private", private), ("Public", public))
    ]
    return "\r\n" + "\r\n".join(blocks) + "Ok.\r\n\r\n"


@pytest.mark.parametrize(
    ("stdout", "outcome"),
    [
        ("FileVault is On.\n", Outcome.YES),
        ("FileVault is Off.\n", Outcome.NO),
        ("FileVault is Off, but will be enabled after the next restart.\n", Outcome.UNDETERMINED),
        ("Encryption in progress: Percent completed = 42.1\n", Outcome.UNDETERMINED),
    ],
)
def test_filevault_from_fdesetup_status(tmp_path: Path, stdout: str, outcome: Outcome) -> None:
    runner = RecordingRunner()
    runner.answer("fdesetup status", stdout)
    answer = DiskEncryptionProbe().probe(machine(tmp_path, runner, system="darwin"))
    assert answer.outcome is outcome
    if outcome is Outcome.NO:
        assert any("Privacy & Security → FileVault" in s for s in answer.steps)


def test_bitlocker_needs_admin_rights_and_says_where_to_look(tmp_path: Path) -> None:
    runner = RecordingRunner()
    answer = DiskEncryptionProbe().probe(machine(tmp_path, runner, system="win32"))
    assert answer.outcome is Outcome.UNDETERMINED and "admin rights" in answer.detail
    assert any("Device encryption" in s for s in answer.steps)
    assert runner.calls == []  # manage-bde is never tried


@pytest.mark.parametrize(
    ("stdout", "outcome"),
    [
        ("Firewall is enabled. (State = 1)\n", Outcome.YES),
        ("Firewall is blocking all non-essential incoming connections. (State = 2)\n", Outcome.YES),
        ("Firewall is disabled. (State = 0)\n", Outcome.NO),
        ("", Outcome.UNDETERMINED),
    ],
)
def test_macos_application_firewall(tmp_path: Path, stdout: str, outcome: Outcome) -> None:
    runner = RecordingRunner()
    runner.answer(SOCKETFILTERFW, stdout)
    assert FirewallProbe().probe(machine(tmp_path, runner, system="darwin")).outcome is outcome


def test_windows_defender_firewall_profiles(tmp_path: Path) -> None:
    runner = RecordingRunner()
    windows = machine(tmp_path, runner, system="win32")
    runner.answer(NETSH, netsh())
    assert FirewallProbe().probe(windows).outcome is Outcome.YES
    runner.answer(NETSH, netsh(public="OFF"))
    answer = FirewallProbe().probe(windows)
    assert answer.outcome is Outcome.NO and answer.detail.endswith("Public")
    runner.answer(NETSH, netsh().replace("State", "Estado"))  # a Spanish Windows
    assert FirewallProbe().probe(windows).outcome is Outcome.UNDETERMINED
