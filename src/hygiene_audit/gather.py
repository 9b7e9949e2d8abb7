"""Gathering the inputs of a run once, before any check starts: files, stdin and prompts.

Prompts happen here, never inside a check: hidden prompts for passwords typed by hand and for
KeePass master passwords. Nothing typed here is echoed, logged or put on the command line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import typer
from pydantic import SecretStr

from hygiene_audit.checks.interface import Input
from hygiene_audit.errors import ConfigError, InputFileError
from hygiene_audit.i18n import _
from hygiene_audit.inputs import AuditInputs
from hygiene_audit.profile import UserProfile, load_profile
from hygiene_audit.profile_wizard import ask_profile, default_profile_file
from hygiene_audit.questionnaire import KEYS, ask, to_ask
from hygiene_audit.sensitive import Scrubber
from hygiene_audit.settings import Settings
from hygiene_audit.vault.importers.kdbx import WrongMasterPassword, read_kdbx
from hygiene_audit.vault.importers.load import STDIN, SourceBytes, make_loader, read_source_bytes


def prompt_passwords() -> list[tuple[str, SecretStr]]:
    """Ask for label + hidden password pairs until an empty label."""
    typed: list[tuple[str, SecretStr]] = []
    sys.stderr.write(
        _("Type a label (e.g. en.wikipedia.org or 'my e-mail') and then its password; "
          "the password is not shown. Leave the label empty to finish.") + "\n"
    )
    while True:
        label = typer.prompt(_("Label"), default="", show_default=False, err=True).strip()
        if not label:
            return typed
        secret = typer.prompt(_("Password for {label}").format(label=label), hide_input=True,
                              err=True)
        typed.append((label, SecretStr(secret)))


def _typed(label: str) -> str:
    return str(typer.prompt(label, default="", show_default=False, err=True))


def _say(line: str) -> None:
    sys.stderr.write(line + "\n")


def prompt_profile(start: UserProfile | None = None) -> UserProfile:
    """Ask for the profile field by field; a typo is asked again, never fatal."""
    return ask_profile(_typed, _say, start)


def offer_to_save(profile: UserProfile, *, interactive: bool | None = None) -> None:
    """After --ask-profile at a terminal: keep the answers for next time (0600), if wanted."""
    from hygiene_audit.profile_wizard import to_toml
    from hygiene_audit.safe_io import write_private

    at_terminal = sys.stdin.isatty() if interactive is None else interactive
    if not at_terminal or profile.is_empty:
        return
    path = default_profile_file()
    if typer.confirm(_("Save these answers to {path} (readable by you only) for next time?")
                     .format(path=path), default=False, err=True):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_private(path, to_toml(profile))
        _say(_("saved; 'hygiene-audit run' uses it unless you pass --profile"))


MASTER_PASSWORD_TRIES = 3


def open_kdbx_interactively(item: SourceBytes, keyfile: Path | None, scrubber: Scrubber,
                            master_passwords: dict[str, SecretStr]) -> SourceBytes:
    """Ask for the master password until the database opens, at most three times; the
    last error stays with the source and becomes the report's input problem."""
    assert item.data is not None
    failure: InputFileError | None = None
    for attempt in range(1, MASTER_PASSWORD_TRIES + 1):
        if failure is not None:
            sys.stderr.write(_("Wrong master password or key file; try again ({n} of {total}).")
                             .format(n=attempt, total=MASTER_PASSWORD_TRIES) + "\n")
        try:
            typed = typer.prompt(
                _("Master password for {path} (empty if it has only a key file)").format(
                    path=item.source),
                hide_input=True, default="", show_default=False, err=True,
            )
        except typer.Abort:
            if failure is None:
                raise
            break  # input ended after a wrong password
        secret = SecretStr(typed)
        scrubber.add([secret])
        master_passwords[item.source] = secret
        try:
            return replace(item, opened=read_kdbx(item.data, item.source, secret, keyfile))
        except WrongMasterPassword as exc:
            failure = exc
        except InputFileError as exc:
            return replace(item, error=exc)
    return replace(item, error=failure)


def read_answer_line(prompt: str) -> str | None:
    """One line from standard input, typed or piped; None at end of input.

    Piped input is read before the question is shown, so a script with nothing on stdin
    sees no question at all.
    """
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


def gather_inputs(
    settings: Settings,
    *,
    ask_passwords: bool = False,
    ask_profile: bool = False,
    scrubber: Scrubber,
    stdin: bytes | None = None,
    needed: frozenset[Input] = frozenset(Input),
    read_line: Callable[[str], str | None] = read_answer_line,
) -> AuditInputs:
    """Read every input the selected checks declared (``needed``), prompting if allowed."""
    profile_file = settings.profile or (
        default_profile_file() if default_profile_file().is_file() else None)
    profile = load_profile(profile_file) if profile_file else UserProfile()
    unknown = sorted(set(profile.answers) - KEYS)
    if unknown:
        raise InputFileError(_("Unknown question(s) in the profile's [answers]: {keys}. Known: "
                               "{known}").format(keys=", ".join(unknown),
                                                 known=", ".join(sorted(KEYS))))
    if ask_profile:
        if settings.no_input:
            raise ConfigError(_("--ask-profile needs prompts, which --no-input forbids"))
        profile = prompt_profile(profile)
        offer_to_save(profile)
    sources = settings.passwords
    if sources.count(STDIN) > 1:
        raise ConfigError(_("standard input (-) can be given only once"))
    for source in sources:
        if source != STDIN and not Path(source).exists():
            raise InputFileError(_("File not found: {path}").format(path=source))
    vault_needed = Input.PASSWORDS in needed
    master_passwords: dict[str, SecretStr] = {}
    read: list[SourceBytes] = []
    for item in (read_source_bytes(s, stdin_data=stdin) for s in sources if vault_needed):
        if item.is_kdbx:
            if settings.no_input:
                raise ConfigError(
                    _("{path} is a KeePass database: its master password must be typed at a "
                      "prompt, which --no-input forbids").format(path=item.source)
                )
            item = open_kdbx_interactively(item, settings.kdbx_keyfile, scrubber,
                                           master_passwords)
        read.append(item)
    typed: list[tuple[str, SecretStr]] = []
    if ask_passwords:
        if settings.no_input:
            raise ConfigError(_("--ask-passwords needs prompts, which --no-input forbids"))
        typed = prompt_passwords()
        scrubber.add([p for _label, p in typed])
    # Standard input carried secrets (typed passwords, master passwords, an export): the
    # questionnaire must not read from it, so a stray line can never become an "answer".
    secrets_typed = bool(typed or master_passwords) or STDIN in sources
    questions = to_ask(profile, wiki_is_read=bool(settings.username) and not settings.offline)
    not_asked: str | None = None
    if settings.no_input:
        not_asked = _("--no-input was given")
    elif secrets_typed:
        not_asked = _("standard input carried secrets (typed passwords, a master password or an "
                      "export), so no question was read from it")
    if Input.ANSWERS in needed and questions and not_asked is None:
        profile = ask(profile, questions, read_line)
    loader = make_loader(
        tuple(read),
        master_passwords=master_passwords,
        keyfile=settings.kdbx_keyfile,
        layout=settings.passwords_format,
        typed=typed,
        on_secret=scrubber.add,
    )
    has_vault = bool(sources) or bool(typed)
    inputs = AuditInputs(
        wiki_username=settings.username,
        profile=profile,
        vault_loader=loader,
        vault_sources=(*sources, *(["prompt"] if typed else [])) if has_vault else (),
        userpage_files=settings.userpage_file,
        wikis=settings.wikis,
        photos_dir=settings.photos_dir,
        hibp_file=settings.hibp_file,
        hibp_api_key=settings.hibp_api_key,
        history_limit=settings.history_limit,
        handle_reuse=settings.handle_reuse,
        answers_not_asked=not_asked,
    )
    if settings.hibp_api_key is not None:
        scrubber.add([settings.hibp_api_key])
    return inputs
