"""The one place HTTP clients are made.

Every client gets the project's User-Agent (Wikimedia User-Agent policy: name/version, project
URL, library), timeouts, and a guard in front of the transport that refuses, before anything
leaves the process, any request when offline and any request to a host the check did not
declare. Tests pass their own transport (``httpx.MockTransport`` or one that talks to
127.0.0.1); the guard wraps it the same way.
"""

from __future__ import annotations

import email.utils
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime

import httpx

from hygiene_audit import PROJECT_URL, TOOL_NAME, __version__
from hygiene_audit.core.errors import (
    ConfigError,
    NetworkBlockedError,
    NetworkError,
    RetriesExhausted,
)
from hygiene_audit.i18n import _
from hygiene_audit.safety.hosts import host_allowed, host_of
from hygiene_audit.safety.route import Route, RouteKind, shown

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRYABLE_API_ERRORS = frozenset({"maxlag", "ratelimited", "readonly"})
RETRY_ATTEMPTS = 4
MAX_RETRY_AFTER = 120.0
MAX_BODY_BYTES = 64 * 1024 * 1024  # no answer we read is near this: 50 revisions of a big page
DEADLINE_FACTOR = 3  # a request must be answered completely within 3 × --timeout
UNREACHABLE_AFTER = 3  # failed connections in a row after which a host is not asked again


def _no_route(exc: BaseException) -> bool:
    """A name that does not resolve or a refused connection: retrying will not help."""
    seen: BaseException | None = exc
    for _depth in range(8):
        if seen is None:
            return False
        if isinstance(seen, socket.gaierror | ConnectionRefusedError):
            return True
        text = str(seen)
        if "Name or service not known" in text or "Connection refused" in text:
            return True
        if "nodename nor servname" in text or "getaddrinfo failed" in text:  # macOS, Windows
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _too_large(host: str, limit: int) -> NetworkError:
    return NetworkError(
        _("{host}: the answer is larger than {mb} MB; refused").format(
            host=host, mb=limit // (1024 * 1024)
        )
    )


class _BoundedStream(httpx.SyncByteStream):
    """A response body that may not exceed ``limit`` bytes nor arrive after ``ends_at``."""

    def __init__(
        self, inner: httpx.SyncByteStream, *, limit: int, ends_at: float, deadline: float, host: str
    ) -> None:
        self._inner = inner
        self._limit = limit
        self._ends_at = ends_at
        self._deadline = deadline
        self._host = host

    def __iter__(self) -> Iterator[bytes]:
        total = 0
        for chunk in self._inner:
            total += len(chunk)
            if total > self._limit:
                raise _too_large(self._host, self._limit)
            if time.monotonic() > self._ends_at:
                raise NetworkError(
                    _("{host}: no complete answer within {seconds:g} s").format(
                        host=self._host, seconds=self._deadline
                    )
                )
            yield chunk

    def close(self) -> None:
        self._inner.close()


def user_agent() -> str:
    return f"{TOOL_NAME}/{__version__} (+{PROJECT_URL}) httpx/{httpx.__version__}"


class GuardedTransport(httpx.BaseTransport):
    """Refuses requests when offline or to undeclared hosts; otherwise delegates."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        allowed_hosts: Iterable[str],
        *,
        offline: bool,
        deadline: float = 60.0,
        max_body: int = MAX_BODY_BYTES,
    ) -> None:
        self._inner = inner
        self._allowed = frozenset(h.lower() for h in allowed_hosts)
        self._offline = offline
        self._deadline = deadline
        self._max_body = max_body

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.raw_host.decode("ascii", "replace").lower()  # IDNA: punycode
        if self._offline:
            raise NetworkBlockedError(
                _("offline mode: no request to {host} was made").format(host=host)
            )
        if not host_allowed(host, self._allowed):
            raise NetworkBlockedError(
                _("request to {host} refused: the check did not declare that host").format(
                    host=host
                )
            )
        ends_at = time.monotonic() + self._deadline
        response = self._inner.handle_request(request)
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self._max_body:
            response.close()
            raise _too_large(host, self._max_body)
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        response.stream = _BoundedStream(
            stream, limit=self._max_body, ends_at=ends_at, deadline=self._deadline, host=host
        )
        return response

    def close(self) -> None:
        self._inner.close()


def default_transport() -> httpx.BaseTransport:
    """The real network transport, direct (tests replace this function with a fake)."""
    return httpx.HTTPTransport(retries=0)


class ProxyUnreachable(httpx.ConnectError):
    """The proxy the user chose does not answer: the site was never asked, and the line says
    so (not "cannot reach the site", which sends the person looking at the wrong thing)."""

    def __init__(self, proxy: str, request: httpx.Request) -> None:
        super().__init__(proxy, request=request)
        self.proxy = proxy  # as shown: credentials already removed


class RoutedTransport(httpx.BaseTransport):
    """Each request through the proxy, unless the route sends its host direct (this
    computer; ``NO_PROXY`` for a proxy from the environment)."""

    def __init__(
        self, route: Route, *, direct: httpx.BaseTransport, proxied: httpx.BaseTransport
    ) -> None:
        self._route = route
        self._direct = direct
        self._proxied = proxied

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._route.bypassed(request.url.host or ""):
            return self._direct.handle_request(request)
        try:
            return self._proxied.handle_request(request)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise ProxyUnreachable(shown(self._route.proxy or ""), request) from exc

    def close(self) -> None:
        self._direct.close()
        self._proxied.close()


def route_transport(route: Route) -> httpx.BaseTransport:
    """The network transport that follows ``route``; a SOCKS route without its library is an
    error, never a silent direct connection."""
    if route.kind is RouteKind.DIRECT or route.proxy is None:
        return default_transport()
    try:
        proxied = httpx.HTTPTransport(retries=0, proxy=httpx.Proxy(route.proxy))
    except ImportError as exc:
        raise ConfigError(
            _("SOCKS proxies need the 'socksio' package: pip install 'httpx[socks]'")
        ) from exc
    return RoutedTransport(route, direct=default_transport(), proxied=proxied)


def make_client(
    allowed_hosts: Iterable[str],
    *,
    offline: bool,
    timeout: float,
    transport: httpx.BaseTransport | None = None,
    route: Route | None = None,
    sleep: Callable[[float], None] | None = None,
    ends_at: float | None = None,
) -> httpx.Client:
    """The only way the tool makes an HTTP client: retries (``RetryTransport``) around the
    guard (offline, declared hosts, body cap, deadline per attempt) around the network, by
    the run's ``route`` (direct, proxy, Tor). A test's ``transport`` replaces the network.
    ``ends_at`` (on :func:`time.monotonic`): the end of the run's budget; no retry waits past
    it."""
    if transport is not None:
        inner = transport
    else:
        inner = route_transport(route or Route(RouteKind.DIRECT))
    guarded = GuardedTransport(
        inner, allowed_hosts, offline=offline, deadline=timeout * DEADLINE_FACTOR
    )
    return httpx.Client(
        transport=RetryTransport(guarded, sleep=sleep, ends_at=ends_at),
        headers={"User-Agent": user_agent()},
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
    )


def retry_after_seconds(
    response: httpx.Response, *, now: Callable[[], float] = time.time
) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta or HTTP date), capped."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = (when - datetime.fromtimestamp(now(), UTC)).total_seconds()
    return min(max(delta, 0.0), MAX_RETRY_AFTER)


class RetryTransport(httpx.BaseTransport):
    """The one retry policy of every client the tool makes: timeouts, broken connections,
    429 and 5xx, and the MediaWiki API's own "try again" answers (``MediaWiki-API-Error:
    maxlag``, ``ratelimited``, ``readonly``, which come with HTTP 200) are retried with
    exponential backoff, ``Retry-After`` honoured (capped); the body is read inside the
    attempt, so a body that stalls is retried too. What still fails is one
    :class:`NetworkError` line naming the host, never a raw exception and never a 429/5xx
    response. A refused request (offline, undeclared host) is never retried."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        attempts: int = RETRY_ATTEMPTS,
        backoff: float = 1.0,
        sleep: Callable[[float], None] | None = None,
        ends_at: float | None = None,
    ) -> None:
        self._inner = inner
        self._attempts = attempts
        self._backoff = backoff
        self._sleep = sleep if sleep is not None else time.sleep
        self._ends_at = ends_at
        self._lock = threading.Lock()
        self._failures: dict[str, int] = {}  # connection failures in a row, per host
        self._unreachable: dict[str, str] = {}  # host -> the one line said for it

    def _failed(self, host: str, problem: str, exc: httpx.TransportError) -> str | None:
        """Count a failed connection; the line to stop with once the host is unreachable (a
        name that does not resolve, a refused connection, or failures in a row)."""
        with self._lock:
            count = self._failures.get(host, 0) + 1
            self._failures[host] = UNREACHABLE_AFTER if _no_route(exc) else count
            if self._failures[host] < UNREACHABLE_AFTER:
                return None
            if isinstance(exc, ProxyUnreachable):
                line = _(
                    "cannot reach the proxy {proxy} ({problem}), so {host} was not asked: is "
                    "the proxy running? Check --proxy, --tor or HTTPS_PROXY / ALL_PROXY, or "
                    "rerun with --offline"
                ).format(proxy=exc.proxy, host=host, problem=problem)
            else:
                line = _(
                    "cannot reach {host} ({problem}): no network? Rerun with --offline (and "
                    "--hibp-file FILE for breached passwords)"
                ).format(host=host, problem=problem)
            self._unreachable.setdefault(host, line)
            return self._unreachable[host]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        problem = ""
        host = request.url.host or ""
        for attempt in range(self._attempts):
            down = self._unreachable.get(host)
            if down is not None:  # no more attempts on a host that cannot be reached
                raise RetriesExhausted(down, _("unreachable"))
            wait = self._backoff * (2**attempt)
            try:
                response = self._inner.handle_request(request)
                asked_again = response.headers.get("MediaWiki-API-Error", "")
                self._failures.pop(host, None)  # it answers
                if (
                    response.status_code not in RETRY_STATUSES
                    and asked_again not in RETRYABLE_API_ERRORS
                ):
                    response.read()
                    return response
                problem = (
                    asked_again
                    if asked_again in RETRYABLE_API_ERRORS
                    else _("HTTP {status}").format(status=response.status_code)
                )
                asked = retry_after_seconds(response)
                if asked is not None:
                    wait = max(wait, asked)
                response.close()
            except httpx.TransportError as exc:
                if isinstance(exc, httpx.TimeoutException):
                    problem = _("timed out")
                else:
                    cause = exc.__cause__ if isinstance(exc, ProxyUnreachable) else None
                    problem = _("connection failed ({error})").format(
                        error=type(cause or exc).__name__
                    )
                if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):  # not a slow answer
                    line = self._failed(host, problem, exc)
                    if line is not None:
                        raise RetriesExhausted(line, problem) from exc
            if attempt + 1 < self._attempts:
                if self._ends_at is not None and time.monotonic() + wait >= self._ends_at:
                    raise RetriesExhausted(
                        _(
                            "{service}: {problem}; asked to try again in {seconds:g} s, after "
                            "the end of the run's time budget (--run-timeout)"
                        ).format(service=host_of(str(request.url)), problem=problem, seconds=wait),
                        problem,
                    )
                self._sleep(wait)
        raise RetriesExhausted(
            _("{service}: {problem} after {n} attempts").format(
                service=host_of(str(request.url)), problem=problem, n=self._attempts
            ),
            problem,
        )

    def close(self) -> None:
        self._inner.close()
