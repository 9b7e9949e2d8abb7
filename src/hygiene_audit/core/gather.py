"""Gathering the inputs of a run once, before any check starts: files, stdin and answers.

Whether to ask is decided here, never inside a check; how to ask is the front end's
(``Prompts``; the command line's are in ``prompts.py``). Only the inputs the selected checks
declared are read: no master password is asked for a vault no check reads.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Protocol

from pydantic import SecretStr

from hygiene_audit.computer.state import ComputerState
from hygiene_audit.core.errors import ConfigError, InputFileError
from hygiene_audit.core.inputs import AuditInputs, inputs_from
from hygiene_audit.core.profile import UserProfile, load_profile
from hygiene_audit.core.questionnaire import KEYS, ask, seen_on_this_computer, to_ask
from hygiene_audit.core.settings import Settings, default_profile_file
from hygiene_audit.i18n import _
from hygiene_audit.plugin import Input
from hygiene_audit.safety.bounded_io import READ_DEADLINE
from hygiene_audit.safety.secrets import Scrubber
from hygiene_audit.vault.importers.kdbx import WrongMasterPassword, read_kdbx
from hygiene_audit.vault.importers.load import STDIN, SourceBytes, make_loader, read_source_bytes


class Prompts(Protocol):
    """How a person is asked (the command line's: ``prompts.TerminalPrompts``)."""

    def passwords(self) -> list[tuple[str, SecretStr]]: ...
    def profile(self, start: UserProfile | None = None) -> UserProfile: ...
    def offer_to_save(self, profile: UserProfile) -> None: ...
    def master_password(self, source: str, attempt: int, tries: int) -> SecretStr | None: ...
    def answer_line(self, prompt: str) -> str | None: ...


MASTER_PASSWORD_TRIES = 3


def profile_file_in_use(settings: Settings) -> Path | None:
    """``--profile``, else the one ``hygiene-audit profile`` saved, if there is one."""
    return settings.profile or (
        default_profile_file() if default_profile_file().is_file() else None
    )


def open_kdbx(
    item: SourceBytes,
    keyfile: Path | None,
    scrubber: Scrubber,
    master_passwords: dict[str, SecretStr],
    prompts: Prompts,
) -> SourceBytes:
    """Ask for the master password until the database opens, at most three times; the
    last error stays with the source and becomes the report's input problem."""
    assert item.data is not None
    failure: InputFileError | None = None
    for attempt in range(1, MASTER_PASSWORD_TRIES + 1):
        secret = prompts.master_password(item.source, attempt, MASTER_PASSWORD_TRIES)
        if secret is None:
            break  # input ended after a wrong password
        scrubber.add([secret])
        master_passwords[item.source] = secret
        try:
            return replace(item, opened=read_kdbx(item.data, item.source, secret, keyfile))
        except WrongMasterPassword as exc:
            failure = exc
        except InputFileError as exc:
            return replace(item, error=exc)
    return replace(item, error=failure)


def gather_inputs(
    settings: Settings,
    *,
    ask_passwords: bool = False,
    ask_profile: bool = False,
    scrubber: Scrubber,
    prompts: Prompts,
    stdin: bytes | None = None,
    needed: frozenset[Input] = frozenset(Input),
    read_deadline: float = READ_DEADLINE,
) -> AuditInputs:
    """Read every input the selected checks declared (``needed``), prompting if allowed."""
    profile_file = profile_file_in_use(settings)
    profile = load_profile(profile_file, deadline=read_deadline) if profile_file else UserProfile()
    unknown = sorted(set(profile.answers) - KEYS)
    if unknown:
        raise InputFileError(
            _("Unknown question(s) in the profile's [answers]: {keys}. Known: {known}").format(
                keys=", ".join(unknown), known=", ".join(sorted(KEYS))
            )
        )
    if ask_profile:
        if settings.no_input:
            raise ConfigError(_("--ask-profile needs prompts, which --no-input forbids"))
        profile = prompts.profile(profile)
        prompts.offer_to_save(profile)
    sources = settings.passwords
    if sources.count(STDIN) > 1:
        raise ConfigError(_("standard input (-) can be given only once"))
    for source in sources:
        if source != STDIN and not Path(source).exists():
            raise InputFileError(_("File not found: {path}").format(path=source))
    vault_needed = Input.PASSWORDS in needed
    master_passwords: dict[str, SecretStr] = {}
    read: list[SourceBytes] = []
    for item in (
        read_source_bytes(s, stdin_data=stdin, deadline=read_deadline)
        for s in sources
        if vault_needed
    ):
        if item.is_kdbx:
            if settings.no_input:
                raise ConfigError(
                    _(
                        "{path} is a KeePass database: its master password must be typed at a "
                        "prompt, which --no-input forbids"
                    ).format(path=item.source)
                )
            item = open_kdbx(item, settings.kdbx_keyfile, scrubber, master_passwords, prompts)
        read.append(item)
    typed: list[tuple[str, SecretStr]] = []
    if ask_passwords:
        if settings.no_input:
            raise ConfigError(_("--ask-passwords needs prompts, which --no-input forbids"))
        typed = prompts.passwords()
        scrubber.add([p for _label, p in typed])
    # Standard input carried secrets (typed passwords, master passwords, an export): the
    # questionnaire must not read from it, so a stray line can never become an "answer".
    secrets_typed = bool(typed or master_passwords) or STDIN in sources
    # This computer is probed once for the whole run: what a probe saw is not asked.
    computer = ComputerState()
    seen = (
        seen_on_this_computer(computer)
        if Input.ANSWERS in needed and Input.COMPUTER in needed
        else {}
    )
    questions = to_ask(
        profile, wiki_is_read=bool(settings.username) and not settings.offline, seen=seen
    )
    not_asked: str | None = None
    if settings.no_input:
        not_asked = _("--no-input was given")
    elif secrets_typed:
        not_asked = _(
            "standard input carried secrets (typed passwords, a master password or an "
            "export), so no question was read from it"
        )
    if Input.ANSWERS in needed and questions and not_asked is None:
        profile = ask(profile, questions, prompts.answer_line, seen)
    loader = make_loader(
        tuple(read),
        master_passwords=master_passwords,
        keyfile=settings.kdbx_keyfile,
        layout=settings.passwords_format,
        typed=typed,
        on_secret=scrubber.add,
    )
    has_vault = bool(sources) or bool(typed)
    inputs = inputs_from(
        settings,
        profile=profile,
        vault_loader=loader,
        vault_sources=(*sources, *(["prompt"] if typed else [])) if has_vault else (),
        answers=profile.answers,
        answers_not_asked=not_asked,
        computer=computer,
    )
    if settings.hibp_api_key is not None:
        scrubber.add([settings.hibp_api_key])
    return inputs
