"""Secrets and personal data: how they are held, and how they are kept out of output.

* Secrets (passwords, API keys, master passwords) are :class:`pydantic.SecretStr`; their repr
  and str never show the value. Only :func:`reveal` returns it, at the point of use.
* :class:`Scrubber` knows every secret of the run and withholds any line of an error row, an
  error message or a traceback that holds one (in any of the forms such text shows it).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic's types cost ~100 ms to import; --help must not pay for them
    from pydantic import SecretStr

WITHHELD = "[withheld: this line held one of your secrets]"


def reveal(secret: SecretStr) -> str:
    """The plaintext of ``secret``; call it only where the value is used, never to show it."""
    return secret.get_secret_value()


def sha1_hex(text: str) -> str:
    """Uppercase hex SHA-1 of the UTF-8 text (the Pwned Passwords convention)."""
    import hashlib  # OpenSSL's load is 15 ms that --help must not pay

    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest().upper()


class Scrubber:
    """Withholds every line of text that holds a registered secret. Thread-safe.

    Used only where a secret could have leaked by accident: exception messages, error rows,
    tracebacks and error lines. It never rewrites the report's own structure, and it never
    replaces the secret in place (``en.[redacted].org`` would tell the reader the password):
    a line holding a secret is replaced as a whole by :data:`WITHHELD`, keeping its indent.

    Each secret is searched in the forms an exception or a traceback shows it: as typed,
    as ``repr()`` and JSON show it (backslashes and quotes escaped, once and twice), and as
    its SHA-1 in hex, either case. Secrets of three characters or more are found anywhere in
    a line (one Aho-Corasick automaton over all forms: time linear in the text). Shorter
    secrets would match inside ordinary words, so they are found only where they stand
    alone: quoted (``'ab'``, ``"ab"``) or as a whole line.
    """

    MIN_LENGTH = 3

    def __init__(self) -> None:
        self._long: set[str] = set()
        self._short: set[str] = set()
        self._automaton: Any = None
        self._short_pattern: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def add(self, secrets: Iterable[SecretStr | str]) -> None:
        with self._lock:
            for secret in secrets:
                value = secret if isinstance(secret, str) else reveal(secret)
                if not value:
                    continue
                forms = _forms(value)
                if len(value) < self.MIN_LENGTH:
                    self._short.update(forms)
                    digest = sha1_hex(value)
                    self._long.update({digest, digest.lower()})
                else:
                    self._long.update(forms)
            self._automaton = None
            self._short_pattern = None

    def _matchers(self) -> tuple[Any, re.Pattern[str] | None]:
        with self._lock:
            if self._automaton is None and self._long:
                import ahocorasick

                automaton = ahocorasick.Automaton()
                for needle in self._long:
                    automaton.add_word(needle, len(needle))
                automaton.make_automaton()
                self._automaton = automaton
            if self._short_pattern is None and self._short:
                alternatives = "|".join(
                    re.escape(s) for s in sorted(self._short, key=len, reverse=True)
                )
                self._short_pattern = re.compile(
                    rf"""(?:'(?:{alternatives})'|"(?:{alternatives})"|^\s*(?:{alternatives})\s*$)"""
                )
            return self._automaton, self._short_pattern

    def holds_secret(self, text: str) -> bool:
        """Whether any registered secret, in any of its forms, is in ``text``."""
        automaton, short = self._matchers()
        if automaton is not None:
            for _match in automaton.iter(text):
                return True
        if short is not None:
            return any(short.search(line) for line in text.splitlines() or [text])
        return False

    def scrub(self, text: str) -> str:
        """``text`` with every line that holds a secret withheld as a whole."""
        if not self.holds_secret(text):
            return text
        lines = text.split("\n")
        out = []
        for line in lines:
            if self.holds_secret(line):
                indent = line[: len(line) - len(line.lstrip())]
                out.append(indent + WITHHELD)
            else:
                out.append(line)
        return "\n".join(out)


def _forms(value: str) -> set[str]:
    """How a secret appears in exception messages and tracebacks."""
    once = repr(value)[1:-1]
    twice = repr(once)[1:-1]
    as_json = json.dumps(value)[1:-1]
    escaped = value.encode("unicode_escape").decode("ascii")
    digest = sha1_hex(value)
    return {value, once, twice, as_json, json.dumps(as_json)[1:-1], escaped, digest, digest.lower()}
