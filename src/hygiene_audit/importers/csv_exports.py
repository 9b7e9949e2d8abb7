"""Password-manager CSV exports, recognised from the header row (columns matched by name).

Parsing is the stdlib ``csv`` module's (quoted fields with commas and newlines, CRLF); this
module only decides which product wrote the file and which columns mean what.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pydantic import SecretStr

from hygiene_audit.i18n import _
from hygiene_audit.importers.interface import ImportError_, VaultEntry, VaultImport

MAX_BYTES = 64 * 1024 * 1024  # a real vault export is a few MB at most
DELIMITERS = (",", ";", "\t")

Row = Mapping[str, str]


@dataclass(frozen=True)
class CsvFormat:
    name: str
    required: frozenset[str]
    title: str | None
    url: str
    username: tuple[str, ...]
    password: str
    is_login: Callable[[Row], bool] = lambda _row: True


def _cols(*names: str) -> frozenset[str]:
    return frozenset(n.lower() for n in names)


# Most specific first: 1Password's header is a superset of Apple's.
FORMATS: tuple[CsvFormat, ...] = (
    CsvFormat("Bitwarden", _cols("type", "name", "login_uri", "login_username", "login_password"),
              "name", "login_uri", ("login_username",), "login_password",
              is_login=lambda r: r.get("type", "").strip().lower() == "login"),
    CsvFormat("Proton Pass", _cols("name", "url", "email", "username", "password", "vault"),
              "name", "url", ("username", "email"), "password"),
    CsvFormat("1Password", _cols("title", "url", "username", "password", "otpauth", "archived"),
              "title", "url", ("username",), "password"),
    CsvFormat("KeePassXC", _cols("group", "title", "username", "password", "url"),
              "title", "url", ("username",), "password",
              is_login=lambda r: r.get("group", "").split("/")[-1].strip() != "Recycle Bin"),
    CsvFormat("Firefox", _cols("url", "username", "password", "httprealm", "formactionorigin"),
              None, "url", ("username",), "password"),
    CsvFormat("LastPass", _cols("url", "username", "password", "extra", "name", "grouping"),
              "name", "url", ("username",), "password",
              is_login=lambda r: r.get("url", "").strip().lower() != "http://sn"),
    CsvFormat("Apple Passwords", _cols("title", "url", "username", "password", "otpauth"),
              "title", "url", ("username",), "password"),
    CsvFormat("Chrome", _cols("name", "url", "username", "password"),
              "name", "url", ("username",), "password"),
)

SUPPORTED = ", ".join(f.name for f in FORMATS)


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_BYTES:
        raise ImportError_(
            _("{source} is {size} MB: too large to be a password-manager export").format(
                source=source, size=len(data) // (1024 * 1024)
            )
        )
    if b"\x00" in data[:8192]:
        raise ImportError_(
            _("{source} is a binary file, not a CSV export").format(source=source)
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(
            _("{source} is not UTF-8 text (invalid byte at offset {offset}); export it again "
              "as UTF-8 CSV").format(source=source, offset=exc.start)
        ) from None


def detect(header: list[str]) -> CsvFormat | None:
    names = {h.strip().lower() for h in header}
    for fmt in FORMATS:
        if fmt.required <= names:
            return fmt
    return None


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0].rstrip("\r")


def _detect_line(first: str) -> tuple[CsvFormat, str] | None:
    for delimiter in DELIMITERS:
        try:
            header = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            continue
        fmt = detect(header)
        if fmt is not None:
            return fmt, delimiter
    return None


def sniff_header(first_line: str) -> str | None:
    """The product name for a header line (BOM and line end tolerated), or None."""
    found = _detect_line(first_line.lstrip("\ufeff").rstrip("\r\n"))
    return found[0].name if found else None


def _header_and_delimiter(text: str, source: str) -> tuple[CsvFormat, str]:
    found = _detect_line(_first_line(text))
    if found is not None:
        return found
    raise ImportError_(
        _("{source}: unrecognised CSV header; supported exports: {formats}").format(
            source=source, formats=SUPPORTED
        )
    )


def parse_csv(data: bytes, source: str) -> VaultImport:
    text = _decode(data, source)
    if not text.strip():
        raise ImportError_(_("{source} is empty").format(source=source))
    fmt, delimiter = _header_and_delimiter(text, source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    entries: list[VaultEntry] = []
    skipped = non_login = 0
    try:
        header = [h.strip().lower() for h in next(reader)]
        for row_number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(values) < len(header):
                # a row cut short cannot be trusted to have its columns in place
                skipped += 1
                continue
            row = dict(zip(header, values, strict=False))
            if not fmt.is_login(row):
                non_login += 1
                continue
            username = next((row[c] for c in fmt.username if row.get(c, "").strip()), "")
            password = row.get(fmt.password, "")
            raw_url = row.get(fmt.url, "").strip()
            url = raw_url.splitlines()[0] if raw_url else ""
            if not (username.strip() or password or url):
                non_login += 1
                continue
            entries.append(
                VaultEntry(
                    title=(row.get(fmt.title, "") if fmt.title else "").strip(),
                    url=url,
                    username=username.strip(),
                    password=SecretStr(password),
                    source=source,
                    row=row_number,
                )
            )
    except csv.Error as exc:
        line = reader.line_num
        reason = str(exc)
        if "EOF" in reason or "end of data" in reason:
            reason = _("a quoted field is not closed (the file looks truncated)")
        raise ImportError_(
            _("{source}: CSV error near line {line}: {reason}").format(
                source=source, line=line, reason=reason
            )
        ) from None
    return VaultImport(
        format=fmt.name,
        source=source,
        entries=tuple(entries),
        skipped_rows=skipped,
        non_login_rows=non_login,
    )
