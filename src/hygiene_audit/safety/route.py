"""The route every request of a run takes: direct, through a proxy, or through Tor.

An editor behind a Tor tunnel, an SSH SOCKS tunnel or a work proxy must not send their
username to every wiki from their real address because the tool ignored the proxy. The route
is decided once per run, from (first match wins):

1. ``--tor``: SOCKS5 on 127.0.0.1:9050, names resolved by Tor (``socks5h``); the run refuses
   to go online when nothing listens there;
2. ``--proxy URL`` (``http://``, ``https://``, ``socks5://``, ``socks5h://``);
3. the environment: ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``ALL_PROXY`` (either case) and
   ``NO_PROXY``, as curl and httpx read them.

A SOCKS proxy is always given the host name, never an address looked up here (httpcore sends
the name), so a proxy route leaks no DNS query either. Requests to this computer
(127.0.0.0/8, ``::1``, ``localhost``) always go direct: a proxy cannot reach them. ``NO_PROXY``
is honoured only for a proxy that came from the environment; an explicit ``--proxy`` or
``--tor`` carries everything. The transport that follows the route is
:func:`hygiene_audit.safety.http.route_transport`.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import SplitResult, urlsplit

from hygiene_audit.core.errors import ConfigError
from hygiene_audit.i18n import _

TOR_HOST = "127.0.0.1"
TOR_PORT = 9050
TOR_PROXY = f"socks5h://{TOR_HOST}:{TOR_PORT}"
PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")
TOR_PROBE_SECONDS = 3.0
# Every request off this computer is https: its proxy variables first; HTTP_PROXY last, which
# curl applies to http:// only, because someone who set only that expects to be proxied.
ENVIRONMENT_PROXIES = (
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "HTTP_PROXY",
    "http_proxy",
)


class RouteKind(StrEnum):
    DIRECT = "direct"
    PROXY = "proxy"
    TOR = "tor"


def is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _parts(url: str) -> SplitResult | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return None
    return parts


def shown(url: str) -> str:
    """A proxy URL without its credentials, for the report and messages."""
    parts = _parts(url)
    if parts is None or not parts.hostname:
        return "?"
    port = f":{parts.port}" if parts.port else ""
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}{port}"


@dataclass(frozen=True)
class Route:
    kind: RouteKind
    proxy: str | None = None  # the proxy URL as given (it may hold credentials: never shown)
    bypass: tuple[str, ...] = ()  # NO_PROXY entries (environment proxies only)
    origin: str = ""  # where the proxy came from: "--proxy", "HTTPS_PROXY", ...

    def describe(self) -> str:
        """One line for the report: who sees which address."""
        if self.kind is RouteKind.TOR:
            return _("through Tor ({proxy}): the sites see a Tor exit, not your address").format(
                proxy=f"{TOR_HOST}:{TOR_PORT}"
            )
        if self.kind is RouteKind.PROXY and self.proxy is not None:
            return _("through the proxy {proxy} (from {origin}): the sites see its address").format(
                proxy=shown(self.proxy), origin=self.origin
            )
        return _("direct: every site contacted sees this computer's internet address")

    def bypassed(self, host: str) -> bool:
        if is_loopback(host):
            return True
        name = host.lower().rstrip(".")
        for entry in self.bypass:
            entry = entry.strip().lower().lstrip("*").lstrip(".").rstrip(".")
            if entry == "":
                continue
            if name == entry or name.endswith("." + entry):
                return True
        return False


def _checked_proxy(url: str, origin: str) -> str:
    parts = _parts(url)
    if parts is None or parts.scheme.lower() not in PROXY_SCHEMES or not parts.hostname:
        raise ConfigError(
            _(
                "{origin}: a proxy URL is scheme://host:port with scheme http, https, socks5 "
                "or socks5h (got {url})"
            ).format(origin=origin, url=shown(url))
        )
    return url


def _environment_proxy(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """(URL, variable) of the proxy the environment names for https, the scheme of every
    request the tool makes off this computer."""
    for name in ENVIRONMENT_PROXIES:
        value = environ.get(name, "").strip()
        if value:
            if "://" not in value:  # curl and httpx read "host:port" as http://host:port
                value = "http://" + value
            return value, name
    return None


def tor_listening(host: str = TOR_HOST, port: int = TOR_PORT) -> bool:
    try:
        with socket.create_connection((host, port), timeout=TOR_PROBE_SECONDS):
            return True
    except OSError:
        return False


def resolve_route(
    *, tor: bool, proxy: str | None, environ: Mapping[str, str], offline: bool
) -> Route:
    """The route of this run; a usage error when it cannot be the one asked for."""
    if tor and proxy:
        raise ConfigError(_("--tor and --proxy both name a route: give one of them"))
    if tor:
        if not offline and not tor_listening():
            raise ConfigError(
                _(
                    "--tor: nothing listens on {host}:{port}, so the run would not go through "
                    "Tor; start Tor (Tor Browser listens on 9150 instead: --proxy "
                    "socks5h://127.0.0.1:9150). Nothing was sent."
                ).format(host=TOR_HOST, port=TOR_PORT)
            )
        return Route(RouteKind.TOR, TOR_PROXY, origin="--tor")
    if proxy:
        return Route(RouteKind.PROXY, _checked_proxy(proxy, "--proxy"), origin="--proxy")
    found = _environment_proxy(environ)
    if found is None:
        return Route(RouteKind.DIRECT)
    url, variable = found
    bypass = tuple(
        part
        for name in ("NO_PROXY", "no_proxy")
        for part in environ.get(name, "").split(",")
        if part.strip()
    )
    if "*" in (b.strip() for b in bypass):
        return Route(RouteKind.DIRECT)
    return Route(RouteKind.PROXY, _checked_proxy(url, variable), bypass=bypass, origin=variable)
