"""HA-W: personal information on the user page, in its history, and in uploaded photos.

Material comes from the MediaWiki API (the home wiki, every other wiki of the global account
with a user page or subpages — ``exposure/wikis.py`` — Commons and Meta) or from local files
(``--userpage-file``, ``--photos``); the detectors are the same for all, in each wiki's
language. History findings come
with a ready-to-send request for suppression: such requests must stay private, so the tool
writes the text and the user e-mails it; nothing is done on the wiki.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from hygiene_audit.checks.wiki_exposure.catalogue import CODES, GENDER_LABELS
from hygiene_audit.core.errors import ExposureSourceError, NetworkError, UserNotFound
from hygiene_audit.core.settings import DEFAULT_WIKI
from hygiene_audit.plugin import (
    N_,
    Category,
    Check,
    CheckContext,
    CheckResult,
    Endpoint,
    Finding,
    Input,
    SkipCheck,
    _,
)
from hygiene_audit.safety.hosts import site_of
from hygiene_audit.wiki.wikimedia import WIKIMEDIA_DOMAINS

if TYPE_CHECKING:  # the detectors, parsers and clients load when a page is read (issue 18)
    from hygiene_audit.detectors.pii import Hints
    from hygiene_audit.exposure.material import ExposureMaterial
    from hygiene_audit.wiki.mediawiki import MediaWikiClient


def wiki_of(location: str | None) -> str | None:
    """The host of a photo's description page (or of its wiki); None for a local file."""
    if not location:
        return None
    if "://" in location:
        return site_of(location)
    return location if "." in location and "/" not in location else None


def look_alikes(materials: Sequence[ExposureMaterial]) -> list[str]:
    """One line for each wiki read whose host reads like a Wikimedia host but is not one."""
    from hygiene_audit.wiki.wikimedia import looks_like_wikimedia

    hosts = {page.site for m in materials for page in m.pages if page.url}
    hosts |= {m.account.site for m in materials if m.account}
    return [
        _(
            "{host} looks like a Wikimedia address but is not a Wikimedia wiki: it gets no "
            "Wikimedia oversight routing"
        ).format(host=host)
        for host in sorted(hosts)
        if looks_like_wikimedia(host)
    ]


class WikiExposureCheck(Check):
    id = "HA-W"
    title = N_("Personal information on your user page, in its history and in your photos")
    description = N_(
        "Reads your user page and its revisions, the global user page on Meta and "
        "your uploads' metadata (MediaWiki API), or local files offline."
    )
    category = Category.EXPOSURE
    inputs = frozenset(
        {
            Input.WIKI_USERNAME,
            Input.PROFILE,
            Input.USERPAGE_FILE,
            Input.PHOTOS_DIR,
            Input.HISTORY_LIMIT,
            Input.WIKIS,
        }
    )
    endpoints = frozenset({Endpoint.WIKI, Endpoint.COMMONS, Endpoint.META})
    hosts = tuple(f"*.{domain}" for domain in WIKIMEDIA_DOMAINS)  # the global account's wikis
    codes = CODES

    def run(self, ctx: CheckContext) -> CheckResult:
        from hygiene_audit.checks.wiki_exposure.history import page_findings
        from hygiene_audit.checks.wiki_exposure.photos import photo_findings
        from hygiene_audit.exposure.local import collect_local

        username = ctx.inputs.wiki_username
        files = ctx.inputs.userpage_files
        photos_dir = ctx.inputs.photos_dir
        materials: list[ExposureMaterial] = []
        notes: list[str] = []
        problems: list[str] = []  # inputs the user gave that could not be used
        said_first: list[str] = []  # what the report must say before what was not read
        if files or photos_dir is not None:
            materials += collect_local(files, photos_dir)
        if username and not ctx.offline:
            try:
                materials += self._online(ctx, username, notes, problems)
            except UserNotFound as exc:
                if not materials:
                    raise SkipCheck(exc.message + " " + _("Check the spelling (--user).")) from exc
                notes.append(exc.message)
            if not materials and problems:
                raise ExposureSourceError("; ".join(problems))
            if not materials:
                raise SkipCheck(_("Not read: {what}").format(what="; ".join(notes)))
        elif not materials:
            if not username:
                raise SkipCheck(
                    _(
                        "No wiki username: pass --user NAME, or --userpage-file FILE "
                        "and --photos DIR to check local files."
                    )
                )
            raise SkipCheck(
                _(
                    "Offline: the wiki was not read. Pass --userpage-file FILE (the "
                    "wikitext, or a Special:Export XML file with all revisions) and "
                    "--photos DIR to check local copies."
                )
            )
        elif ctx.offline and username:
            notes.append(_("offline: only local files were read"))
        findings: list[Finding] = []
        for material in materials:
            site = material.account.site if material.account else None
            hints = self._hints(ctx, username, material, materials)
            for page in material.pages:
                findings += [
                    f.model_copy(update={"wiki": page.site}) if page.url else f
                    for f in page_findings(self.finding, page, hints, username)
                ]
            findings += [
                f.model_copy(update={"wiki": wiki_of(f.location)})
                for f in photo_findings(self.finding, material, hints)
            ]
            findings += [f.model_copy(update={"wiki": site}) for f in self._account(material)]
            notes += material.unread
            said_first += material.said
            problems += material.unusable
        said = [*look_alikes(materials), *said_first]
        if notes:
            said.append(_("Not read: {what}").format(what="; ".join(notes)))
        reason = "; ".join(said) or None
        return CheckResult.of(findings, reason=reason, input_problems=problems)

    # ------------------------------------------------------------------ gathering

    def _online(
        self, ctx: CheckContext, username: str, notes: list[str], problems: list[str]
    ) -> list[ExposureMaterial]:
        """The primary wiki in full, then every other wiki the selection names (README:
        'Every wiki'), a bounded number of hosts at a time."""
        from hygiene_audit.exposure import wikis
        from hygiene_audit.exposure.api import collect_online
        from hygiene_audit.wiki.mediawiki import ForeignAnswer, MediaWikiClient

        http = ctx.http()

        def client(url: str) -> MediaWikiClient:
            return MediaWikiClient(http, url)

        meta = client(ctx.endpoint(Endpoint.META))
        chosen = wikis.plan(
            ctx.inputs.wikis,
            ctx.endpoint(Endpoint.WIKI),
            DEFAULT_WIKI,
            meta,
            username,
            notes,
            problems,
            allow_http=ctx.allow_http,
        )
        if chosen is None:
            return []
        wiki = client(chosen.primary)
        commons = client(ctx.endpoint(Endpoint.COMMONS))
        ctx.progress.start(_("Reading {host}").format(host=wiki.host), total=5)

        def step(_what: str) -> None:
            ctx.progress.advance()

        others = bool(chosen.selection.targets)
        materials: list[ExposureMaterial] = []
        # the primary wiki is read beside the others (each host still one request at a time)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="primary") as pool:
            primary = pool.submit(
                collect_online,
                wiki,
                username,
                ctx.inputs.history_limit,
                commons=commons,
                meta=meta,
                step=(lambda _what: None) if others else step,
            )
            rest = wikis.read_others(
                chosen.selection,
                client,
                username,
                ctx.inputs.history_limit,
                ctx.progress,
                notes,
                problems,
                workers=wikis.PARALLEL_HOSTS - 1,
            )
            try:
                materials.append(primary.result())
            except ForeignAnswer as exc:  # that wiki was not audited: never "nothing found"
                problems.insert(0, str(exc))
            except (UserNotFound, NetworkError) as exc:
                if not others:
                    raise
                notes.insert(0, _("{wiki}: {error}").format(wiki=wiki.host, error=exc))
        return materials + rest

    def _hints(
        self,
        ctx: CheckContext,
        username: str | None,
        material: ExposureMaterial,
        materials: Sequence[ExposureMaterial],
    ) -> Hints:
        """Each wiki in its own language: phone region and statements by what its siteinfo
        (or an export's xml:lang) says; a file that says nothing takes the first that does."""
        from hygiene_audit.detectors.pii import LANGUAGE_REGIONS, Hints
        from hygiene_audit.detectors.profile_terms import personal_terms

        profile = ctx.inputs.profile
        language = material.language or next((m.language for m in materials if m.language), None)
        region = profile.phone_region or LANGUAGE_REGIONS.get((language or "").split("-")[0])
        return Hints(
            terms=tuple(personal_terms(profile, username)),
            username=username,
            region=region,
            language=language,
        )  # platform hosts: the default

    # ------------------------------------------------------------------ account

    def _account(self, material: ExposureMaterial) -> list[Finding]:
        account = material.account
        if account is None:
            return []
        findings = []
        where = f"{account.name} — {account.site}"
        if account.gender in GENDER_LABELS:
            findings.append(
                self.finding(
                    "HA-W016",
                    location=where,
                    evidence=_(
                        "the wiki describes you as {gender} in the interface and the API"
                    ).format(gender=_(GENDER_LABELS[account.gender])),
                )
            )
        if account.emailable:
            findings.append(
                self.finding("HA-W017", location=where, evidence=_("'Email this user' is enabled"))
            )
        return findings
