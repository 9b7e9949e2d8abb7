"""What a probe answers: yes, no, or "not determined" with why (never a guess)."""

from __future__ import annotations

from enum import StrEnum

from hygiene_audit.core.models import Frozen


class Outcome(StrEnum):
    """Whether the protection is there."""

    YES = "yes"
    NO = "no"
    UNDETERMINED = "not determined"


class ProbeAnswer(Frozen):
    probe: str
    outcome: Outcome
    detail: str  # what was seen, or why nothing could be told (translated)
    steps: tuple[str, ...] = ()  # what to do on this system (translated)
    references: tuple[str, ...] = ()
