"""The check contract: what it exports, and that the built-in checks use it like anyone."""

from __future__ import annotations

import ast
from pathlib import Path

import hygiene_audit.plugin as contract

from ..conftest import REPO

BUILTIN = sorted((REPO / "src" / "hygiene_audit" / "checks").rglob("*.py"))
# Where the contract's own types live: a check takes them from the contract, never from there.
BEHIND_THE_CONTRACT = {
    "hygiene_audit.core.models",
    "hygiene_audit.core.profile",
    "hygiene_audit.i18n",
    "hygiene_audit.vault.model",
    "hygiene_audit.vault.entries",
    "hygiene_audit.core.inputs",
}


def test_the_contract_exports_every_type_a_check_touches() -> None:
    for name in (
        "Check",
        "CheckContext",
        "CheckResult",
        "Finding",
        "FindingSpec",
        "Input",
        "Endpoint",
        "Severity",
        "Category",
        "SkipCheck",
        "UserProfile",
        "Vault",
        "VaultEntry",
        "Answer",
        "PersonalValue",
        "PersonalKind",
        "EntryRef",
        "catalogue",
        "_",
        "N_",
        "ngettext",
    ):
        assert name in contract.__all__ and hasattr(contract, name), name


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }


def test_builtin_checks_take_the_contract_types_from_the_contract() -> None:
    for path in BUILTIN:
        if path.name in ("interface.py", "__init__.py"):
            continue
        wrong = _imports(path) & BEHIND_THE_CONTRACT
        assert not wrong, f"{path.name} imports {sorted(wrong)} instead of the contract"
        assert "hygiene_audit.plugin" in _imports(path), path.name


OWN_SETTING = '''
from pydantic import BaseModel, Field

from hygiene_audit.plugin import (
    Category, Check, CheckContext, CheckResult, FindingSpec, Severity, catalogue)


class Options(BaseModel):
    """Its own setting, with its own default: no core module knows it."""

    greeting_limit: int = Field(3, ge=1)


class OwnSetting(Check):
    id = "X-OWN"
    title = "A check with its own setting"
    category = Category.OTHER
    options = Options
    codes = catalogue(FindingSpec(code="X-OWN001", severity=Severity.LOW, title="limit",
                                  remediation=("none",)))

    def run(self, ctx: CheckContext) -> CheckResult:
        limit = ctx.options_as(Options).greeting_limit
        return CheckResult.of([self.finding("X-OWN001", evidence=f"limit {limit}")])
'''


def test_a_new_drop_in_check_with_its_own_setting_needs_no_core_edit(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from hygiene_audit.cli.commands import app

    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "own_setting.py").write_text(OWN_SETTING, encoding="utf-8")
    runner = CliRunner()
    base = [
        "run",
        "--offline",
        "--no-input",
        "-f",
        "json",
        "--checks-dir",
        str(checks),
        "--only",
        "X-OWN",
    ]

    def evidence(config_text: str | None) -> tuple[int, str]:
        args = list(base)
        if config_text is not None:
            config = tmp_path / "config.toml"
            config.write_text(config_text, encoding="utf-8")
            args += ["--config", str(config)]
        report = json.loads(runner.invoke(app, args).stdout)
        [row] = report["checks"]
        if row["status"] == "error":
            return 2, row["reason"]
        return 0, report["findings"][0]["evidence"]

    assert evidence(None) == (0, "limit 3")  # its own default
    assert evidence('[checks."X-OWN"]\ngreeting_limit = 7\n') == (0, "limit 7")
    code, message = evidence('[checks."X-OWN"]\ngreeting_limit = 0\n')  # its own validation
    assert code == 2 and "X-OWN" in message and "greeting_limit" in message
