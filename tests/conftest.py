"""Shared fixtures. An autouse guard fails any connection that is not to 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from hygiene_audit import i18n
from hygiene_audit.core.models import (
    Category,
    CategoryScore,
    CheckOutcome,
    Finding,
    PersonalKind,
    PersonalValue,
    Report,
    Severity,
    Status,
    ToolInfo,
)

REPO = Path(__file__).resolve().parent.parent
LOOPBACK = ("127.0.0.1", "::1", "localhost")
PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY")  # the shell's own


@pytest.fixture(autouse=True)
def _no_real_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host in LOOPBACK or host.startswith("127.")):
            return real_connect(self, address)  # type: ignore[arg-type]
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)  # type: ignore[arg-type]
        raise AssertionError(f"test tried to reach the real network: {address!r}")

    def guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if isinstance(host, str) and (host in LOOPBACK or host.startswith("127.")):
            return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]
        raise AssertionError(f"test tried to resolve a real host: {host!r}")

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


def _shared_cache(factory: pytest.TempPathFactory) -> Path:
    path = factory.getbasetemp() / "shared-cache"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(autouse=True)
def _no_real_computer(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """HA-D looks at an empty tree with no commands (every probe: "not determined"), so that
    no report of another test depends on the machine the tests run on. The probes' own tests
    hand them fake trees, and tests/computer runs them on this machine as well."""
    from hygiene_audit.computer import state
    from hygiene_audit.computer.machine import Machine
    from hygiene_audit.computer.runner import CommandResult, CommandUnavailable

    def nothing_installed(argv: tuple[str, ...], timeout: float) -> CommandResult:
        raise CommandUnavailable(f"'{argv[0]}' is not installed")

    empty = tmp_path_factory.getbasetemp() / "no-computer"
    empty.mkdir(exist_ok=True)
    monkeypatch.setattr(
        state, "this_machine", lambda: Machine(runner=nothing_installed, root=empty)
    )


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """No user config, no HYGIENE_AUDIT_* and no proxy from the developer's shell, English."""
    import os

    for name in list(os.environ):
        if name.upper().startswith("HYGIENE_AUDIT_") or name.upper() in PROXY_VARIABLES:
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    # The cache holds only public data (the gazetteer index): one for the whole session, so
    # that the subprocess tests do not each rebuild it.
    monkeypatch.setenv("XDG_CACHE_HOME", str(_shared_cache(tmp_path_factory)))
    monkeypatch.setenv("LANGUAGE", "en")
    i18n.activate("en")
    from hygiene_audit.cli import console
    from hygiene_audit.safety.secrets import Scrubber

    monkeypatch.setattr(console, "SCRUBBER", Scrubber())  # one run per process in real use
    yield
    i18n.activate("en")


def write_profile(directory: Path, text: str = "") -> str:
    """A profile file (TOML) in ``directory``, readable by its owner only as the wizard writes
    it (one others can read is a warning: tests/test_planted_files.py); its path as the CLI
    takes it."""
    path = directory / "profile.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return str(path)


def expected_exit(report: dict[str, Any]) -> int:
    """The documented exit code for a report: 4 when incomplete (an input failed, or nothing
    was assessed), else 0 (no --fail-under in these runs)."""
    return 4 if report["input_problems"] or report["score"] is None else 0


def sample_report() -> Report:
    """One report used by every format's tests: all severities, statuses, RTL text, PII."""
    findings = (
        Finding(
            check="HA-W",
            id="HA-W001",
            severity=Severity.CRITICAL,
            title="Phone number on your user page",
            evidence="Call me at +34 612 345 678 <script>alert(1)</script> | pipe",
            location="User:Ana_L (current version)",
            remediation=("Remove the number.", "Ask for revision deletion."),
            references=("https://meta.wikimedia.org/wiki/Oversight_policy",),
            personal=(PersonalValue(kind=PersonalKind.PHONE, value="+34 612 345 678"),),
        ),
        Finding(
            check="HA-P",
            id="HA-P002",
            severity=Severity.HIGH,
            title="The same password is used for several accounts",
            evidence="Same password on 2 entries: forum.example (ana); mail.example (ana)",
            location="vault.csv #2; vault.csv #3",
            remediation=("Change it.",),
        ),
        Finding(
            check="HA-W",
            id="HA-W010",
            severity=Severity.MEDIUM,
            title="Place of residence on your user page",
            evidence="أنا أعيش في القاهرة",
            location="User:Ana_L",
            remediation=("Remove it.",),
            personal=(PersonalValue(kind=PersonalKind.PLACE, value="القاهرة"),),
        ),
        Finding(
            check="HA-U",
            id="HA-U003",
            severity=Severity.LOW,
            title="Birth year",
            evidence="Ana López 1987 *bold* _x_",
            remediation=("Rename.",),
            personal=(PersonalValue(kind=PersonalKind.NAME, value="Ana López"),),
        ),
        Finding(
            check="HA-P",
            id="HA-P011",
            severity=Severity.INFO,
            title="Wikimedia accounts",
            remediation=("Use 2FA.",),
        ),
    )
    checks = (
        CheckOutcome(
            id="HA-W", title="User page", category=Category.EXPOSURE, status=Status.FINDINGS
        ),
        CheckOutcome(
            id="HA-P",
            title="Passwords",
            category=Category.PASSWORDS,
            status=Status.FINDINGS,
            reason="Read 3 logins",
        ),
        CheckOutcome(
            id="HA-U", title="Username", category=Category.ACCOUNT, status=Status.FINDINGS
        ),
        CheckOutcome(
            id="HA-B",
            title="Breaches",
            category=Category.BREACHES,
            status=Status.SKIPPED,
            reason="--offline and no --hibp-file",
        ),
        CheckOutcome(
            id="X-BROKEN",
            title="broken.py",
            category=Category.OTHER,
            status=Status.ERROR,
            reason="crashed: RuntimeError: boom",
        ),
    )
    return Report(
        tool=ToolInfo(name="hygiene-audit", version="0.1.0"),
        generated_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        subject="Ana L",
        score=37,
        grade="F",
        assessed_checks=3,
        total_checks=5,
        categories=(
            CategoryScore(category=Category.PASSWORDS, title="Passwords", score=85, assessed=True),
            CategoryScore(category=Category.BREACHES, title="Breaches", score=None, assessed=False),
        ),
        checks=checks,
        findings=findings,
        notes=("You exported your passwords to a plaintext file: vault.csv. Delete it now.",),
    )


@pytest.fixture
def report() -> Report:
    return sample_report()
