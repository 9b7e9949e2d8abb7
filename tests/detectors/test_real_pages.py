"""The detectors on real public user pages nobody here wrote (../shared/real-userpages, read in
place, never copied), against the hand annotation in tests/corpus/real_pages.toml. Skipped when
the folder is absent. The floors are today's measured figures: detection may only get better;
the issue's targets (recall ≥ 85 %, precision ≥ 90 %) are printed by bench/run.py."""

from __future__ import annotations

import pytest

from tests.corpus import (
    REAL_PAGES,
    matches,
    real_page_examples,
    real_pages_present,
    run_real_page,
    score_real_pages,
)

pytestmark = pytest.mark.skipif(not real_pages_present(), reason=f"{REAL_PAGES} is absent")

RECALL_FLOOR = 41 / 74  # 6 / 73 before the statement files (issue 27)
PRECISION_FLOOR = 41 / 43


def test_every_real_page_is_annotated_once() -> None:
    annotated = [str(e["file"]) for e in real_page_examples()]
    assert len(annotated) == len(set(annotated))
    on_disk = {p.name for p in REAL_PAGES.iterdir() if p.suffix in (".txt", ".wiki")}
    assert set(annotated) == on_disk


@pytest.mark.parametrize("example", real_page_examples(), ids=lambda e: str(e["file"]))
def test_annotations_are_what_the_page_says(example: dict[str, object]) -> None:
    """Each item and trap is text the page holds (so a typo cannot make a miss); no trap is
    also an item."""
    text = (REAL_PAGES / str(example["file"])).read_text("utf-8")
    items = [(str(k), str(v)) for k, v in example["items"]]  # type: ignore[attr-defined]
    traps = [(str(k), str(v)) for k, v in example["traps"]]  # type: ignore[attr-defined]
    for kind, value in items + traps:
        assert matches((kind, text), (kind, value)), f"{value!r} is not in {example['file']}"
    assert not set(items) & set(traps)
    if example.get("control"):
        assert not items


@pytest.mark.parametrize(
    "example",
    [e for e in real_page_examples() if e.get("control")],
    ids=lambda e: str(e["file"]),
)
def test_a_control_page_gives_no_finding(example: dict[str, object]) -> None:
    outcome = run_real_page(example)
    assert not outcome.found, f"{outcome.name}: {outcome.found}"


def test_recall_and_precision_do_not_fall() -> None:
    score = score_real_pages()
    hits, items = score.recall()
    good, found = score.precision()
    assert hits / items >= RECALL_FLOOR, score.outcomes
    assert (good / found if found else 1.0) >= PRECISION_FLOOR
