"""HA-H (opt-in, ``--handle-reuse``): does the same handle exist on major platforms?

Each platform in the bundled, curated list is asked through a public endpoint whose answer
decides existence without doubt (see ``data/platforms.toml``). Only the handle is sent, to the
platforms listed in the README. Any doubt (403, 429, a redirect, a timeout) is "unknown",
never a guessed positive. Requests run with bounded concurrency (at most 6 at once).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from typing import TYPE_CHECKING

from hygiene_audit.core.errors import NetworkBlockedError, RetriesExhausted
from hygiene_audit.detectors.platforms import Platform, platforms
from hygiene_audit.plugin import (
    N_,
    Category,
    Check,
    CheckContext,
    CheckResult,
    Finding,
    FindingSpec,
    Input,
    PersonalKind,
    PersonalValue,
    Severity,
    SkipCheck,
    _,
    catalogue,
)

if TYPE_CHECKING:
    import httpx

MAX_PARALLEL = 6


class Presence(StrEnum):
    EXISTS = "exists"
    ABSENT = "absent"
    UNKNOWN = "unknown"


def _proves_account(platform: Platform, handle: str, body: str) -> bool:
    if platform.exists_marker is not None:
        return platform.exists_marker.replace("{handle}", handle).lower() in body.lower()
    try:
        value = json.loads(body)
    except ValueError:
        return False
    if isinstance(value, list):
        value = value[0] if value else None
    return isinstance(value, dict) and platform.exists_key in value


def probe(client: httpx.Client, platform: Platform, handle: str) -> tuple[Presence, str]:
    """Ask one platform; the second value explains an unknown."""
    import httpx  # loaded with the client already

    try:
        response = client.get(platform.probe_url(handle), headers={"Accept": "application/json"})
    except RetriesExhausted as exc:  # 429, 5xx, timeouts: asked again, then "unknown"
        return Presence.UNKNOWN, exc.problem
    except NetworkBlockedError:
        raise
    except httpx.TimeoutException:
        return Presence.UNKNOWN, _("timed out")
    except httpx.HTTPError as exc:
        return Presence.UNKNOWN, type(exc).__name__
    body = response.text.strip()
    if response.status_code in platform.absent_status or (
        response.status_code in platform.exists_status and body in platform.absent_bodies
    ):
        return Presence.ABSENT, ""
    if response.status_code in platform.exists_status:
        if not _proves_account(platform, handle, body):
            return Presence.UNKNOWN, _("unexpected answer")
        return Presence.EXISTS, ""
    return Presence.UNKNOWN, _("HTTP {status}").format(status=response.status_code)


class HandleReuseCheck(Check):
    id = "HA-H"
    title = N_("Your handle on other platforms")
    description = N_(
        "Opt-in (--handle-reuse): asks a curated list of platforms whether an "
        "account with your handle exists. Sends your handle to them."
    )
    category = Category.ACCOUNT
    inputs = frozenset({Input.WIKI_USERNAME, Input.PROFILE, Input.HANDLE_REUSE})
    hosts = tuple(sorted({p.probe_host for p in platforms()}))
    opt_in = True
    enabled_by = Input.HANDLE_REUSE
    codes = catalogue(
        FindingSpec(
            code="HA-H001",
            severity=Severity.MEDIUM,
            title=N_("An account with your wiki handle exists on other platforms"),
            remediation=(
                N_(
                    "If these accounts are yours, they are linked to your wiki account "
                    "by the name alone: check what each one shows (name, photo, "
                    "location, contacts) and rename the handle there or on the wiki."
                ),
                N_(
                    "If they are not yours, someone may impersonate you, or be "
                    "mistaken for you: keep that in mind before linking accounts."
                ),
            ),
        ),
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        if ctx.offline:
            raise SkipCheck(_("Offline: no platform was asked."))
        handles = list(
            dict.fromkeys(h for h in (ctx.inputs.wiki_username, *ctx.inputs.profile.handles) if h)
        )
        if not handles:
            raise SkipCheck(_("No handle: pass --user NAME."))
        client = ctx.http()
        jobs = [
            (p, h.replace(" ", "_"))
            for h in handles
            for p in platforms()
            if p.accepts(h.replace(" ", "_"))
        ]
        ctx.say(
            _(
                "Asking {n} platforms whether your handle exists: each sees your handle and the "
                "address the request comes from — {route}."
            ).format(n=len({p.name for p, _h in jobs}), route=ctx.route)
        )
        ctx.progress.start(_("Asking platforms"), total=len(jobs))
        results: list[tuple[Platform, str, Presence, str]] = []

        def ask(job: tuple[Platform, str]) -> tuple[Platform, str, Presence, str]:
            platform, handle = job
            presence, why = probe(client, platform, handle)
            ctx.progress.advance()
            return platform, handle, presence, why

        with ThreadPoolExecutor(max_workers=MAX_PARALLEL) as pool:
            results = list(pool.map(ask, jobs))
        findings: list[Finding] = []
        for handle in handles:
            handle_key = handle.replace(" ", "_")
            found = [
                (p, h)
                for p, h, presence, _w in results
                if h == handle_key and presence is Presence.EXISTS
            ]
            if found:
                findings.append(
                    self.finding(
                        "HA-H001",
                        location=_("handle “{handle}”").format(handle=handle),
                        evidence=_("found on: {places}").format(
                            places=", ".join(f"{p.name} ({p.profile_url(h)})" for p, h in found)
                        ),
                        personal=[PersonalValue(kind=PersonalKind.HANDLE, value=handle)],
                    )
                )
        unknown = [
            f"{p.name} ({why})" for p, _h, presence, why in results if presence is Presence.UNKNOWN
        ]
        reason = (
            _("Could not tell on: {places}").format(places=", ".join(unknown)) if unknown else None
        )
        return CheckResult.of(findings, reason=reason)
