"""Password-manager CSV exports, read by the declarative layouts of ``layouts.py``.

Parsing is the stdlib ``csv`` module's (quoted fields with commas and newlines, CRLF); this
module decides which layout a file has — by its header, or, for header-less exports, by a
certain row shape or the user's ``--passwords-format`` — and turns rows into entries. An
unknown file is refused without quoting any of its content (a first line may be a password).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence

from pydantic import SecretStr

from hygiene_audit.i18n import _
from hygiene_audit.vault.entries import ImportError_, VaultEntry, VaultImport
from hygiene_audit.vault.importers.layouts import BY_KEY, LAYOUTS, READABLE, Layout

MAX_BYTES = 64 * 1024 * 1024  # a real vault export is a few MB at most
DELIMITERS = (",", ";", "\t")
RECYCLE_BIN = "recycle bin"
SECTION = re.compile(r"^(\[.*\]|>>>)$")  # Password XP folder markers
PIPED = re.compile(r"^([^|]*)\|\d+\|(.*)$", re.DOTALL)  # mSecure "Label|n|value"

Row = Mapping[str, str]
SUPPORTED = ", ".join(READABLE)


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_BYTES:
        raise ImportError_(
            _("{source} is {size} MB: too large to be a password-manager export").format(
                source=source, size=len(data) // (1024 * 1024)
            )
        )
    if b"\x00" in data[:8192]:
        raise ImportError_(_("{source} is a binary file, not a CSV export").format(source=source))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(
            _(
                "{source} is not UTF-8 text (invalid byte at offset {offset}); export it again "
                "as UTF-8 CSV"
            ).format(source=source, offset=exc.start)
        ) from exc


def _cells(values: Sequence[str]) -> list[str]:
    return [v.strip().strip('"').strip().lower() for v in values]


def _unwrap(values: list[str], delimiter: str) -> list[str]:
    """A row exported as one quoted cell holding the real delimiter (Netwrix) is split."""
    if len(values) == 1 and delimiter in values[0]:
        return next(csv.reader([values[0]], delimiter=delimiter))
    return values


def detect(header: Sequence[str]) -> Layout | None:
    """The layout whose full identifying header ``header`` is; of several, the one with the
    most identifying cells (a superset such as NordPass's is never taken for Chrome's)."""
    cells = _cells(header)
    line = ",".join(cells)
    for layout in LAYOUTS:
        if layout.pattern and re.fullmatch(layout.pattern, line):
            return layout
    names = set(cells)
    matches = [lay for lay in LAYOUTS if lay.matches(names)]
    return max(matches, key=lambda lay: len(lay.columns), default=None)


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0].rstrip("\r")


def _detect_line(first: str) -> tuple[Layout, str] | None:
    headers = []
    for delimiter in DELIMITERS:
        try:
            headers.append((next(csv.reader([first], delimiter=delimiter), []), delimiter))
        except csv.Error:
            continue
    # a header split by its own delimiter first; a header wrapped in one cell last (Netwrix)
    for candidates in ([(h, d) for h, d in headers], [(_unwrap(h, ";"), d) for h, d in headers]):
        for header, delimiter in candidates:
            layout = detect(header)
            if layout is not None:
                return layout, delimiter
    return None


def sniff_header(first_line: str) -> str | None:
    """The product name for a header line (BOM and line end tolerated), or None."""
    found = _detect_line(first_line.lstrip("\ufeff").rstrip("\r\n"))
    return found[0].product if found else None


def _shape(text: str) -> Layout | None:
    """A header-less export recognised by a shape no other file has."""
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    except csv.Error:
        return None
    if not rows:
        return None
    if all(len(r) >= 2 and re.fullmatch(r".+\|\d+", r[0]) for r in rows) and any(
        PIPED.match(c) for r in rows for c in r[2:]
    ):
        return BY_KEY["msecure"]
    labels = {c.strip().lower() for r in rows for c in r[1::2]}
    if {"*password", "website"} <= labels or {"*password", "username"} <= labels:
        return BY_KEY["enpass"]
    return None


def _looks_like_keeper(text: str) -> bool:
    """Keeper writes no header: folder, title, login, password, address, notes, …"""
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    except csv.Error:
        return False
    return bool(rows) and all(len(r) >= 6 and (not r[4] or "://" in r[4]) for r in rows)


def _refusal(source: str, text: str) -> ImportError_:
    if _looks_like_keeper(text):
        return ImportError_(
            _(
                "{source} looks like a Keeper export (Keeper writes no header "
                "line): read it with --passwords-format keeper"
            ).format(source=source)
        )
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return ImportError_(
            _(
                "{source} is a JSON file, not a CSV export: Bitwarden's "
                "unencrypted JSON export is read as it is; for other managers "
                "export as CSV"
            ).format(source=source)
        )
    return ImportError_(
        _(
            "{source} is not a password-manager export this tool recognises: its first line is "
            "no known header (readable: {formats}). A header-less export is read with "
            "--passwords-format NAME, NAME one of: {names}"
        ).format(
            source=source,
            formats=SUPPORTED,
            names=", ".join(lay.key for lay in LAYOUTS if lay.positions or lay.shape),
        )
    )


def _pick(row: Row, names: Sequence[str]) -> str:
    return next((row[n] for n in names if row.get(n, "").strip()), "")


def _read_all(text: str, delimiter: str, **dialect: object) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, **dialect)  # type: ignore[arg-type]
    rows = []
    try:
        for values in reader:
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        reason = str(exc)
        if "EOF" in reason or "end of data" in reason:
            reason = _("a quoted field is not closed (the file looks truncated)")
        raise ImportError_(
            _("{source}: CSV error near line {line}: {reason}").format(
                source="{source}", line=reader.line_num, reason=reason
            )
        ) from exc
    return rows


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Strict CSV first; exporters that escape quotes with a backslash (1Password 7 for Mac)
    or leave a quote unbalanced inside a field (Firefox's internal rows) are read the way the
    managers' own importers read them. A file cut inside a quoted field is always refused."""
    try:
        return _read_all(text, delimiter, strict=True)
    except ImportError_ as first:
        if "truncated" in first.message:
            raise
        for dialect in ({"strict": True, "escapechar": "\\"}, {"strict": False}):
            try:
                return _read_all(text, delimiter, **dialect)
            except ImportError_:
                continue
        raise


def _shaped_row(layout: Layout, values: list[str]) -> dict[str, str]:
    """Header-less rows as column name → value."""
    if layout.positions:
        return {name: values[i] for i, name in enumerate(layout.positions) if i < len(values)}
    if layout.shape == "pairs":  # title, label, value, label, value, …
        row = {"title": values[0]}
        for label, value in zip(values[1::2], values[2::2], strict=False):
            row.setdefault(label.strip().lower(), value)
        return row
    row = {"title": values[0].rsplit("|", 1)[0], "type": values[1] if len(values) > 1 else ""}
    for cell in values[2:]:  # mSecure: "Label|n|value"
        match = PIPED.match(cell)
        if match:
            row.setdefault(match.group(1).strip().lower(), match.group(2))
    return row


def _fields_column(row: dict[str, str], column: str) -> None:
    for line in row.get(column, "").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            row.setdefault(key.strip().lower(), value.strip())


def _is_login(layout: Layout, row: Row) -> bool:
    if not layout.logins:
        return False
    if (
        layout.kind
        and layout.login_kinds
        and layout.kind in row  # an older version without the column wrote logins only
        and row[layout.kind].strip().lower() not in layout.login_kinds
    ):
        return False
    url = _pick(row, layout.url).strip().lower()
    if layout.not_login_urls and url.startswith(layout.not_login_urls):
        return False
    if layout.deleted:
        segments = [s.strip().lower() for s in re.split(r"[/\\]", row.get(layout.deleted, ""))]
        if RECYCLE_BIN in segments:
            return False
    return True


def parse_csv(data: bytes, source: str, layout_key: str | None = None) -> VaultImport:
    text = _decode(data, source)
    if not text.strip():
        raise ImportError_(_("{source} is empty").format(source=source))
    header_less = skip_first = False
    if layout_key is not None:
        if layout_key not in BY_KEY:
            raise ImportError_(
                _("Unknown --passwords-format '{name}'. Known: {names}").format(
                    name=layout_key, names=", ".join(BY_KEY)
                )
            )
        layout, delimiter = BY_KEY[layout_key], ","
        header_less = bool(layout.positions or layout.shape)
        if not header_less:
            found = _detect_line(_first_line(text))
            delimiter = found[1] if found else ","
    else:
        found = _detect_line(_first_line(text))
        if found is not None:
            layout, delimiter = found
            if layout.shape:  # a header line above rows of its shape (Enpass)
                header_less, skip_first = True, True
        else:
            shaped = _shape(text)
            if shaped is None:
                raise _refusal(source, text)
            layout, delimiter, header_less = shaped, ",", True
    entries: list[VaultEntry] = []
    skipped = non_login = needed = 0
    rest_of_cut = False
    header: list[str] = []
    used = {
        *layout.title,
        *layout.url,
        *layout.username,
        *layout.password,
        *((layout.kind,) if layout.kind else ()),
        *((layout.fields_column,) if layout.fields_column else ()),
    }
    try:
        for line, raw in _rows(text, delimiter):
            if skip_first:
                skip_first = False
                continue
            values = _unwrap(raw, ";") if delimiter == "," else raw
            if not header and not header_less:
                header = _cells(values)
                needed = max((i for i, name in enumerate(header) if name in used), default=0)
                continue
            short = not header_less and 0 < len(values) < len(header)
            if short and rest_of_cut:  # the rest of a row a bare CR split: its cells have
                skipped += 1  # moved left (a password would be read as the login); so
                continue  # are those of every short row after it
            rest_of_cut = False
            if not any(v.strip() for v in values):
                rest_of_cut = short and len(values) > 1  # a fragment, not a blank line
                continue
            if len([v for v in values if v.strip()]) == 1 and SECTION.match(values[0].strip()):
                non_login += 1
                continue
            if header_less:
                row = _shaped_row(layout, values)
            else:
                if short and len(values) <= needed:
                    skipped += 1  # cut short before a column we read: cannot be trusted
                    rest_of_cut = True
                    continue
                row = {}
                for name, value in zip(header, values, strict=False):
                    row.setdefault(name, value)
            if layout.fields_column:
                _fields_column(row, layout.fields_column)
            username = _pick(row, layout.username).strip()
            password = _pick(row, layout.password)
            raw_url = _pick(row, layout.url).strip()
            url = raw_url.splitlines()[0] if raw_url else ""
            if not _is_login(layout, row) or not (username or password or url):
                non_login += 1
                continue
            entries.append(
                VaultEntry(
                    title=_pick(row, layout.title).strip(),
                    url=url,
                    username=username,
                    password=SecretStr(password),
                    source=source,
                    row=line,
                )
            )
    except ImportError_ as exc:
        raise ImportError_(exc.message.replace("{source}", source)) from exc
    return VaultImport(
        format=layout.product,
        source=source,
        entries=tuple(entries),
        skipped_rows=skipped,
        non_login_rows=non_login,
    )
