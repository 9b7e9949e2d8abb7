"""Every command the probes may run, how they are run, and all probes together: each within
its own timeout, a failing one never costing the others, the real ones on this machine."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.probe import Outcome, Probe, ProbeAnswer
from hygiene_audit.computer.probes import PROBES
from hygiene_audit.computer.probes.screen_lock import ScreenLockProbe
from hygiene_audit.computer.run import run_probes
from hygiene_audit.computer.runner import COMMANDS, CommandUnavailable, SubprocessRunner
from tests.computer.fakes import RecordingRunner, Tree, machine
from tests.computer.test_disk_and_swap import ubuntu_luks_lvm
from tests.computer.test_session_probes import APT_DUMP, DEBIAN_12, FEDORA_42, gnome

# Every command line any probe may run, read by a person: each is a query (is-active,
# is-enabled, get, dump), none changes anything, none needs root or a password.
EXPECTED = {
    "/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate",
    "fdesetup status",
    "netsh advfirewall show allprofiles state",
    "apt-config dump",
    "gsettings get org.cinnamon.desktop.screensaver lock-delay",
    "gsettings get org.cinnamon.desktop.screensaver lock-enabled",
    "gsettings get org.cinnamon.desktop.session idle-delay",
    "gsettings get org.gnome.desktop.screensaver lock-delay",
    "gsettings get org.gnome.desktop.screensaver lock-enabled",
    "gsettings get org.gnome.desktop.session idle-delay",
    "systemctl is-active firewalld.service",
    "systemctl is-active nftables.service",
    "systemctl is-active ufw.service",
    "systemctl is-enabled dnf-automatic-install.timer",
    "systemctl is-enabled dnf-automatic.timer",
    "systemctl is-enabled dnf5-automatic.timer",
}
READ_ONLY_VERBS = {
    ("systemctl", "is-active"),
    ("systemctl", "is-enabled"),
    ("gsettings", "get"),
    ("apt-config", "dump"),
    ("fdesetup", "status"),  # FileVault's state; no admin rights needed
    ("/usr/libexec/ApplicationFirewall/socketfilterfw", "--getglobalstate"),
    ("netsh", "advfirewall"),  # "show allprofiles state" (checked below)
}


def test_the_commands_are_exactly_the_listed_read_only_queries() -> None:
    assert {" ".join(argv) for argv in COMMANDS} == EXPECTED
    assert {argv for probe in PROBES for argv in probe.commands} == COMMANDS
    for argv in COMMANDS:
        assert argv[:2] in READ_ONLY_VERBS
        assert not {"sudo", "pkexec", "su", "doas", "set", "reset", "enable", "start"} & set(argv)
        if argv[0] == "netsh":
            assert argv[2] == "show"


def test_the_checks_listing_names_every_command() -> None:
    from hygiene_audit.checks.computer import ComputerCheck

    listed = {line.split("  (")[0] for line in ComputerCheck.commands}
    assert listed == EXPECTED


def test_the_probes_run_nothing_but_the_listed_commands(tmp_path: Path) -> None:
    """Laptops of every kind the probes know, each answering every command: the runner saw
    only listed command lines."""
    runner = RecordingRunner()
    gnome(runner)
    gnome(runner, prefix="org.cinnamon")
    runner.answer("apt-config dump", APT_DUMP.format(value="1"))
    for argv in COMMANDS:
        if argv[0] == "systemctl":
            runner.answer(" ".join(argv), "active\n")
    for n, (release, desktop) in enumerate(
        [
            (DEBIAN_12, "GNOME"),
            (FEDORA_42, "X-Cinnamon:Cinnamon"),
            (DEBIAN_12, "KDE"),
            (FEDORA_42, ""),
        ]
    ):
        tree = Tree(tmp_path / str(n))
        ubuntu_luks_lvm(tree)
        tree.write("/etc/os-release", release)
        tree.write("/usr/bin/unattended-upgrade", "")
        (tree.root / "run/systemd/system").mkdir(parents=True)
        run_probes(machine(tree.root, runner, desktop=desktop))
    assert runner.calls and set(runner.calls) <= COMMANDS
    assert {argv[0] for argv in runner.calls} == {"systemctl", "gsettings", "apt-config"}
    for system in ("darwin", "win32"):
        run_probes(machine(tmp_path, runner, system=system))
    assert set(runner.calls) <= COMMANDS
    assert {argv[0] for argv in runner.calls} >= {"fdesetup", "netsh"}


def test_the_real_runner_refuses_any_command_not_listed() -> None:
    runner = SubprocessRunner({})
    with pytest.raises(CommandUnavailable, match="not one of the commands"):
        runner(("touch", "/tmp/hygiene-audit-should-not-exist"), 1.0)
    assert not Path("/tmp/hygiene-audit-should-not-exist").exists()
    with pytest.raises(CommandUnavailable, match="not one of the commands"):
        runner(("systemctl", "enable", "ufw.service"), 1.0)


def test_the_real_runner_passes_no_secret_of_the_environment() -> None:
    runner = SubprocessRunner(
        {"HOME": "/home/ana", "HYGIENE_AUDIT_HIBP_API_KEY": "k" * 32, "SSH_AUTH_SOCK": "/run/x"}
    )
    assert runner._env == {
        "HOME": "/home/ana",
        "PATH": runner._env["PATH"],
        "LC_ALL": "C",
        "LANG": "C",
    }


class Hangs(Probe):
    name = "hangs"
    topic = "a probe that hangs"
    spec = ScreenLockProbe.spec
    timeout = 0.2

    def __init__(self, release: threading.Event) -> None:
        self.release = release

    def probe(self, machine: Machine) -> ProbeAnswer:
        self.release.wait(30)
        return self.answer(Outcome.YES, "too late")


class Breaks(Probe):
    name = "breaks"
    topic = "a probe with a bug"
    spec = ScreenLockProbe.spec

    def probe(self, machine: Machine) -> ProbeAnswer:
        raise KeyError("a bug")


def test_a_hanging_probe_is_not_determined_and_a_broken_one_costs_only_itself(
    tmp_path: Path,
) -> None:
    release = threading.Event()
    try:
        answers = run_probes(machine(tmp_path), (Hangs(release), Breaks(), *PROBES))
    finally:
        release.set()
    assert [a.probe for a in answers] == ["hangs", "breaks", *(p.name for p in PROBES)]
    assert answers[0].outcome is Outcome.UNDETERMINED and "within 0.2 s" in answers[0].detail
    assert answers[1].outcome is Outcome.UNDETERMINED and "a bug in the tool" in answers[1].detail
    assert "KeyError" not in answers[1].detail


def test_probes_of_another_system_say_they_did_not_look(tmp_path: Path) -> None:
    answers = {a.probe: a for a in run_probes(machine(tmp_path, system="darwin"))}
    assert {a.outcome for a in answers.values()} == {Outcome.UNDETERMINED}
    looked = {"disk_encryption", "firewall"}  # the two with macOS probes
    assert all("darwin" in a.detail for name, a in answers.items() if name not in looked)


def test_the_real_probes_on_this_machine_answer_within_their_timeouts() -> None:
    """Whatever this machine is, every probe answers for itself: none failed, none timed out."""
    answers = run_probes(Machine.this())
    assert [a.probe for a in answers] == [p.name for p in PROBES]
    for answer in answers:
        assert answer.outcome in set(Outcome)
        assert answer.detail
        assert "a bug in the tool" not in answer.detail
        assert "did not answer within" not in answer.detail
