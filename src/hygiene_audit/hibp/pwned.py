"""``hygiene-audit pwned``: one password against the same source the breach check uses.

The source is opened (and an offline file checked) before the password is asked for, so a
wrong argument never costs the user a typed password.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx
from pydantic import SecretStr

from hygiene_audit.core.errors import ConfigError, NetworkError
from hygiene_audit.core.exit_status import ExitStatus
from hygiene_audit.core.settings import Settings
from hygiene_audit.hibp.interface import PwnedSource
from hygiene_audit.hibp.offline_file import open_source
from hygiene_audit.hibp.range_api import RangeApiSource
from hygiene_audit.i18n import _, number
from hygiene_audit.safety.hosts import host_of
from hygiene_audit.safety.http import make_client
from hygiene_audit.safety.route import Route
from hygiene_audit.safety.secrets import Scrubber, reveal, sha1_hex


@dataclass
class Checker:
    """An opened source; ``not_found`` says what a "not found" from it means."""

    source: PwnedSource
    not_found: str
    client: httpx.Client | None = None

    def close(self) -> None:
        self.source.close()
        if self.client is not None:
            self.client.close()


def open_checker(
    settings: Settings, transport: httpx.BaseTransport | None = None, route: Route | None = None
) -> Checker:
    if settings.hibp_file is not None:
        source = open_source(settings.hibp_file)
        size = settings.hibp_file.stat().st_size if settings.hibp_file.is_file() else 0
        return Checker(
            source,
            _(
                "This password was not found in {source} ({mb:.1f} MB). A partial copy can miss "
                "breached passwords; the full file is about 40 GB."
            ).format(source=source.description, mb=size / 1024 / 1024),
        )
    if settings.offline:
        raise ConfigError(
            _(
                "--offline needs --hibp-file FILE for this command (the "
                "downloaded Pwned Passwords file)"
            )
        )
    client = make_client(
        [host_of(settings.hibp_api)],
        offline=False,
        timeout=settings.timeout,
        transport=transport,
        route=route,
    )
    return Checker(
        RangeApiSource(client, settings.hibp_api),
        _(
            "This password was not found in Pwned Passwords. That alone does not make it strong: "
            "use a unique random password for every account."
        ),
        client,
    )


def check_one(checker: Checker, password: SecretStr) -> int | None:
    """Times seen; ``None`` when the offline file cannot answer for this hash (the reason is
    then raised for the online API, which has no partial state to report)."""
    if not reveal(password):
        raise ConfigError(_("empty password"))
    digest = sha1_hex(reveal(password))
    answer = checker.source.lookup([digest])[digest]
    if answer.count is None:
        problem = answer.problem or _("lookup failed")
        if checker.client is None:
            raise NotChecked(problem)
        if "--offline" in problem:  # the line already says how to go on without a network
            raise NetworkError(problem)
        raise NetworkError(problem + " " + _("(without a network: --offline --hibp-file FILE)"))
    return answer.count


class NotChecked(Exception):
    """The offline source cannot answer for this password; the message says why."""


def pwned_command(
    settings: Settings,
    ask: Callable[[], SecretStr],
    scrubber: Scrubber,
    err: Callable[[str], None],
    route: Route | None = None,
) -> tuple[ExitStatus, str]:
    """``hygiene-audit pwned``: (exit status, what to print). The source is opened before the
    password is asked for; the password joins the scrubber the moment it is typed. A source
    that is not whole is said before the prompt, and makes "not found" an incomplete answer
    (exit 4), never a clean one."""
    checker = open_checker(settings, route=route)
    if checker.client is not None and route is not None:
        err(_("Network route: {route}.").format(route=route.describe()))
    for line in (*checker.source.problems, *checker.source.notes):
        err(line)
    try:
        secret = ask()
        scrubber.add([secret])
        err(_("checking…"))
        count = check_one(checker, secret)
    except NotChecked as exc:
        return ExitStatus.INCOMPLETE, _("Not checked: {reason}.").format(reason=exc)
    finally:
        checker.close()
    if count:
        return ExitStatus.SEEN_IN_BREACHES, _(
            "This password was seen {count} times in data breaches. Do not use it "
            "anywhere; change it wherever you do."
        ).format(count=number(count))
    if checker.source.problems:
        return ExitStatus.INCOMPLETE, _(
            "This password is not in the part of the file that is there; the file is not "
            "whole (see above), so this is no answer. Download the file again."
        )
    return ExitStatus.OK, checker.not_found
