"""Every wiki of the global account: which ones to read, and reading them side by side.

Which (``--wikis``):

* default: Meta's ``globaluserinfo`` lists the wikis where the account is attached; the
  ``DISCOVERY_LIMIT`` busiest of them (by edits) are asked, one request each, whether they hold
  a local user page or subpages (``titles=User:NAME`` + ``list=allpages`` with the ``NAME/``
  prefix); the ``AUTO_LIMIT`` busiest that do are read;
* ``home``: the home wiki alone;
* ``all``: every attached wiki (up to ``ALL_LIMIT`` asked) that holds a user page or subpages;
* a list: exactly those wikis — ids (``etwiki``) found through ``globaluserinfo``, hosts or
  api.php URLs as given (URLs need no CentralAuth: two private MediaWikis work).

How: one worker per host reads that host from start to end, and every request takes its host's
lock (``mediawiki.host_lock``), so a host never sees two requests at once; ``PARALLEL_HOSTS``
hosts are read at the same time, the primary wiki among them; every request carries ``maxlag``
(the client's). A wiki that fails is one line of ``unread``; the others stand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from hygiene_audit.core.errors import NetworkError
from hygiene_audit.core.settings import normalize_api_url
from hygiene_audit.exposure.api import PHOTO_MIMES, claims, photo_of, read_history
from hygiene_audit.exposure.material import ExposureMaterial, Photo, UserPage
from hygiene_audit.i18n import _, ngettext
from hygiene_audit.safety.hosts import is_loopback, site_of
from hygiene_audit.wiki.mediawiki import (
    ForeignAnswer,
    GlobalAccount,
    MediaWikiClient,
    MediaWikiUnsupported,
    UserPages,
)

PARALLEL_HOSTS = 8  # wiki hosts read at the same time, the primary wiki included
DISCOVERY_LIMIT = 50
AUTO_LIMIT = 12
ALL_LIMIT = 300
# Read elsewhere: Meta's page is the global user page; Commons is read for uploads.
NOT_A_HOME = frozenset({"metawiki"})


@dataclass(frozen=True)
class WikiTarget:
    name: str  # "etwiki", or the host of a wiki given by URL
    api_url: str
    edits: int = 0

    @property
    def host(self) -> str:
        return site_of(self.api_url)


@dataclass(frozen=True)
class Selection:
    """The wikis to read besides the primary one, and what could not be resolved."""

    targets: tuple[WikiTarget, ...]
    discover: bool  # ask each whether it holds user pages, and keep those that do
    limit: int
    unresolved: tuple[str, ...] = ()


def _target(name: str, url: str | None, edits: int = 0) -> WikiTarget | None:
    if not url:
        return None
    try:
        return WikiTarget(name, normalize_api_url(url), edits)
    except ValueError:
        return None


def attached(account: GlobalAccount, *, allow_http: bool = False) -> list[WikiTarget]:
    """The attached wikis, busiest first (Meta left out: its page is the global one). A plain
    http:// address is left out like any (unless on this computer, or ``allow_http``);
    :func:`refused_http` says how many."""
    found = [_target(w.wiki, w.url, w.edits) for w in account.wikis if w.wiki not in NOT_A_HOME]
    return sorted(
        (t for t in found if t is not None and (allow_http or not _plain_http(t.api_url))),
        key=lambda t: (-t.edits, t.name),
    )


def _plain_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "http" and not is_loopback(parts.hostname or "")


def refused_http(account: GlobalAccount, *, allow_http: bool = False) -> str | None:
    """One line when Meta's list names wikis at plain http:// addresses that were not asked."""
    if allow_http:
        return None
    plain = sorted(
        {
            w.wiki
            for w in account.wikis
            if w.wiki not in NOT_A_HOME and w.url and _plain_http(normalize_api_url(w.url))
        }
    )
    if not plain:
        return None
    return ngettext(
        "{n} wiki of Meta's list has a plain http address and was not asked ({wikis}); "
        "pass --allow-http if you really mean it",
        "{n} wikis of Meta's list have a plain http address and were not asked ({wikis}); "
        "pass --allow-http if you really mean it",
        len(plain),
    ).format(n=len(plain), wikis=", ".join(plain[:5]))


def select(
    wanted: Sequence[str], account: GlobalAccount | None, *, allow_http: bool = False
) -> Selection:
    """``wanted`` is Settings.wikis: ``()`` (default), ``("home",)``, ``("all",)`` or a list."""
    mode = wanted[0] if len(wanted) == 1 and wanted[0] in ("home", "all") else None
    if not wanted or mode is not None:
        if account is None:
            return Selection((), discover=False, limit=0)
        wikis = attached(account, allow_http=allow_http)
        if mode == "home":
            home = [t for t in wikis if t.name == account.home]
            return Selection(tuple(home), discover=False, limit=1)
        limit = ALL_LIMIT if mode == "all" else DISCOVERY_LIMIT
        return Selection(
            tuple(wikis[:limit]), discover=True, limit=ALL_LIMIT if mode == "all" else AUTO_LIMIT
        )
    by_id = {t.name: t for t in attached(account, allow_http=allow_http)} if account else {}
    targets: list[WikiTarget] = []
    unresolved: list[str] = []
    for item in wanted:
        if "://" in item:
            targets.append(WikiTarget(site_of(item), item))
        elif item in by_id:
            targets.append(by_id[item])
        else:
            unresolved.append(item)
    return Selection(
        tuple(targets), discover=False, limit=len(targets), unresolved=tuple(unresolved)
    )


# --- reading one wiki -----------------------------------------------------------------------


def read_pages(
    client: MediaWikiClient, presence: UserPages, limit: int, username: str
) -> list[UserPage]:
    """The user page (when there is one) and every subpage, each with its history; raises
    :class:`ForeignAnswer` when one of them is not the user's."""
    site = client.siteinfo()
    titles = ([presence.user_page] if presence.user_page else []) + list(presence.subpages)
    return [read_history(client, site, title, limit, username) for title in titles]


def read_wiki(
    client: MediaWikiClient, username: str, limit: int, presence: UserPages | None = None
) -> ExposureMaterial:
    """A wiki other than the primary one: its user page and subpages with their histories,
    and the photos its user page shows, read in that wiki's language."""
    presence = presence or client.user_pages(username)
    if presence.user_page is None and not presence.subpages:
        return ExposureMaterial()
    site = client.siteinfo()
    pages = read_pages(client, presence, limit, username)
    unread: list[str] = []
    if presence.more_subpages:
        unread.append(
            _("{host}: only the first {n} subpages were read").format(
                host=site.host, n=len(presence.subpages)
            )
        )
    photos: list[Photo] = []
    if presence.user_page:
        for info in client.file_info(client.page_files(presence.user_page)):
            if info.exists and (info.mime or "").startswith(PHOTO_MIMES):
                photos.append(photo_of(info, site, by_user=info.uploader == username, on_page=True))
    return ExposureMaterial(
        pages=tuple(pages),
        photos=tuple(photos),
        language=site.language,
        unread=tuple(unread),
        said=tuple(claims(site)),
    )


# --- many wikis at once ---------------------------------------------------------------------

Outcome = tuple[WikiTarget, object]  # the result, or the NetworkError that ended it


def per_host(
    targets: Sequence[WikiTarget],
    work: Callable[[WikiTarget], object],
    on_done: Callable[[int, int], None] = lambda _done, _total: None,
    workers: int = PARALLEL_HOSTS,
) -> list[Outcome]:
    """``work(target)`` for each target, one worker per host (a host's targets one after the
    other), at most ``workers`` hosts at once; results in the order of ``targets``. A
    ``NetworkError`` (timeouts included) is that target's result, never the end of the rest."""
    hosts: dict[str, list[tuple[int, WikiTarget]]] = {}
    for index, target in enumerate(targets):
        hosts.setdefault(target.host, []).append((index, target))
    results: dict[int, object] = {}

    def run_host(group: list[tuple[int, WikiTarget]]) -> list[tuple[int, object]]:
        out: list[tuple[int, object]] = []
        for index, target in group:
            try:
                out.append((index, work(target)))
            except NetworkError as exc:
                out.append((index, exc))
        return out

    if not hosts:
        return []
    with ThreadPoolExecutor(
        max_workers=max(1, min(workers, len(hosts))), thread_name_prefix="wikis"
    ) as pool:
        futures: list[Future[list[tuple[int, object]]]] = [
            pool.submit(run_host, group) for group in hosts.values()
        ]
        for future in as_completed(futures):
            for index, result in future.result():
                results[index] = result
                on_done(len(results), len(targets))
    return [(target, results[index]) for index, target in enumerate(targets)]


# --- the whole online collection ------------------------------------------------------------


class Progress(Protocol):
    def start(self, description: str, total: int | None = None) -> None: ...
    def advance(self, amount: int = 1) -> None: ...


@dataclass(frozen=True)
class Plan:
    """The primary wiki, read in full (account facts, uploads, the files its user page shows,
    the global page): the first listed, the home wiki for ``home``, else the one with most of
    your edits. Then the others."""

    primary: str  # api.php URL
    selection: Selection


def plan(
    wanted: Sequence[str],
    primary: str,
    default: str,
    meta: MediaWikiClient,
    username: str,
    notes: list[str],
    problems: list[str],
    *,
    allow_http: bool = False,
) -> Plan | None:
    """``--wiki`` given alone reads that wiki only; otherwise the global account decides. None
    when a list named nothing that can be read. A wiki the user named that is not in the
    account goes to ``problems`` (an input that could not be used), a failure to ``notes``."""
    listed = bool(wanted) and wanted[0] not in ("home", "all")
    if not wanted and primary != default:
        return Plan(primary, Selection((), discover=False, limit=0))
    account: GlobalAccount | None = None
    if not listed or any("://" not in w for w in wanted):
        try:
            account = meta.global_account(username)
        except MediaWikiUnsupported:
            account = None  # not a Wikimedia farm: the wikis given are all there is
        except ForeignAnswer as exc:
            problems.append(_("global account: {error}").format(error=exc))
        except NetworkError as exc:
            notes.append(_("global account: {error}").format(error=exc))
    if account is not None:
        notes += [
            line
            for line in (account.skipped_note(), refused_http(account, allow_http=allow_http))
            if line
        ]
    selection = select(wanted, account, allow_http=allow_http)
    problems += [
        _("{wiki}: no such wiki in your global account (give its api.php URL)").format(wiki=w)
        for w in selection.unresolved
    ]
    targets = list(selection.targets)
    if listed or (wanted and wanted[0] == "home"):
        if not targets:
            return None
        primary = targets.pop(0).api_url
    elif account is not None and attached(account, allow_http=allow_http):
        primary = attached(account, allow_http=allow_http)[0].api_url  # the busiest: in full
    others = tuple(t for t in targets if t.host != site_of(primary))
    return Plan(primary, Selection(others, selection.discover, selection.limit))


def read_others(
    selection: Selection,
    client: Callable[[str], MediaWikiClient],
    username: str,
    limit: int,
    progress: Progress,
    notes: list[str],
    problems: list[str],
    workers: int = PARALLEL_HOSTS,
) -> list[ExposureMaterial]:
    """Ask the candidate wikis for user pages (when discovering), then read those that have
    them, busiest first, up to the selection's limit; every failure is a line of ``notes``,
    a wiki that answered about another account one of ``problems`` (it was not audited)."""
    chosen: list[tuple[WikiTarget, UserPages | None]] = [(t, None) for t in selection.targets]
    if selection.discover and chosen:
        progress.start(
            _("Looking for your user pages on {n} wikis").format(n=len(chosen)), total=len(chosen)
        )
        asked = per_host(
            selection.targets,
            lambda t: client(t.api_url).user_pages(username),
            lambda _done, _total: progress.advance(),
            workers,
        )
        chosen = []
        for target, result in asked:
            if isinstance(result, UserPages):
                if result.user_page or result.subpages:
                    chosen.append((target, result))
            else:
                notes.append(_("{wiki}: {error}").format(wiki=target.name, error=result))
        if len(chosen) > selection.limit:
            notes.append(
                _("{n} more wikis with user pages were not read (--wikis all reads them)").format(
                    n=len(chosen) - selection.limit
                )
            )
            chosen = chosen[: selection.limit]
    if not chosen:
        return []
    presence = {t.api_url: p for t, p in chosen}
    progress.start(_("Reading {n} wikis").format(n=len(chosen)), total=len(chosen))
    done = per_host(
        [t for t, _p in chosen],
        lambda t: read_wiki(client(t.api_url), username, limit, presence[t.api_url]),
        lambda _done, _total: progress.advance(),
        workers,
    )
    materials: list[ExposureMaterial] = []
    for target, result in done:
        if isinstance(result, ExposureMaterial):
            materials.append(result)
        elif isinstance(result, ForeignAnswer):
            problems.append(str(result))
        else:
            notes.append(_("{wiki}: {error}").format(wiki=target.name, error=result))
    return materials
