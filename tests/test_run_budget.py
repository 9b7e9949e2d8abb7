"""One time budget for the whole run: checks that use the network run side by side, a server
asking to be retried after the budget is not waited for, and the program ends with its report.

A host answering 503 with ``Retry-After: 120`` used to hold the report for ~10 minutes and
the process for 12: each check's budget ran after the one before, and the worker threads of
an abandoned check kept the process alive after the report was written.
"""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from hygiene_audit.core.engine import run_audit
from hygiene_audit.core.inputs import AuditInputs
from hygiene_audit.core.models import Status
from hygiene_audit.core.registry import Registry
from hygiene_audit.core.settings import Settings
from hygiene_audit.plugin import (
    Category,
    Check,
    CheckContext,
    CheckResult,
    FindingSpec,
    Severity,
    catalogue,
)

from .vaults import write_vault


def _network_check(check_id: str, work: object) -> type[Check]:
    class Waits(Check):
        id = check_id
        title = check_id
        category = Category.OTHER
        hosts: ClassVar[tuple[str, ...]] = ("example.org",)  # a network check
        codes = catalogue(
            FindingSpec(code=f"{check_id}001", severity=Severity.LOW, title="x", remediation=("y",))
        )

        def run(self, ctx: CheckContext) -> CheckResult:
            work()  # type: ignore[operator]
            return CheckResult.of([])

    return Waits


def test_network_checks_run_side_by_side() -> None:
    meet = threading.Barrier(2, timeout=10)  # passes only when both checks are running
    registry = Registry()
    registry.add(_network_check("T-ONE", meet.wait), "test", "One")
    registry.add(_network_check("T-TWO", meet.wait), "test", "Two")
    report = run_audit(Settings(), registry, AuditInputs())
    assert [c.status for c in report.checks] == [Status.PASSED, Status.PASSED], report.checks


def test_a_check_that_outlives_the_run_budget_is_an_error_row_at_the_budget() -> None:
    registry = Registry()
    registry.add(_network_check("T-SLOW", lambda: time.sleep(30)), "test", "Slow")
    started = time.monotonic()
    report = run_audit(Settings(run_timeout=1, check_timeout=300), registry, AuditInputs())
    assert time.monotonic() - started < 20
    row = report.checks[0]
    assert row.status is Status.ERROR and "run's budget of 1 s" in (row.reason or "")


class _Busy(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(503)
        self.send_header("Retry-After", "120")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def busy_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Busy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_retry_after_beyond_the_budget_is_not_waited_for_and_the_program_ends(
    tmp_path: Path, busy_server: str
) -> None:
    vault = write_vault(tmp_path, "bitwarden")
    env = {**os.environ, "HYGIENE_AUDIT_HIBP_API": busy_server}
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hygiene_audit",
            "run",
            "--no-input",
            "-f",
            "json",
            "--only",
            "HA-B",
            "--passwords",
            str(vault),
            "--run-timeout",
            "20",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=100,
    )
    assert time.monotonic() - started < 60  # (it used to wait 120 s per retry, three times)
    report = json.loads(result.stdout)
    row = report["checks"][0]
    assert row["status"] == "error"
    assert "after the end of the run's time budget" in row["reason"]


STUCK_CHECK = """
from concurrent.futures import ThreadPoolExecutor
import time
from hygiene_audit.plugin import (
    Category, Check, CheckResult, FindingSpec, Severity, catalogue,
)

class Stuck(Check):
    id = "T-STUCK"
    title = "waits on a server that never answers"
    category = Category.OTHER
    hosts = ("example.org",)
    codes = catalogue(FindingSpec(code="T-STUCK001", severity=Severity.LOW, title="x",
                                  remediation=("y",)))

    def run(self, ctx):
        with ThreadPoolExecutor(2) as pool:  # its worker threads hold the process at exit
            list(pool.map(time.sleep, [90, 90]))
        return CheckResult.of([])
"""


def test_the_program_ends_when_the_report_is_written_though_a_check_is_stuck(
    tmp_path: Path,
) -> None:
    checks = tmp_path / "checks"
    checks.mkdir(mode=0o700)
    (checks / "stuck.py").write_text(STUCK_CHECK)
    (checks / "stuck.py").chmod(0o600)
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hygiene_audit",
            "run",
            "--no-input",
            "-f",
            "json",
            "--only",
            "T-STUCK",
            "--checks-dir",
            str(checks),
            "--run-timeout",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=80,
    )
    assert time.monotonic() - started < 60, "the process outlived its report"
    row = json.loads(result.stdout)["checks"][0]
    assert row["status"] == "error" and "run's budget" in row["reason"], row
