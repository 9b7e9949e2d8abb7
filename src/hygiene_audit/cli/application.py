"""Audit → finalise → emit: what every command that writes a report does once its options
are parsed. The command line stays glue; this is where its decisions live.

* the plugins: the checks (rejected and drop-in ones said on stderr) and the format renderer;
* the configuration file and the profile, said (and, at a terminal, fixed) when others can
  read them;
* the rendering options: colour only on a terminal without ``NO_COLOR``, the terminal's width;
* redaction by default for ``--output`` files, the private 0600 write, the exit code.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hygiene_audit.cli import console
from hygiene_audit.core.errors import HygieneAuditError
from hygiene_audit.i18n import N_, _

if TYPE_CHECKING:
    from hygiene_audit.core.engine import RunEnvironment
    from hygiene_audit.core.inputs import AuditInputs
    from hygiene_audit.core.registry import Registry, Renderer
    from hygiene_audit.core.settings import Settings
    from hygiene_audit.formats.text import RenderOptions
    from hygiene_audit.safety.route import Route


def renderer(output_format: str) -> Renderer:
    """The format plugin by name; an unknown name is a usage error."""
    from hygiene_audit.core.registry import format_names, load_formats, unversioned_format

    formats = load_formats(only=output_format)  # the others are never imported
    if output_format not in formats:
        old_group = unversioned_format(output_format)
        if old_group is not None:
            raise HygieneAuditError(old_group)
        raise HygieneAuditError(
            _("Unknown format '{name}'. Available: {names}").format(
                name=output_format, names=", ".join(format_names())
            )
        )
    return formats[output_format]


def existing(path: Path) -> list[Path]:
    return [path] if path.is_dir() else []


def load_plugins(settings: Settings) -> Registry:
    """The checks: built-in, entry points, the checks directories; each rejected plugin and
    each drop-in check loaded is one line on stderr."""
    from hygiene_audit.core.registry import load_checks
    from hygiene_audit.core.settings import default_checks_dir

    registry = load_checks([*settings.checks_dirs, *existing(default_checks_dir())])
    for rejected in registry.rejected:
        console.err(
            _("warning: check plugin {name} ({origin}) rejected: {reason}").format(
                name=rejected.name, origin=rejected.origin, reason=rejected.reason
            )
        )
    for loaded in registry.checks.values():
        if loaded.dropin:
            console.err(
                _(
                    "warning: loaded drop-in check {id} from {origin}: it runs as you, "
                    "with the inputs it declares; run only checks you have read"
                ).format(id=loaded.id, origin=loaded.origin)
            )
    return registry


def network_route(settings: Settings) -> Route:
    """The route of this run from --tor, --proxy or the proxy variables; a usage error when
    the route asked for cannot be taken (Tor not running, a malformed proxy URL)."""
    from urllib.parse import urlsplit

    from hygiene_audit.safety.route import resolve_route

    route = resolve_route(
        tor=settings.tor, proxy=settings.proxy, environ=os.environ, offline=settings.offline
    )
    if route.proxy is not None:  # a proxy's password is a secret of the run like any other
        secret = urlsplit(route.proxy).password
        if secret:
            console.SCRUBBER.add([secret])
    return route


def keep_private(
    settings: Settings, config: Path | None, offer: Callable[[Path], bool], *, profile: bool
) -> None:
    """The configuration file and (for ``run``) the profile: said on stderr when others can
    read or change them, with the fix; ``offer`` (a y/N at a terminal) may apply it, never
    under --no-input."""
    from hygiene_audit.core.gather import profile_file_in_use
    from hygiene_audit.core.settings import config_file_in_use
    from hygiene_audit.safety.permissions import open_to_others

    files = {config_file_in_use(config): N_("your settings (an API key, the servers used)")}
    profile_file = profile_file_in_use(settings) if profile else None
    if profile_file is not None:
        files.setdefault(profile_file, N_("facts about you (your profile)"))
    for path, holds in files.items():
        if not open_to_others(path):
            continue
        console.err(
            _(
                "warning: other users can read {path}, which holds {what}; make it readable "
                "by you only with: chmod 600 {path}"
            ).format(path=path, what=_(holds))
        )
        if not settings.no_input and offer(path):
            try:
                os.chmod(path, 0o600)
            except OSError as exc:
                raise HygieneAuditError(
                    _("Cannot change {path}: {error}").format(path=path, error=exc.strerror)
                ) from exc
            console.err(_("{path} is now readable by you only").format(path=path))


def render_options(output_format: str, output: Path | None, view: str) -> RenderOptions:
    """Colour only for the terminal format on a terminal without NO_COLOR; its width."""
    from hygiene_audit.formats.layout import VIEWS
    from hygiene_audit.formats.text import RenderOptions

    if view not in VIEWS:
        raise HygieneAuditError(
            _("Unknown view '{name}'. Available: {names}").format(name=view, names=", ".join(VIEWS))
        )
    to_terminal = output is None and sys.stdout.isatty()
    color = to_terminal and "NO_COLOR" not in os.environ and output_format == "terminal"
    width = shutil.get_terminal_size((100, 24)).columns if to_terminal else 100
    return RenderOptions(color=color, width=max(60, min(width, 140)), view=view)


def audit_and_emit(
    settings: Settings,
    inputs: AuditInputs,
    registry: Registry,
    render: Renderer,
    env: RunEnvironment,
    *,
    output: Path | None,
    output_format: str,
    quiet: bool,
    view: str = "grouped",
    notes: tuple[str, ...] = (),
) -> int:
    """Run the audit, redact (by default for a file), render, write; the exit code."""
    from hygiene_audit.core.engine import run_audit
    from hygiene_audit.core.exit_status import exit_decision
    from hygiene_audit.safety.bounded_io import write_private
    from hygiene_audit.safety.redaction import redact_report

    report = run_audit(settings, registry, inputs, env, notes=notes)
    redact = settings.redact if settings.redact is not None else output is not None
    if redact:
        report = redact_report(report)
    text = render(report, render_options(output_format, output, view))
    if output is not None:
        write_private(output, text)
        if not quiet:
            console.err(_("report written to {path} (readable by you only)").format(path=output))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return int(exit_decision(report, settings.fail_under))
