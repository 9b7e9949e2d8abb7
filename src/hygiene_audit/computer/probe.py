"""The one interface every probe implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from hygiene_audit.computer.answers import Outcome, ProbeAnswer
from hygiene_audit.computer.machine import Machine
from hygiene_audit.plugin import FindingSpec

__all__ = ["Outcome", "Probe", "ProbeAnswer"]


class Probe(ABC):
    """A read-only look at one protection. ``commands`` are all it may run (each exactly as
    listed in :data:`~hygiene_audit.computer.runner.COMMANDS`); ``files`` what it reads."""

    name: ClassVar[str]  # stable, e.g. "disk_encryption"
    topic: ClassVar[str]  # N_-marked, a few words
    spec: ClassVar[FindingSpec]  # the finding for a "no"
    commands: ClassVar[tuple[tuple[str, ...], ...]] = ()
    files: ClassVar[tuple[str, ...]] = ()
    timeout: ClassVar[float] = 2.0
    systems: ClassVar[frozenset[str]] = frozenset({"linux"})

    @abstractmethod
    def probe(self, machine: Machine) -> ProbeAnswer:
        """Look; never raise for what the machine says (an odd file is "not determined")."""

    def answer(
        self,
        outcome: Outcome,
        detail: str,
        steps: tuple[str, ...] = (),
        references: tuple[str, ...] = (),
    ) -> ProbeAnswer:
        return ProbeAnswer(
            probe=self.name, outcome=outcome, detail=detail, steps=steps, references=references
        )
