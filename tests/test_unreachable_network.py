"""No network fails fast, and Ctrl-C during online lookups stops the program at once.

Each lookup used to be tried four times with backoff: with no network, 845 breach lookups
took 6–7 minutes before a report and `pwned` 8.6 s; Ctrl-C printed "interrupted" while the
lookups went on counting. These drive the real program against a port where nothing listens
and against a server that answers slowly.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .realistic_vault import vault_csv


def _closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"  # closed again: nothing listens


def _program(
    *args: str, env: dict[str, str], start_new_session: bool = False
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "hygiene_audit", *args],
        env={**os.environ, **env},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=start_new_session,
    )


def test_breach_lookups_stop_asking_a_host_that_cannot_be_reached(tmp_path: Path) -> None:
    vault = tmp_path / "bitwarden_export.csv"
    vault.write_bytes(vault_csv(300))
    started = time.monotonic()
    process = _program(
        "run",
        "--no-input",
        "-f",
        "json",
        "--only",
        "HA-B",
        "--passwords",
        str(vault),
        env={"HYGIENE_AUDIT_HIBP_API": _closed_port()},
    )
    out, _err = process.communicate(timeout=120)
    assert time.monotonic() - started < 30  # (it took minutes: 4 tries with backoff each)
    row = json.loads(out)["checks"][0]
    assert row["status"] == "error"
    assert "cannot reach 127.0.0.1" in row["reason"] and "--offline" in row["reason"]
    assert row["reason"].count("cannot reach") == 1  # one line, not one per lookup


def test_pwned_without_network_says_so_at_once(tmp_path: Path) -> None:
    started = time.monotonic()
    process = _program("pwned", env={"HYGIENE_AUDIT_HIBP_API": _closed_port()})
    _out, err = process.communicate("correct horse battery staple\n", timeout=60)
    assert time.monotonic() - started < 6  # (8.6 s before: four tries with backoff)
    assert process.returncode == 2
    assert "cannot reach 127.0.0.1" in err and "--offline" in err


class _Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(1.0)
        body = b"0018A45C4D1DEF81644B54AB7F969B88D65:0\r\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.skipif(sys.platform == "win32", reason="a terminal's Ctrl-C is a POSIX signal")
def test_ctrl_c_during_online_lookups_stops_at_once(tmp_path: Path, slow_server: str) -> None:
    vault = tmp_path / "bitwarden_export.csv"
    vault.write_bytes(vault_csv(300))  # ~280 prefixes, 16 at a time, 1 s each: ~20 s of work
    process = _program(
        "run",
        "--no-input",
        "-f",
        "json",
        "--only",
        "HA-B",
        "--passwords",
        str(vault),
        env={"HYGIENE_AUDIT_HIBP_API": slow_server},
        start_new_session=True,
    )
    time.sleep(4)  # well into the lookups
    assert process.poll() is None, process.communicate()
    interrupted = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert time.monotonic() - interrupted < 3, "the lookups went on after Ctrl-C"
    assert process.returncode == 130
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2, err
    assert out == ""
