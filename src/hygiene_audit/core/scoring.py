"""The score: a pure function of check outcomes and findings.

Formula (also in the README):

* Each kind of finding (one finding id) costs by severity ``base`` — critical 35, high 15,
  medium 6, low 2, info 0 — times a **count term** and a **share term**:
  ``penalty(id) = base × (1 + ½·log₂ k) + base × 2 × share``, where ``k`` is the number of
  findings with that id and ``share`` the fraction of the items its check looked at that
  they concern (k / n, capped at 1; 0 when the check does not say how many items it
  looked at). Three breached passwords out of 13, a hundred out of 1,000 and 900 out of
  1,000 therefore score differently: more findings cost more, and so does a larger share,
  but a thousand repeats do not cost a thousand times one.
* A check that was not run (skipped: its input was not given, or it needs the network
  under ``--offline``) costs nothing: it is "not assessed" beside the score, and its area has
  no score. A check that failed (error) costs 10: an unknown is not a pass; so does a check
  that assessed what it could while an input the user gave failed (one of two user-page
  files unreadable), on top of its findings (and the report is incomplete, exit 4).
* ``score = max(0, round(100 − total))``; a critical finding caps the score at 59.
* When no check assessed anything there is no score and no grade.
* Grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below.
* Area (category) scores use the same formula on that area's checks and findings; an area
  none of whose checks assessed anything is "not assessed" and has no score.

Every term is non-negative and grows with k, so adding a finding can never raise a score.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from hygiene_audit.core.models import (
    Category,
    CategoryScore,
    CheckOutcome,
    Finding,
    Severity,
    Status,
)

SEVERITY_PENALTY: dict[Severity, float] = {
    Severity.CRITICAL: 35.0,
    Severity.HIGH: 15.0,
    Severity.MEDIUM: 6.0,
    Severity.LOW: 2.0,
    Severity.INFO: 0.0,
}
COUNT_WEIGHT = 0.5
SHARE_WEIGHT = 2.0
UNASSESSED_PENALTY = 10.0
CRITICAL_CAP = 59
GRADE_THRESHOLDS: tuple[tuple[int, str], ...] = ((90, "A"), (80, "B"), (70, "C"), (60, "D"))


def penalty(findings: Iterable[Finding], items: Mapping[str, int] | None = None) -> float:
    """The cost of ``findings``; ``items`` maps a check id to how many items it looked at."""
    by_id: dict[str, list[Finding]] = {}
    for finding in findings:
        by_id.setdefault(finding.id, []).append(finding)
    total = 0.0
    for group in by_id.values():
        base = max(SEVERITY_PENALTY[f.severity] for f in group)
        k = len(group)
        looked_at = (items or {}).get(group[0].check)
        affected = sum(max(1, len(f.entries)) for f in group)
        share = min(1.0, affected / looked_at) if looked_at else 0.0
        total += base * (1 + COUNT_WEIGHT * math.log2(k)) + base * SHARE_WEIGHT * share
    return total


def items_by_check(outcomes: Sequence[CheckOutcome]) -> dict[str, int]:
    return {o.id: o.assessed_items for o in outcomes if o.assessed_items}


def score(outcomes: Sequence[CheckOutcome], findings: Sequence[Finding]) -> int | None:
    if not any(o.status.assessed for o in outcomes):
        return None
    unassessed = sum(1 for o in outcomes if o.status is Status.ERROR or o.failed_input)
    total = penalty(findings, items_by_check(outcomes)) + UNASSESSED_PENALTY * unassessed
    value = max(0, round(100 - total))
    if any(f.severity is Severity.CRITICAL for f in findings):
        value = min(value, CRITICAL_CAP)
    return value


def grade(value: int | None) -> str | None:
    if value is None:
        return None
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
