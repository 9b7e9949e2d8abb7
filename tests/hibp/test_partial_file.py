"""A breach file that is not whole is said, never taken as "not breached".

An interrupted download stops at some hash, a copy is cut mid-line, a file is rewritten
while the audit reads it, a padded file has no lines at all past its head. Each passes the
checks a file gets when it is opened (first lines, sampled order, the self-test hashes); each
used to turn breached passwords into "not breached", with exit 0.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from hygiene_audit.hibp.interface import PwnedSourceError
from hygiene_audit.hibp.offline_file import SortedFileSource

from ..cli_helpers import Report, invoke, run_json
from ..hibp_helpers import breached_corpus, sha1, write_sorted_file

# Eight breached passwords, four of them with a SHA-1 at or above prefix 80000.
LOW = [p for p in (f"summer{i}" for i in range(200)) if sha1(p) < "8"][:4]
HIGH = [p for p in (f"summer{i}" for i in range(200)) if sha1(p) >= "8"][:4]
BREACHED = {p: 1000 + n for n, p in enumerate(LOW + HIGH)}


def _vault(tmp_path: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,"
    writer.writerow((header + "login_password,login_totp").split(","))
    for n, password in enumerate(BREACHED):
        writer.writerow(
            [
                "",
                "",
                "login",
                f"Site {n}",
                "",
                "",
                "0",
                f"https://site{n}.example",
                f"user{n}",
                password,
                "",
            ]
        )
    path = tmp_path / "bitwarden_export.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _whole(tmp_path: Path) -> Path:
    return write_sorted_file(tmp_path / "pwned.txt", breached_corpus(BREACHED, extra=20_000))


def _stops_at_80000(tmp_path: Path) -> Path:
    """A correctly sorted file whose download stopped at prefix 80000, at a line break."""
    corpus = {d: c for d, c in breached_corpus(BREACHED, extra=20_000).items() if d < "80000"}
    return write_sorted_file(tmp_path / "pwned.txt", corpus)


def _cut_mid_line(tmp_path: Path) -> Path:
    """The whole file, cut in the middle of a hash two thirds of the way through."""
    whole = _whole(tmp_path).read_bytes()
    cut = whole.index(b"\n", len(whole) * 2 // 3) + 20
    path = tmp_path / "cut.txt"
    path.write_bytes(whole[:cut])
    return path


def _with_a_hole(tmp_path: Path) -> Path:
    """The whole file less the lines near one breached password (one range file lost)."""
    lost = sha1(HIGH[0])[:2]
    corpus = {
        d: c for d, c in breached_corpus(BREACHED, extra=20_000).items() if not d.startswith(lost)
    }
    return write_sorted_file(tmp_path / "pwned.txt", corpus)


def _audit(vault: Path, hibp: Path) -> Report:
    return run_json(
        "--offline", "--only", "HA-B", "--passwords", str(vault), "--hibp-file", str(hibp)
    )


def test_the_whole_file_finds_all_eight_and_is_complete(tmp_path: Path) -> None:
    report = _audit(_vault(tmp_path), _whole(tmp_path))
    assert not report["input_problems"]
    assert sum(f["id"] == "HA-B001" for f in report["findings"]) == 8


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_stops_at_80000, "stops at hash prefix 7"),
        (_cut_mid_line, "ends in the middle of a line"),
        (_with_a_hole, "could not be checked"),
    ],
    ids=["download stopped at 80000", "cut mid-line", "one range missing"],
)
def test_a_partial_file_is_an_incomplete_run_and_never_not_breached(
    tmp_path: Path, make: Callable[[Path], Path], said: str
) -> None:
    hibp = make(tmp_path)
    report = _audit(_vault(tmp_path), hibp)  # exit 4 checked against the report's own state
    problems = " ".join(report["input_problems"])
    assert said in problems
    row = report["checks"][0]
    assert row["failed_input"] is True
    breached = [f for f in report["findings"] if f["id"] == "HA-B001"]
    unchecked = [f for f in report["findings"] if f["id"] == "HA-B002"]
    assert unchecked, "the passwords the file does not reach are listed as not checked"
    named = " ".join(f["evidence"] for f in breached + unchecked)
    for n in range(8):  # every breached entry is either breached or not checked, none "fine"
        assert f"site{n}.example" in named
    assert not any(p in named for p in BREACHED), "no password text in the report"


def test_pwned_with_a_file_that_stops_short_never_says_not_found(tmp_path: Path) -> None:
    hibp = _stops_at_80000(tmp_path)
    result = invoke("pwned", "--offline", "--hibp-file", str(hibp), input=HIGH[1] + "\n")
    assert result.exit_code == 4, result.output
    assert "not found" not in result.output.lower()
    assert "stops at hash prefix" in result.output


def test_a_file_truncated_while_it_is_read_answers_nothing_as_not_found(tmp_path: Path) -> None:
    path = _whole(tmp_path)
    digests = [sha1(p) for p in BREACHED] + [sha1(f"never-seen-{i}") for i in range(20)]
    with SortedFileSource(path) as source:
        first = source.lookup(digests[:4])
        os.truncate(path, path.stat().st_size // 3)
        rest = source.lookup(digests[4:])
    assert all(a.count for a in first.values())
    assert all(a.count is None and a.problem and "changed" in a.problem for a in rest.values())


def test_a_file_rewritten_in_place_to_the_same_size_is_noticed(tmp_path: Path) -> None:
    path = _whole(tmp_path)
    unseen = [sha1(f"never-seen-{i}") for i in range(5)]
    with SortedFileSource(path) as source:
        data = path.read_bytes()
        with path.open("r+b") as handle:  # same inode, same size, new modification time
            handle.write(data)
        os.utime(path, ns=(1, 1))
        answers = source.lookup(unseen)
    assert all(a.count is None for a in answers.values())


def test_a_sparse_file_with_a_real_head_is_refused_at_once(tmp_path: Path) -> None:
    path = _whole(tmp_path)
    head = path.read_bytes()[:200_000]
    path.write_bytes(head)
    os.truncate(path, 20 * 1024**3)  # 20 GB of nothing after real lines: no disk used
    with pytest.raises(PwnedSourceError, match="damaged or padded"):
        SortedFileSource(path)


def test_a_small_file_is_said_to_be_a_subset(tmp_path: Path) -> None:
    report = _audit(_vault(tmp_path), _whole(tmp_path))
    assert "it is a subset" in report["checks"][0]["reason"]
