"""What a command loads before it answers: ``hygiene-audit --help`` prints typer's own help
without loading typer, and an offline run never loads the HTTP library (nor numpy)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hygiene_audit.cli.launch import HELP_TEXT

from .realistic_vault import vault_csv

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("typer", "pydantic", "httpx", "rich", "numpy", "zxcvbn")


def run_python(
    code: str, columns: int | None = None, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        encoding="utf-8",
    )


def loaded_after(
    entry: str, argv: list[str], columns: int | None = None, extra_env: dict[str, str] | None = None
) -> tuple[str, list[str], int]:
    """Run ``entry`` (module:function) with ``argv``; its stdout, the heavy top-level
    packages loaded when the process ends, and its exit code."""
    module, function = entry.split(":")
    code = (
        "import atexit, json, sys\n"
        f"heavy = {HEAVY!r}\n"
        "atexit.register(lambda: sys.stderr.write('LOADED ' + json.dumps(sorted({m.split('.')[0]"
        " for m in sys.modules} & set(heavy))) + '\\n'))\n"
        f"sys.argv = {argv!r}\n"
        f"from {module} import {function}\n"
        f"{function}()\n"
    )
    done = run_python(code, columns, extra_env)
    loaded = next(line for line in done.stderr.splitlines() if line.startswith("LOADED "))
    return done.stdout, json.loads(loaded.removeprefix("LOADED ")), done.returncode


def typer_help(columns: int | None) -> str:
    out, _loaded, code = loaded_after(
        "hygiene_audit.cli.commands:main", ["hygiene-audit", "--help"], columns
    )
    assert code == 0
    return out


@pytest.mark.parametrize("columns", [80, 200, None], ids=["80 columns", "200", "a pipe"])
def test_the_stored_help_is_what_typer_prints_on_a_wide_terminal(columns: int | None) -> None:
    assert HELP_TEXT.read_text(encoding="utf-8") == typer_help(columns), (
        "run: python scripts/update_help.py"
    )


def test_help_is_answered_without_loading_the_cli_libraries() -> None:
    out, loaded, code = loaded_after(
        "hygiene_audit.cli.launch:main", ["/usr/bin/hygiene-audit", "--help"], columns=120
    )
    assert code == 0
    assert out == HELP_TEXT.read_text(encoding="utf-8")
    assert loaded == []


@pytest.mark.parametrize(
    "argv, columns, env",
    [
        (["hygiene-audit", "--help"], 60, {}),  # typer wraps at 58 columns there
        (["hygiene-audit", "--help"], 120, {"_HYGIENE_AUDIT_COMPLETE": "bash_source"}),
        (["hygiene-audit", "run", "--help"], 120, {}),
        (["other-name", "--help"], 120, {}),
    ],
    ids=["narrow terminal", "shell completion", "a command's help", "another program name"],
)
def test_everything_else_goes_to_typer(argv: list[str], columns: int, env: dict[str, str]) -> None:
    _out, loaded, _code = loaded_after("hygiene_audit.cli.launch:main", argv, columns, env)
    assert "typer" in loaded


def test_a_narrow_terminal_gets_typers_narrow_help() -> None:
    out, _loaded, code = loaded_after(
        "hygiene_audit.cli.launch:main", ["hygiene-audit", "--help"], columns=60
    )
    assert code == 0
    assert out == typer_help(60) != HELP_TEXT.read_text(encoding="utf-8")
    assert max(len(line) for line in out.splitlines()) <= 58


def test_an_offline_vault_audit_never_loads_the_http_library(tmp_path: Path) -> None:
    vault = tmp_path / "vault.csv"
    vault.write_bytes(vault_csv(120))
    _out, loaded, code = loaded_after(
        "hygiene_audit.cli.commands:main",
        [
            "hygiene-audit",
            "run",
            "--offline",
            "--no-input",
            "--quiet",
            "--passwords",
            str(vault),
            "-o",
            str(tmp_path / "report.txt"),
        ],
    )
    assert code == 0
    assert "Grade: F" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "zxcvbn" in loaded  # the passwords were rated
    assert "httpx" not in loaded and "numpy" not in loaded


def test_listing_the_checks_never_loads_the_http_library() -> None:
    out, loaded, code = loaded_after("hygiene_audit.cli.commands:main", ["hygiene-audit", "checks"])
    assert code == 0 and "HA-P" in out
    assert "httpx" not in loaded and "zxcvbn" not in loaded


def test_a_pydantic_plugin_in_the_environment_never_sees_the_vault(tmp_path: Path) -> None:
    """Pydantic hands every validated value to the plugins installed packages register; the
    tool switches them off, so a plugin never even loads."""
    site = tmp_path / "site"
    dist = site / "spy_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    marker = tmp_path / "plugin-loaded"
    (site / "spy_plugin.py").write_text(
        f"open({str(marker)!r}, 'w').close()\n"
        "class _Spy:\n"
        "    def new_schema_validator(self, *args, **kwargs):\n"
        "        return None, None, None\n"
        "plugin = _Spy()\n"
    )
    vault = tmp_path / "vault.csv"
    vault.write_bytes(vault_csv(20))
    env = {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    probe = run_python(
        "import importlib.metadata as m\n"
        "print([e.name for e in m.entry_points(group='pydantic')])\n",
        extra_env=env,
    )
    assert "spy" in probe.stdout  # the plugin is installed for this environment
    _out, _loaded, code = loaded_after(
        "hygiene_audit.cli.launch:main",
        [
            "hygiene-audit",
            "run",
            "--offline",
            "--no-input",
            "--quiet",
            "--passwords",
            str(vault),
            "-o",
            str(tmp_path / "report.txt"),
        ],
        extra_env=env,
    )
    assert code == 0
    assert not marker.exists()


def test_version_is_answered_without_the_cli_and_says_what_the_cli_says() -> None:
    fast, loaded, code = loaded_after(
        "hygiene_audit.cli.launch:main", ["hygiene-audit", "--version"]
    )
    assert code == 0 and loaded == []
    slow, loaded_cli, _code = loaded_after(
        "hygiene_audit.cli.commands:main", ["hygiene-audit", "--version"]
    )
    assert "typer" in loaded_cli
    assert fast == slow and fast.startswith("hygiene-audit ")
