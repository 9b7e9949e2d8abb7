"""Write src/hygiene_audit/data/help.txt: ``hygiene-audit --help`` as typer renders it on an
80-column terminal (what the entry point prints without loading typer).

    python scripts/update_help.py          # rewrite the file
    python scripts/update_help.py --check  # exit 1 when the file is out of date
"""

from __future__ import annotations

import os
import subprocess
import sys

from hygiene_audit.cli.launch import HELP_TEXT, HELP_WIDTH

TYPER_HELP = (
    "import sys\n"
    "sys.argv = ['hygiene-audit', '--help']\n"
    "from hygiene_audit.cli.commands import main\n"
    "main()\n"
)


def rendered(columns: int = HELP_WIDTH) -> str:
    """What typer prints for ``hygiene-audit --help`` on a terminal ``columns`` wide (in a
    process of its own: typer's test runner forces its own width)."""
    done = subprocess.run(  # noqa: S603 (our own interpreter running our own code)
        [sys.executable, "-c", TYPER_HELP],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": str(columns)},
        check=True,
        encoding="utf-8",
    )
    return done.stdout


def main() -> int:
    text = rendered()
    if "--check" in sys.argv[1:]:
        current = HELP_TEXT.read_text(encoding="utf-8") if HELP_TEXT.exists() else ""
        if current != text:
            print(f"{HELP_TEXT} is out of date: run python scripts/update_help.py")
            return 1
        return 0
    HELP_TEXT.write_text(text, encoding="utf-8")
    print(f"wrote {HELP_TEXT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
