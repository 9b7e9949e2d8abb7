"""The importer contract: what a vault entry is, and what importing a vault yields."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr

from hygiene_audit.core.errors import InputFileError
from hygiene_audit.core.models import EntryRef, Frozen, PersonalKind, PersonalValue
from hygiene_audit.i18n import _, ngettext


class ImportError_(InputFileError):
    """A vault file cannot be read."""


class VaultEntry(Frozen):
    """One login. ``password`` never leaves this object except through ``reveal``."""

    title: str = ""
    url: str = ""
    username: str = ""
    password: SecretStr = Field(repr=False)
    source: str = Field(description="The file or prompt the entry came from")
    row: int | None = Field(None, description="Row or record number in the source")

    @cached_property
    def host(self) -> str:
        """The login's host name, lower-case, without port or ``www.``; '' if none (computed
        once per entry: the reuse and strength passes ask it tens of thousands of times)."""
        raw = self.url.strip()
        if not raw:
            return ""
        if "://" not in raw:
            raw = "//" + raw
        try:
            host = urlsplit(raw).hostname or ""
        except ValueError:
            return ""
        return host.removeprefix("www.").lower()

    @property
    def label(self) -> str:
        """How findings name the entry: title, site and login, never the secret."""
        return self.ref.label

    @property
    def ref(self) -> EntryRef:
        """What a finding records about this entry: never the secret."""
        return EntryRef(
            title=self.title, site=self.host, login=self.username, source=self.source, row=self.row
        )

    @property
    def where(self) -> str:
        """Where the entry came from: the source and its row or record number."""
        return self.source + (f" #{self.row}" if self.row else "")


def describe_entries(entries: Sequence[VaultEntry]) -> str:
    """How findings list entries: title, site and login of each, never a secret."""
    return "; ".join(e.label for e in entries)


def entry_personal(entries: Sequence[VaultEntry]) -> list[PersonalValue]:
    """The logins a finding quotes, so that ``--redact`` masks them (often e-mail addresses)."""
    return [
        PersonalValue(
            kind=PersonalKind.EMAIL if "@" in e.username else PersonalKind.HANDLE, value=e.username
        )
        for e in entries
        if e.username
    ]


def entry_refs(entries: Sequence[VaultEntry]) -> tuple[EntryRef, ...]:
    return tuple(e.ref for e in entries)


def entry_locations(entries: Sequence[VaultEntry]) -> str:
    return "; ".join(e.where for e in entries)


class VaultImport(Frozen):
    """What one source yielded.

    What a malformed source costs: a wrong type in the structure that holds the entries (the
    document, its list of items, accounts or vaults) costs the whole source (``problem``: how
    many entries are lost cannot be told); a wrong type inside one entry costs that entry only.
    An entry whose kind or password cannot be read is skipped (``skipped_rows``); one whose
    title, address or login is of a wrong type is read without it (``partial_rows``: its site
    or login is unknown, its password still audited). Both are said in :attr:`incomplete`, so
    the run is incomplete (exit 4), never a clean bill for entries that were not read."""

    format: str
    source: str
    entries: tuple[VaultEntry, ...]
    skipped_rows: int = 0
    partial_rows: int = Field(
        0, description="Entries read without a title, address or login of a wrong type"
    )
    non_login_rows: int = 0
    plaintext_file: Path | None = Field(
        None, description="A plaintext export on disk that the user should delete afterwards"
    )
    problem: str | None = Field(
        None, description="Why this source could not be read (it then holds no entries)"
    )

    @property
    def incomplete(self) -> str | None:
        """One line naming the source when some of its entries were skipped or read in part."""
        parts = []
        if self.skipped_rows:
            parts.append(
                ngettext(
                    "{n} entry skipped (malformed: its kind or password could not be read)",
                    "{n} entries skipped (malformed: their kind or password could not be read)",
                    self.skipped_rows,
                ).format(n=self.skipped_rows)
            )
        if self.partial_rows:
            parts.append(
                ngettext(
                    "{n} entry read in part (a title, address or login of the wrong type "
                    "is left out)",
                    "{n} entries read in part (a title, address or login of the wrong type "
                    "is left out)",
                    self.partial_rows,
                ).format(n=self.partial_rows)
            )
        if not parts:
            return None
        return _(
            "{source}: {parts}; export it again from your password manager to audit every entry"
        ).format(source=self.source, parts="; ".join(parts))
