"""The ``hygiene-audit`` command's entry point.

``hygiene-audit --help`` is answered from the help text stored in the package
(``data/help.txt``, written by ``scripts/update_help.py`` from typer's own rendering and
compared with it by the tests) without loading the command-line library, which alone costs
about 100 ms to import. The stored text is used only where typer would print exactly it:
the program called by its own name, a terminal at least 80 columns wide (click's help never
grows past 80) and no shell completion under way. ``--version`` is answered here too.
Everything else goes to the CLI.

Before anything else, core dumps are forbidden (:mod:`hygiene_audit.safety.process`): a dump
of an audit would hold the vault's passwords. Pydantic plugins are switched off for the whole
process before any model is built: a package that registers one would be handed every value
pydantic validates, passwords from the vault included (and finding them costs a scan of every
installed package).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HELP_TEXT = Path(__file__).parent.parent / "data" / "help.txt"
HELP_WIDTH = 80  # click wraps help at min(terminal width, 80) - 2 columns


def stored_help_applies(argv: list[str]) -> bool:
    if argv[1:] != ["--help"] or Path(argv[0]).name != "hygiene-audit":
        return False
    if "_HYGIENE_AUDIT_COMPLETE" in os.environ:
        return False
    import shutil

    return shutil.get_terminal_size().columns >= HELP_WIDTH


def main() -> None:
    from hygiene_audit.safety.process import forbid_core_dumps

    forbid_core_dumps()  # before any secret is read: no core dump may hold one
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    if sys.argv[1:] == ["--version"]:  # what the CLI's --version prints, without the CLI
        from hygiene_audit import TOOL_NAME, version

        sys.stdout.write(f"{TOOL_NAME} {version()}\n")
        sys.stdout.flush()
        return
    if stored_help_applies(sys.argv):
        try:
            text = HELP_TEXT.read_text(encoding="utf-8")
        except OSError:
            text = ""
        if text:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
    from hygiene_audit.cli.commands import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        leave_if_checks_abandoned(exc.code)
        raise
    except KeyboardInterrupt:  # a Ctrl-C that came between the command's own handlers
        from hygiene_audit.cli.console import err
        from hygiene_audit.core.exit_status import ExitStatus
        from hygiene_audit.i18n import _

        err(_("interrupted"))
        leave_now(ExitStatus.INTERRUPTED)


def leave_if_checks_abandoned(code: object) -> None:
    """Exit now, once the report is written, if a check overran its budget: Python cannot stop
    its thread, and the worker threads it started would hold the process at exit (a server
    answering 503 with Retry-After kept it alive for minutes after the report)."""
    import threading

    from hygiene_audit.safety.offline_guard import CHECK_THREAD_PREFIX

    # Listed by enumerate() until its run() ends; not is_alive(), which a join interrupted by
    # Ctrl-C leaves False for a thread still running (CPython 3.11).
    if any(t.name.startswith(CHECK_THREAD_PREFIX) for t in threading.enumerate()):
        leave_now(code if isinstance(code, int) else 1)


def leave_now(code: int) -> None:
    """Stop the rating workers, flush what was written and end the process, whatever threads
    are still running; a second Ctrl-C meanwhile is ignored."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if "multiprocessing" in sys.modules:  # rating workers: stopped, not left to a broken pipe
        import multiprocessing

        children = multiprocessing.active_children()
        for child in children:
            child.terminate()
        for child in children:
            child.join(1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
