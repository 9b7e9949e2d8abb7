"""The one client factory: offline blocks everything, undeclared hosts are refused, retries."""

from __future__ import annotations

import httpx
import pytest

from hygiene_audit.core.engine import RunEnvironment, run_audit
from hygiene_audit.core.errors import NetworkBlockedError, NetworkError
from hygiene_audit.core.inputs import AuditInputs
from hygiene_audit.core.models import Status
from hygiene_audit.core.registry import Registry, load_checks
from hygiene_audit.core.settings import Settings
from hygiene_audit.plugin import (
    Category,
    Check,
    CheckContext,
    CheckResult,
    Endpoint,
    FindingSpec,
    Severity,
    catalogue,
)
from hygiene_audit.safety.http import make_client, retry_after_seconds, user_agent


class Recorder:
    def __init__(self, responses: list[httpx.Response] | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.responses = responses or []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.responses:
            return self.responses.pop(0)
        return httpx.Response(200, text="ok")


def test_offline_refuses_before_anything_leaves() -> None:
    recorder = Recorder()
    client = make_client(
        ["api.example"], offline=True, timeout=1, transport=httpx.MockTransport(recorder)
    )
    with pytest.raises(NetworkBlockedError, match="offline"):
        client.get("https://api.example/x")
    assert recorder.requests == []


def test_user_agent_names_tool_version_and_project() -> None:
    recorder = Recorder()
    client = make_client(
        ["api.example"], offline=False, timeout=1, transport=httpx.MockTransport(recorder)
    )
    client.get("https://api.example/x")
    agent = recorder.requests[0].headers["User-Agent"]
    assert agent == user_agent()
    assert agent.startswith("hygiene-audit/") and "(+https://" in agent and "httpx/" in agent


def test_retries_honour_retry_after_then_succeed() -> None:
    recorder = Recorder(
        [
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(503),
            httpx.Response(200, text="fine"),
        ]
    )
    slept: list[float] = []
    client = make_client(
        ["api.example"],
        offline=False,
        timeout=1,
        transport=httpx.MockTransport(recorder),
        sleep=slept.append,
    )
    response = client.get("https://api.example/")
    assert response.text == "fine"
    assert slept == [7.0, 2.0]  # Retry-After, then the backoff of the second attempt


def test_persistent_failure_is_one_network_error_line() -> None:
    def boom(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("slow", request=request)

    client = make_client(
        ["api.example"],
        offline=False,
        timeout=1,
        transport=httpx.MockTransport(boom),
        sleep=lambda _s: None,
    )
    with pytest.raises(NetworkError, match=r"cannot reach api.example \(timed out\)"):
        client.get("https://api.example/")  # three connections that time out: no network
    with pytest.raises(NetworkError, match=r"cannot reach api.example"):
        client.get("https://api.example/other")  # not asked again


def test_a_slow_answer_is_retried_and_never_marks_the_host_unreachable() -> None:
    calls: list[str] = []

    def slow_then_fine(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/slow":
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(200, text="ok")

    client = make_client(
        ["api.example"],
        offline=False,
        timeout=1,
        transport=httpx.MockTransport(slow_then_fine),
        sleep=lambda _s: None,
    )
    with pytest.raises(NetworkError, match=r"api.example: timed out after 4 attempts"):
        client.get("https://api.example/slow")
    assert client.get("https://api.example/fine").text == "ok"
    assert calls.count("/slow") == 4


def test_every_client_retries_maxlag_and_never_retries_a_refusal() -> None:
    """The MediaWiki API says "lagged" with HTTP 200 and a header: the one retry layer
    handles it for every client; a request the guard refuses is refused once, not four times."""
    answers = [
        httpx.Response(
            200, headers={"MediaWiki-API-Error": "maxlag", "Retry-After": "3"}, json={"error": {}}
        ),
        httpx.Response(200, json={"ok": True}),
    ]
    slept: list[float] = []
    client = make_client(
        ["wiki.example"],
        offline=False,
        timeout=1,
        sleep=slept.append,
        transport=httpx.MockTransport(lambda r: answers.pop(0)),
    )
    assert client.get("https://wiki.example/w/api.php").json() == {"ok": True}
    assert slept == [3.0]
    calls: list[httpx.Request] = []

    def counted(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200)

    offline = make_client(
        ["wiki.example"],
        offline=True,
        timeout=1,
        sleep=slept.append,
        transport=httpx.MockTransport(counted),
    )
    with pytest.raises(NetworkError, match="offline"):
        offline.get("https://wiki.example/")
    assert calls == [] and slept == [3.0]


def test_retry_after_as_http_date() -> None:
    response = httpx.Response(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:10 GMT"})
    assert retry_after_seconds(response, now=lambda: 1445412480.0) == 10.0


class CallsEverything(Check):
    id = "T-NET"
    title = "Calls every endpoint"
    category = Category.OTHER
    endpoints = frozenset(Endpoint)
    codes = catalogue(
        FindingSpec(code="T-NET001", severity=Severity.LOW, title="x", remediation=("y",))
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        client = ctx.http()
        for endpoint in Endpoint:
            client.get(ctx.endpoint(endpoint))
        return CheckResult.of([])


def test_offline_blocks_every_request_of_every_built_in_and_test_check() -> None:
    recorder = Recorder()
    registry = load_checks()
    registry.add(CallsEverything, "test", "CallsEverything")
    report = run_audit(
        Settings(offline=True),
        registry,
        AuditInputs(),
        RunEnvironment(transport=httpx.MockTransport(recorder)),
    )
    assert recorder.requests == []
    row = next(c for c in report.checks if c.id == "T-NET")
    assert row.status is Status.ERROR and "offline" in (row.reason or "")


def test_online_the_declared_endpoints_are_reachable() -> None:
    recorder = Recorder()
    registry = Registry()
    registry.add(CallsEverything, "test", "CallsEverything")
    report = run_audit(
        Settings(), registry, AuditInputs(), RunEnvironment(transport=httpx.MockTransport(recorder))
    )
    assert report.checks[0].status is Status.PASSED
    assert len(recorder.requests) == len(Endpoint)
