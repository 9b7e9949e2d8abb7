"""The prompts of the command line: everything the tool asks a person at the terminal.

Hidden prompts for passwords typed by hand and for KeePass master passwords (nothing typed is
echoed, logged or put on the command line), the profile field by field, the offer to keep it,
and the self-assessment answers (typed or piped). ``gather.py`` decides *whether* to ask;
this module is *how*, so that another front end can ask differently.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from pydantic import SecretStr

from hygiene_audit.cli.profile_wizard import ask_profile
from hygiene_audit.core.profile import UserProfile
from hygiene_audit.core.settings import default_profile_file
from hygiene_audit.i18n import _


def _typed(label: str) -> str:
    return str(typer.prompt(label, default="", show_default=False, err=True))


def say(line: str) -> None:
    sys.stderr.write(line + "\n")


class TerminalPrompts:
    """The ``gather.Prompts`` of the command line."""

    def passwords(self) -> list[tuple[str, SecretStr]]:
        """Label + hidden password pairs until an empty label."""
        typed: list[tuple[str, SecretStr]] = []
        say(
            _(
                "Type a label (e.g. en.wikipedia.org or 'my e-mail') and then its password; "
                "the password is not shown. Leave the label empty to finish."
            )
        )
        while True:
            label = typer.prompt(_("Label"), default="", show_default=False, err=True).strip()
            if not label:
                return typed
            secret = typer.prompt(
                _("Password for {label}").format(label=label), hide_input=True, err=True
            )
            typed.append((label, SecretStr(secret)))

    def profile(self, start: UserProfile | None = None) -> UserProfile:
        """The profile field by field; a typo is asked again, never fatal."""
        return ask_profile(_typed, say, start)

    def offer_to_save(self, profile: UserProfile, *, interactive: bool | None = None) -> None:
        """After --ask-profile at a terminal: keep the answers for next time (0600)."""
        from hygiene_audit.cli.profile_wizard import to_toml
        from hygiene_audit.safety.bounded_io import write_private

        at_terminal = sys.stdin.isatty() if interactive is None else interactive
        if not at_terminal or profile.is_empty:
            return
        path = default_profile_file()
        if typer.confirm(
            _("Save these answers to {path} (readable by you only) for next time?").format(
                path=path
            ),
            default=False,
            err=True,
        ):
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_private(path, to_toml(profile))
            say(_("saved; 'hygiene-audit run' uses it unless you pass --profile"))

    def offer_to_tighten(self, path: Path) -> bool:
        """Offer to make a file readable by its owner only; only at a terminal (never from a
        pipe), No unless the person types yes."""
        if sys.stdin is None or sys.stdin.closed or not sys.stdin.isatty():
            return False
        return bool(
            typer.confirm(
                _("Make {path} readable by you only (chmod 600) now?").format(path=path),
                default=False,
                err=True,
            )
        )

    def master_password(self, source: str, attempt: int, tries: int) -> SecretStr | None:
        """A KeePass master password, hidden; None when input ends after a wrong one."""
        if attempt > 1:
            say(
                _("Wrong master password or key file; try again ({n} of {total}).").format(
                    n=attempt, total=tries
                )
            )
        try:
            typed = typer.prompt(
                _("Master password for {path} (empty if it has only a key file)").format(
                    path=source
                ),
                hide_input=True,
                default="",
                show_default=False,
                err=True,
            )
        except typer.Abort:
            if attempt == 1:
                raise
            return None
        return SecretStr(typed)

    def answer_line(self, prompt: str) -> str | None:
        """One line from standard input, typed or piped; None at end of input. Piped input is
        read before the question is shown, so a script with nothing on stdin sees no question."""
        if sys.stdin is None or sys.stdin.closed:
            return None
        interactive = sys.stdin.isatty()
        if interactive:
            sys.stderr.write(prompt)
            sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            if interactive:
                sys.stderr.write("\n")
            return None
        if not interactive:  # show the question, never the raw piped line
            sys.stderr.write(prompt + "\n")
        return line
