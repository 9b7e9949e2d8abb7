"""The project's error hierarchy.

Every error a user can cause carries a one-line, already translated message that says what is
wrong and what to do. The CLI prints ``message`` and exits with ``exit_code``; it never shows
a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hygiene_audit.core.exit_status import ExitStatus

if TYPE_CHECKING:
    from pydantic import ValidationError


class HygieneAuditError(Exception):
    """Base of every error the tool raises on purpose."""

    exit_code = ExitStatus.USAGE_OR_INPUT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(HygieneAuditError):
    """A setting, flag, environment variable or configuration file is wrong."""


class InputFileError(HygieneAuditError):
    """A local input (vault export, profile, wikitext, photo, hash file) cannot be used."""


class PluginError(HygieneAuditError):
    """A check or formatter plugin does not satisfy the contract."""


class CheckError(HygieneAuditError):
    """A check could not complete; becomes an ``error`` row, never a crash."""


class UndeclaredError(CheckError):
    """A check used an input or endpoint it did not declare: a contract violation."""


class NetworkError(CheckError):
    """A remote service failed (timeout, refused, 429/5xx after retries, malformed answer)."""


class RetriesExhausted(NetworkError):
    """Every attempt failed; ``problem`` is the last one, in a few words ("HTTP 429")."""

    def __init__(self, message: str, problem: str) -> None:
        super().__init__(message)
        self.problem = problem


class NetworkBlockedError(NetworkError):
    """A request was refused before it left: offline mode or a host the check did not declare."""


class ExposureSourceError(InputFileError):
    """The user-page material cannot be gathered at all (unreadable file, missing user)."""


class UserNotFound(ExposureSourceError):
    """The wiki has no account by that name."""


def first_validation_error(exc: ValidationError) -> tuple[str, str]:
    """(where, what) of the first problem pydantic found: the one line a user is shown for a
    setting, a profile field, a check's options or a plugin's attributes."""
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "?"
    return where, str(first["msg"]).removeprefix("Value error, ")


def exception_line(exc: BaseException, *, withheld: str | None = None) -> str:
    """An exception as one line: its type and the first line of its message, or ``withheld``
    in place of the message when one is given (the message held a secret)."""
    lines = str(exc).strip().splitlines()
    detail = withheld if withheld is not None else (lines[0] if lines else "")
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
