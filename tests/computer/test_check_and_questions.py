"""HA-D as a user runs it: its findings, its row when nothing could be told, what `checks`
says it runs, and the self-assessment that no longer asks what the computer answered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hygiene_audit.cli.commands import app
from hygiene_audit.computer import state
from tests.cli_helpers import runner
from tests.computer.fakes import RecordingRunner, Tree, machine
from tests.computer.test_disk_and_swap import ubuntu_luks_lvm
from tests.computer.test_session_probes import APT_DUMP, DEBIAN_12, TCP_HEADER, tcp_line
from tests.conftest import write_profile


@pytest.fixture
def laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tree:
    """A Debian 12 laptop: encrypted LVM, no swap, unattended-upgrades on, no firewall
    running, SSH open to the network, GNOME locking after 5 minutes."""
    tree = Tree(tmp_path / "laptop")
    ubuntu_luks_lvm(tree)
    tree.mountinfo(("252:1", "/", "ext4", "/dev/mapper/vgubuntu-root"))
    tree.write("/proc/swaps", "Filename Type Size Used Priority\n")
    tree.write("/etc/os-release", DEBIAN_12)
    tree.write("/usr/bin/unattended-upgrade", "")
    tree.write("/proc/net/tcp", TCP_HEADER + tcp_line(0, "00000000:0016"))
    (tree.root / "run/systemd/system").mkdir(parents=True)
    (tree.root / "home/ana").mkdir(parents=True)  # no Firefox profile in it
    commands = RecordingRunner()
    commands.answer("apt-config dump", APT_DUMP.format(value="1"))
    for service in ("ufw", "firewalld", "nftables"):
        commands.answer(f"systemctl is-active {service}.service", "inactive\n", 3)
    commands.answer("gsettings get org.gnome.desktop.screensaver lock-enabled", "true\n")
    commands.answer("gsettings get org.gnome.desktop.session idle-delay", "uint32 300\n")
    commands.answer("gsettings get org.gnome.desktop.screensaver lock-delay", "uint32 0\n")
    monkeypatch.setattr(
        state, "this_machine", lambda: machine(tree.root, commands, desktop="GNOME")
    )
    return tree


def test_the_computer_check_reports_what_is_missing_and_what_is_in_place(laptop: Tree) -> None:
    result = runner.invoke(app, ["run", "--offline", "--only", "HA-D", "-f", "json"])
    report = json.loads(result.stdout)
    row = report["checks"][0]
    assert row["status"] == "findings"
    assert "A LUKS (dm-crypt) device lies under" in row["reason"]
    assert "The screen locks after 300 s idle" in row["reason"]
    by_id = {f["id"]: f for f in report["findings"]}
    assert set(by_id) == {"HA-D003", "HA-D007"}
    assert "SSH: 0.0.0.0 port 22" in by_id["HA-D007"]["evidence"]
    assert any("sudo ufw enable" in step for step in by_id["HA-D003"]["remediation"])


def test_a_computer_nothing_can_be_told_about_is_never_a_clean_bill() -> None:
    """The conftest's computer is an empty tree: every probe says "not determined"."""
    result = runner.invoke(app, ["run", "--offline", "--only", "HA-D", "-f", "json"])
    report = json.loads(result.stdout)
    assert report["checks"][0]["status"] == "skipped"
    assert "/proc/self/mountinfo could not be read" in report["checks"][0]["reason"]
    assert report["score"] is None
    assert result.exit_code == 4


def test_checks_lists_every_command_the_probes_may_run() -> None:
    out = runner.invoke(app, ["checks"]).stdout
    block = out[out.index("HA-D  This computer") :].split("\n\n")[0]
    assert "runs      systemctl is-active ufw.service  (firewall)" in block
    assert "runs      apt-config dump  (automatic_updates)" in block
    assert block.count("runs ") == 16


def test_what_the_computer_answered_is_not_asked_and_is_said(laptop: Tree, tmp_path: Path) -> None:
    profile = write_profile(tmp_path, '[answers]\ntwo_factor = "yes"\n')
    result = runner.invoke(
        app,
        [
            "run",
            "--only",
            "HA-S",
            "--only",
            "HA-D",
            "-f",
            "json",
            "--offline",
            "--profile",
            profile,
        ],
        input="y\ny\ny\ny\n",
    )
    assert result.exit_code == 0, result.output
    assert "disk encrypted" not in result.stderr and "install security updates" not in result.stderr
    assert (
        "This computer answered, so they are not asked: disk encryption: yes; automatic updates: yes"
        in result.stderr
    )
    assert "Question 1 of 5" in result.stderr  # e-mail, manager, Tor, gender, e-mail off
    rows = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert "Seen on this computer (HA-D), not asked: disk encryption: yes" in rows["HA-S"]["reason"]


def test_a_profile_answer_the_computer_contradicts_is_not_reported(
    laptop: Tree, tmp_path: Path
) -> None:
    profile = write_profile(
        tmp_path, '[answers]\ndisk_encryption = "no"\nsystem_updates = "no"\ntwo_factor = "no"\n'
    )
    result = runner.invoke(
        app,
        ["run", "--only", "HA-S", "-f", "json", "--offline", "--no-input", "--profile", profile],
    )
    ids = [f["id"] for f in json.loads(result.stdout)["findings"]]
    assert ids == ["HA-S001"]  # the probes saw the disk encrypted and updates on
