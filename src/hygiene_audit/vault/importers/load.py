"""Reading every password source the user named, each with the right importer.

Every source is read once, bounded in bytes and seconds
(:mod:`hygiene_audit.safety.bounded_io`), before any check starts: a FIFO, ``/dev/zero`` or
an endless pipe ends in one line, and the bytes then decide the importer (a KeePass database
by its magic number, whatever its name).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from hygiene_audit.core.errors import InputFileError
from hygiene_audit.i18n import _
from hygiene_audit.safety.bounded_io import (
    READ_DEADLINE,
    is_regular_file,
    read_bounded,
    read_stdin_bounded,
)
from hygiene_audit.vault.entries import ImportError_, VaultEntry, VaultImport
from hygiene_audit.vault.importers import registry
from hygiene_audit.vault.importers.csv_exports import MAX_BYTES, parse_csv
from hygiene_audit.vault.importers.kdbx import KDBX_MAGIC, read_kdbx

STDIN = "-"


@dataclass(frozen=True)
class SourceBytes:
    """One source as read: its bytes, or why it could not be read."""

    source: str
    data: bytes | None
    error: InputFileError | None = None
    opened: VaultImport | None = None  # a KeePass database already opened at the prompt

    @property
    def is_kdbx(self) -> bool:
        return self.data is not None and self.data[:4] == KDBX_MAGIC


def read_source_bytes(
    source: str, *, stdin_data: bytes | None = None, deadline: float = READ_DEADLINE
) -> SourceBytes:
    """The bytes of one source, bounded in bytes and in seconds (``deadline``: how long a
    pipe or FIFO may take to deliver everything); an unreadable source keeps its error."""
    try:
        if source == STDIN:
            data = (
                stdin_data
                if stdin_data is not None
                else read_stdin_bounded(MAX_BYTES, deadline=deadline)
            )
        else:
            data = read_bounded(Path(source), MAX_BYTES, deadline=deadline)
    except InputFileError as exc:
        return SourceBytes(source, None, exc)
    return SourceBytes(source, data)


def _display_name(source: str) -> str:
    return _("standard input") if source == STDIN else source


def unexpected_failure(source: str, exc: BaseException) -> ImportError_:
    """What an importer's unexpected exception means for the user, in words: the source is
    named, the exception's own text (which may quote the file, a password) never shown."""
    if isinstance(exc, RecursionError):
        reason = _("its content is nested too deeply for a password-manager export")
    elif isinstance(exc, MemoryError):
        reason = _("its content does not fit in memory")
    elif isinstance(exc, UnicodeError):
        reason = _("it holds text that is not valid Unicode")
    elif isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        reason = _("it is a damaged zip file")
    else:
        reason = _("its content is not laid out the way this kind of export is")
    return ImportError_(
        _(
            "{source} could not be read: {reason}. Export it again from your password manager "
            "(the file may be damaged or altered)"
        ).format(source=_display_name(source), reason=reason)
    )


def parse_source(
    read: SourceBytes,
    *,
    master_passwords: Mapping[str, SecretStr] | None = None,
    keyfile: Path | None = None,
    layout: str | None = None,
) -> VaultImport:
    """The one place every importer is called. What an importer refuses on purpose is an
    :class:`ImportError_` with its own words; anything else it raises (a wrong type it did
    not expect, a damaged archive, deep nesting) is turned into one here, naming the source,
    so that one bad source is that source's input problem and never a crashed check."""
    if read.error is not None:
        raise read.error
    if read.opened is not None:
        return read.opened
    try:
        return _parse(read, master_passwords=master_passwords, keyfile=keyfile, layout=layout)
    except InputFileError:
        raise
    except Exception as exc:  # every failure while parsing one source is that source's
        raise unexpected_failure(read.source, exc) from exc


def _parse(
    read: SourceBytes,
    *,
    master_passwords: Mapping[str, SecretStr] | None,
    keyfile: Path | None,
    layout: str | None,
) -> VaultImport:
    assert read.data is not None
    if read.is_kdbx:
        return read_kdbx(read.data, read.source, (master_passwords or {}).get(read.source), keyfile)
    name = _display_name(read.source)
    if layout is not None:  # --passwords-format names a CSV layout
        result = parse_csv(read.data, name, layout)
    else:
        importer = next(i for i in registry.IMPORTERS if i.sniff(read.data))
        result = importer.parse(read.data, name)
    if read.source == STDIN:
        return result
    if is_regular_file(Path(read.source)):
        return result.model_copy(update={"plaintext_file": Path(read.source)})
    return result


def read_source(
    source: str,
    *,
    stdin_data: bytes | None = None,
    master_passwords: Mapping[str, SecretStr] | None = None,
    keyfile: Path | None = None,
    layout: str | None = None,
) -> VaultImport:
    """Read and parse one source (tests and the demo; the CLI reads first, then parses)."""
    return parse_source(
        read_source_bytes(source, stdin_data=stdin_data),
        master_passwords=master_passwords,
        keyfile=keyfile,
        layout=layout,
    )


def prompt_import(entries: list[tuple[str, SecretStr]]) -> VaultImport:
    """Entries typed at the hidden prompt: (label, password)."""
    items = []
    for number, (label, password) in enumerate(entries, start=1):
        url = label if "." in label and " " not in label else ""
        items.append(
            VaultEntry(
                title=label, url=url, username="", password=password, source=_("prompt"), row=number
            )
        )
    return VaultImport(format="prompt", source=_("prompt"), entries=tuple(items))


def make_loader(
    sources: tuple[SourceBytes, ...],
    *,
    master_passwords: Mapping[str, SecretStr],
    keyfile: Path | None,
    typed: list[tuple[str, SecretStr]],
    on_secret: Callable[[list[SecretStr]], None],
    layout: str | None = None,
) -> Callable[[], tuple[VaultImport, ...]]:
    """A loader for :class:`~hygiene_audit.core.inputs.AuditInputs`; registers every secret read."""

    def load() -> tuple[VaultImport, ...]:
        """Every source, each on its own: one that cannot be read is a ``problem`` beside the
        others; only when none could be read at all is the run's vault an error."""
        imports = []
        failures: list[InputFileError] = []
        if typed:
            imports.append(prompt_import(typed))
        for read in sources:
            try:
                imported = parse_source(
                    read, master_passwords=master_passwords, keyfile=keyfile, layout=layout
                )
            except InputFileError as exc:
                failures.append(exc)
                imports.append(
                    VaultImport(
                        format="unreadable", source=read.source, entries=(), problem=str(exc)
                    )
                )
                continue
            on_secret([e.password for e in imported.entries])
            imports.append(imported)
        if failures and all(imp.problem for imp in imports):
            if len(failures) == 1:
                raise failures[0]
            raise InputFileError("; ".join(str(f) for f in failures)) from failures[0]
        return tuple(imports)

    return load
