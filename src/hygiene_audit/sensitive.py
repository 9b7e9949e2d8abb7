"""Secrets and personal data: how they are held, and how they are kept out of output.

* Secrets (passwords, API keys, master passwords) are :class:`pydantic.SecretStr`; their repr
  and str never show the value. Only :func:`reveal` returns it, at the point of use.
* :class:`Scrubber` knows every secret of the run and removes each one (and its SHA-1, hex,
  either case) from any text before it can reach an error row, a log line or a traceback.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable

from pydantic import SecretStr

REDACTED = "[redacted]"


def reveal(secret: SecretStr) -> str:
    """The plaintext of ``secret``; call it only where the value is used, never to show it."""
    return secret.get_secret_value()


def sha1_hex(text: str) -> str:
    """Uppercase hex SHA-1 of the UTF-8 text (the Pwned Passwords convention)."""
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest().upper()


class Scrubber:
    """Removes every registered secret (and its SHA-1) from text. Thread-safe."""

    MIN_LENGTH = 3  # shorter "secrets" would scrub ordinary words; they are weak anyway

    def __init__(self) -> None:
        self._needles: set[str] = set()
        self._lock = threading.Lock()

    def add(self, secrets: Iterable[SecretStr | str]) -> None:
        with self._lock:
            for secret in secrets:
                value = reveal(secret) if isinstance(secret, SecretStr) else secret
                if len(value) < self.MIN_LENGTH:
                    continue
                digest = sha1_hex(value)
                self._needles.update({value, digest, digest.lower()})

    def scrub(self, text: str) -> str:
        with self._lock:
            needles = sorted(self._needles, key=len, reverse=True)
        for needle in needles:
            if needle in text:
                text = text.replace(needle, REDACTED)
        return text
