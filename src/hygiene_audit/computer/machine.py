"""The computer the probes look at: a filesystem root, a command runner, the session's desktop.

``Machine.this()`` is this computer (``/``, the real runner). Tests point ``root`` at a fake
tree and hand a recording runner; nothing else in the probes touches the real system.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from hygiene_audit.computer.runner import (
    COMMAND_TIMEOUT,
    CommandResult,
    CommandRunner,
    SubprocessRunner,
    check_declared,
)

MAX_FILE = 1024 * 1024  # bytes read from any one file


def _today() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class Machine:
    runner: CommandRunner
    root: Path = Path("/")
    home: str = "/root"  # the home directory, as an absolute path on the machine
    system: str = "linux"  # sys.platform's family: linux, darwin, win32
    desktop: str = ""  # XDG_CURRENT_DESKTOP of the session that runs the audit
    today: date = field(default_factory=_today)

    @classmethod
    def this(cls) -> Machine:
        system = "linux" if sys.platform.startswith("linux") else sys.platform
        return cls(
            runner=SubprocessRunner(),
            home=str(Path.home()),
            system=system,
            desktop=os.environ.get("XDG_CURRENT_DESKTOP", ""),
        )

    def path(self, absolute: str) -> Path:
        """Where ``absolute`` (a path on the machine) is under the root."""
        return self.root / absolute.lstrip("/")

    def read(self, absolute: str) -> str | None:
        """A regular file's text (its first MB), or None if it is absent or unreadable; a
        FIFO or device is never opened."""
        target = self.path(absolute)
        try:
            if not stat.S_ISREG(target.stat().st_mode):
                return None
            with target.open("rb") as handle:
                return handle.read(MAX_FILE).decode("utf-8", "replace")
        except OSError:
            return None

    def run(self, argv: tuple[str, ...], timeout: float = COMMAND_TIMEOUT) -> CommandResult:
        """A declared command's result; raises CommandUnavailable if it cannot be run."""
        check_declared(argv)
        return self.runner(argv, timeout)
