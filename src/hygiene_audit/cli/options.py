"""The command line's options, each declared once.

``run``'s options are the ordered table :data:`RUN_OPTIONS`: each entry is the parameter, its
type and flags, its default, and whether it is a setting (README: Settings). The command's
signature is built from the table (:func:`with_options`), the settings flags are read from it
(:func:`settings_flags`), the ``checks`` listing finds an input's flag in it
(:func:`flag_of`), and :func:`check_settings` fails loudly when an entry names no setting, so
renaming a setting can never drop an option silently.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

F = TypeVar("F", bound=Callable[..., Any])

FormatOpt = Annotated[
    str,
    typer.Option(
        "--format", "-f", metavar="FORMAT", help="terminal, json, markdown or html (or a plugin)."
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE (mode 0600) instead of stdout.",
    ),
]
RedactOpt = Annotated[
    bool | None,
    typer.Option(
        "--redact/--no-redact",
        help="Mask personal data in the evidence. Default: on for --output files.",
    ),
]
ViewOpt = Annotated[
    str,
    typer.Option(
        "--view",
        metavar="VIEW",
        help="grouped (one block per kind of problem, the default), "
        "entries (one row per password entry with all its problems) or details "
        "(one block per finding).",
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", metavar="LANG", help="Language of the report and prompts: en or es."),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks (secrets scrubbed).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]
NoInputOpt = Annotated[bool | None, typer.Option("--no-input", help="Never prompt.")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", help="Configuration file (TOML).", dir_okay=False),
]
ChecksDirOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--checks-dir", metavar="DIR", help="Also load checks from *.py files in DIR (repeatable)."
    ),
]


RUN_EPILOG = (
    "Examples:\n\n"
    "\b\n"
    "  hygiene-audit run --user YourName --passwords ~/Downloads/bitwarden_export.csv\n"
    "  hygiene-audit run --offline --passwords vault.kdbx --hibp-file pwnedpasswords.txt\n"
    "  hygiene-audit run --user YourName --profile profile.toml -f html -o report.html\n"
    "  hygiene-audit run --only HA-P --passwords export.csv --view entries\n\n"
    "Exit codes:\n\n"
    "\b\n"
    "  0  report written (score at least --fail-under)\n"
    "  1  score below --fail-under\n"
    "  2  usage, configuration or input error (one line on standard error)\n"
    "  3  internal error (--debug shows the traceback)\n"
    "  4  incomplete: an input you gave could not be used, or nothing was assessed\n"
    "  130 interrupted"
)

# run
WikiOpt = Annotated[
    str | None,
    typer.Option(
        "--wiki", "-w", metavar="WIKI", help="Wiki: en.wikipedia.org or a full api.php URL."
    ),
]
UsernameOpt = Annotated[
    str | None, typer.Option("--user", "-u", metavar="NAME", help="Your wiki username.")
]
ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        metavar="FILE",
        help="Your profile (TOML): real name, birth year, city, e-mails, handles; "
        "used only for matching, never sent.",
        dir_okay=False,
    ),
]
PasswordsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--passwords",
        metavar="FILE",
        help="Password-manager export (CSV or .kdbx), or - for stdin. Repeatable.",
    ),
]
AskProfileOpt = Annotated[
    bool,
    typer.Option("--ask-profile", help="Type your profile at prompts instead of --profile FILE."),
]
AskPasswordsOpt = Annotated[
    bool,
    typer.Option(
        "--ask-passwords", help="Type passwords at a hidden prompt (never on the command line)."
    ),
]
PasswordsFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--passwords-format",
        metavar="NAME",
        help="Read --passwords as this layout (needed for "
        "header-less exports: keeper; the README's 'Password sources' lists every NAME).",
    ),
]
KdbxKeyfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--kdbx-keyfile", metavar="FILE", help="Key file of a KeePass database.", dir_okay=False
    ),
]
HibpFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--hibp-file",
        metavar="PATH",
        help="Offline Pwned Passwords: the sorted HASH:COUNT file or the directory of range files.",
    ),
]
UserpageFileOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--userpage-file",
        metavar="FILE",
        help="Wikitext of a user page, or a Special:Export XML file of your pages and "
        "their history (offline). Repeatable.",
        dir_okay=False,
    ),
]
WikisOpt = Annotated[
    str | None,
    typer.Option(
        "--wikis",
        metavar="home|all|LIST",
        help="Which wikis of your global account to read: home, all, or a comma list of "
        "wiki ids (etwiki) or api.php URLs. Default: every wiki where you have a user "
        "page or subpages, busiest first (README: 'Every wiki').",
    ),
]
PhotosDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--photos",
        metavar="DIR",
        help="Directory of photos to check for metadata (offline).",
        file_okay=False,
    ),
]
OfflineOpt = Annotated[
    bool | None, typer.Option("--offline", help="Make no network request at all.")
]
HandleReuseOpt = Annotated[
    bool | None,
    typer.Option(
        "--handle-reuse", help="Opt in: ask major platforms whether your handle exists there."
    ),
]
HistoryLimitOpt = Annotated[
    int | None,
    typer.Option(
        "--history-limit",
        metavar="N",
        help="How many user-page revisions to read (default 500).",
    ),
]
OnlyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--only",
        metavar="CHECK",
        help="Run only this check id (repeatable; also enables opt-in checks).",
    ),
]
SkipOpt = Annotated[
    list[str] | None,
    typer.Option("--skip", metavar="CHECK", help="Do not run this check id (repeatable)."),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="FINDING",
        help="Drop findings with this id, e.g. HA-P005 (repeatable).",
    ),
]
FailUnderOpt = Annotated[
    int | None,
    typer.Option(
        "--fail-under",
        metavar="SCORE",
        help="Exit 1 when the score is below N.",
        min=0,
        max=100,
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        help="Network timeout in seconds (each request must finish within 3x).",
    ),
]
RunTimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--run-timeout",
        metavar="SECONDS",
        help="One time budget for the whole run (default 600): a check still running then is "
        "an error row, and no server's Retry-After is waited for beyond it.",
    ),
]
AllowHttpOpt = Annotated[
    bool | None,
    typer.Option(
        "--allow-http", help="Accept plain http:// addresses that are not on this computer."
    ),
]

ProxyOpt = Annotated[
    str | None,
    typer.Option(
        "--proxy",
        metavar="URL",
        help="Send every request through this proxy: http://, https://, socks5:// or "
        "socks5h://host:port (default: HTTPS_PROXY / ALL_PROXY / HTTP_PROXY).",
    ),
]
TorOpt = Annotated[
    bool | None,
    typer.Option(
        "--tor",
        help="Send every request through Tor (SOCKS on 127.0.0.1:9050, names resolved by "
        "Tor); refuse to go online if Tor is not running.",
    ),
]

# pwned
PwnedHibpFileOpt = Annotated[
    Path | None,
    typer.Option("--hibp-file", metavar="PATH", help="Offline Pwned Passwords file or directory."),
]
PwnedOfflineOpt = Annotated[bool | None, typer.Option("--offline", help="No network.")]


@dataclass(frozen=True)
class RunOption:
    """One option of ``run``. ``setting``: it feeds the Settings field called ``name``."""

    name: str
    annotation: object  # Annotated[type, typer.Option(...)]
    default: object = None
    setting: bool = True


RUN_OPTIONS: tuple[RunOption, ...] = (
    RunOption("wiki", WikiOpt),
    RunOption("username", UsernameOpt),
    RunOption("profile", ProfileOpt),
    RunOption("passwords", PasswordsOpt),
    RunOption("ask_profile", AskProfileOpt, False, setting=False),
    RunOption("ask_passwords", AskPasswordsOpt, False, setting=False),
    RunOption("passwords_format", PasswordsFormatOpt),
    RunOption("kdbx_keyfile", KdbxKeyfileOpt),
    RunOption("hibp_file", HibpFileOpt),
    RunOption("userpage_file", UserpageFileOpt),
    RunOption("wikis", WikisOpt),
    RunOption("photos_dir", PhotosDirOpt),
    RunOption("offline", OfflineOpt),
    RunOption("handle_reuse", HandleReuseOpt),
    RunOption("history_limit", HistoryLimitOpt),
    RunOption("only", OnlyOpt),
    RunOption("skip", SkipOpt),
    RunOption("ignore", IgnoreOpt),
    RunOption("fail_under", FailUnderOpt),
    RunOption("timeout", TimeoutOpt),
    RunOption("run_timeout", RunTimeoutOpt),
    RunOption("allow_http", AllowHttpOpt),
    RunOption("proxy", ProxyOpt),
    RunOption("tor", TorOpt),
    RunOption("output_format", FormatOpt, "terminal", setting=False),
    RunOption("output", OutputOpt, setting=False),
    RunOption("view", ViewOpt, "grouped", setting=False),
    RunOption("redact", RedactOpt),
    RunOption("checks_dirs", ChecksDirOpt),
    RunOption("config", ConfigOpt, setting=False),
    RunOption("lang", LangOpt),
    RunOption("no_input", NoInputOpt),
    RunOption("quiet", QuietOpt, False, setting=False),
    RunOption("debug", DebugOpt, False, setting=False),
)


def with_options(options: Iterable[RunOption]) -> Callable[[F], F]:
    """Give a ``**given`` command the signature typer reads: one parameter per option."""
    signature = inspect.Signature(
        [
            inspect.Parameter(
                o.name, inspect.Parameter.KEYWORD_ONLY, default=o.default, annotation=o.annotation
            )
            for o in options
        ],
        return_annotation=None,
    )

    def decorate(func: F) -> F:
        func.__signature__ = signature  # type: ignore[attr-defined]
        return func

    return decorate


def check_settings(fields: Iterable[str], options: Iterable[RunOption] = RUN_OPTIONS) -> None:
    """Every option declared as a setting is one (else the option would do nothing)."""
    missing = sorted({o.name for o in options if o.setting} - set(fields))
    if missing:
        raise RuntimeError(f"run options declared as settings that are not: {missing}")


def settings_flags(given: Mapping[str, Any]) -> dict[str, Any]:
    """The settings the user gave on the command line (an empty list is not given)."""
    return {
        o.name: (given[o.name] or None) if isinstance(given[o.name], list) else given[o.name]
        for o in RUN_OPTIONS
        if o.setting
    }


def flag_of(setting: str) -> str | None:
    """The long flag of the ``run`` option that feeds ``setting`` (``username`` → ``--user``);
    ``None`` when no option does (a setting read only from the environment or the file)."""
    for option in RUN_OPTIONS:
        if option.setting and option.name == setting:
            for meta in getattr(option.annotation, "__metadata__", ()):
                # typer keeps an Annotated option's first declaration as its ``default``
                decls = (getattr(meta, "default", None), *getattr(meta, "param_decls", ()))
                for decl in decls:
                    if isinstance(decl, str) and decl.startswith("--"):
                        return decl.split("/")[0]
    return None
