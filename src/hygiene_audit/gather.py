"""Gathering the inputs of a run once, before any check starts: files, stdin and prompts.

Prompts happen here, never inside a check: hidden prompts for passwords typed by hand and for
KeePass master passwords. Nothing typed here is echoed, logged or put on the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from pydantic import SecretStr, ValidationError

from hygiene_audit.errors import ConfigError, InputFileError
from hygiene_audit.i18n import _
from hygiene_audit.importers.load import STDIN, is_kdbx, make_loader
from hygiene_audit.inputs import AuditInputs
from hygiene_audit.profile import UserProfile, load_profile
from hygiene_audit.sensitive import Scrubber
from hygiene_audit.settings import Settings


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


def prompt_profile() -> UserProfile:
    """Ask for the profile fields; every answer may be left empty. Nothing is stored."""
    sys.stderr.write(
        _("These answers are used only on this computer, to recognise your own data in your "
          "passwords and pages. Press Enter to skip any.") + "\n"
    )

    def ask(label: str) -> str:
        return str(typer.prompt(label, default="", show_default=False, err=True)).strip()

    def many(label: str) -> list[str]:
        return [x.strip() for x in ask(label).split(",") if x.strip()]

    data: dict[str, object] = {
        "real_name": ask(_("Your real name")) or None,
        "city": ask(_("City you live in")) or None,
        "country": ask(_("Country")) or None,
        "emails": many(_("Your e-mail addresses (comma-separated)")),
        "handles": many(_("Your usernames on other sites (comma-separated)")),
    }
    year = ask(_("Birth year"))
    if year:
        data["birth_year"] = year
    try:
        return UserProfile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_("Invalid profile answer: {problem}").format(
            problem=exc.errors()[0]["msg"])) from None


def default_scan_dirs() -> tuple[Path, ...]:
    """Where plaintext exports usually end up: Downloads, Documents, Desktop."""
    import platformdirs

    return tuple(
        dict.fromkeys(
            Path(p)
            for p in (
                platformdirs.user_downloads_dir(),
                platformdirs.user_documents_dir(),
                platformdirs.user_desktop_dir(),
            )
        )
    )


def gather_inputs(
    settings: Settings,
    *,
    ask_passwords: bool = False,
    ask_profile: bool = False,
    scrubber: Scrubber,
    stdin: bytes | None = None,
) -> AuditInputs:
    profile = load_profile(settings.profile) if settings.profile else UserProfile()
    if ask_profile:
        if settings.no_input:
            raise ConfigError(_("--ask-profile needs prompts, which --no-input forbids"))
        profile = prompt_profile()
    sources = settings.passwords
    if sources.count(STDIN) > 1:
        raise ConfigError(_("standard input (-) can be given only once"))
    stdin_data = stdin
    if STDIN in sources and stdin_data is None:
        stdin_data = sys.stdin.buffer.read()
    for source in sources:
        if source != STDIN and not Path(source).exists():
            raise InputFileError(_("File not found: {path}").format(path=source))
    master_passwords: dict[str, SecretStr] = {}
    for source in sources:
        if source != STDIN and is_kdbx(source):
            if settings.no_input:
                raise ConfigError(
                    _("{path} is a KeePass database: its master password must be typed at a "
                      "prompt, which --no-input forbids").format(path=source)
                )
            secret = SecretStr(typer.prompt(
                _("Master password for {path} (empty if it has only a key file)").format(
                    path=source),
                hide_input=True, default="", show_default=False, err=True,
            ))
            master_passwords[source] = secret
            scrubber.add([secret])
    typed: list[tuple[str, SecretStr]] = []
    if ask_passwords:
        if settings.no_input:
            raise ConfigError(_("--ask-passwords needs prompts, which --no-input forbids"))
        typed = prompt_passwords()
        scrubber.add([p for _label, p in typed])
    loader = make_loader(
        sources,
        stdin_data=stdin_data,
        master_passwords=master_passwords,
        keyfile=settings.kdbx_keyfile,
        typed=typed,
        on_secret=scrubber.add,
    )
    has_vault = bool(sources) or bool(typed)
    inputs = AuditInputs(
        wiki_username=settings.username,
        profile=profile,
        vault_loader=loader,
        vault_sources=(*sources, *(["prompt"] if typed else [])) if has_vault else (),
        userpage_file=settings.userpage_file,
        photos_dir=settings.photos_dir,
        hibp_file=settings.hibp_file,
        hibp_api_key=settings.hibp_api_key,
        history_limit=settings.history_limit,
        handle_reuse=settings.handle_reuse,
        scan_dirs=settings.scan_dirs or default_scan_dirs(),
    )
    if settings.hibp_api_key is not None:
        scrubber.add([settings.hibp_api_key])
    return inputs
