"""The online range API (k-anonymity): only the first five hex characters of a hash leave.

One request per distinct prefix, ``Add-Padding: true``, bounded concurrency on one shared
client, retries with backoff honouring ``Retry-After``. A prefix whose lookup fails makes
its hashes "unknown" with the reason; the others stand. Nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from hygiene_audit.core.errors import NetworkError
from hygiene_audit.hibp.interface import Lookup, SourceBase, parse_range, prefixes_of
from hygiene_audit.i18n import _

if TYPE_CHECKING:
    import httpx


class RangeApiSource(SourceBase):
    def __init__(
        self,
        client: httpx.Client,
        base_url: str,
        *,
        concurrency: int = 16,
    ) -> None:
        self._client = client
        self._base = base_url.rstrip("/")
        self._concurrency = concurrency
        self.description = _("Pwned Passwords range API at {url}").format(url=self._base)

    def close(self) -> None:
        """The client belongs to the check that made it; nothing to release here."""

    def fetch_prefix(self, prefix: str) -> dict[str, int]:
        request = self._client.build_request(
            "GET", f"{self._base}/range/{prefix}", headers={"Add-Padding": "true"}
        )
        response = self._client.send(request)  # retried by the client's transport
        if response.status_code != 200:
            raise NetworkError(
                _("{host}: HTTP {status}").format(
                    host=request.url.host, status=response.status_code
                )
            )
        try:
            return parse_range(response.text, prefix, padded=True)
        except ValueError as exc:
            raise NetworkError(f"{request.url.host}: {exc}") from exc

    def lookup(
        self, hashes: Iterable[str], advance: Callable[[int], None] = lambda _n: None
    ) -> dict[str, Lookup]:
        import httpx  # loaded with the client already; not by an offline run importing this

        grouped = prefixes_of(hashes)
        results: dict[str, Lookup] = {}

        def one(prefix: str) -> tuple[str, dict[str, int] | None, str | None]:
            try:
                return prefix, self.fetch_prefix(prefix), None
            except (NetworkError, httpx.HTTPError) as exc:
                return prefix, None, str(exc)

        workers = max(1, min(self._concurrency, len(grouped)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hibp") as pool:
            for prefix, counts, problem in pool.map(one, sorted(grouped)):
                for digest in grouped[prefix]:
                    if counts is None:
                        results[digest] = Lookup(count=None, problem=problem)
                    else:
                        results[digest] = Lookup(count=counts.get(digest, 0))
                advance(1)
        return results
