"""The one place HTTP clients are made.

Every client gets the project's User-Agent (Wikimedia User-Agent policy: name/version, project
URL, library), timeouts, and a guard in front of the transport that refuses, before anything
leaves the process, any request when offline and any request to a host the check did not
declare. Tests pass their own transport (``httpx.MockTransport`` or one that talks to
127.0.0.1); the guard wraps it the same way.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from hygiene_audit import PROJECT_URL, TOOL_NAME, __version__
from hygiene_audit.errors import NetworkBlockedError, NetworkError
from hygiene_audit.i18n import _

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0
MAX_BODY_BYTES = 64 * 1024 * 1024  # no answer we read is near this: 50 revisions of a big page
DEADLINE_FACTOR = 3  # a request must be answered completely within 3 × --timeout
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def is_loopback(host: str) -> bool:
    host = host.lower().strip("[]")
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def _too_large(host: str, limit: int) -> NetworkError:
    return NetworkError(_("{host}: the answer is larger than {mb} MB; refused").format(
        host=host, mb=limit // (1024 * 1024)))


class _BoundedStream(httpx.SyncByteStream):
    """A response body that may not exceed ``limit`` bytes nor arrive after ``ends_at``."""

    def __init__(self, inner: httpx.SyncByteStream, *, limit: int, ends_at: float,
                 deadline: float, host: str) -> None:
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
                        host=self._host, seconds=self._deadline))
            yield chunk

    def close(self) -> None:
        self._inner.close()


def user_agent() -> str:
    return f"{TOOL_NAME}/{__version__} (+{PROJECT_URL}) httpx/{httpx.__version__}"


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    """``host`` is one of ``allowed``, or under one of its ``*.domain`` entries."""
    host = host.lower().rstrip(".")
    return any(host == entry or (entry.startswith("*.") and (
        host == entry[2:] or host.endswith(entry[1:]))) for entry in allowed)


class GuardedTransport(httpx.BaseTransport):
    """Refuses requests when offline or to undeclared hosts; otherwise delegates."""

    def __init__(
        self, inner: httpx.BaseTransport, allowed_hosts: Iterable[str], *, offline: bool,
        deadline: float = 60.0, max_body: int = MAX_BODY_BYTES,
    ) -> None:
        self._inner = inner
        self._allowed = frozenset(h.lower() for h in allowed_hosts)
        self._offline = offline
        self._deadline = deadline
        self._max_body = max_body

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = (request.url.host or "").lower()
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
        response.stream = _BoundedStream(stream, limit=self._max_body, ends_at=ends_at,
                                         deadline=self._deadline, host=host)
        return response

    def close(self) -> None:
        self._inner.close()


def default_transport() -> httpx.BaseTransport:
    """The real network transport (tests replace this function with a fake)."""
    return httpx.HTTPTransport(retries=0)


def make_client(
    allowed_hosts: Iterable[str],
    *,
    offline: bool,
    timeout: float,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    inner = transport if transport is not None else default_transport()
    return httpx.Client(
        transport=GuardedTransport(inner, allowed_hosts, offline=offline,
                                   deadline=timeout * DEADLINE_FACTOR),
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


def send_with_retry(
    client: httpx.Client,
    request: httpx.Request,
    *,
    attempts: int = 4,
    backoff: float = 1.0,
    sleep: Callable[[float], None] | None = None,
    describe: str | None = None,
) -> httpx.Response:
    """Send ``request``; retry timeouts, connection errors, 429 and 5xx with backoff.

    ``Retry-After`` is honoured. Raises :class:`NetworkError` with one clear line when the
    last attempt fails; never returns a 429/5xx response. ``describe`` names the service in
    that line (never put a secret in it).
    """
    what = describe or host_of(str(request.url))
    pause = sleep if sleep is not None else time.sleep
    last_problem = ""
    for attempt in range(attempts):
        wait = backoff * (2**attempt)
        try:
            response = client.send(request)
        except NetworkBlockedError:
            raise
        except httpx.TimeoutException:
            last_problem = _("timed out")
        except httpx.TransportError as exc:
            last_problem = _("connection failed ({error})").format(error=type(exc).__name__)
        else:
            if response.status_code not in RETRY_STATUSES:
                return response
            last_problem = _("HTTP {status}").format(status=response.status_code)
            asked = retry_after_seconds(response)
            if asked is not None:
                wait = max(wait, asked)
            response.close()
        if attempt + 1 < attempts:
            pause(wait)
    raise NetworkError(
        _("{service}: {problem} after {n} attempts").format(
            service=what, problem=last_problem, n=attempts
        )
    )
