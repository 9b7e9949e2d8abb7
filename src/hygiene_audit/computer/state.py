"""The state of a run's computer: probed once, on first use, however many parts of the run
ask (HA-D, the questionnaire, HA-S); or answers given (the demo persona's laptop)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from hygiene_audit.computer.answers import Outcome, ProbeAnswer

if TYPE_CHECKING:
    from hygiene_audit.computer.machine import Machine


def this_machine() -> Machine:
    """The computer the audit runs on (the tests' conftest points it at an empty tree, so
    that no other test depends on the machine it runs on)."""
    from hygiene_audit.computer.machine import Machine

    return Machine.this()


class ComputerState:
    """This run's computer: probed on first use, once; or answers given (the demo's laptop)."""

    def __init__(
        self, machine: Machine | None = None, answers: tuple[ProbeAnswer, ...] | None = None
    ) -> None:
        self._machine = machine
        self._given = answers
        self._answers = answers
        self._lock = threading.Lock()

    def answers(self) -> tuple[ProbeAnswer, ...]:
        with self._lock:
            if self._answers is None:
                from hygiene_audit.computer.run import run_probes

                self._answers = run_probes(self._machine or this_machine())
            return self._answers

    def determined(self, probe: str) -> Outcome | None:
        """The probe's yes or no; None when it could not tell."""
        for answer in self.answers():
            if answer.probe == probe and answer.outcome is not Outcome.UNDETERMINED:
                return answer.outcome
        return None

    def __eq__(self, other: object) -> bool:
        """The same computer: two states of this machine not yet probed are equal."""
        if not isinstance(other, ComputerState):
            return NotImplemented
        return (self._machine, self._given) == (other._machine, other._given)

    __hash__ = None  # type: ignore[assignment]
