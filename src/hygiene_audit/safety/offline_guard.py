"""Under ``--offline``, the standard library's network entry points refuse, and say who tried.

The HTTP clients the engine hands out already refuse every request offline. A check could
still import ``urllib`` or ``socket`` itself; while checks run offline, this guard makes
``socket.connect``/``connect_ex``, ``create_connection`` and name resolution raise, and
records each attempt with the check whose thread made it, so the report can say so.

This is a tripwire, not a sandbox: Python code running in this process can undo any patch
(README, "Limits of the plugin guard"). Only run drop-in checks you have read.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from hygiene_audit.i18n import _

CHECK_THREAD_PREFIX = "check-"


@dataclass
class Attempts:
    """Network attempts blocked while offline: (check id or thread name, target)."""

    items: list[tuple[str, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, target: str) -> None:
        name = threading.current_thread().name
        who = (
            name.removeprefix(CHECK_THREAD_PREFIX) if name.startswith(CHECK_THREAD_PREFIX) else name
        )
        with self._lock:
            self.items.append((who, target))

    def by_check(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        with self._lock:
            for who, target in self.items:
                grouped.setdefault(who, []).append(target)
        return grouped


class OfflineViolation(OSError):
    """Raised inside a check that opened a connection under ``--offline``."""


def _describe(address: object) -> str:
    if isinstance(address, tuple) and address:
        return ":".join(str(part) for part in address[:2])
    return str(address)


@contextlib.contextmanager
def offline_guard(attempts: Attempts) -> Iterator[None]:
    """Refuse and record every socket connection and name lookup until the block ends."""

    def refuse(target: str) -> OfflineViolation:
        attempts.record(target)
        return OfflineViolation(
            _("offline mode: network access to {target} was blocked").format(target=target)
        )

    def connect(self: socket.socket, address: Any) -> None:
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect(self, address)
        raise refuse(_describe(address))

    def connect_ex(self: socket.socket, address: Any) -> int:
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect_ex(self, address)
        raise refuse(_describe(address))

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        raise refuse(_describe(address))

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        raise refuse(_describe((host, port)))

    def gethostbyname(host: str) -> str:
        raise refuse(str(host))

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    patches: list[tuple[Any, str, Callable[..., Any]]] = [
        (socket.socket, "connect", connect),
        (socket.socket, "connect_ex", connect_ex),
        (socket, "create_connection", create_connection),
        (socket, "getaddrinfo", getaddrinfo),
        (socket, "gethostbyname", gethostbyname),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _new in patches]
    for owner, name, new in patches:
        setattr(owner, name, new)
    try:
        yield
    finally:
        for owner, name, old in saved:
            setattr(owner, name, old)
