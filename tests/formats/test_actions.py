"""What to do, ranked: a password is one action with every account that uses it, the most
important accounts first, and the ranking comes from each check's catalogue, never from a
finding code (so a third-party check is ranked like a built-in one)."""

from __future__ import annotations

import csv
import io
import random
import string
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hygiene_audit.core.models import Report, ToolInfo
from hygiene_audit.formats.layout import MAX_ACTIONS, top_actions
from hygiene_audit.plugin import (
    N_,
    Category,
    Check,
    CheckContext,
    CheckResult,
    EntryRef,
    FindingSpec,
    Severity,
    catalogue,
)
from hygiene_audit.vault.importance import importance

from ..cli_helpers import run_json
from ..realistic_vault import HEADER, pwned_file, vault_csv

FORMATS = Path(__file__).parents[2] / "src" / "hygiene_audit" / "formats"


def _random(rnd: random.Random) -> str:
    return "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(20))


def tried_vault() -> bytes:
    """The export of the issue: one password on 41 sites, the e-mail provider among them, one
    on 25 with Facebook, 30 small reuse groups of shops, the rest unique; a Bitwarden CSV."""
    rnd = random.Random(28)
    shared_mail, shared_social = _random(rnd), _random(rnd)
    rows: list[tuple[str, str]] = []
    shops = [_random(rnd) for _ in range(30)]
    rows += [(f"shop{n}.example.net", shops[n % 30]) for n in range(1, 121)]
    rows += [("accounts.google.com", shared_mail)]
    rows += [(f"news{n}.example.org", shared_mail) for n in range(40)]
    rows += [("www.facebook.com", shared_social)]
    rows += [(f"forum{n}.example.org", shared_social) for n in range(24)]
    rows += [(f"unique{n}.example.com", _random(rnd)) for n in range(200)]
    rnd.shuffle(rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for number, (site, password) in enumerate(rows, 1):
        writer.writerow(
            ["", "", "login", f"Account {number}", "", "", "0", f"https://{site}/login",
             f"me{number}@mail.example", password, ""]
        )  # fmt: skip
    return buffer.getvalue().encode()


def _accounts(report: dict[str, Any], group: int) -> set[str]:
    return {e["site"] for f in report["findings"] for e in f["entries"] if e.get("group") == group}


def test_fix_first_starts_with_the_password_of_the_email_account(tmp_path: Path) -> None:
    vault = tmp_path / "bitwarden.csv"
    vault.write_bytes(tried_vault())
    report = run_json("--offline", "--passwords", str(vault), "--only", "HA-P")
    actions = report["actions"]
    first = actions[0]
    assert first["scope"] == "password"
    assert first["accounts"] == 41
    assert "accounts.google.com" in _accounts(report, first["id"])
    assert first["text"].startswith("Change this password on 41 accounts: accounts.google.com")
    second = actions[1]
    assert second["accounts"] == 25
    assert "facebook.com" in _accounts(report, second["id"])
    # ranked by their weight as numbers, ids by rank
    assert [a["id"] for a in actions] == list(range(1, len(actions) + 1))
    weights = [a["weight"] for a in actions]
    assert weights == sorted(weights, reverse=True)


def test_a_password_is_one_action_with_all_its_accounts_and_problems(tmp_path: Path) -> None:
    vault, breaches = tmp_path / "v.csv", pwned_file(tmp_path / "pwned.txt")
    vault.write_bytes(vault_csv(1000))
    report = run_json("--offline", "--passwords", str(vault), "--hibp-file", str(breaches))
    findings = report["findings"]
    # every entry of a breached password, of its reuse and its weakness names one group
    for finding in findings:
        if finding["id"] in ("HA-B001", "HA-P001", "HA-P002"):
            groups = {e["group"] for e in finding["entries"]}
            assert len(groups) == 1 and None not in groups, finding["id"]
    breached = next(f for f in findings if f["id"] == "HA-B001" and len(f["entries"]) > 2)
    group = breached["entries"][0]["group"]
    settled = {findings[i]["id"] for i in report["actions"][group - 1]["findings"]}
    assert {"HA-B001", "HA-P002"} <= settled
    text = report["actions"][group - 1]["text"]
    assert "seen" in text and "reused" in text
    # "Fix these first" never names one password twice: five actions, five groups
    top = report["actions"][:MAX_ACTIONS]
    assert len({a["text"] for a in top}) == MAX_ACTIONS
    members = [_accounts(report, a["id"]) for a in top if a["scope"] == "password"]
    for n, one in enumerate(members):
        for other in members[n + 1 :]:
            assert not one & other
    # the group id is its rank, nothing derived from the secret
    assert {a["id"] for a in report["actions"]} == set(range(1, len(report["actions"]) + 1))


class KeyCheck(Check):
    """A third-party check: its urgency and its action come only from its catalogue."""

    id = "X-KEYS"
    title = "Signing keys"
    category = Category.OTHER
    codes = catalogue(
        FindingSpec(
            code="X-KEYS001",
            severity=Severity.MEDIUM,
            title=N_("A signing key was published"),
            remediation=(N_("Revoke it."),),
            urgency=100,
            action=N_("Revoke the published signing key ({where})"),
        ),
        FindingSpec(
            code="X-KEYS002",
            severity=Severity.CRITICAL,
            title=N_("An old key is still listed"),
            remediation=(N_("Remove it."),),
            urgency=1,
        ),
    )

    def run(self, ctx: CheckContext) -> CheckResult:  # pragma: no cover - not run here
        return CheckResult.of([])


def _report(*findings: Any) -> Report:
    return Report(
        tool=ToolInfo(name="hygiene-audit", version="0"),
        generated_at=datetime.now(UTC),
        score=50,
        grade="F",
        assessed_checks=1,
        total_checks=1,
        findings=tuple(findings),
    )


def test_a_third_party_check_is_ranked_by_its_catalogue_not_its_code() -> None:
    check = KeyCheck()
    report = _report(
        check.finding("X-KEYS002", location="keyring"),
        check.finding("X-KEYS001", location="https://keys.example.org/me.asc"),
    )
    actions = top_actions(report)
    assert actions[0] == "Revoke the published signing key (https://keys.example.org/me.asc)"
    assert actions[1].startswith("An old key is still listed")


def test_hostile_braces_in_an_action_never_break_the_report() -> None:
    check = KeyCheck()
    entry = EntryRef(site="{0}{where}.example", login="{x}")
    finding = check.finding("X-KEYS001", entries=[entry])
    assert top_actions(_report(finding)) == [
        "Revoke the published signing key ({0}{where}.example)"
    ]


def test_importance_puts_identity_before_wikimedia_before_money_before_the_rest() -> None:
    assert (
        importance("accounts.google.com")
        > importance("et.wikipedia.org")
        > importance("www.paypal.com")
        > importance("m.facebook.com")
        > importance("github.com")
        > importance("shop1.example.net")
    )
    assert importance("notgoogle.com") == importance("google.com.evil.example") == 1


def test_no_finding_code_steers_the_formats() -> None:
    for module in FORMATS.glob("*.py"):
        assert "HA-" not in module.read_text(encoding="utf-8"), module.name
