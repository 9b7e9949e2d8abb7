"""The documented exit statuses (README, "Exit codes"): one per outcome a script can act on."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene_audit.core.models import Report


class ExitStatus(IntEnum):
    """Every status the program exits with; no command exits with a bare number."""

    OK = 0
    BELOW_THRESHOLD = 1  # run: the score is below --fail-under
    SEEN_IN_BREACHES = 1  # pwned: the password was seen in breaches (the same code)
    USAGE_OR_INPUT_ERROR = 2
    INTERNAL_ERROR = 3
    INCOMPLETE = 4  # an input the user gave could not be used, or nothing was assessed
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)


def exit_decision(report: Report, fail_under: int | None) -> ExitStatus:
    """Incomplete (an input failed, or nothing was assessed) outranks a threshold verdict."""
    if report.incomplete or report.score is None:
        return ExitStatus.INCOMPLETE
    if fail_under is not None and report.score < fail_under:
        return ExitStatus.BELOW_THRESHOLD
    return ExitStatus.OK
