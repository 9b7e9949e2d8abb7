"""The Wikimedia checks against a real MediaWiki, run as a user runs the tool."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import pytest

from .conftest import RealWiki
from .seed import Editor, Revision, jpeg, seed

LENA = "Lena Tier"
CLEAN = "Quiet Birder"
PHONE = "+43 664 1234567"
# 60 back-dated revisions: the phone number is in the oldest 55, then removed; the history cap
# is above 50, so reading it needs real continuation.
HISTORY = [
    Revision(
        f"2019-01-{1 + i // 24:02d}T{i % 24:02d}:00:00Z",
        f"Hallo, ich bin Lena. Ruf mich an: {PHONE} (v{i})",
    )
    for i in range(55)
]
HISTORY += [
    Revision(f"2019-03-{1 + i:02d}T10:00:00Z", f"Hallo, ich bin Lena. (v{55 + i})")
    for i in range(5)
]
CURRENT = (
    "Hallo! Ich wohne in Graz und schreibe über Vögel. Mail: lena.tier [at] example "
    "[dot] org\n[[File:Lena Tier selfie.jpg|thumb|Me at the lake]]"
)


@dataclass(frozen=True)
class Seeded:
    wiki: RealWiki
    revisions: dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def seeded(real_wiki: RealWiki) -> Seeded:
    editors = [
        Editor(
            LENA,
            HISTORY,
            CURRENT,
            uploads={
                "Lena Tier selfie.jpg": jpeg(
                    gps=(47.0707, 15.4395),
                    artist="Lena Tiermann",
                    serial="SN-0042-7781",
                    color=(200, 30, 30),
                ),
            },
        ),
        Editor(
            CLEAN,
            [],
            "I write about birds of the Alps. {{Babel|en|de-2}}",
            uploads={
                "Alpine swift.jpg": jpeg(gps=None, artist=None, serial=None, color=(30, 30, 200))
            },
        ),
    ]
    return Seeded(real_wiki, seed(real_wiki.api, editors))


def audit(wiki: RealWiki, user: str, *extra: str) -> dict[str, Any]:
    env = {
        **os.environ,
        "HYGIENE_AUDIT_COMMONS_API": wiki.api,
        "HYGIENE_AUDIT_META_API": wiki.api,
        "HYGIENE_AUDIT_CONFIG": os.devnull,
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "hygiene_audit",
            "run",
            "--wiki",
            wiki.api,
            "--user",
            user,
            "--format",
            "json",
            "--no-input",
            "--only",
            "HA-W",
            "--only",
            "HA-G",
            "--history-limit",
            "100",
            *extra,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = dict(json.loads(done.stdout))
    incomplete = bool(report["input_problems"]) or report["score"] is None
    assert done.returncode == (4 if incomplete else 0), done.stderr
    assert done.stderr == "", done.stderr
    return report


def ids(report: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["id"] == code]


def test_current_page_personal_information(seeded: Seeded) -> None:
    report = audit(seeded.wiki, LENA)
    assert "Graz" in ids(report, "HA-W004")[0]["evidence"]
    assert "lena.tier@example.org" in ids(report, "HA-W001")[0]["evidence"]


def test_history_only_phone_with_the_right_revision_ids(seeded: Seeded) -> None:
    report = audit(seeded.wiki, LENA)
    [history] = ids(report, "HA-W010")
    revisions = seeded.revisions[LENA]  # current edit, import's null revision, 60 imported
    with_phone = [r["revid"] for r in revisions if PHONE in r["text"]]
    assert len(with_phone) == 55 and len(revisions) > 60
    for revid in with_phone:
        assert f"- {revid}  " in history["message"]
    for clean in (r for r in revisions if PHONE not in r["text"]):
        assert f"- {clean['revid']}  " not in history["message"]
    assert PHONE in history["evidence"] and "55 more" not in history["evidence"]
    assert PHONE not in history["message"]


def test_photo_and_its_real_metadata(seeded: Seeded) -> None:
    report = audit(seeded.wiki, LENA)
    [photo] = ids(report, "HA-W011")
    assert "Lena Tier selfie.jpg" in photo["evidence"] and "Me at the lake" in photo["evidence"]
    [gps] = ids(report, "HA-W012")
    assert "47.1, 15.4" in gps["evidence"] and "EXIF GPS" in gps["evidence"]
    assert ids(report, "HA-W014")[0]["evidence"].endswith("“Lena Tiermann”")
    serial = ids(report, "HA-W013")
    assert serial and "…7781" in serial[0]["evidence"]


def test_clean_editor_has_no_findings(seeded: Seeded) -> None:
    report = audit(seeded.wiki, CLEAN)
    assert [f for f in report["findings"] if f["check"] == "HA-W"] == []
    row = next(c for c in report["checks"] if c["id"] == "HA-W")
    assert row["status"] == "passed"


def test_wiki_without_central_auth_skips_the_global_footprint(seeded: Seeded) -> None:
    report = audit(seeded.wiki, LENA)
    row = next(c for c in report["checks"] if c["id"] == "HA-G")
    assert row["status"] == "skipped" and "CentralAuth" in row["reason"]


def test_missing_user_is_a_clear_skip(seeded: Seeded) -> None:
    report = audit(seeded.wiki, "Nobody Registered")
    row = next(c for c in report["checks"] if c["id"] == "HA-W")
    assert row["status"] == "skipped" and "no user named 'Nobody Registered'" in row["reason"]
