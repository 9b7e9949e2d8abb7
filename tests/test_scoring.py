"""The documented score formula, and that a finding can never raise the score."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hygiene_audit.core.models import Category, CheckOutcome, Finding, Severity, Status
from hygiene_audit.core.scoring import category_scores, grade, score


def finding(severity: Severity, code: str = "HA-X001") -> Finding:
    return Finding(check="HA-X", id=code, severity=severity, title="t", remediation=("r",))


RAN = CheckOutcome(id="HA-X", title="x", category=Category.PASSWORDS, status=Status.FINDINGS)
SKIPPED = CheckOutcome(id="HA-Y", title="y", category=Category.BREACHES, status=Status.SKIPPED)


def test_clean_run_scores_100_and_grade_a() -> None:
    assert score([RAN], []) == 100 and grade(100) == "A"


def test_severities_weigh_differently_and_repeats_diminish() -> None:
    assert score([RAN], [finding(Severity.HIGH)]) == 85
    assert score([RAN], [finding(Severity.MEDIUM)]) == 94
    assert score([RAN], [finding(Severity.HIGH)] * 2) == 78  # 15 + 7.5
    assert (
        score([RAN], [finding(Severity.HIGH, "HA-X001"), finding(Severity.HIGH, "HA-X002")]) == 70
    )
    assert score([RAN], [finding(Severity.INFO)] * 5) == 100


def test_a_critical_finding_caps_the_grade_at_f() -> None:
    value = score([RAN], [finding(Severity.CRITICAL)])
    assert value == 59 and grade(value) == "F"


def test_a_check_that_did_not_run_is_not_a_pass() -> None:
    assert score([RAN, SKIPPED], []) == 90
    assert score([SKIPPED], []) is None  # nothing assessed: no score, no grade
    cats = {c.category: c for c in category_scores([RAN, SKIPPED], [])}
    assert cats[Category.BREACHES].score is None and not cats[Category.BREACHES].assessed
    assert cats[Category.PASSWORDS].score == 100


severities = st.sampled_from(list(Severity))
codes = st.sampled_from(["HA-X001", "HA-X002", "HA-X003"])
findings = st.lists(st.builds(finding, severities, codes), max_size=30)


@given(findings, st.builds(finding, severities, codes))
def test_adding_a_finding_never_raises_the_score(existing: list[Finding], extra: Finding) -> None:
    with_extra, without = score([RAN], [*existing, extra]), score([RAN], existing)
    assert with_extra is not None and without is not None and with_extra <= without
    before = {c.category: c.score for c in category_scores([RAN], existing)}
    after = {c.category: c.score for c in category_scores([RAN], [*existing, extra])}
    later, earlier = after[Category.PASSWORDS], before[Category.PASSWORDS]
    assert later is not None and earlier is not None and later <= earlier


@given(findings)
def test_score_is_within_bounds_and_grade_consistent(items: list[Finding]) -> None:
    value = score([RAN], items)
    assert value is not None and 0 <= value <= 100
    letter = grade(value)
    assert letter is not None and letter in "ABCDF"
