"""The vault of one run: every password entry from every source, in input order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from hygiene_audit.core.errors import InputFileError
from hygiene_audit.i18n import _
from hygiene_audit.vault.entries import VaultEntry, VaultImport


@dataclass(frozen=True)
class Vault:
    """Every password entry of the run, from every source, in input order."""

    imports: tuple[VaultImport, ...]

    @cached_property
    def entries(self) -> tuple[VaultEntry, ...]:
        return tuple(e for imp in self.imports for e in imp.entries)

    @property
    def problems(self) -> tuple[str, ...]:
        """The sources that could not be read, or only in part, each in one line (the others
        still count)."""
        return tuple(line for imp in self.imports for line in (imp.problem, imp.incomplete) if line)

    @property
    def delete_reminders(self) -> tuple[str, ...]:
        """One note per plaintext export on disk: delete it now (every check that reads the
        vault gives them; the report says each once)."""
        return tuple(
            _(
                "You exported your passwords to a plaintext file: {path}. Delete it now, "
                "and empty the trash (or use 'shred -u' on Linux)."
            ).format(path=imp.plaintext_file)
            for imp in self.imports
            if imp.plaintext_file is not None
        )

    def fail_if_unreadable(self) -> None:
        """For a check that found nothing to assess: when a source could not be read, that
        is the outcome (an error, exit 4), not "no entries"."""
        if self.problems:
            raise InputFileError("; ".join(self.problems))

    @cached_property
    def near_groups(self) -> tuple[tuple[int, ...], ...]:
        """Groups of entries (indices into ``entries``) whose passwords differ by small
        edits, computed once per run for every check that asks (HA-P and HA-B both do)."""
        from hygiene_audit.vault.analysis import near_groups

        return tuple(tuple(group) for group in near_groups(self.entries))
