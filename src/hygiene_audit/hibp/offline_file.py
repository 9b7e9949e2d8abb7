"""The downloaded Pwned Passwords copy, searched where it lies.

Two layouts from the official downloader are supported:

* one file of ``HASH:COUNT`` lines sorted by hash: binary search by seeking, O(log n) reads
  of a few kilobytes per hash, constant memory, no index;
* a directory of ``PREFIX.txt`` files holding ``SUFFIX:COUNT`` lines: one small file per hash.

Before use, the file is checked: lines must be 40-hex SHA-1 (NTLM's 32-hex lines and other
text are refused), sampled keys must be in ascending order (the old ordered-by-prevalence
file is refused), and known-breached hashes must be found (self-test).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from hygiene_audit.hibp.interface import (
    HEX40,
    SELF_TEST_HASHES,
    Closing,
    Lookup,
    PwnedSourceError,
    parse_range,
)
from hygiene_audit.i18n import _

DOWNLOADER_URL = "https://github.com/HaveIBeenPwned/PwnedPasswordsDownloader"
WINDOW = 512  # the last lines are compared one by one
CHUNK = 32 * 1024  # narrower than this, the rest is read at once and searched in memory
PROBE = 256  # bytes read to find the next line start: a line is ~45 bytes
BRACKET = 256 * 1024  # ±4 standard deviations of a uniform hash's place in 10⁷ lines
SAMPLES = 64
_LINE = re.compile(rb"^([0-9A-Fa-f]+):(\d+)$")
_MAGIC = {b"7z\xbc\xaf": "7z", b"PK\x03\x04": "zip", b"\x1f\x8b": "gzip"}


def open_source(path: Path) -> SortedFileSource | RangeDirectorySource:
    if path.is_dir():
        return RangeDirectorySource(path)
    if path.is_file():
        return SortedFileSource(path)
    raise PwnedSourceError(_("Pwned Passwords file not found: {path}").format(path=path))


class SortedFileSource(Closing):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = _("offline Pwned Passwords file {path}").format(path=path)
        try:
            self._fd = os.open(path, os.O_RDONLY)
        except OSError as exc:
            raise PwnedSourceError(
                _("Cannot open {path}: {error}").format(path=path, error=exc.strerror)
            ) from exc
        try:
            self._size = os.fstat(self._fd).st_size
            self._validate()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def _read(self, offset: int, length: int) -> bytes:
        """A small window read with ``pread``: the search reads a few hundred bytes per step
        and keeps none of the file mapped, so resident memory stays flat as the file grows
        (a mapped file counted every page a search had touched, 240 MB for 1,000 lookups)."""
        if offset >= self._size or length <= 0:
            return b""
        return os.pread(self._fd, min(length, self._size - offset), offset)

    def _probe(self, offset: int, limit: int) -> tuple[int, bytes]:
        """(start, key) of the first line after ``offset`` before ``limit`` in one read;
        (-1, b"") when there is none."""
        window = self._read(offset, min(PROBE, max(0, limit - offset)) + 41)
        newline = window.find(b"\n", 0, max(0, limit - offset))
        if newline == -1:
            return -1, b""
        start = newline + 1
        key = window[start : start + 40]
        if len(key) < 40 and offset + start + len(key) < self._size:
            key = self._read(offset + start, 40)
        return offset + start, key

    def _refuse(self, why: str) -> PwnedSourceError:
        return PwnedSourceError(
            _(
                "{path} is not a usable Pwned Passwords SHA-1 file: {why}. Get the file ordered "
                "by hash with the official downloader ({url}): 'haveibeenpwned-downloader "
                "pwnedpasswords', then pass it with --hibp-file"
            ).format(path=self.path, why=why, url=DOWNLOADER_URL)
        )

    def _key_at_line_after(self, offset: int) -> tuple[int, bytes] | None:
        """(start, key) of the first line that starts at or after ``offset``."""
        if offset == 0:
            start = 0
        else:
            chunk = self._read(offset - 1, 256)
            newline = chunk.find(b"\n")
            while newline == -1 and chunk:
                offset += len(chunk)
                chunk = self._read(offset - 1, 4096)
                newline = chunk.find(b"\n")
            if newline == -1:
                return None
            start = offset - 1 + newline + 1
        if start >= self._size:
            return None
        return start, self._read(start, 40).upper()

    def _validate(self) -> None:
        head = self._read(0, 4096)
        for magic, kind in _MAGIC.items():
            if head.startswith(magic):
                raise self._refuse(_("it is a {kind} archive; extract it first").format(kind=kind))
        lines = head.split(b"\n")[:-1] if len(head) == 4096 else head.split(b"\n")
        lines = [ln for ln in lines if ln.strip()][:20]
        if not lines:
            raise self._refuse(_("it is empty"))
        for line in lines:
            match = _LINE.match(line.rstrip(b"\r"))
            if match is None:
                raise self._refuse(_("lines are not HASH:COUNT"))
            if len(match.group(1)) == 32:
                raise self._refuse(_("it holds NTLM hashes; download the SHA-1 version"))
            if len(match.group(1)) != 40:
                raise self._refuse(_("hashes are not 40 hex characters"))
            if match.group(1) != match.group(1).upper():
                raise self._refuse(_("hashes are not upper-case hex"))
        previous = b""
        for i in range(SAMPLES + 1):
            found = self._key_at_line_after(self._size * i // (SAMPLES + 1))
            if found is None:
                continue
            key = found[1]
            if key < previous:
                raise self._refuse(
                    _(
                        "it is not sorted by hash (the 'ordered by prevalence' file cannot be "
                        "searched); download the file ordered by hash"
                    )
                )
            previous = key
        missing = [h for h in SELF_TEST_HASHES if not self.count(h)]
        if missing:
            raise self._refuse(
                _(
                    "self-test failed: {n} hash(es) known to be breached were not found, so a "
                    "'not found' from this file would mean nothing"
                ).format(n=len(missing))
            )

    def _bracket(self, target: bytes, value: int) -> tuple[int, int, bytes, bytes]:
        """Narrow the search around where a uniform hash should lie (interpolation guess).

        Returns (lo, hi, key at lo, key at hi) with lo a line start and the target line, if
        present, starting before hi. Falls back to the whole file when the guess does not
        bracket it, so the worst case stays a plain binary search.
        """
        size = self._size
        whole = 0, size, b"", b"\xff"
        guess = value * size >> 160
        if size < 4 * BRACKET or guess - BRACKET <= 0 or guess + BRACKET >= size:
            return whole
        lo, lo_key = self._probe(guess - BRACKET, size)
        if lo == -1 or lo_key.upper() > target:
            return whole
        hi, hi_key = self._probe(guess + BRACKET, size)
        if hi == -1 or hi >= size:
            return lo, size, lo_key.upper(), b"\xff"
        if hi_key.upper() <= target:
            return whole
        return lo, hi, lo_key.upper(), hi_key.upper()

    def _disorder(self, offset: int) -> PwnedSourceError:
        return self._refuse(
            _(
                "it is not sorted by hash near byte {offset}, so a 'not found' from it would "
                "mean nothing; download the file ordered by hash again"
            ).format(offset=offset)
        )

    def count(self, digest: str) -> int:
        """Times ``digest`` (40 uppercase hex) was seen; 0 if absent. O(log n), no scan.

        Every key met on the way is checked against the keys that bound it, and every line
        of the final window against its neighbour: a file out of order where it is searched
        raises :class:`PwnedSourceError` instead of answering a false "not found".
        """
        if not self._size:
            return 0
        target = digest.encode("ascii")
        lo, hi, lo_key, hi_key = self._bracket(target, int(digest, 16))
        while hi - lo > CHUNK:  # far apart: one small read per step
            mid = (lo + hi) >> 1
            start, key = self._probe(mid, hi)
            if start == -1 or start >= hi:
                hi = mid
                continue
            key = key.upper()
            if key < lo_key or key > hi_key:
                raise self._disorder(start)
            if key <= target:
                lo, lo_key = start, key
            else:
                hi, hi_key = start, key
        # close: one read of the rest (and the line at hi), then the same steps in memory
        buf = self._read(lo, hi - lo + PROBE)
        blo, bhi = 0, hi - lo
        while bhi - blo > WINDOW:
            mid = (blo + bhi) >> 1
            newline = buf.find(b"\n", mid, bhi)
            if newline == -1 or newline + 1 >= bhi:
                bhi = mid
                continue
            start = newline + 1
            key = buf[start : start + 40].upper()
            if key < lo_key or key > hi_key:
                raise self._disorder(lo + start)
            if key <= target:
                blo, lo_key = start, key
            else:
                bhi, hi_key = start, key
        end = buf.find(b"\n", bhi)
        block = buf[blo : (end if end != -1 else len(buf))]
        previous = lo_key
        found = 0
        offset = lo + blo
        for line in block.split(b"\n"):
            key = line[:40].upper()
            if key:
                if key < previous:
                    raise self._disorder(offset)
                previous = key
                if key == target:
                    match = _LINE.match(line.rstrip(b"\r"))
                    found = int(match.group(2)) if match is not None else 0
            offset += len(line) + 1
        if previous > hi_key:
            raise self._disorder(hi)
        return found

    def lookup(
        self, hashes: Iterable[str], advance: Callable[[int], None] = lambda _n: None
    ) -> dict[str, Lookup]:
        results = {}
        for digest in hashes:
            if not HEX40.match(digest):
                raise ValueError("not an uppercase SHA-1 hex digest")
            results[digest] = Lookup(count=self.count(digest))
            advance(1)
        return results


class RangeDirectorySource(Closing):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = _("offline Pwned Passwords range files in {path}").format(path=path)
        for digest in SELF_TEST_HASHES:
            try:
                found = self.count(digest)
            except PwnedSourceError:
                found = 0
            if not found:
                raise PwnedSourceError(
                    _(
                        "{path} is not a usable directory of Pwned Passwords range files: "
                        "self-test failed (expected files like 5BAA6.txt holding SUFFIX:COUNT "
                        "lines)"
                    ).format(path=path)
                )

    def close(self) -> None:
        """Each range file is opened and closed per lookup; nothing to release."""

    def _file(self, prefix: str) -> Path | None:
        for name in (f"{prefix}.txt", f"{prefix.lower()}.txt", prefix):
            candidate = self.path / name
            if candidate.is_file():
                return candidate
        return None

    def count(self, digest: str) -> int:
        prefix = digest[:5]
        path = self._file(prefix)
        if path is None:
            raise PwnedSourceError(
                _("range file for prefix {prefix} missing in {path}").format(
                    prefix=prefix, path=self.path
                )
            )
        try:
            counts = parse_range(path.read_text(encoding="ascii"), prefix)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise PwnedSourceError(
                _("{path}: unreadable range file ({error})").format(path=path, error=exc)
            ) from exc
        return counts.get(digest, 0)

    def lookup(
        self, hashes: Iterable[str], advance: Callable[[int], None] = lambda _n: None
    ) -> dict[str, Lookup]:
        results = {}
        for digest in hashes:
            try:
                results[digest] = Lookup(count=self.count(digest))
            except PwnedSourceError as exc:
                results[digest] = Lookup(count=None, problem=exc.message)
            advance(1)
        return results
