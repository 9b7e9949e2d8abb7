"""The command line: options in, one call out. Glue only: the options are declared in
``cli_options.py`` (named after the settings fields they feed), the decisions live in
``application.py`` (audit → finalise → emit), the prompts in ``prompts.py``, the failure
guard and stderr in ``console.py``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from hygiene_audit import TOOL_NAME, version
from hygiene_audit.cli import console
from hygiene_audit.cli import options as o

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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{TOOL_NAME} {version()}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    lang: o.LangOpt = None,
) -> None:
    """hygiene-audit."""
    console.give_language_first(lang)


def _settings(flags: dict[str, Any], config: Path | None, lang: str | None) -> Any:
    """Settings from flags (a flag not given is None: :func:`options.settings_flags`),
    environment and file; the language of
    a configuration file applies too."""
    from hygiene_audit.core.settings import load_settings

    given = {**flags, "lang": lang or console.language_given_first()}
    settings = load_settings(given, config_file=config)
    if settings.lang != (
        lang or console.language_given_first() or os.environ.get("HYGIENE_AUDIT_LANG")
    ):
        console.activate_language(settings.lang)
    return settings


@app.command(epilog=o.RUN_EPILOG)
@console.guarded
@o.with_options(o.RUN_OPTIONS)
def run(**given: Any) -> None:
    """Run the enabled checks and print a scored report."""
    from hygiene_audit.cli import application
    from hygiene_audit.cli.progress import progress_factory
    from hygiene_audit.cli.prompts import TerminalPrompts
    from hygiene_audit.core.engine import RunEnvironment, select_checks
    from hygiene_audit.core.gather import gather_inputs
    from hygiene_audit.core.settings import Settings

    console.activate_language(given["lang"])
    o.check_settings(Settings.model_fields)
    settings = _settings(o.settings_flags(given), given["config"], given["lang"])
    prompts = TerminalPrompts()
    application.keep_private(settings, given["config"], prompts.offer_to_tighten, profile=True)
    render = application.renderer(given["output_format"])
    registry = application.load_plugins(settings)
    needed = frozenset(i for c in select_checks(registry, settings) for i in c.cls.inputs)
    inputs = gather_inputs(
        settings,
        ask_passwords=given["ask_passwords"],
        ask_profile=given["ask_profile"],
        scrubber=console.SCRUBBER,
        needed=needed,
        prompts=prompts,
    )
    env = RunEnvironment(
        progress=progress_factory(given["quiet"]),
        scrubber=console.SCRUBBER,
        debug=given["debug"],
        on_traceback=console.write_stderr,
        route=application.network_route(settings),
        say=console.err,
    )
    raise typer.Exit(
        application.audit_and_emit(
            settings,
            inputs,
            registry,
            render,
            env,
            output=given["output"],
            output_format=given["output_format"],
            quiet=given["quiet"],
            view=given["view"],
        )
    )


@app.command(
    short_help="Audit a fictional editor with bundled data: no network, same report every time."
)
@console.guarded
def demo(
    output_format: o.FormatOpt = "terminal",
    output: o.OutputOpt = None,
    view: o.ViewOpt = "grouped",
    redact: o.RedactOpt = None,
    lang: o.LangOpt = None,
    quiet: o.QuietOpt = False,
    debug: o.DebugOpt = False,
) -> None:
    """Audit a fictional editor with bundled data: the whole pipeline, no network, same report
    every time. For workshops; --redact for projectors."""
    from hygiene_audit.cli import application
    from hygiene_audit.cli.progress import progress_factory
    from hygiene_audit.core.engine import RunEnvironment
    from hygiene_audit.core.registry import load_checks
    from hygiene_audit.demo.run import build_demo

    console.activate_language(lang)
    render = application.renderer(output_format)
    built = build_demo(console.SCRUBBER, lang=lang)
    env = RunEnvironment(
        transport=built.transport,
        progress=progress_factory(quiet),
        scrubber=console.SCRUBBER,
        debug=debug,
        on_traceback=console.write_stderr,
        monotonic=lambda: 0.0,
    )
    raise typer.Exit(
        application.audit_and_emit(
            built.settings.model_copy(update={"redact": redact}),
            built.inputs,
            load_checks([], builtin_only=True),
            render,
            env,
            output=output,
            output_format=output_format,
            quiet=quiet,
            notes=built.notes,
            view=view,
        )
    )


@app.command(
    short_help="List the checks: what each looks at, the options that feed it, the "
    "hosts it contacts."
)
@console.guarded
def checks(
    checks_dirs: o.ChecksDirOpt = None, lang: o.LangOpt = None, debug: o.DebugOpt = False
) -> None:
    """List the checks: id, title, the options that feed each, the hosts it may contact."""
    from hygiene_audit.cli.application import existing
    from hygiene_audit.cli.listing import describe
    from hygiene_audit.core.exit_status import ExitStatus
    from hygiene_audit.core.registry import load_checks
    from hygiene_audit.core.settings import default_checks_dir, load_settings

    console.activate_language(lang)
    registry = load_checks([*(checks_dirs or []), *existing(default_checks_dir())])
    sys.stdout.write("\n".join(describe(registry, load_settings({}))) + "\n")
    if registry.rejected:
        raise typer.Exit(ExitStatus.USAGE_OR_INPUT_ERROR)


@app.command(short_help="Check one password, typed at a hidden prompt, against Pwned Passwords.")
@console.guarded
def pwned(
    hibp_file: o.PwnedHibpFileOpt = None,
    offline: o.PwnedOfflineOpt = None,
    proxy: o.ProxyOpt = None,
    tor: o.TorOpt = None,
    config: o.ConfigOpt = None,
    lang: o.LangOpt = None,
    debug: o.DebugOpt = False,
) -> None:
    """Check one password (typed at a hidden prompt) against Pwned Passwords.

    Exit 0: not seen in breaches; 1: seen; 2: could not check; 4: the offline file is not
    whole, so "not found" is no answer; 130: interrupted.
    """
    from pydantic import SecretStr

    from hygiene_audit.cli.application import keep_private, network_route
    from hygiene_audit.cli.prompts import TerminalPrompts
    from hygiene_audit.hibp.pwned import pwned_command
    from hygiene_audit.i18n import _

    console.activate_language(lang)
    settings = _settings(
        {"hibp_file": hibp_file, "offline": offline, "proxy": proxy, "tor": tor}, config, lang
    )
    keep_private(settings, config, TerminalPrompts().offer_to_tighten, profile=False)
    code, message = pwned_command(
        settings,
        lambda: SecretStr(typer.prompt(_("Password to check"), hide_input=True, err=True)),
        console.SCRUBBER,
        console.err,
        network_route(settings),
    )
    typer.echo(message)
    raise typer.Exit(code)


@app.command(
    short_help="Write your profile at prompts (name, birth year, places, e-mails, "
    "handles); it never leaves this computer."
)
@console.guarded
def profile(output: o.OutputOpt = None, lang: o.LangOpt = None, debug: o.DebugOpt = False) -> None:
    """Write your profile field by field: each answer is checked as you type it, and each
    field says what it is used for. It is saved readable by you only, in your configuration
    folder, where 'hygiene-audit run' finds it without --profile."""
    from hygiene_audit.cli.profile_wizard import write_profile
    from hygiene_audit.cli.prompts import TerminalPrompts
    from hygiene_audit.core.settings import default_profile_file
    from hygiene_audit.i18n import _

    console.activate_language(lang)
    path = output or default_profile_file()
    if write_profile(
        path,
        TerminalPrompts().profile,
        lambda p: typer.confirm(
            _("A profile exists at {path}; replace it?").format(path=p), default=False, err=True
        ),
    ):
        console.err(
            _(
                "profile written to {path} (readable by you only); 'hygiene-audit run' "
                "uses it unless you pass --profile"
            ).format(path=path)
        )


@app.command()
@console.guarded
def schema(debug: o.DebugOpt = False) -> None:
    """Print the JSON Schema of the report (--format json)."""
    from hygiene_audit.formats.json import schema as json_schema

    sys.stdout.write(json_schema())


def main() -> None:
    app()
