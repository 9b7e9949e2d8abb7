"""HA-B as a user meets it: online, offline with the file, offline without, partial failure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

import hygiene_audit.safety.http as http
from hygiene_audit.cli.commands import app

from ..cli_helpers import Report, run_json, runner
from ..hibp_helpers import FakeRangeApi, breached_corpus, sha1, write_range_dir, write_sorted_file
from ..vaults import write_vault

CORPUS = {"Summer2023!": 1234, "Library2024": 77}


def run(*args: str) -> Report:
    return run_json("--only", "HA-B", *args)


def breach_findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["id"] == "HA-B001"]


def test_offline_without_file_is_skipped_with_how_to_get_it(tmp_path: Path) -> None:
    report = run("--offline", "--passwords", str(write_vault(tmp_path, "chrome")))
    row = report["checks"][0]
    assert row["status"] == "skipped"
    assert "--hibp-file" in row["reason"] and "PwnedPasswordsDownloader" in row["reason"]


@pytest.mark.parametrize("layout", ["sorted", "directory"])
def test_offline_file_finds_the_breached_entries(tmp_path: Path, layout: str) -> None:
    corpus = breached_corpus(CORPUS, extra=3000)
    path = (
        write_sorted_file(tmp_path / "pwned.txt", corpus)
        if layout == "sorted"
        else write_range_dir(tmp_path / "ranges", corpus)
    )
    if layout == "directory":  # every prefix the vault needs must exist in a real download
        from ..vaults import PASSWORDS

        for password in PASSWORDS:
            prefix_file = path / f"{sha1(password)[:5]}.txt"
            if not prefix_file.exists():
                prefix_file.write_text("")
    report = run(
        "--offline",
        "--hibp-file",
        str(path),
        "--passwords",
        str(write_vault(tmp_path, "bitwarden")),
    )
    found = breach_findings(report)
    assert len(found) == 2
    summer = next(f for f in found if "1,234" in f["evidence"])
    assert (
        "en.wikipedia.org (AnaL)" in summer["evidence"]
        and "forum.example.net" in summer["evidence"]
    )
    assert any(
        "Also change the similar passwords on" in s and "mail.example.org" in s
        for s in summer["remediation"]
    )
    assert any("Wikimedia account" in s for s in summer["remediation"])


def test_online_with_a_failing_prefix_reports_those_entries_not_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = FakeRangeApi(breached_corpus(CORPUS))
    api.faults[sha1("Library2024")[:5]] = [httpx.Response(503)] * 4
    monkeypatch.setattr(http, "default_transport", lambda: api.transport)
    monkeypatch.setattr("time.sleep", lambda _s: None)
    report = run("--passwords", str(write_vault(tmp_path, "chrome")))
    assert report["checks"][0]["status"] == "findings"
    assert len(breach_findings(report)) == 1
    missed = next(f for f in report["findings"] if f["id"] == "HA-B002")
    assert "library.example" in missed["evidence"] and "HTTP 503" in missed["evidence"]


def test_online_total_failure_is_an_error_row_not_a_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    monkeypatch.setattr(http, "default_transport", lambda: httpx.MockTransport(down))
    monkeypatch.setattr("time.sleep", lambda _s: None)
    report = run("--passwords", str(write_vault(tmp_path, "chrome")))
    row = report["checks"][0]
    assert row["status"] == "error" and "ConnectError" in row["reason"]


def test_pwned_command_prompts_and_sets_the_exit_code(tmp_path: Path) -> None:
    path = write_sorted_file(tmp_path / "p.txt", breached_corpus(CORPUS))
    seen = runner.invoke(app, ["pwned", "--hibp-file", str(path)], input="Summer2023!\n")
    assert seen.exit_code == 1 and "1,234 times" in seen.stdout
    assert "Summer2023!" not in seen.output
    unseen = runner.invoke(app, ["pwned", "--hibp-file", str(path)], input="unlikely-Zq8#x\n")
    assert unseen.exit_code == 0 and "not found" in unseen.stdout
    bad = runner.invoke(app, ["pwned", "--hibp-file", str(tmp_path / "missing.txt")], input="x\n")
    assert bad.exit_code == 2 and "not found" in bad.stderr


def test_breached_email_lookup_with_api_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if "breachedaccount" in request.url.path:
            if "ana.lopez87" in request.url.path:
                return httpx.Response(
                    200,
                    json=[
                        {
                            "Name": "Adobe",
                            "Title": "Adobe",
                            "BreachDate": "2013-10-04",
                            "DataClasses": ["Email addresses", "Passwords"],
                        }
                    ],
                )
            return httpx.Response(404)
        return httpx.Response(200, text="")

    monkeypatch.setattr(http, "default_transport", lambda: httpx.MockTransport(handler))
    profile = tmp_path / "p.toml"
    profile.write_text('emails = ["ana.lopez87@example.org", "other@example.org"]\n')
    monkeypatch.setenv("HYGIENE_AUDIT_HIBP_API_KEY", "k-0123456789abcdef")
    report = run("--profile", str(profile))
    finding = next(f for f in report["findings"] if f["id"] == "HA-B003")
    assert "Adobe (2013-10-04)" in finding["evidence"]
    assert all(r.headers["hibp-api-key"] == "k-0123456789abcdef" for r in seen)
    assert "k-0123456789abcdef" not in json.dumps(report)
