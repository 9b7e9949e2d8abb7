"""The command line: parse, gather inputs, call the engine, render, write. Glue only."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from hygiene_audit import TOOL_NAME, version
from hygiene_audit.errors import HygieneAuditError
from hygiene_audit.i18n import _, activate, number
from hygiene_audit.sensitive import WITHHELD, Scrubber

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name=TOOL_NAME,
    help="Audit your own digital hygiene as a Wikimedia editor: username, passwords, "
    "breaches and personal information on your user page. Nothing about you is sent anywhere "
    "except the lookups listed in the README (all off with --offline).\n\n"
    "New here? Start with 'hygiene-audit demo' (a fictional editor, no network), then "
    "'hygiene-audit run --user YOUR_NAME --passwords EXPORT.csv'.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _err(line: str) -> None:
    from hygiene_audit.safe_text import neutralise

    sys.stderr.write(f"{TOOL_NAME}: {neutralise(line)}\n")


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """One clear line and a distinct exit code for every failure; traceback only with --debug."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from hygiene_audit.exit_codes import ExitCode

        debug = bool(kwargs.get("debug")) or os.environ.get("HYGIENE_AUDIT_DEBUG") == "1"
        try:
            return func(*args, **kwargs)
        except typer.Abort as exc:  # Ctrl-C or Ctrl-D at a prompt
            _err(_("interrupted"))
            raise typer.Exit(130) from exc
        except (typer.Exit, SystemExit):
            raise
        except HygieneAuditError as exc:
            if debug:
                sys.stderr.write(_scrubbed_traceback(exc))
            _err(_("error: {message}").format(message=_SCRUBBER.scrub(str(exc))))
            raise typer.Exit(exc.exit_code) from exc
        except KeyboardInterrupt as exc:
            _err(_("interrupted"))
            raise typer.Exit(130) from exc
        except Exception as exc:
            if debug:
                sys.stderr.write(_scrubbed_traceback(exc))
            _err(
                _("internal error: {error} (run again with --debug for details)").format(
                    error=type(exc).__name__
                    + ": "
                    + (WITHHELD if _SCRUBBER.holds_secret(str(exc)) else str(exc).split("\n")[0])
                )
            )
            raise typer.Exit(ExitCode.INTERNAL_ERROR) from exc

    return wrapper


def _scrubbed_traceback(exc: BaseException) -> str:
    import traceback

    from hygiene_audit.safe_text import neutralise

    return neutralise(_SCRUBBER.scrub("".join(traceback.format_exception(exc))), multiline=True)


_SCRUBBER = Scrubber()


def _activate(lang: str | None) -> str:
    """Switch the language; one that has no catalog is said, never silently English."""
    from hygiene_audit.i18n import available_languages

    wanted = lang or os.environ.get("HYGIENE_AUDIT_LANG")
    active = activate(wanted)
    if wanted and wanted.split(".")[0].split("_")[0].lower() not in available_languages():
        _err(
            _("warning: no '{lang}' translation; using English. Available: {langs}").format(
                lang=wanted, langs=", ".join(available_languages())
            )
        )
    return active


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"{TOOL_NAME} {version()}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """hygiene-audit."""


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
NoInputOpt = Annotated[bool, typer.Option("--no-input", help="Never prompt.")]
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


@app.command(epilog=RUN_EPILOG)
@guarded
def run(
    wiki: Annotated[
        str | None,
        typer.Option(
            "--wiki", "-w", metavar="WIKI", help="Wiki: en.wikipedia.org or a full api.php URL."
        ),
    ] = None,
    user: Annotated[
        str | None, typer.Option("--user", "-u", metavar="NAME", help="Your wiki username.")
    ] = None,
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile",
            metavar="FILE",
            help="Your profile (TOML): real name, birth year, city, e-mails, handles; "
            "used only for matching, never sent.",
            dir_okay=False,
        ),
    ] = None,
    passwords: Annotated[
        list[str] | None,
        typer.Option(
            "--passwords",
            metavar="FILE",
            help="Password-manager export (CSV or .kdbx), or - for stdin. Repeatable.",
        ),
    ] = None,
    ask_profile: Annotated[
        bool,
        typer.Option(
            "--ask-profile", help="Type your profile at prompts instead of --profile FILE."
        ),
    ] = False,
    ask_passwords: Annotated[
        bool,
        typer.Option(
            "--ask-passwords", help="Type passwords at a hidden prompt (never on the command line)."
        ),
    ] = False,
    passwords_format: Annotated[
        str | None,
        typer.Option(
            "--passwords-format",
            metavar="NAME",
            help="Read --passwords as this layout (needed for "
            "header-less exports: keeper; the README's 'Password sources' lists every NAME).",
        ),
    ] = None,
    kdbx_keyfile: Annotated[
        Path | None,
        typer.Option(
            "--kdbx-keyfile", metavar="FILE", help="Key file of a KeePass database.", dir_okay=False
        ),
    ] = None,
    hibp_file: Annotated[
        Path | None,
        typer.Option(
            "--hibp-file",
            metavar="PATH",
            help="Offline Pwned Passwords: the sorted HASH:COUNT file or the "
            "directory of range files.",
        ),
    ] = None,
    userpage_file: Annotated[
        list[Path] | None,
        typer.Option(
            "--userpage-file",
            metavar="FILE",
            help="Wikitext of a user page, or a Special:Export XML file of your pages and "
            "their history (offline). Repeatable.",
            dir_okay=False,
        ),
    ] = None,
    wikis: Annotated[
        str | None,
        typer.Option(
            "--wikis",
            metavar="home|all|LIST",
            help="Which wikis of your global account to read: home, all, or a comma list of "
            "wiki ids (etwiki) or api.php URLs. Default: every wiki where you have a user "
            "page or subpages, busiest first (README: 'Every wiki').",
        ),
    ] = None,
    photos: Annotated[
        Path | None,
        typer.Option(
            "--photos",
            metavar="DIR",
            help="Directory of photos to check for metadata (offline).",
            file_okay=False,
        ),
    ] = None,
    offline: Annotated[
        bool | None, typer.Option("--offline", help="Make no network request at all.")
    ] = None,
    handle_reuse: Annotated[
        bool | None,
        typer.Option(
            "--handle-reuse", help="Opt in: ask major platforms whether your handle exists there."
        ),
    ] = None,
    history_limit: Annotated[
        int | None,
        typer.Option(
            "--history-limit",
            metavar="N",
            help="How many user-page revisions to read (default 500).",
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            metavar="CHECK",
            help="Run only this check id (repeatable; also enables opt-in checks).",
        ),
    ] = None,
    skip: Annotated[
        list[str] | None,
        typer.Option("--skip", metavar="CHECK", help="Do not run this check id (repeatable)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="FINDING",
            help="Drop findings with this id, e.g. HA-P005 (repeatable).",
        ),
    ] = None,
    fail_under: Annotated[
        int | None,
        typer.Option(
            "--fail-under",
            metavar="SCORE",
            help="Exit 1 when the score is below N.",
            min=0,
            max=100,
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            help="Network timeout in seconds (each request must finish within 3x).",
        ),
    ] = None,
    allow_http: Annotated[
        bool | None,
        typer.Option(
            "--allow-http", help="Accept plain http:// addresses that are not on this computer."
        ),
    ] = None,
    output_format: FormatOpt = "terminal",
    output: OutputOpt = None,
    view: ViewOpt = "grouped",
    redact: RedactOpt = None,
    checks_dir: ChecksDirOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
    no_input: NoInputOpt = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Run the enabled checks and print a scored report."""
    from hygiene_audit.engine import RunEnvironment, select_checks
    from hygiene_audit.gather import gather_inputs
    from hygiene_audit.settings import load_settings

    _activate(lang)
    flags: dict[str, Any] = {
        "wiki": wiki,
        "username": user,
        "profile": profile,
        "passwords": passwords or None,
        "kdbx_keyfile": kdbx_keyfile,
        "passwords_format": passwords_format,
        "hibp_file": hibp_file,
        "userpage_file": userpage_file or None,
        "wikis": wikis,
        "photos_dir": photos,
        "offline": offline,
        "handle_reuse": handle_reuse,
        "history_limit": history_limit,
        "only": only or None,
        "skip": skip or None,
        "ignore": ignore or None,
        "fail_under": fail_under,
        "timeout": timeout,
        "allow_http": allow_http,
        "checks_dirs": checks_dir or None,
        "lang": lang,
        "redact": redact,
        "no_input": no_input or None,
    }
    settings = load_settings(flags, config_file=config)
    if settings.lang != (lang or os.environ.get("HYGIENE_AUDIT_LANG")):  # from the config file
        _activate(settings.lang)
    registry, render = _plugins(settings, output_format)
    needed = frozenset(i for c in select_checks(registry, settings) for i in c.cls.inputs)
    inputs = gather_inputs(
        settings,
        ask_passwords=ask_passwords,
        ask_profile=ask_profile,
        scrubber=_SCRUBBER,
        needed=needed,
    )
    env = RunEnvironment(
        progress=_progress_factory(quiet),
        scrubber=_SCRUBBER,
        debug=debug,
        on_traceback=_write_stderr,
    )
    _audit_and_emit(
        settings,
        inputs,
        registry,
        render,
        env,
        output=output,
        output_format=output_format,
        quiet=quiet,
        view=view,
    )


def _renderer(output_format: str) -> Any:
    """The format plugin by name; an unknown name is a usage error."""
    from hygiene_audit.registry import load_formats

    formats = load_formats()
    if output_format not in formats:
        raise HygieneAuditError(
            _("Unknown format '{name}'. Available: {names}").format(
                name=output_format, names=", ".join(sorted(formats))
            )
        )
    return formats[output_format]


def _plugins(settings: Any, output_format: str) -> tuple[Any, Any]:
    """The checks (rejected plugins warned about) and the renderer of ``output_format``."""
    from hygiene_audit.registry import load_checks
    from hygiene_audit.settings import default_checks_dir

    render = _renderer(output_format)
    registry = load_checks([*settings.checks_dirs, *_existing(default_checks_dir())])
    for rejected in registry.rejected:
        _err(
            _("warning: check plugin {name} ({origin}) rejected: {reason}").format(
                name=rejected.name, origin=rejected.origin, reason=rejected.reason
            )
        )
    for loaded in registry.checks.values():
        if loaded.dropin:
            _err(
                _(
                    "warning: loaded drop-in check {id} from {origin}: it runs as you, with the "
                    "inputs it declares; run only checks you have read"
                ).format(id=loaded.id, origin=loaded.origin)
            )
    return registry, render


def _audit_and_emit(
    settings: Any,
    inputs: Any,
    registry: Any,
    render: Any,
    env: Any,
    *,
    output: Path | None,
    output_format: str,
    quiet: bool,
    notes: tuple[str, ...] = (),
    view: str = "grouped",
) -> None:
    from hygiene_audit.engine import exit_decision, run_audit
    from hygiene_audit.redaction import redact_report
    from hygiene_audit.safe_io import write_private

    report = run_audit(settings, registry, inputs, env, notes=notes)
    redact = settings.redact if settings.redact is not None else output is not None
    if redact:
        report = redact_report(report)
    text = render(report, _render_options(output_format, output, view))
    if output is not None:
        write_private(output, text)
        if not quiet:
            _err(_("report written to {path} (readable by you only)").format(path=output))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    raise typer.Exit(int(exit_decision(report, settings.fail_under)))


def _write_stderr(text: str) -> None:
    from hygiene_audit.safe_text import neutralise

    sys.stderr.write(neutralise(text, multiline=True))


def _existing(path: Path) -> list[Path]:
    return [path] if path.is_dir() else []


def _render_options(output_format: str, output: Path | None, view: str) -> Any:
    from hygiene_audit.formats.interface import RenderOptions
    from hygiene_audit.formats.layout import VIEWS

    if view not in VIEWS:
        raise HygieneAuditError(
            _("Unknown view '{name}'. Available: {names}").format(name=view, names=", ".join(VIEWS))
        )
    to_terminal = output is None and sys.stdout.isatty()
    color = to_terminal and "NO_COLOR" not in os.environ and output_format == "terminal"
    import shutil

    width = shutil.get_terminal_size((100, 24)).columns if to_terminal else 100
    return RenderOptions(color=color, width=max(60, min(width, 140)), view=view)


def _progress_factory(quiet: bool) -> Any:
    from hygiene_audit.checks.interface import NullProgress

    if quiet or not sys.stderr.isatty():
        return lambda _title: NullProgress()
    from hygiene_audit.progress import RichProgress

    return RichProgress


@app.command(
    short_help="Audit a fictional editor with bundled data: no network, same report every time."
)
@guarded
def demo(
    output_format: FormatOpt = "terminal",
    output: OutputOpt = None,
    view: ViewOpt = "grouped",
    redact: RedactOpt = None,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Audit a fictional editor with bundled data: the whole pipeline, no network, same report
    every time. For workshops; --redact for projectors."""
    from hygiene_audit.demo.run import build_demo
    from hygiene_audit.engine import RunEnvironment
    from hygiene_audit.registry import load_checks

    _activate(lang)
    render = _renderer(output_format)
    built = build_demo(_SCRUBBER, lang=lang)
    settings = built.settings.model_copy(update={"redact": redact})
    env = RunEnvironment(
        transport=built.transport,
        progress=_progress_factory(quiet),
        scrubber=_SCRUBBER,
        debug=debug,
        on_traceback=_write_stderr,
        monotonic=lambda: 0.0,
    )
    _audit_and_emit(
        settings,
        built.inputs,
        load_checks([]),
        render,
        env,
        output=output,
        output_format=output_format,
        quiet=quiet,
        notes=built.notes,
        view=view,
    )


@app.command(
    short_help="List the checks: what each looks at, the options that feed it, "
    "the hosts it contacts."
)
@guarded
def checks(
    checks_dir: ChecksDirOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """List the checks: id, title, the options that feed each, the hosts it may contact."""
    from hygiene_audit.check_listing import describe
    from hygiene_audit.registry import load_checks
    from hygiene_audit.settings import default_checks_dir, load_settings

    _activate(lang)
    registry = load_checks([*(checks_dir or []), *_existing(default_checks_dir())])
    lines = describe(registry, load_settings({}))
    for rejected in registry.rejected:
        lines.append(
            _("REJECTED {name} ({origin}): {reason}").format(
                name=rejected.name, origin=rejected.origin, reason=rejected.reason
            )
        )
    sys.stdout.write("\n".join(lines) + "\n")
    if registry.rejected:
        raise typer.Exit(2)


@app.command(short_help="Check one password, typed at a hidden prompt, against Pwned Passwords.")
@guarded
def pwned(
    hibp_file: Annotated[
        Path | None,
        typer.Option(
            "--hibp-file", metavar="PATH", help="Offline Pwned Passwords file or directory."
        ),
    ] = None,
    offline: Annotated[bool | None, typer.Option("--offline", help="No network.")] = None,
    config: ConfigOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Check one password (typed at a hidden prompt) against Pwned Passwords.

    Exit 0: not seen in breaches; 1: seen; 2: could not check; 130: interrupted.
    """
    from pydantic import SecretStr

    from hygiene_audit.hibp.pwned import check_one, open_checker
    from hygiene_audit.settings import load_settings

    _activate(lang)
    settings = load_settings({"hibp_file": hibp_file, "offline": offline}, config_file=config)
    if settings.lang != (lang or os.environ.get("HYGIENE_AUDIT_LANG")):  # from the config file
        _activate(settings.lang)
    checker = open_checker(settings)  # a wrong argument is said before a password is typed
    try:
        secret = SecretStr(typer.prompt(_("Password to check"), hide_input=True, err=True))
        _SCRUBBER.add([secret])
        _err(_("checking…"))
        count = check_one(checker, secret)
    finally:
        checker.close()
    if count:
        typer.echo(
            _(
                "This password was seen {count} times in data breaches. Do not use it "
                "anywhere; change it wherever you do."
            ).format(count=number(count))
        )
        raise typer.Exit(1)
    typer.echo(checker.not_found)


@app.command(
    short_help="Write your profile at prompts (name, birth year, places, e-mails, "
    "handles); it never leaves this computer."
)
@guarded
def profile(
    output: OutputOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Write your profile field by field: each answer is checked as you type it, and each
    field says what it is used for. It is saved readable by you only, in your configuration
    folder, where 'hygiene-audit run' finds it without --profile."""
    from hygiene_audit.gather import prompt_profile
    from hygiene_audit.profile import load_profile
    from hygiene_audit.profile_wizard import default_profile_file, to_toml
    from hygiene_audit.safe_io import write_private

    _activate(lang)
    path = output or default_profile_file()
    existing = load_profile(path) if path.is_file() else None
    if existing is not None and not typer.confirm(
        _("A profile exists at {path}; replace it?").format(path=path), default=False, err=True
    ):
        raise typer.Exit(0)
    typed = prompt_profile(existing)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(path, to_toml(typed))
    _err(
        _(
            "profile written to {path} (readable by you only); 'hygiene-audit run' uses it "
            "unless you pass --profile"
        ).format(path=path)
    )


@app.command()
@guarded
def schema(debug: DebugOpt = False) -> None:
    """Print the JSON Schema of the report (--format json)."""
    from hygiene_audit.formats.json import schema as json_schema

    sys.stdout.write(json_schema())


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
