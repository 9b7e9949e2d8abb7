"""The vault of one run: every password entry from every source, in input order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from hygiene_audit.vault.importers.interface import VaultEntry, VaultImport


@dataclass(frozen=True)
class Vault:
    """Every password entry of the run, from every source, in input order."""

    imports: tuple[VaultImport, ...]

    @cached_property
    def entries(self) -> tuple[VaultEntry, ...]:
        return tuple(e for imp in self.imports for e in imp.entries)

    @cached_property
    def near_groups(self) -> tuple[tuple[int, ...], ...]:
        """Groups of entries (indices into ``entries``) whose passwords differ by small
        edits, computed once per run for every check that asks (HA-P and HA-B both do)."""
        from hygiene_audit.vault.analysis import near_groups

        return tuple(tuple(group) for group in near_groups(self.entries))
