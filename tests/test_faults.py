"""Network faults in a full run: the report completes, affected checks say why, nothing else
is lost. Plus hostile input to the MediaWiki answer parsing and the CSV importers."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hygiene_audit.safety.http as http
from hygiene_audit.cli.commands import app
from hygiene_audit.core.errors import HygieneAuditError
from hygiene_audit.vault.importers.csv_exports import parse_csv
from hygiene_audit.wiki.mediawiki import MediaWikiClient, MediaWikiError, metadata_map

from .cli_helpers import runner
from .vaults import write_vault

FAULTS = ["timeout", "reset", "429", "500", "truncated", "invalid-json", "maxlag"]


def faulty(kind: str) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if kind == "timeout":
            raise httpx.ReadTimeout("timed out", request=request)
        if kind == "reset":
            raise httpx.RemoteProtocolError("connection reset by peer", request=request)
        if kind == "429":
            return httpx.Response(429, headers={"Retry-After": "3"})
        if kind == "500":
            return httpx.Response(500, text="Internal error")
        if kind == "truncated":
            return httpx.Response(200, text='{"batchcomplete":true,"query":{"users":[{"na')
        if kind == "invalid-json":
            return httpx.Response(200, text="<!DOCTYPE html><title>Wikimedia Error</title>")
        return httpx.Response(
            200,
            headers={"Retry-After": "1", "MediaWiki-API-Error": "maxlag"},
            json={
                "error": {
                    "code": "maxlag",
                    "info": "Waiting for a database server: 7 seconds lagged.",
                }
            },
        )

    return httpx.MockTransport(handler)


@pytest.fixture(autouse=True)
def _no_backoff_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.sleep", lambda _s: None)


@pytest.mark.parametrize("kind", FAULTS)
def test_full_run_survives_every_network_fault(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(http, "default_transport", lambda: faulty(kind))
    vault = write_vault(tmp_path, "bitwarden")
    result = runner.invoke(
        app,
        [
            "run",
            "--user",
            "AnaL",
            "--passwords",
            str(vault),
            "-f",
            "json",
            "--no-input",
            "--handle-reuse",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rows = {c["id"]: c for c in report["checks"]}
    for check in ("HA-W", "HA-G", "HA-H", "HA-B"):
        row = rows[check]
        assert row["status"] in ("error", "skipped", "passed"), row
        if row["reason"]:
            assert "\n" not in row["reason"] and "crashed" not in row["reason"], row
            assert "Traceback" not in row["reason"]
    assert rows["HA-W"]["status"] == "error" and "en.wikipedia.org" in rows["HA-W"]["reason"]
    # no breach lookup got through: never "passed" (a failed lookup is no clean bill)
    assert rows["HA-B"]["status"] == "error"
    assert "no password could be checked" in rows["HA-B"]["reason"]
    assert rows["HA-P"]["status"] == "findings"  # the offline check is untouched
    assert any(f["id"].startswith("HA-P") for f in report["findings"])
    assert (
        any(f["id"] == "HA-B002" for f in report["findings"]) or rows["HA-B"]["status"] == "error"
    )
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------ hostile answers

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "query",
                    "pages",
                    "users",
                    "revisions",
                    "slots",
                    "main",
                    "content",
                    "continue",
                    "error",
                    "code",
                    "info",
                    "imageinfo",
                    "metadata",
                    "name",
                    "value",
                    "general",
                    "namespaces",
                    "globaluserinfo",
                    "merged",
                    "missing",
                    "title",
                    "revid",
                    "userid",
                    "logevents",
                    "images",
                    "warnings",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=json_values)
def test_mediawiki_client_never_raises_anything_but_its_own_errors(body: object) -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json=body))
    client = MediaWikiClient(httpx.Client(transport=transport), "https://x.test/w/api.php")
    for call in (
        client.siteinfo,
        lambda: client.user("A"),
        lambda: client.history("User:A", 60),
        lambda: client.file_info(["File:A.jpg"]),
        lambda: client.uploads("A"),
        lambda: client.page_files("User:A"),
        lambda: client.global_account("A"),
    ):
        with contextlib.suppress(MediaWikiError):
            call()
    metadata_map(body)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000) | st.text(max_size=1500).map(lambda t: t.encode()))
def test_csv_importer_raises_only_clear_errors(data: bytes) -> None:
    for header in (
        b"",
        b"name,url,username,password\n",
        b"folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,"
        b"login_password,login_totp\n",
    ):
        problem = ""
        try:
            result = parse_csv(header + data, "fuzz.csv")
        except HygieneAuditError as exc:
            problem = str(exc)
        else:
            assert all(e.source == "fuzz.csv" for e in result.entries)
        assert "\n" not in problem
