"""The one way a probe runs a command: declared, read-only, bounded, never prompting.

:data:`COMMANDS` lists every command line a probe may run, exactly; the runner refuses any
other. Each runs with no standard input, in a new session (no controlling terminal, so nothing
can ask for a password), with a fixed ``PATH`` of the system's folders, the C locale and its
own timeout; what it prints is read up to :data:`MAX_OUTPUT`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from hygiene_audit.i18n import _

SYSTEM_PATH = (
    os.path.join(os.environ.get("SYSTEMROOT", "C:\\Windows"), "System32")
    if os.name == "nt"
    else "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
)
MAX_OUTPUT = 1024 * 1024
COMMAND_TIMEOUT = 1.5  # seconds, each command

# Every command line a probe may run (argv, exactly). Read-only queries, none needs root.
COMMANDS: frozenset[tuple[str, ...]] = frozenset(
    {
        ("systemctl", "is-active", "ufw.service"),
        ("systemctl", "is-active", "firewalld.service"),
        ("systemctl", "is-active", "nftables.service"),
        ("systemctl", "is-enabled", "dnf-automatic.timer"),
        ("systemctl", "is-enabled", "dnf-automatic-install.timer"),
        ("systemctl", "is-enabled", "dnf5-automatic.timer"),
        ("apt-config", "dump"),
        ("gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled"),
        ("gsettings", "get", "org.gnome.desktop.screensaver", "lock-delay"),
        ("gsettings", "get", "org.gnome.desktop.session", "idle-delay"),
        ("gsettings", "get", "org.cinnamon.desktop.screensaver", "lock-enabled"),
        ("gsettings", "get", "org.cinnamon.desktop.screensaver", "lock-delay"),
        ("gsettings", "get", "org.cinnamon.desktop.session", "idle-delay"),
        # macOS
        ("fdesetup", "status"),
        ("/usr/libexec/ApplicationFirewall/socketfilterfw", "--getglobalstate"),
        # Windows
        ("netsh", "advfirewall", "show", "allprofiles", "state"),
    }
)


@dataclass(frozen=True)
class CommandResult:
    returncode: int
    stdout: str
    stderr: str


class CommandUnavailable(Exception):
    """The command could not be run or did not finish: the probe answers "not determined"."""


class CommandRunner(Protocol):
    def __call__(self, argv: tuple[str, ...], timeout: float) -> CommandResult: ...


def check_declared(argv: tuple[str, ...]) -> None:
    if argv not in COMMANDS:
        raise CommandUnavailable(
            _("'{command}' is not one of the commands the probes may run").format(
                command=" ".join(argv)
            )
        )


class SubprocessRunner:
    """Runs a declared command on this computer."""

    def __init__(self, environment: Mapping[str, str] | None = None) -> None:
        source = os.environ if environment is None else environment
        # Only what the commands need to find the person's own settings (gsettings reads the
        # dconf database under HOME / XDG_CONFIG_HOME, schemas under XDG_DATA_DIRS).
        keep = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_DIRS", "XDG_RUNTIME_DIR")
        self._env = {k: source[k] for k in keep if source.get(k)}
        self._env.update({"PATH": SYSTEM_PATH, "LC_ALL": "C", "LANG": "C"})

    def __call__(self, argv: tuple[str, ...], timeout: float) -> CommandResult:
        check_declared(argv)
        program = shutil.which(argv[0], path=SYSTEM_PATH)
        if program is None:
            raise CommandUnavailable(_("'{program}' is not installed").format(program=argv[0]))
        try:
            done = subprocess.run(  # noqa: S603 - a declared, fixed argv, no shell
                (program, *argv[1:]),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                env=self._env,
                start_new_session=True,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise CommandUnavailable(
                _("'{command}' did not answer within {seconds} s").format(
                    command=" ".join(argv), seconds=timeout
                )
            ) from exc
        except OSError as exc:
            raise CommandUnavailable(
                _("'{command}' could not be run").format(command=" ".join(argv))
            ) from exc
        return CommandResult(
            done.returncode,
            done.stdout[:MAX_OUTPUT].decode("utf-8", "replace"),
            done.stderr[:MAX_OUTPUT].decode("utf-8", "replace"),
        )
