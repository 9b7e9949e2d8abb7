"""Rating passwords in worker processes gives exactly the report that rating them one by one
in this process gives, and each distinct password is rated once unless an entry's own words
could change zxcvbn's answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from hygiene_audit.cli.commands import app
from hygiene_audit.vault import analysis as vault_analysis
from hygiene_audit.vault import strength as vault_strength
from hygiene_audit.vault.entries import VaultEntry

from ..cli_helpers import runner
from ..realistic_vault import vault_csv


def report(tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setattr(vault_strength, "RATING_WORKERS", workers)
    vault = tmp_path / "vault.csv"
    vault.write_bytes(vault_csv(400))
    result = runner.invoke(
        app,
        [
            "run",
            "--offline",
            "--no-input",
            "--only",
            "HA-P",
            "-f",
            "json",
            "--passwords",
            str(vault),
        ],
    )
    document = json.loads(result.stdout)
    document.pop("generated_at")
    for check in document["checks"]:
        check.pop("duration_ms")
    return dict(document)


def test_parallel_and_serial_reports_are_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = report(tmp_path, 1, monkeypatch)
    parallel = report(tmp_path, 2, monkeypatch)
    assert serial == parallel
    assert any(f["id"] == "HA-P005" for f in serial["findings"])


def entry(site: str, password: str) -> VaultEntry:
    return VaultEntry(
        title=site,
        url=f"https://{site}.example",
        username="ana",
        password=SecretStr(password),
        source="v.csv",
        row=1,
    )


def test_a_password_built_from_its_own_site_still_scores_as_such(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, ...]] = []
    real = vault_strength.strength

    def counting(password: str, inputs: tuple[str, ...]) -> vault_strength.Strength:
        calls.append(tuple(inputs))
        return real(password, inputs)

    monkeypatch.setattr(vault_strength, "strength", counting)
    same = "kR8#vQ2!zL9@pW4x"
    entries = [
        entry("bank", same),
        entry("shop", same),
        entry("mail", same),
        entry("netflix", "Netflix2024!"),
        entry("other", "Netflix2024!"),
    ]
    rated = vault_strength.strengths(entries, ["Ana Lopez"], workers=1)
    # the random password is rated once for three sites; the site-named one per entry
    assert len(calls) == 3
    alone = [
        real(
            e.password.get_secret_value(),
            tuple(sorted({"Ana Lopez", *vault_analysis.site_words(e), "ana"})),
        )
        for e in entries
    ]
    assert rated == alone
