"""What the operating system could write of this process: no core dump, no debugger.

A core dump of an audit holds the vault's passwords (a Ctrl-\\ during rating left 107 MB
holding them thousands of times). At start, and again in every forked rating worker, the
core size limit is set to 0 and, on Linux, the process is marked not dumpable
(``PR_SET_DUMPABLE`` 0: no core even where a core handler ignores the limit, and no ptrace
attach by another process of the same user). macOS honours the limit; Windows writes crash
dumps through Windows Error Reporting, which a process cannot switch off for itself: the
README says so.

A rating worker also ignores Ctrl-C: the terminal sends SIGINT to the whole process group,
and only the audit itself should answer it (one line, exit 130); the workers are stopped
with their pool.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

PR_GET_DUMPABLE = 3
PR_SET_DUMPABLE = 4


def _prctl(option: int, value: int = 0) -> int | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(option, value, 0, 0, 0))
    except (OSError, AttributeError):
        return None


def forbid_core_dumps() -> None:
    """Core size limit 0 (soft and hard) and, on Linux, not dumpable; best effort where the
    system has neither."""
    try:
        import resource
    except ImportError:  # Windows
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _prctl(PR_SET_DUMPABLE, 0)


def dumpable() -> bool | None:
    """Whether this process may be dumped or attached to (Linux); None elsewhere."""
    answer = _prctl(PR_GET_DUMPABLE)
    return None if answer is None or answer < 0 else bool(answer)


def start_worker() -> None:
    """The initializer of every forked rating worker. Its standard error goes nowhere: a
    worker never prints by design (an error in a rating travels back to the audit as the
    result), and one left behind when the audit exits on Ctrl-C would print a traceback per
    worker about the pipe it can no longer write to."""
    forbid_core_dumps()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the worker's whole life
