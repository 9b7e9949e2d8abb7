"""The detection corpus: user pages and usernames with their expected detections, and the
one scoring of the detectors against it (used by tests/detectors/test_corpus.py and bench/run.py).

A detection is (kind, folded value); "kind" is a user-page detection kind (``name``,
``home``…) or a username finding code (``HA-U010``…). Per kind: true positives (expected and
found), false negatives (expected, missed) and false positives (found, not expected).
"""

from __future__ import annotations

import re
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


# ---------------------------------------------------------------- real pages (issue 27)
# Real public user pages nobody here wrote, read in place from ../shared/real-userpages (never
# copied into the repository), against the hand annotation in real_pages.toml. Run as a user
# without a profile runs it: the username and the wiki's language are all the detectors know.
REAL_PAGES = CORPUS.parent.parent.parent / "shared" / "real-userpages"
# "Melbourne" found as a home or a country is the place the page names either way.
_MATCH_GROUP = {"country": "home"}


def real_pages_present() -> bool:
    return REAL_PAGES.is_dir() and any(REAL_PAGES.iterdir())


def real_page_examples() -> list[dict[str, object]]:
    data = tomllib.loads((CORPUS / "real_pages.toml").read_text("utf-8"))
    return list(data["page"])


def _words(value: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", fold(value))) + " "


def matches(found: tuple[str, str], item: tuple[str, str]) -> bool:
    """A detection names an annotated item: the same kind (a place as home or country) and
    one's words inside the other's ("Melbourne, Australia" names "Melbourne")."""
    (fkind, fvalue), (ikind, ivalue) = found, item
    if _MATCH_GROUP.get(fkind, fkind) != _MATCH_GROUP.get(ikind, ikind):
        return False
    a, b = _words(fvalue), _words(ivalue)
    return a.strip() != "" and b.strip() != "" and (a in b or b in a)


@dataclass
class RealOutcome:
    """One real page: its annotated items, what the detectors reported, how they pair."""

    name: str
    language: str
    control: bool
    items: list[tuple[str, str]]
    found: list[tuple[str, str]]

    @property
    def hits(self) -> list[tuple[str, str]]:
        return [i for i in self.items if any(matches(f, i) for f in self.found)]

    @property
    def missed(self) -> list[tuple[str, str]]:
        return [i for i in self.items if not any(matches(f, i) for f in self.found)]

    @property
    def false_alarms(self) -> list[tuple[str, str]]:
        return [f for f in self.found if not any(matches(f, i) for i in self.items)]


def run_real_page(example: dict[str, object]) -> RealOutcome:
    from hygiene_audit.detectors.profile_terms import personal_terms

    name, language = str(example["file"]), str(example["language"])
    text = (REAL_PAGES / name).read_text("utf-8")
    username = str(example["username"])
    hints = Hints(
        terms=tuple(personal_terms(UserProfile(), username)),
        username=username,
        language=language,
        region=LANGUAGE_REGIONS.get(language),
    )
    page = parse_wikitext(text, OFFLINE_FILE_PREFIXES)
    # every HA-W user-page finding is of medium severity or more: each detection counts
    found = [(d.kind.value, d.value) for d in detect_all(page, hints)]
    items = [(str(k), str(v)) for k, v in example["items"]]  # type: ignore[attr-defined]
    return RealOutcome(name, language, bool(example.get("control", False)), items, found)


@dataclass
class RealScore:
    """Recall over annotated items, precision over medium-or-higher findings, per kind and
    per language."""

    outcomes: list[RealOutcome]

    def _select(self, kind: str | None, language: str | None) -> list[RealOutcome]:
        return [o for o in self.outcomes if language is None or o.language == language]

    def recall(self, kind: str | None = None, language: str | None = None) -> tuple[int, int]:
        hits = total = 0
        for o in self._select(kind, language):
            hits += sum(1 for i in o.hits if kind is None or i[0] == kind)
            total += sum(1 for i in o.items if kind is None or i[0] == kind)
        return hits, total

    def precision(self, kind: str | None = None, language: str | None = None) -> tuple[int, int]:
        good = total = 0
        for o in self._select(kind, language):
            found = [f for f in o.found if kind is None or f[0] == kind]
            bad = [f for f in o.false_alarms if f in found]
            good += len(found) - len(bad)
            total += len(found)
        return good, total

    def kinds(self) -> list[str]:
        return sorted({i[0] for o in self.outcomes for i in o.items})

    def languages(self) -> list[str]:
        return sorted({o.language for o in self.outcomes})

    def control_alarms(self) -> list[tuple[str, tuple[str, str]]]:
        return [(o.name, f) for o in self.outcomes if o.control for f in o.found]


def score_real_pages() -> RealScore:
    return RealScore([run_real_page(e) for e in real_page_examples()])
