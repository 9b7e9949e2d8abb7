"""The one way tests run the command line in-process: one runner (stderr kept apart from the
report), ``invoke`` for any command, ``run_json`` for the JSON report of ``run`` with its exit
code checked against the report's own state (the documented code, README "Exit codes")."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner, Result

from hygiene_audit.cli.commands import app

from .conftest import expected_exit

Report = dict[str, Any]
runner = CliRunner()


def invoke(*args: str, input: str | bytes | None = None) -> Result:
    return runner.invoke(app, list(args), input=input)


def run_json(*args: str, input: str | bytes | None = None, exit_code: int | None = None) -> Report:
    """``hygiene-audit run -f json ARGS`` (with ``--no-input`` unless ``input`` is typed)."""
    prompts = [] if input is not None else ["--no-input"]
    result = invoke("run", "-f", "json", *prompts, *args, input=input)
    report: Report = json.loads(result.stdout)
    expected = expected_exit(report) if exit_code is None else exit_code
    assert result.exit_code == expected, result.output
    return report
