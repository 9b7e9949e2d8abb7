"""The integration tier: a real MediaWiki on 127.0.0.1, started and stopped here.

Runs only with HYGIENE_AUDIT_TEST_WIKI=1 (``.ci/run`` sets it) because it installs packages and
starts a PHP server as root through ``../shared/mediawiki/setup.sh``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from ..conftest import REPO

SETUP = REPO.parent / "shared" / "mediawiki" / "setup.sh"
STOP = REPO.parent / "shared" / "mediawiki" / "stop.sh"
PORT = os.environ.get("HYGIENE_AUDIT_TEST_WIKI_PORT", "8091")
MW_DIR = "/tmp/hygiene-audit-wiki-tier"  # not the developer's own test wiki
SECOND_PORT = os.environ.get("HYGIENE_AUDIT_TEST_WIKI_PORT_2", "8092")
SECOND_DIR = "/tmp/hygiene-audit-wiki-tier-2"
HOW = (
    "integration tier skipped: run .ci/run, or HYGIENE_AUDIT_TEST_WIKI=1 python -m pytest "
    "tests/integration as root (starts a real MediaWiki via ../shared/mediawiki/setup.sh)"
)


ENABLED = os.environ.get("HYGIENE_AUDIT_TEST_WIKI") == "1"
collect_ignore_glob = [] if ENABLED else ["test_*.py"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not ENABLED:
        terminalreporter.write_line(HOW)


@dataclass(frozen=True)
class RealWiki:
    api: str


def _start(port: str, directory: str) -> Iterator[RealWiki]:
    if not SETUP.exists():
        pytest.fail(f"{SETUP} is missing: the integration tier needs the shared MediaWiki script")
    env = {**os.environ, "MW_FRESH": "1", "MW_PORT": port, "MW_DIR": directory}
    started = subprocess.run(
        ["bash", str(SETUP)], env=env, capture_output=True, text=True, timeout=900, check=False
    )
    if started.returncode != 0:
        pytest.fail("MediaWiki setup failed:\n" + started.stdout[-2000:] + started.stderr[-2000:])
    api = f"http://127.0.0.1:{port}/w/api.php"
    try:
        httpx.get(
            api, params={"action": "query", "meta": "siteinfo", "format": "json"}, timeout=30
        ).raise_for_status()
        yield RealWiki(api)
    finally:
        subprocess.run(["bash", str(STOP)], env=env, capture_output=True, timeout=60, check=False)


@pytest.fixture(scope="session")
def real_wiki() -> Iterator[RealWiki]:
    yield from _start(PORT, MW_DIR)


@pytest.fixture(scope="session")
def second_wiki() -> Iterator[RealWiki]:
    """Another MediaWiki beside the first (the shared script takes a port and a directory):
    for an editor with pages on two wikis (issue 20)."""
    yield from _start(SECOND_PORT, SECOND_DIR)
