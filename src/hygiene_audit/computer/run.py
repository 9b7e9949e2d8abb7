"""All probes at once, each in its own thread with its own timeout."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from hygiene_audit.computer.machine import Machine
from hygiene_audit.computer.probe import Outcome, Probe, ProbeAnswer
from hygiene_audit.computer.probes import PROBES
from hygiene_audit.i18n import _


def _one(probe: Probe, machine: Machine, out: dict[str, ProbeAnswer]) -> None:
    try:
        out[probe.name] = probe.probe(machine)
    except Exception:  # a bug or an odd system: that probe says so, the others stand
        out[probe.name] = probe.answer(
            Outcome.UNDETERMINED, _("the probe failed on what it found (a bug in the tool)")
        )


def run_probes(machine: Machine, probes: Sequence[Probe] = PROBES) -> tuple[ProbeAnswer, ...]:
    """Every probe's answer, in ``probes`` order; one that has not answered within its
    timeout is "not determined" (its thread is left to finish on its own)."""
    out: dict[str, ProbeAnswer] = {}
    threads: list[tuple[float, threading.Thread]] = []
    for probe in probes:
        if machine.system not in probe.systems:
            out[probe.name] = probe.answer(
                Outcome.UNDETERMINED,
                _("not probed on this system ({system}) yet").format(system=machine.system),
            )
            continue
        thread = threading.Thread(
            target=_one, args=(probe, machine, out), name=f"probe-{probe.name}", daemon=True
        )
        thread.start()
        threads.append((time.monotonic() + probe.timeout, thread))
    for deadline, thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    answers = []
    for probe in probes:
        answer = out.get(probe.name)
        if answer is None:
            answer = probe.answer(
                Outcome.UNDETERMINED,
                _("did not answer within {seconds} s").format(seconds=probe.timeout),
            )
        answers.append(answer)
    return tuple(answers)
