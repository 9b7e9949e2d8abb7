"""KeePass databases written by KeePassXC's own test suite (../shared/peer-testdata, read in
place): key-file-only databases open, old formats are refused in one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hygiene_audit.cli.commands import app

from ..cli_helpers import runner

PEER = Path(__file__).resolve().parents[3] / "shared" / "peer-testdata" / "keepassxc-testdata"
pytestmark = pytest.mark.skipif(not PEER.is_dir(), reason="../shared/peer-testdata is absent")


def audit(name: str, typed: str, *extra: str) -> dict[str, Any]:
    result = runner.invoke(
        app,
        [
            "run",
            "--offline",
            "--only",
            "HA-P",
            "-f",
            "json",
            "--passwords",
            str(PEER / name),
            *extra,
        ],
        input=typed,
    )
    return dict(json.loads(result.stdout))


@pytest.mark.parametrize(
    ("name", "typed", "logins"),
    [
        ("Format300.kdbx", "a\n", 1),
        ("Format400.kdbx", "t\n", 1),
        ("NonAscii.kdbx", "Δöض\n", 1),
        ("Compressed.kdbx", "\n", 1),
        ("RecycleBinWithData.kdbx", "123\n", 5),
    ],
)
def test_databases_open_with_their_documented_master_password(
    name: str, typed: str, logins: int
) -> None:
    report = audit(name, typed)
    assert report["input_problems"] == []
    assert f"Read {logins} login" in report["checks"][0]["reason"]


def test_a_key_file_only_database_opens_when_enter_is_pressed() -> None:
    report = audit(
        "KeyFileProtectedNoPassword.kdbx",
        "\n",
        "--kdbx-keyfile",
        str(PEER / "KeyFileProtectedNoPassword.key"),
    )
    assert report["input_problems"] == []
    assert "Read 2 logins" in report["checks"][0]["reason"]


@pytest.mark.parametrize(
    ("name", "words"),
    [("Format200.kdbx", "old KDBX 2.0 format"), ("basic.kdb", "KeePass 1 (.kdb)")],
)
def test_old_formats_are_refused_in_one_line(name: str, words: str) -> None:
    report = audit(name, "a\n")
    assert len(report["input_problems"]) == 1 and words in report["input_problems"][0]
    assert "\n" not in report["input_problems"][0]
