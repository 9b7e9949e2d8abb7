"""The documented score formula, and that a finding can never raise the score."""

from __future__ import annotations

import random
import string
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from hygiene_audit.core.models import Category, CheckOutcome, Finding, Severity, Status
from hygiene_audit.core.scoring import category_scores, grade, score

from .cli_helpers import invoke, run_json


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


FAILED = CheckOutcome(id="HA-Z", title="z", category=Category.ACCOUNT, status=Status.ERROR)
PART = RAN.model_copy(update={"failed_input": True})


def test_a_check_that_was_not_run_is_not_assessed_and_one_that_failed_costs() -> None:
    assert score([RAN, SKIPPED], []) == 100  # "not assessed" beside the score, no penalty
    assert score([RAN, FAILED], []) == 90  # an error is an unknown: it costs
    assert score([PART], []) == 90  # so does an input the user gave that failed
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


def _vault(tmp_path: Path, weak: int, strong: int = 99) -> Path:
    rnd = random.Random(6)
    alphabet = string.ascii_letters + string.digits
    rows = ["name,login_uri,login_username,login_password"]
    for n in range(strong):
        secret = "".join(rnd.choice(alphabet) for _ in range(20))
        rows.append(f"Site {n},https://site{n}.example.org/,me{n},{secret}")
    rows += [f"Weak {n},https://weak{n}.example.org/,me,letmein{n}" for n in range(weak)]
    path = tmp_path / "bitwarden.csv"
    path.write_text(
        "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,"
        "login_password,login_totp\n"
        + "\n".join(
            f",,login,{r.split(',')[0]},,,0,{','.join(r.split(',')[1:])}," for r in rows[1:]
        )
        + "\n"
    )
    return path


def test_a_vault_of_99_strong_passwords_and_1_weak_is_a_b_and_a_clean_one_an_a(
    tmp_path: Path,
) -> None:
    """Only passwords given, offline: the checks that had nothing to look at are not
    assessed, not a penalty; the one weak password is what the score says."""
    one_weak = run_json("--offline", "--passwords", str(_vault(tmp_path, weak=1)))
    assert one_weak["grade"] == "B", one_weak["score"]
    clean = run_json("--offline", "--passwords", str(_vault(tmp_path, weak=0, strong=100)))
    assert clean["grade"] == "A" and clean["score"] == 100
    assert clean["assessed_checks"] < clean["total_checks"]
    shown = invoke("run", "--offline", "--no-input", "--passwords", str(tmp_path / "bitwarden.csv"))
    assert "Grade: A   (1 of 5 areas assessed)" in shown.stdout  # said beside the score
