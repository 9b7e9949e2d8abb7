"""The detectors against the corpus (tests/corpus/): every expected detection on 42 user pages
in 7 languages and 42 usernames, and no unexpected one of medium severity or more. Every
user-page detection kind is medium or high (HA-W001…009), so any unexpected one fails."""

from __future__ import annotations

import pytest

from tests.corpus import (
    PAGES,
    page_examples,
    run_page,
    run_username,
    score_pages,
    score_usernames,
    username_examples,
)


@pytest.mark.parametrize("example", page_examples(), ids=lambda e: str(e["file"]))
def test_user_page(example: dict[str, object]) -> None:
    outcome = run_page(example)
    assert not outcome.missed, f"missed in {outcome.name}: {sorted(outcome.missed)}"
    assert not outcome.unexpected, f"false alarm in {outcome.name}: {sorted(outcome.unexpected)}"


@pytest.mark.parametrize("example", username_examples(), ids=lambda e: str(e["name"]))
def test_username(example: dict[str, object]) -> None:
    outcome = run_username(example)
    assert not outcome.missed, f"missed in {outcome.name}: {sorted(outcome.missed)}"
    assert not outcome.unexpected, f"false alarm in {outcome.name}: {sorted(outcome.unexpected)}"


def test_the_corpus_is_what_the_issue_asks_for() -> None:
    pages = page_examples()
    assert len(pages) >= 40 and len(username_examples()) >= 40
    assert len({p["language"] for p in pages}) >= 6
    clean = [p for p in pages if not p["expect"]]
    assert 3 * len(clean) >= len(pages)
    assert {p.name for p in PAGES.glob("*.wiki")} == {str(p["file"]) for p in pages}


def test_precision_and_recall_meet_the_target() -> None:
    for score, _outcomes in (score_pages(), score_usernames()):
        assert score.precision() >= 0.95 and score.recall() >= 0.95
