"""The documented exit codes (README, "Exit codes"): one per outcome a script can act on."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene_audit.core.models import Report


class ExitCode(IntEnum):
    OK = 0
    BELOW_THRESHOLD = 1
    USAGE_OR_INPUT_ERROR = 2
    INTERNAL_ERROR = 3
    INCOMPLETE = 4  # an input the user gave could not be used, or nothing was assessed


def exit_decision(report: Report, fail_under: int | None) -> ExitCode:
    """Incomplete (an input failed, or nothing was assessed) outranks a threshold verdict."""
    if report.incomplete or report.score is None:
        return ExitCode.INCOMPLETE
    if fail_under is not None and report.score < fail_under:
        return ExitCode.BELOW_THRESHOLD
    return ExitCode.OK
