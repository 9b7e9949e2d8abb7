"""The project's error hierarchy.

Every error a user can cause carries a one-line, already translated message that says what is
wrong and what to do. The CLI prints ``message`` and exits with ``exit_code``; it never shows
a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

from hygiene_audit.core.exit_status import ExitStatus


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
