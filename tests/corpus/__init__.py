"""The detection corpus: user pages and usernames with their expected detections, and the
one scoring of the detectors against it (used by tests/detectors/test_corpus.py and bench/run.py).

A detection is (kind, folded value); "kind" is a user-page detection kind (``name``,
``home``…) or a username finding code (``HA-U010``…). Per kind: true positives (expected and
found), false negatives (expected, missed) and false positives (found, not expected).
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hygiene_audit.checks.username import UsernameCheck
from hygiene_audit.core.models import Severity
from hygiene_audit.core.profile import UserProfile
from hygiene_audit.detectors.pii import LANGUAGE_REGIONS, Hints, detect_all
from hygiene_audit.detectors.profile_terms import fold
from hygiene_audit.detectors.wikitext import OFFLINE_FILE_PREFIXES, parse_wikitext

CORPUS = Path(__file__).parent
PAGES = CORPUS / "pages"


def key(kind: str, value: str) -> tuple[str, str]:
    return kind, " ".join(fold(value).split())


@dataclass
class Outcome:
    """One example: what was expected and what the detectors found."""

    name: str
    expected: set[tuple[str, str]]
    found: set[tuple[str, str]]

    @property
    def missed(self) -> set[tuple[str, str]]:
        return self.expected - self.found

    @property
    def unexpected(self) -> set[tuple[str, str]]:
        return self.found - self.expected


@dataclass
class Score:
    true_positive: Counter[str] = field(default_factory=Counter)
    false_negative: Counter[str] = field(default_factory=Counter)
    false_positive: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        for kind, _v in outcome.expected & outcome.found:
            self.true_positive[kind] += 1
        for kind, _v in outcome.missed:
            self.false_negative[kind] += 1
        for kind, _v in outcome.unexpected:
            self.false_positive[kind] += 1

    def kinds(self) -> list[str]:
        return sorted(set(self.true_positive) | set(self.false_negative) | set(self.false_positive))

    def precision(self, kind: str | None = None) -> float:
        tp, fp = self._sum(self.true_positive, kind), self._sum(self.false_positive, kind)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp, fn = self._sum(self.true_positive, kind), self._sum(self.false_negative, kind)
        return tp / (tp + fn) if tp + fn else 1.0

    @staticmethod
    def _sum(counter: Counter[str], kind: str | None) -> int:
        return counter[kind] if kind else sum(counter.values())


def page_examples() -> list[dict[str, object]]:
    data = tomllib.loads((CORPUS / "pages.toml").read_text("utf-8"))
    return list(data["page"])


def username_examples() -> list[dict[str, object]]:
    data = tomllib.loads((CORPUS / "usernames.toml").read_text("utf-8"))
    return list(data["username"])


def run_page(example: dict[str, object]) -> Outcome:
    name, language = str(example["file"]), str(example["language"])
    text = (PAGES / name).read_text("utf-8")
    hints = Hints(language=language, region=LANGUAGE_REGIONS.get(language))
    found = {
        key(d.kind.value, d.value)
        for d in detect_all(parse_wikitext(text, OFFLINE_FILE_PREFIXES), hints)
    }
    expected = {key(str(kind), str(value)) for kind, value in example["expect"]}  # type: ignore[attr-defined]
    return Outcome(name, expected, found)


def run_username(example: dict[str, object]) -> Outcome:
    """HA-U's findings with no profile; LOW ones count only when expected (a year-like
    number is worth saying, never worth failing a handle over)."""
    name = str(example["name"])
    check = UsernameCheck()
    findings = check.analyse_handle(name, name, UserProfile())
    expected = {(str(code), str(value)) for code, value in example["expect"]}  # type: ignore[attr-defined]
    found: set[tuple[str, str]] = set()
    for finding in findings:
        item = (finding.id, finding.personal[0].value)  # what matched; the handle comes last
        if finding.severity is Severity.LOW and item not in expected:
            continue
        found.add(item)
    return Outcome(name, {key(*e) for e in expected}, {key(*f) for f in found})


def score_pages() -> tuple[Score, list[Outcome]]:
    score, outcomes = Score(), [run_page(e) for e in page_examples()]
    for outcome in outcomes:
        score.add(outcome)
    return score, outcomes


def score_usernames() -> tuple[Score, list[Outcome]]:
    score, outcomes = Score(), [run_username(e) for e in username_examples()]
    for outcome in outcomes:
        score.add(outcome)
    return score, outcomes
