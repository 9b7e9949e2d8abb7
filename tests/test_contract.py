"""The check contract: what it exports, and that the built-in checks use it like anyone."""

from __future__ import annotations

import ast
from pathlib import Path

import hygiene_audit.checks.interface as contract

from .conftest import REPO

BUILTIN = sorted((REPO / "src" / "hygiene_audit" / "checks").glob("*.py"))
# Where the contract's own types live: a check takes them from the contract, never from there.
BEHIND_THE_CONTRACT = {"hygiene_audit.models", "hygiene_audit.profile", "hygiene_audit.i18n",
                       "hygiene_audit.vault.model", "hygiene_audit.vault.importers.interface",
                       "hygiene_audit.inputs"}


def test_the_contract_exports_every_type_a_check_touches() -> None:
    for name in ("Check", "CheckContext", "CheckResult", "Finding", "FindingSpec", "Input",
                 "Endpoint", "Severity", "Category", "SkipCheck", "UserProfile", "Vault",
                 "VaultEntry", "Answer", "PersonalValue", "PersonalKind", "EntryRef",
                 "catalogue", "_", "N_", "ngettext"):
        assert name in contract.__all__ and hasattr(contract, name), name


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {node.module for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module}


def test_builtin_checks_take_the_contract_types_from_the_contract() -> None:
    for path in BUILTIN:
        if path.name in ("interface.py", "__init__.py"):
            continue
        wrong = _imports(path) & BEHIND_THE_CONTRACT
        assert not wrong, f"{path.name} imports {sorted(wrong)} instead of the contract"
        assert "hygiene_audit.checks.interface" in _imports(path), path.name
