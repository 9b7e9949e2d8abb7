"""Drop-in checks written into a temporary checks directory, the way a user installs one."""

from __future__ import annotations

import textwrap
from pathlib import Path

TEMPLATE = """
{imports}
from hygiene_audit.plugin import (
    Category, Check, CheckContext, CheckResult, FindingSpec, Input, Severity, catalogue)
from hygiene_audit.safety.secrets import reveal


class DropIn(Check):
    id = "{check_id}"
    title = "{title}"
    category = Category.OTHER
    inputs = frozenset({{{inputs}}})
    codes = catalogue(FindingSpec(code="{check_id}001", severity=Severity.LOW, title="x",
                                  remediation=("y",)))

    def run(self, ctx: CheckContext) -> CheckResult:
{body}
"""


def write_check(
    directory: Path,
    check_id: str,
    body: str,
    *,
    title: str = "A drop-in check",
    inputs: str = "Input.PASSWORDS",
    imports: str = "",
) -> Path:
    """Write a check whose ``run`` is ``body`` (unindented source) into ``directory``."""
    directory.mkdir(exist_ok=True)
    path = directory / f"{check_id.lower().replace('-', '_')}.py"
    path.write_text(
        TEMPLATE.format(
            imports=imports,
            check_id=check_id,
            title=title,
            inputs=inputs,
            body=textwrap.indent(textwrap.dedent(body), " " * 8),
        )
    )
    return directory
