"""The contract of a Pwned Passwords source, and the parser of the range format they share."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, Self

from hygiene_audit.core.errors import InputFileError
from hygiene_audit.i18n import _

HEX40 = re.compile(r"^[0-9A-F]{40}$")
PREFIX_LEN = 5
_RANGE_LINE = re.compile(r"^([0-9A-Fa-f]{35}):(\d+)$")

# Known-breached hashes for self-tests: SHA-1 of "password" and of "123456".
SELF_TEST_HASHES = (
    "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8",
    "7C4A8D09CA3762AF61E59520943DC26494F8941B",
)


class PwnedSourceError(InputFileError):
    """The source cannot be used at all (wrong file, failed self-test)."""


@dataclass(frozen=True)
class Lookup:
    """The answer for one hash: how often seen (0 = not seen), or why it is unknown."""

    count: int | None
    problem: str | None = None


class PwnedSource(Protocol):
    description: str
    problems: tuple[str, ...]
    """What is wrong with the source as a whole (a partial file): the run is incomplete."""
    notes: tuple[str, ...]
    """What a reader must know about its answers (a small subset), nothing wrong."""

    def lookup(
        self, hashes: Iterable[str], advance: Callable[[int], None] = ...
    ) -> dict[str, Lookup]:
        """Counts for full uppercase SHA-1 hex hashes. Only prefixes may leave the process."""
        ...

    def close(self) -> None:
        """Release what the source holds open (a file descriptor); idempotent."""
        ...

    def __enter__(self) -> PwnedSource: ...
    def __exit__(self, *exc: object) -> None: ...


class SourceBase:
    """What every source shares: ``with source:`` closes it whatever happens inside, and it
    has no problems or notes unless it finds some."""

    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def parse_range(body: str, prefix: str, *, padded: bool = False) -> dict[str, int]:
    """Parse a range response (``SUFFIX:COUNT`` lines, CRLF or LF) into full hash → count.

    Padding rows (count 0) are dropped. Any malformed line, a truncated body included, raises
    :class:`ValueError`: a partial answer must not read as "not breached". So does an empty
    body, and, with ``padded`` (an answer to ``Add-Padding: true``), a body without any
    padding row: a real answer always has both.
    """
    counts: dict[str, int] = {}
    if not body.strip():
        raise ValueError(_("empty range response"))
    if not body.endswith(("\n", "\r")) and not _RANGE_LINE.match(body.rsplit("\n", 1)[-1].strip()):
        raise ValueError(_("truncated range response"))
    padding_seen = False
    for number, raw in enumerate(body.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _RANGE_LINE.match(line)
        if match is None:
            raise ValueError(_("malformed line {n} in range response").format(n=number))
        count = int(match.group(2))
        if count:
            counts[prefix.upper() + match.group(1).upper()] = count
        else:
            padding_seen = True
    if padded and not padding_seen:
        raise ValueError(_("range response without the padding it was asked for"))
    return counts


def prefixes_of(hashes: Iterable[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for digest in hashes:
        if not HEX40.match(digest):
            raise ValueError("not an uppercase SHA-1 hex digest")
        grouped.setdefault(digest[:PREFIX_LEN], []).append(digest)
    return grouped
