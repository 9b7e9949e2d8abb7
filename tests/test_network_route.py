"""The route the network takes: the proxy the user chose carries every request, or none goes.

An editor behind a work proxy, an SSH SOCKS tunnel or Tor sets HTTPS_PROXY / ALL_PROXY, or
passes --proxy / --tor. Every lookup (wikis, breach ranges, platforms) must go that way: the
tool used to build its own transport, which made httpx drop the proxy variables and connect
from the editor's real address. Here a local listener plays the proxy and refuses every
request after writing down what it was asked for; the autouse guard of conftest fails any
connection that tries to go direct.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hygiene_audit.cli.commands import app
from hygiene_audit.core.errors import ConfigError
from hygiene_audit.safety.route import Route, RouteKind, resolve_route

from .cli_helpers import runner
from .vaults import write_vault

NOWHERE = "https://hibp.invalid"  # .invalid never resolves: a direct attempt cannot succeed


class FakeProxy:
    """An HTTP or SOCKS5 proxy on 127.0.0.1 that records each target and refuses it."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.targets: list[str] = []
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _addr = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError, IndexError):
            conn.settimeout(5)
            self._socks(conn) if self.kind == "socks" else self._http(conn)

    def _http(self, conn: socket.socket) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
        self.targets.append(data.split(b"\r\n", 1)[0].decode("latin-1"))
        conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    def _socks(self, conn: socket.socket) -> None:
        greeting = conn.recv(2)
        methods = conn.recv(greeting[1])
        if 2 in methods:  # user name and password (RFC 1929): taken, never checked
            conn.sendall(b"\x05\x02")
            conn.recv(1)
            conn.recv(conn.recv(1)[0])
            conn.recv(conn.recv(1)[0])
            conn.sendall(b"\x01\x00")
        else:
            conn.sendall(b"\x05\x00")
        head = conn.recv(4)
        # a domain name (type 3): the proxy resolves it, nothing was looked up here
        name = conn.recv(conn.recv(1)[0]).decode() if head[3] == 3 else f"address-type-{head[3]}"
        port = int.from_bytes(conn.recv(2), "big")
        self.targets.append(f"{name}:{port}")
        conn.sendall(b"\x05\x02\x00\x01" + bytes(6))  # connection not allowed by ruleset

    def close(self) -> None:
        self._server.close()


@pytest.fixture
def http_proxy() -> Iterator[FakeProxy]:
    proxy = FakeProxy("http")
    yield proxy
    proxy.close()


@pytest.fixture
def socks_proxy() -> Iterator[FakeProxy]:
    proxy = FakeProxy("socks")
    yield proxy
    proxy.close()


def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.sleep", lambda _s: None)
    monkeypatch.setenv("HYGIENE_AUDIT_HIBP_API", NOWHERE)


def test_pwned_goes_through_https_proxy_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, http_proxy: FakeProxy
) -> None:
    _fast(monkeypatch)
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{http_proxy.port}")
    result = runner.invoke(app, ["pwned"], input="correct horse battery staple\n")
    assert http_proxy.targets and http_proxy.targets[0] == "CONNECT hibp.invalid:443 HTTP/1.1"
    assert "through the proxy http://127.0.0.1" in result.stderr
    assert "HTTPS_PROXY" in result.stderr
    assert result.exit_code != 0  # the proxy refused: no answer is not "not found"


def test_run_goes_through_a_socks_proxy_with_names_resolved_by_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, socks_proxy: FakeProxy
) -> None:
    _fast(monkeypatch)
    vault = write_vault(tmp_path, "bitwarden")
    proxy = f"socks5h://tunnel-user:s3cret@127.0.0.1:{socks_proxy.port}"
    result = runner.invoke(
        app,
        [
            "run",
            "--no-input",
            "-f",
            "json",
            "--only",
            "HA-B",
            "--passwords",
            str(vault),
            "--proxy",
            proxy,
        ],
    )
    assert socks_proxy.targets and set(socks_proxy.targets) == {"hibp.invalid:443"}
    report = json.loads(result.stdout)
    assert report["network_route"].startswith(
        f"through the proxy socks5h://127.0.0.1:{socks_proxy.port} (from --proxy)"
    )
    assert "s3cret" not in result.stdout and "tunnel-user" not in result.stdout
    assert any("Network route of this run" in n for n in report["notes"])
    assert report["checks"][0]["status"] == "error"  # nothing answered: never "passed"


def test_handle_lookups_say_who_sees_the_address_and_use_the_proxy(
    monkeypatch: pytest.MonkeyPatch, http_proxy: FakeProxy
) -> None:
    monkeypatch.setattr("time.sleep", lambda _s: None)
    monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{http_proxy.port}")
    result = runner.invoke(
        app,
        [
            "run",
            "--no-input",
            "-f",
            "json",
            "--only",
            "HA-H",
            "--user",
            "IlsaWren",
            "--handle-reuse",
        ],
    )
    assert "each sees your handle and the address the request comes from" in result.stderr
    assert "through the proxy http://127.0.0.1" in result.stderr
    assert http_proxy.targets and all(t.startswith("CONNECT ") for t in http_proxy.targets)


def test_tor_refuses_to_go_online_when_tor_is_not_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 9050)) == 0:
            pytest.skip("something listens on 127.0.0.1:9050 here")
    _fast(monkeypatch)
    vault = write_vault(tmp_path, "bitwarden")
    result = runner.invoke(app, ["run", "--no-input", "--passwords", str(vault), "--tor"])
    assert result.exit_code == 2
    assert "nothing listens on 127.0.0.1:9050" in result.stderr
    assert "Nothing was sent" in result.stderr


def test_tor_offline_needs_no_tor(tmp_path: Path) -> None:
    vault = write_vault(tmp_path, "bitwarden")
    result = runner.invoke(
        app, ["run", "--no-input", "--offline", "-f", "json", "--passwords", str(vault), "--tor"]
    )
    assert json.loads(result.stdout)["network_route"] is None


@pytest.mark.parametrize(
    ("tor", "proxy", "said"),
    [
        (True, "socks5h://127.0.0.1:1080", "give one of them"),
        (False, "ftp://proxy.example:21", "scheme http, https, socks5"),
        (False, "http://proxy.example:99999", "scheme://host:port"),
        (False, "socks5h://", "scheme://host:port"),
    ],
)
def test_a_route_that_cannot_be_taken_is_a_usage_error(tor: bool, proxy: str, said: str) -> None:
    with pytest.raises(ConfigError, match=said):
        resolve_route(tor=tor, proxy=proxy, environ={}, offline=True)


def test_no_proxy_and_this_computer_go_direct_only_for_an_environment_proxy() -> None:
    env = {"https_proxy": "proxy.example:3128", "NO_PROXY": "localhost,.internal.example"}
    route = resolve_route(tor=False, proxy=None, environ=env, offline=False)
    assert route.kind is RouteKind.PROXY and route.proxy == "http://proxy.example:3128"
    assert route.bypassed("wiki.internal.example") and route.bypassed("127.0.0.1")
    assert not route.bypassed("en.wikipedia.org")
    explicit = resolve_route(tor=False, proxy="http://p.example:8080", environ=env, offline=False)
    assert not explicit.bypassed("wiki.internal.example")  # --proxy carries everything
    assert explicit.bypassed("::1")  # a proxy cannot reach this computer
    everything = resolve_route(
        tor=False, proxy=None, environ={**env, "NO_PROXY": "*"}, offline=False
    )
    assert everything == Route(RouteKind.DIRECT)


def test_a_proxy_password_is_a_secret_of_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from hygiene_audit.cli import application, console
    from hygiene_audit.core.settings import Settings

    monkeypatch.setenv("HTTPS_PROXY", "http://tunnel-user:Pr0xy-S3cret@127.0.0.1:3128")
    application.network_route(Settings())
    assert console.SCRUBBER.holds_secret("error near Pr0xy-S3cret in a traceback")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # closed once the socket is: a proxy that is not running


def test_a_proxy_that_is_not_running_is_named_not_the_site(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _fast(monkeypatch)
    port = _closed_port()
    monkeypatch.setenv("HTTPS_PROXY", f"http://someone:hunter22@127.0.0.1:{port}")
    result = runner.invoke(app, ["pwned"], input="correct horse battery staple\n")
    said = " ".join(result.stderr.split())
    assert f"cannot reach the proxy http://127.0.0.1:{port}" in said
    assert "hibp.invalid was not asked" in said and "is the proxy running?" in said
    assert "hunter22" not in result.stderr and "someone" not in result.stderr
    assert said.count("--offline") == 1  # the way on without a network, said once
    assert result.exit_code != 0
