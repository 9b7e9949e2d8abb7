"""The vault of one run: every password entry from every source, in input order."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene_audit.vault.importers.interface import VaultEntry, VaultImport


@dataclass(frozen=True)
class Vault:
    """Every password entry of the run, from every source, in input order."""

    imports: tuple[VaultImport, ...]

    @property
    def entries(self) -> tuple[VaultEntry, ...]:
        return tuple(e for imp in self.imports for e in imp.entries)
