"""The score: a pure function of check outcomes and findings.

Formula (also in the README):

* Each finding costs a penalty by severity: critical 35, high 15, medium 6, low 2, info 0.
* Repeats of one finding id weigh less: the n-th finding with the same id (n = 0, 1, ...)
  costs ``penalty × 0.5ⁿ``, so ten weak passwords matter more than one, not ten times more.
* A check that did not assess anything (skipped or error) costs 10: an unknown is not a pass.
* ``score = max(0, round(100 − total))``; a critical finding caps the score at 59.
* When no check assessed anything, the score is 0: nothing verified is nothing passed.
* Grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below.
* Category sub-scores use the same formula on that category's checks and findings; a
  category none of whose checks ran is "not assessed".

Every term is non-negative, so adding a finding can never raise a score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from hygiene_audit.models import Category, CategoryScore, CheckOutcome, Finding, Severity

SEVERITY_PENALTY: dict[Severity, float] = {
    Severity.CRITICAL: 35.0,
    Severity.HIGH: 15.0,
    Severity.MEDIUM: 6.0,
    Severity.LOW: 2.0,
    Severity.INFO: 0.0,
}
REPEAT_DECAY = 0.5
UNASSESSED_PENALTY = 10.0
CRITICAL_CAP = 59
GRADE_THRESHOLDS: tuple[tuple[int, str], ...] = ((90, "A"), (80, "B"), (70, "C"), (60, "D"))


def penalty(findings: Iterable[Finding]) -> float:
    seen: Counter[str] = Counter()
    total = 0.0
    for finding in sorted(findings, key=lambda f: (f.id, f.severity.rank)):
        total += SEVERITY_PENALTY[finding.severity] * REPEAT_DECAY ** seen[finding.id]
        seen[finding.id] += 1
    return total


def score(outcomes: Sequence[CheckOutcome], findings: Sequence[Finding]) -> int:
    if not any(o.status.assessed for o in outcomes):
        return 0
    unassessed = sum(1 for o in outcomes if not o.status.assessed)
    total = penalty(findings) + UNASSESSED_PENALTY * unassessed
    value = max(0, round(100 - total))
    if any(f.severity is Severity.CRITICAL for f in findings):
        value = min(value, CRITICAL_CAP)
    return value


def grade(value: int) -> str:
    for threshold, letter in GRADE_THRESHOLDS:
        if value >= threshold:
            return letter
    return "F"


def category_scores(
    outcomes: Sequence[CheckOutcome], findings: Sequence[Finding]
) -> tuple[CategoryScore, ...]:
    by_check = {o.id: o.category for o in outcomes}
    result = []
    for category in Category:
        mine = [o for o in outcomes if o.category is category]
        if not mine:
            continue
        assessed = any(o.status.assessed for o in mine)
        cat_findings = [f for f in findings if by_check.get(f.check) is category]
        result.append(
            CategoryScore(
                category=category,
                title=category.label,
                score=score(mine, cat_findings) if assessed else None,
                assessed=assessed,
            )
        )
    return tuple(result)
