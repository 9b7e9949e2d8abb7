"""The documented exit codes (README, "Exit codes"): one per outcome a script can act on."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    BELOW_THRESHOLD = 1
    USAGE_OR_INPUT_ERROR = 2
    INTERNAL_ERROR = 3
    INCOMPLETE = 4  # an input the user gave could not be used, or nothing was assessed
