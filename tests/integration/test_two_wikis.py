"""One editor on two real MediaWikis (no CentralAuth there), audited with --wikis URL1,URL2:
personal information planted on a subpage of the second wiki only, and in its history, is
found with the right wiki and revision ids (issue 20)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import pytest

from .conftest import RealWiki
from .seed import Editor, Revision, page_revisions, seed

MIRA = "Mira Zwei"
PHONE = "+43 664 7654321"
DRAFT = [
    Revision("2020-05-01T10:00:00Z", f"Entwurf. Ruf mich an: {PHONE}"),
    Revision("2020-05-02T10:00:00Z", f"Entwurf, zweite Fassung. Tel. {PHONE}"),
    Revision("2020-06-01T10:00:00Z", "Entwurf, ohne Kontaktdaten."),
]
ABOUT = [Revision("2021-01-01T10:00:00Z", "About me: I live in Klagenfurt.")]


@dataclass(frozen=True)
class Two:
    first: RealWiki
    second: RealWiki


@pytest.fixture(scope="module")
def two(real_wiki: RealWiki, second_wiki: RealWiki) -> Two:
    seed(real_wiki.api, [Editor(MIRA, [], "I write about birds. {{Babel|de|en-3}}")])
    seed(
        second_wiki.api,
        [Editor(MIRA, [], "Ich schreibe über Vögel.", subpages={"Entwurf": DRAFT, "About": ABOUT})],
    )
    return Two(real_wiki, second_wiki)


def audit(two: Two, *extra: str) -> dict[str, Any]:
    env = {
        **os.environ,
        "HYGIENE_AUDIT_COMMONS_API": two.first.api,
        "HYGIENE_AUDIT_META_API": two.first.api,
        "HYGIENE_AUDIT_CONFIG": os.devnull,
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "hygiene_audit",
            "run",
            "--user",
            MIRA,
            "--wikis",
            f"{two.first.api},{two.second.api}",
            "--format",
            "json",
            "--no-input",
            "--only",
            "HA-W",
            *extra,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_pii_on_a_subpage_of_the_second_wiki_and_in_its_history(two: Two) -> None:
    report = audit(two)
    second = two.second.api.split("//", 1)[1].split("/", 1)[0]  # 127.0.0.1:8092
    assert {f["wiki"] for f in report["findings"]} == {second}
    [history] = [f for f in report["findings"] if f["id"] == "HA-W010"]
    assert f"User:{MIRA}/Entwurf" in history["location"] and second in history["location"]
    revisions = page_revisions(two.second.api, f"User:{MIRA}/Entwurf")
    with_phone = [r["revid"] for r in revisions if PHONE in r["text"]]
    assert len(with_phone) == 2
    for revid in with_phone:
        assert f"- {revid}  " in history["message"]
        assert f"http://{second}/w/index.php?oldid={revid}" in history["message"]
    assert PHONE not in history["message"] and PHONE in history["evidence"]
    [home] = [f for f in report["findings"] if f["id"] == "HA-W004"]
    assert "Klagenfurt" in home["evidence"] and f"User:{MIRA}/About" in home["location"]
    assert report["checks"][0]["status"] == "findings"
