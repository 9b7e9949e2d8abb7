"""HA-D: this computer itself — disk and swap encryption, screen lock, firewall, automatic
updates, a supported release, remote login and sharing, Firefox's saved passwords.

The probes (:mod:`hygiene_audit.computer`) look read-only, without admin rights, each within
its own timeout; a "no" is that probe's finding with the steps for this system, a "not
determined" is a finding of its own (an unknown is never a pass).
"""

from __future__ import annotations

from hygiene_audit.computer.answers import Outcome
from hygiene_audit.computer.probes import PROBES
from hygiene_audit.plugin import (
    N_,
    Category,
    Check,
    CheckContext,
    CheckResult,
    Finding,
    FindingSpec,
    Input,
    Severity,
    SkipCheck,
    _,
    catalogue,
)

UNDETERMINED_CODE = "HA-D020"
TOPICS = {probe.name: probe.topic for probe in PROBES}


class ComputerCheck(Check):
    id = "HA-D"
    title = N_("This computer")
    description = N_(
        "Disk and swap encryption, screen lock, firewall, automatic updates, a supported "
        "system, open remote login or sharing, Firefox's saved passwords: looked at "
        "read-only, without admin rights."
    )
    category = Category.PRACTICES
    inputs = frozenset({Input.COMPUTER})
    commands = tuple(
        f"{' '.join(argv)}  ({probe.name})" for probe in PROBES for argv in probe.commands
    )
    codes = catalogue(
        *(probe.spec for probe in PROBES),
        FindingSpec(
            code=UNDETERMINED_CODE,
            severity=Severity.LOW,
            title=N_("This computer could not tell"),
            remediation=(N_("Look yourself (see above): not knowing is a risk in itself."),),
        ),
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        answers = ctx.inputs.computer.answers()
        if all(a.outcome is Outcome.UNDETERMINED for a in answers):
            raise SkipCheck(
                _("No probe could tell anything about this computer: {why}").format(
                    why="; ".join(f"{_(TOPICS[a.probe])}: {a.detail}" for a in answers)
                )
            )
        by_name = {probe.name: probe for probe in PROBES}
        findings: list[Finding] = []
        for answer in answers:
            if answer.outcome is Outcome.NO:
                findings.append(
                    self.finding(
                        by_name[answer.probe].spec.code,
                        evidence=answer.detail,
                        steps=answer.steps,
                        references=answer.references,
                    )
                )
            elif answer.outcome is Outcome.UNDETERMINED:
                findings.append(
                    self.finding(
                        UNDETERMINED_CODE,
                        evidence=f"{_(TOPICS[answer.probe])}: {answer.detail}",
                        steps=answer.steps,
                        references=answer.references,
                    )
                )
        fine = [a.detail for a in answers if a.outcome is Outcome.YES]
        reason = _("Seen and fine: {details}").format(details="; ".join(fine)) if fine else None
        determined = sum(a.outcome is not Outcome.UNDETERMINED for a in answers)
        return CheckResult.of(findings, reason=reason, assessed_items=determined)
