"""Reading inputs and writing reports as if the file system were hostile.

Reads are bounded by what is actually read (bytes) and by a deadline (seconds), never by what
``stat`` says: ``/dev/zero``, an endless pipe and a FIFO nobody writes to all end with one
clear line instead of a hang or a MemoryError, while a process substitution (``<(cat x)``)
and a pipe work. Reports are written to a temporary file (mode 0600) in the target's
directory and renamed over it; a symlink or a non-regular file at the target is refused.
"""

from __future__ import annotations

import contextlib
import os
import select
import stat
import sys
import tempfile
import time
from pathlib import Path

from hygiene_audit.core.errors import InputFileError
from hygiene_audit.i18n import _

CHUNK = 1024 * 1024
READ_DEADLINE = 30.0  # seconds a pipe or FIFO may take to deliver all of its data


class InputTooLarge(InputFileError):
    """More bytes than any real input of this kind holds."""


def _too_large(name: str, limit: int) -> InputTooLarge:
    return InputTooLarge(
        _("{name} holds more than {mb} MB: too large for this kind of input").format(
            name=name, mb=max(1, limit // (1024 * 1024))
        )
    )


def read_fd_bounded(fd: int, limit: int, name: str, *, deadline: float = READ_DEADLINE) -> bytes:
    """Read ``fd`` to its end, refusing more than ``limit`` bytes or more than ``deadline``
    seconds of waiting. Works on regular files, pipes, FIFOs and character devices."""
    monotonic = time.monotonic
    ends_at = monotonic() + deadline
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = ends_at - monotonic()
        if remaining <= 0:
            raise InputFileError(
                _("{name} sent no end of data within {seconds:g} s; give a file instead").format(
                    name=name, seconds=deadline
                )
            )
        ready, _w, _x = select.select([fd], [], [], min(remaining, 1.0))
        if not ready:
            continue
        try:
            chunk = os.read(fd, min(CHUNK, limit + 1 - total))
        except BlockingIOError:
            continue
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(name, limit)


def read_stdin_bounded(limit: int, *, deadline: float = READ_DEADLINE) -> bytes:
    """All of standard input, bounded like :func:`read_fd_bounded` (in bytes only when
    standard input is not a real file descriptor, as under a test runner)."""
    name = _("standard input")
    try:
        fd: int | None = sys.stdin.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None
    if fd is not None:
        return read_fd_bounded(fd, limit, name, deadline=deadline)
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, limit)
    return data


def _unreadable(path: Path, exc: OSError) -> InputFileError:
    """One clear line for an input that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return InputFileError(_("File not found: {path}").format(path=path))
    if isinstance(exc, IsADirectoryError):
        return _directory(path)
    return InputFileError(_("Cannot read {path}: {error}").format(path=path, error=exc.strerror))


def _directory(path: Path) -> InputFileError:
    return InputFileError(_("{path} is a directory, not a file").format(path=path))


def read_bounded(path: Path, limit: int, *, deadline: float = READ_DEADLINE) -> bytes:
    """The bytes of ``path`` (file, pipe, FIFO, ``/dev/fd/N``), bounded in size and time."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    try:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise _directory(path)
        return read_fd_bounded(fd, limit, str(path), deadline=deadline)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    finally:
        os.close(fd)


def is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, readable and writable by the owner only (0600).

    A symlink or anything but a regular file at ``path`` is refused (nothing is followed);
    the text goes to a new 0600 file in the same directory that then replaces ``path``, so
    a reader never sees half a report and an existing file's other links are not written.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputFileError(
            _("Cannot write {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise InputFileError(_("Refusing to write {path}: it is a symbolic link").format(path=path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise InputFileError(
            _("Refusing to write {path}: it is not a regular file").format(path=path)
        )
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(prefix=".hygiene-audit-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputFileError(
            _("Cannot write {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InputFileError(
            _("Cannot write {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc
