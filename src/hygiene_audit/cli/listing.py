"""``hygiene-audit checks``: what each check looks at, what feeds it, what it contacts.

Said in the user's words — the options and settings that feed a check and the host names it
may reach (from the current settings) — never the internal input names.
"""

from __future__ import annotations

from hygiene_audit.cli.options import flag_of
from hygiene_audit.core.registry import Registry
from hygiene_audit.core.settings import ENV_PREFIX, Settings
from hygiene_audit.i18n import N_, _
from hygiene_audit.plugin import Input


def fed_by(which: Input) -> str:
    """What feeds an input, in the user's words: the ``run`` flag of its setting, else the
    environment variable, else what its declaration says (a gathered input)."""
    declaration = which.declaration
    if declaration.setting is None:
        return _(declaration.fed_by or which.value)
    return flag_of(declaration.setting) or ENV_PREFIX + declaration.setting.upper()


L_USES = N_("uses")
L_CONTACTS = N_("contacts")
L_FROM = N_("from")
L_RUNS = N_("runs")


def describe(registry: Registry, settings: Settings) -> list[str]:
    from hygiene_audit.core.engine import allowed_hosts

    labels = [_(L_USES), _(L_CONTACTS), _(L_RUNS), _(L_FROM)]
    width = max(len(label) for label in labels)
    lines = []
    for check_id, loaded in sorted(registry.checks.items()):
        cls = loaded.cls
        uses = ", ".join(sorted(fed_by(i) for i in cls.inputs)) or "-"
        if loaded.flagged_sensitive:
            uses += "  " + _("[third-party check asking for secrets]")
        hosts = ", ".join(sorted(allowed_hosts(cls, settings))) or _("nothing (works offline)")
        origin = _("built-in") if loaded.builtin else loaded.origin
        title = _(cls.title) + ("  " + _("(opt-in)") if cls.opt_in else "")
        lines += [
            f"{check_id}  {title}",
            f"    {_(L_USES).ljust(width)}  {uses}",
            f"    {_(L_CONTACTS).ljust(width)}  {hosts}",
            *(f"    {_(L_RUNS).ljust(width)}  {command}" for command in cls.commands),
            f"    {_(L_FROM).ljust(width)}  {origin}",
        ]
    lines += [
        _("REJECTED {name} ({origin}): {reason}").format(
            name=r.name, origin=r.origin, reason=r.reason
        )
        for r in registry.rejected
    ]
    return lines
