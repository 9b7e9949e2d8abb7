"""HA-E against a real MediaWiki: a fictional editor's back-dated article edits (imported with
their real revision timestamps), read through ``list=usercontribs`` as a user's run reads them.
Core MediaWiki has no GeoData, so the part about places must say it was skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.footprint.routines import routine

from .conftest import RealWiki
from .seed import Revision, seed_article_edits

EDITOR = "Tide Keeper"  # a retiree in Hamburg who writes about the harbour's history
EDITS = 400


@pytest.fixture(scope="module")
def seeded(real_wiki: RealWiki) -> RealWiki:
    stamps = sorted(routine(0, EDITS, kind="retiree", seed=1, zone="Europe/Berlin"))
    titles = [f"Harbour history {i}" for i in range(20)]
    pages: dict[str, list[Revision]] = {}
    for i, stamp in enumerate(stamps):
        pages.setdefault(titles[i % len(titles)], []).append(
            Revision(stamp, f"Edit {i} of the harbour's history.")
        )
    assert seed_article_edits(real_wiki.api, EDITOR, pages) == EDITS
    return real_wiki


def audit(wiki: RealWiki, zone: str) -> dict[str, Any]:
    env = {
        **os.environ,
        "HYGIENE_AUDIT_COMMONS_API": wiki.api,
        "HYGIENE_AUDIT_META_API": wiki.api,
        "HYGIENE_AUDIT_CONFIG": os.devnull,
        "TZ": zone,  # this computer's clock, as the user set it
    }
    done = subprocess.run(
        [
            *(sys.executable, "-m", "hygiene_audit", "run", "--wiki", wiki.api),
            *("--user", EDITOR, "--only", "HA-E", "--format", "json", "--no-input"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr
    return dict(json.loads(done.stdout))


def test_the_offset_and_summer_time_are_found_from_real_revision_timestamps(
    seeded: RealWiki,
) -> None:
    report = audit(seeded, "Europe/Berlin")
    [finding] = report["findings"]
    evidence = finding["evidence"]
    assert finding["id"] == "HA-E001"
    assert f"{EDITS} dated edits" in evidence
    assert "your edits point to UTC+1 (UTC+2 in summer)" in evidence
    assert "by Europe's rule (last Sunday of March to last Sunday of October)" in evidence
    assert "that is your computer's zone too (UTC+1)" in evidence
    [row] = report["checks"]
    assert row["status"] == "findings"
    assert f"{EDITS} edits read on 127.0.0.1:" in row["reason"]


def test_core_mediawiki_has_no_geodata_and_the_places_part_says_it_was_skipped(
    seeded: RealWiki,
) -> None:
    report = audit(seeded, "Asia/Tokyo")
    [row] = report["checks"]
    assert "has no GeoData: where your articles are was not looked at" in row["reason"]
    assert [f["id"] for f in report["findings"]] == ["HA-E001"]  # no HA-E004
    assert "elsewhere than your computer's clock (UTC+9)" in report["findings"][0]["evidence"]
