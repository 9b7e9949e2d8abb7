"""The downloaded Pwned Passwords copy, searched where it lies.

Two layouts from the official downloader are supported:

* one file of ``HASH:COUNT`` lines sorted by hash: binary search by seeking, O(log n) reads
  of a few kilobytes per hash, constant memory, no index;
* a directory of ``PREFIX.txt`` files holding ``SUFFIX:COUNT`` lines: one small file per hash.

Before use, the file is checked: lines must be 40-hex SHA-1 (NTLM's 32-hex lines and other
text are refused), sampled keys must be in ascending order (the old ordered-by-prevalence
file is refused), and known-breached hashes must be found (self-test).

A file can pass all of that and still not be whole: an interrupted download stops at some
hash, a copy cut mid-line, a file rewritten while it is read. So the source also knows how
far it reaches, and a "not found" is only said where the file shows it looked:

* a last line cut short is a truncated file: said, and nothing above its last whole line is
  "not found";
* SHA-1 hashes are spread evenly, so the gap between two neighbouring lines is about
  2**160 / lines; a "not found" whose neighbours (or the ends of the key space) lie more than
  :data:`HOLE_FACTOR` times that apart falls in a part of the file that is missing (a real
  gap that wide has a chance of about e**-50) and is "not checked", never "not found". One
  missing range file in a full download is a gap of about a thousand;
* any short read, or a size, inode or modification time that changed since the file was
  opened, makes every "not found" of the run "not checked".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from hygiene_audit.hibp.interface import (
    HEX40,
    SELF_TEST_HASHES,
    Lookup,
    PwnedSourceError,
    SourceBase,
    parse_range,
)
from hygiene_audit.i18n import _, number

DOWNLOADER_URL = "https://github.com/HaveIBeenPwned/PwnedPasswordsDownloader"
WINDOW = 512  # the last lines are compared one by one
CHUNK = 32 * 1024  # narrower than this, the rest is read at once and searched in memory
PROBE = 256  # bytes read to find the next line start: a line is ~45 bytes
BRACKET = 256 * 1024  # ±4 standard deviations of a uniform hash's place in 10⁷ lines
SAMPLES = 64
SCAN = 64 * 1024  # a line break must come within this: a real line is ~45 bytes
HOLE_FACTOR = 50
KEY_SPACE = 1 << 160
PUBLISHED_MINIMUM = 300_000_000  # hashes in the smallest full release (306 million, 2017)
_LINE = re.compile(rb"^([0-9A-Fa-f]+):(\d+)$")
_MAGIC = {b"7z\xbc\xaf": "7z", b"PK\x03\x04": "zip", b"\x1f\x8b": "gzip"}


def open_source(path: Path) -> SortedFileSource | RangeDirectorySource:
    if path.is_dir():
        return RangeDirectorySource(path)
    if path.is_file():
        return SortedFileSource(path)
    raise PwnedSourceError(_("Pwned Passwords file not found: {path}").format(path=path))


class Unchecked(PwnedSourceError):
    """This one hash cannot be answered from the file (it falls where the file is missing)."""


def _identity(status: os.stat_result) -> tuple[int, int, int, int]:
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def _key_value(key: bytes) -> int:
    return int(key, 16)


class SortedFileSource(SourceBase):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = _("offline Pwned Passwords file {path}").format(path=path)
        self.problems = ()
        self.notes = ()
        self._truncated = False
        self._changed = False
        self._mean_gap = KEY_SPACE
        try:
            self._fd = os.open(path, os.O_RDONLY)
        except OSError as exc:
            raise PwnedSourceError(
                _("Cannot open {path}: {error}").format(path=path, error=exc.strerror)
            ) from exc
        try:
            status = os.fstat(self._fd)
            self._opened_as = _identity(status)
            self._size = status.st_size
            self._validate_lines()
            self._trim_cut_line()
            self._validate_order()
            self._measure_reach()
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
        wanted = min(length, self._size - offset)
        data = os.pread(self._fd, wanted, offset)
        if len(data) < wanted:  # the file shrank under us: nothing it says can be trusted
            self._changed = True
            raise self._changed_error()
        return data

    def _changed_error(self) -> PwnedSourceError:
        return PwnedSourceError(
            _(
                "{path} changed while it was being read (another program is writing it, or "
                "a download is still running); run the audit again when it is complete"
            ).format(path=self.path)
        )

    def _still_as_opened(self) -> bool:
        if not self._changed and _identity(os.fstat(self._fd)) != self._opened_as:
            self._changed = True
        return not self._changed

    def _trim_cut_line(self) -> None:
        """A file whose last line is cut short (an interrupted download or copy) is used up to
        its last whole line and said to be truncated; one without any line break near its
        end (a padded or sparse file) is refused."""
        if not self._size:
            return
        tail = self._read(max(0, self._size - PROBE), PROBE)
        if tail.endswith(b"\n"):
            return
        newline = tail.rfind(b"\n")
        last = tail[newline + 1 :].rstrip(b"\r")
        match = _LINE.match(last)
        if match is not None and len(match.group(1)) == 40:
            return  # a whole last line without a line break
        if newline == -1 and self._size > PROBE:
            raise self._refuse(_("it does not end in HASH:COUNT lines (damaged or padded)"))
        self._size -= len(tail) - (newline + 1)
        self._truncated = True
        self.problems += (
            _(
                "{path} ends in the middle of a line: the download or copy was interrupted. "
                "Passwords whose hashes would come after its last whole line were not "
                "checked. Download the file again"
            ).format(path=self.path),
        )

    def _line_start_before(self, end: int) -> int:
        """Start of the line that ends at ``end`` (exclusive of its line break)."""
        window = self._read(max(0, end - PROBE), min(end, PROBE))
        newline = window.rfind(b"\n", 0, len(window) - 1)
        return 0 if newline == -1 else end - len(window) + newline + 1

    def _measure_reach(self) -> None:
        """How far the file reaches: its first and last key, and the gap between neighbouring
        lines its size implies; a file that stops far short of either end of the key space
        is said to be partial, and a small one to be a subset."""
        head = self._read(0, 4096)
        lines_in_head = head.count(b"\n") or 1
        length = len(head) / lines_in_head if head.count(b"\n") else max(1, len(head))
        lines = max(1, round(self._size / length))
        self._mean_gap = KEY_SPACE // lines
        first = self._read(0, 40).upper()
        last = self._read(self._line_start_before(self._size), 40).upper()
        if _key_value(first) > HOLE_FACTOR * self._mean_gap:
            self.problems += (
                _(
                    "{path} starts at hash prefix {prefix}: the part before it is missing, so "
                    "passwords whose hashes fall there were not checked. Download the file "
                    "again"
                ).format(path=self.path, prefix=first[:5].decode()),
            )
        if not self._truncated and KEY_SPACE - _key_value(last) > HOLE_FACTOR * self._mean_gap:
            self.problems += (
                _(
                    "{path} stops at hash prefix {prefix}: the rest of it is missing (an "
                    "interrupted download?), so passwords whose hashes come later were not "
                    "checked. Download the file again"
                ).format(path=self.path, prefix=last[:5].decode()),
            )
        if lines < PUBLISHED_MINIMUM:
            self.notes += (
                _(
                    "The Pwned Passwords file holds about {lines} hashes; every full release "
                    "holds hundreds of millions, so it is a subset: a password not in it may "
                    "still be breached."
                ).format(lines=number(lines)),
            )

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
            chunk = self._read(offset - 1, SCAN)
            newline = chunk.find(b"\n")
            if newline == -1:
                if len(chunk) < SCAN:
                    return None  # the last line
                raise self._refuse(
                    _(
                        "no line break within {kb} KB after byte {offset} (damaged or padded)"
                    ).format(kb=SCAN // 1024, offset=offset)
                )
            start = offset - 1 + newline + 1
        if start >= self._size:
            return None
        key = self._read(start, 40).upper()
        if not HEX40.match(key.decode("latin-1")):
            raise self._refuse(
                _("the line at byte {offset} is not HASH:COUNT (damaged)").format(offset=start)
            )
        return start, key

    def _validate_lines(self) -> None:
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

    def _validate_order(self) -> None:
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
        raises :class:`PwnedSourceError` instead of answering a false "not found", and a
        target that falls where the file is missing (truncated, or a gap far wider than its
        size implies) raises :class:`Unchecked`.
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
        below, above = lo_key, hi_key  # the neighbours of the target
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
                elif key < target:
                    below = key
                elif above == hi_key:
                    above = key
            offset += len(line) + 1
        if previous > hi_key:
            raise self._disorder(hi)
        if not found:
            self._trust_not_found(below, above)
        return found

    def _trust_not_found(self, below: bytes, above: bytes) -> None:
        """Raise :class:`Unchecked` unless the file shows it holds every line between the
        target's neighbours (``b""`` and ``b"\\xff"`` are the ends of the file)."""
        at_end = above == b"\xff"
        if self._truncated and at_end:
            raise Unchecked(
                _("{path} is truncated and this hash would come after its end").format(
                    path=self.path
                )
            )
        low = _key_value(below) if below else 0
        high = KEY_SPACE if at_end else _key_value(above)
        if high - low > HOLE_FACTOR * self._mean_gap:
            raise Unchecked(
                _(
                    "{path} has no lines in a stretch where thousands of times more were "
                    "expected: that part of the file is missing"
                ).format(path=self.path)
            )

    def lookup(
        self, hashes: Iterable[str], advance: Callable[[int], None] = lambda _n: None
    ) -> dict[str, Lookup]:
        results: dict[str, Lookup] = {}
        for digest in hashes:
            if not HEX40.match(digest):
                raise ValueError("not an uppercase SHA-1 hex digest")
            if self._still_as_opened():
                try:
                    results[digest] = Lookup(count=self.count(digest))
                except Unchecked as exc:
                    results[digest] = Lookup(count=None, problem=exc.message)
                except PwnedSourceError:
                    if not self._changed:
                        raise
            if self._changed:
                results[digest] = Lookup(count=None)
            advance(1)
        if not self._still_as_opened():
            changed = self._changed_error().message
            results = {  # a "seen" stands (the line was there); no "not found" does
                digest: answer if answer.count else Lookup(count=None, problem=changed)
                for digest, answer in results.items()
            }
        return results


class RangeDirectorySource(SourceBase):
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
