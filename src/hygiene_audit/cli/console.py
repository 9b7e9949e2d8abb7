"""The command line's voice on stderr, and its guard.

Every message is one neutralised line; every failure becomes one line and a distinct exit
code (a traceback only with ``--debug``, passed through the scrubber first). ``SCRUBBER`` holds
the secrets of this process's run: every line the tool writes is checked against it.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from hygiene_audit import TOOL_NAME
from hygiene_audit.core.errors import HygieneAuditError, exception_line
from hygiene_audit.i18n import _, activate, available_languages
from hygiene_audit.safety.secrets import WITHHELD, Scrubber

P = ParamSpec("P")
R = TypeVar("R")

SCRUBBER = Scrubber()  # one run per process; tests give each run its own


def _neutralise(text: str, *, multiline: bool = False) -> str:
    from hygiene_audit.safety.neutralise import neutralise  # pydantic models: not at --help

    return neutralise(text, multiline=multiline)


def err(line: str) -> None:
    sys.stderr.write(f"{TOOL_NAME}: {_neutralise(line)}\n")


def write_stderr(text: str) -> None:
    sys.stderr.write(_neutralise(text, multiline=True))


def scrubbed_traceback(exc: BaseException) -> str:
    return _neutralise(SCRUBBER.scrub("".join(traceback.format_exception(exc))), multiline=True)


_FIRST_LANG: list[str] = []  # --lang given before the command (hygiene-audit --lang es pwned)


def give_language_first(lang: str | None) -> None:
    _FIRST_LANG[:] = [lang] if lang else []
    if lang:
        activate_language(lang)


def language_given_first() -> str | None:
    return _FIRST_LANG[0] if _FIRST_LANG else None


def activate_language(lang: str | None) -> str:
    """Switch the language (``--lang`` after the command, else before it, else
    ``HYGIENE_AUDIT_LANG``, else the system's); one that has no catalog is said, never
    silently English."""
    wanted = lang or language_given_first() or os.environ.get("HYGIENE_AUDIT_LANG")
    active = activate(wanted)
    if wanted and wanted.split(".")[0].split("_")[0].lower() not in available_languages():
        err(
            _("warning: no '{lang}' translation; using English. Available: {langs}").format(
                lang=wanted, langs=", ".join(available_languages())
            )
        )
    return active


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """One clear line and a distinct exit code for every failure; traceback only with --debug."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from hygiene_audit.core.exit_status import ExitStatus

        debug = bool(kwargs.get("debug")) or os.environ.get("HYGIENE_AUDIT_DEBUG") == "1"
        try:
            return func(*args, **kwargs)
        except typer.Abort as exc:  # Ctrl-C or Ctrl-D at a prompt
            err(_("interrupted"))
            raise typer.Exit(ExitStatus.INTERRUPTED) from exc
        except (typer.Exit, SystemExit):
            raise
        except HygieneAuditError as exc:
            if debug:
                sys.stderr.write(scrubbed_traceback(exc))
            err(_("error: {message}").format(message=SCRUBBER.scrub(str(exc))))
            raise typer.Exit(exc.exit_code) from exc
        except KeyboardInterrupt as exc:
            err(_("interrupted"))
            raise typer.Exit(ExitStatus.INTERRUPTED) from exc
        except Exception as exc:
            if debug:
                sys.stderr.write(scrubbed_traceback(exc))
            withheld = WITHHELD if SCRUBBER.holds_secret(str(exc)) else None
            err(
                _("internal error: {error} (run again with --debug for details)").format(
                    error=exception_line(exc, withheld=withheld)
                )
            )
            raise typer.Exit(ExitStatus.INTERNAL_ERROR) from exc

    return wrapper
