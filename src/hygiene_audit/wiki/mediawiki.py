"""The MediaWiki Action API client shared by every Wikimedia-aware check.

It follows the Wikimedia API etiquette: ``formatversion=2``, ``maxlag`` on every request (the
client's transport waits and retries a lagged answer, see ``http.RetryTransport``), one
request at a time per wiki (``host_lock``), titles batched up to the API's limit of 50,
continuation followed, the project's User-Agent (set by ``http.make_client``). Answers are
parsed into small immutable models; anything unexpected becomes a :class:`MediaWikiError`
with one clear line.
"""

from __future__ import annotations

import json
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hygiene_audit.core.errors import NetworkError
from hygiene_audit.core.settings import normalize_api_url
from hygiene_audit.i18n import _, ngettext
from hygiene_audit.safety.hosts import site_of

if TYPE_CHECKING:
    import httpx

FILE_NAMESPACE = 6
USER_NAMESPACE = 2
MAX_TITLES = 50  # per request, for clients without the apihighlimits right
MAX_CONTENT_REVISIONS = 50  # rvlimit with content, same reason
MAXLAG_SECONDS = 5
MAX_SUBPAGES = 50  # subpages read per wiki (drafts, sandboxes, "About")

Json = dict[str, Any]


class MediaWikiError(NetworkError):
    """The wiki answered with an error, or with something that is not its API."""


class MediaWikiUnsupported(MediaWikiError):
    """The wiki does not offer this module (e.g. ``globaluserinfo`` without CentralAuth)."""


class ForeignAnswer(MediaWikiError):
    """The wiki answered about another account than the one asked (another user name, a page
    that is not ``User:<you>`` or under it): nothing of that wiki's answer may be used, and
    that wiki was not audited."""


def foreign_answer(host: str, about: str) -> ForeignAnswer:
    return ForeignAnswer(
        _("{host} answered about another account ({about}); its answer was not used").format(
            host=host, about=about[:120]
        )
    )


@dataclass(frozen=True)
class SiteInfo:
    """What a wiki says of itself, with the host it is known by taken from the address asked:
    a server that claims to be another (its ``server`` is en.wikipedia.org, it was asked at
    wiki.evil.example) is filed, linked and routed as the host asked, and ``claimed`` says
    what it claimed."""

    name: str
    server: str  # the origin page links are built on: the wiki's own when it is the one asked
    article_path: str
    language: str
    file_prefixes: frozenset[str]  # lower-case local names and aliases of the File namespace
    host: str  # the site asked ("de.wikipedia.org", "127.0.0.1:8092"), never the claimed one
    claimed: str | None = None  # the site its siteinfo names, when that is not the one asked
    user_prefixes: frozenset[str] = frozenset({"user"})  # names of namespace 2, casefolded

    def page_url(self, title: str) -> str:
        path = quote(title.replace(" ", "_"), safe=":/")
        return self.server + self.article_path.replace("$1", path)

    def owns(self, title: str, username: str) -> bool:
        """``title`` is ``User:<username>`` or one of its subpages, after MediaWiki's title
        normalisation (underscores, first letter, the namespace under any of its local names
        and aliases)."""
        prefix, colon, rest = title.partition(":")
        if not colon or _space(prefix).casefold() not in self.user_prefixes:
            return False
        rest, name = normal_name(rest), normal_name(username)
        return bool(name) and (rest == name or rest.startswith(name + "/"))


def _space(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).replace("_", " ").split())


def normal_name(name: str) -> str:
    """A user name as MediaWiki stores it: NFC, underscores as spaces, runs of spaces as
    one, the first letter upper-case (``ana_l`` and ``Ana L`` are one account)."""
    name = _space(name)
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class UserInfo:
    name: str
    gender: str  # "male", "female" or "unknown" (not set publicly)
    emailable: bool


@dataclass(frozen=True)
class Revision:
    revid: int
    timestamp: str
    text: str | None  # None when the content is hidden (revision-deleted)


@dataclass(frozen=True)
class PageHistory:
    title: str
    exists: bool
    revisions: tuple[Revision, ...]  # newest first
    truncated: bool  # more revisions exist than were read


@dataclass(frozen=True)
class FileInfo:
    title: str
    exists: bool
    uploader: str | None
    timestamp: str | None
    url: str | None
    description_url: str | None
    mime: str | None
    metadata: Mapping[str, Any]  # EXIF/XMP name → value (metadata, then commonmetadata)
    extmetadata: Mapping[str, str]  # name → value


@dataclass(frozen=True)
class AttachedWiki:
    wiki: str  # database name: "etwiki", "commonswiki"
    url: str | None  # "https://et.wikipedia.org"
    edits: int


@dataclass(frozen=True)
class GlobalAccount:
    home: str | None
    edit_count: int
    wikis: tuple[AttachedWiki, ...]  # where the account is attached
    skipped: tuple[str, ...] = ()  # why each unusable entry or field of the answer was left out

    def skipped_note(self) -> str | None:
        """One line naming how many entries of Meta's answer were left out, and why."""
        if not self.skipped:
            return None
        counts = Counter(self.skipped)
        why = ", ".join(f"{reason} ×{n}" if n > 1 else reason for reason, n in counts.items())
        return ngettext(
            "{n} entry of Meta's list of your wikis was skipped ({why})",
            "{n} entries of Meta's list of your wikis were skipped ({why})",
            len(self.skipped),
        ).format(n=len(self.skipped), why=why)


class _Merged(BaseModel):
    """One entry of ``globaluserinfo``'s ``merged`` list, as Meta gives it; anything of
    another type (``"editcount": "lots"``) fails here and the entry is skipped."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    wiki: str = Field(min_length=1, max_length=200)
    url: str | None = Field(None, max_length=2000)
    editcount: int = Field(0, ge=0)


def _attached(raw: object) -> AttachedWiki | str:
    """An attached wiki, or why the entry cannot be used."""
    try:
        entry = _Merged.model_validate(raw)
    except ValidationError:
        return _("an entry of the wrong shape or type")
    if entry.url is not None:
        try:
            normalize_api_url(entry.url)
        except ValueError:
            return _("not an http(s) address with a valid host and port")
    return AttachedWiki(entry.wiki, entry.url, entry.editcount)


@dataclass(frozen=True)
class UserPages:
    """Whether a wiki has a local user page, and the user's subpages there."""

    user_page: str | None  # its canonical title, when it exists
    subpages: tuple[str, ...]
    more_subpages: bool  # the list was cut at the limit


MAX_CONTRIBUTIONS_PER_REQUEST = 500  # uclimit without apihighlimits


@dataclass(frozen=True)
class Contributions:
    """A user's edits on one wiki, newest first: only when and which page, nothing else."""

    timestamps: tuple[str, ...]
    titles: tuple[tuple[str, int], ...]  # (title, namespace)
    truncated: bool  # more edits exist than were read


@dataclass(frozen=True)
class Coordinates:
    """A page's primary point (GeoData), with the object's kind: the ``{{coord}}`` template's
    ``type:`` (city, edu, landmark, railwaystation, …; "" when the article gives none)."""

    lat: float
    lon: float
    kind: str = ""


_HOST_LOCKS: dict[str, threading.Lock] = {}
_HOST_LOCKS_GUARD = threading.Lock()


def host_lock(site: str) -> threading.Lock:
    """The one lock of a wiki host: every client in the process takes it around a request
    (retries and their waits included), so a host never sees two requests at once even when
    several threads read it (the primary wiki's uploads on Commons and Commons' user pages)."""
    with _HOST_LOCKS_GUARD:
        return _HOST_LOCKS.setdefault(site, threading.Lock())


class MediaWikiClient:
    """Talks to one wiki's ``api.php``. Use one instance per wiki, sequentially."""

    def __init__(self, http: httpx.Client, api_url: str, *, maxlag: int = MAXLAG_SECONDS) -> None:
        self._http = http
        self.api_url = api_url
        self._maxlag = maxlag
        self._siteinfo: SiteInfo | None = None

    @property
    def host(self) -> str:
        return site_of(self.api_url)

    # ------------------------------------------------------------------ transport

    def call(self, params: Mapping[str, str | int]) -> Json:
        """One API request, with maxlag, retries and error handling; returns the JSON body."""
        query: dict[str, str] = {k: str(v) for k, v in params.items()}
        query.update(format="json", formatversion="2", maxlag=str(self._maxlag))
        with host_lock(self.host):  # one request at a time per wiki, whoever asks
            return self._call(query)

    def _call(self, query: dict[str, str]) -> Json:
        """One request; the client's transport retries (maxlag and rate limits included)."""
        response = self._http.send(self._http.build_request("GET", self.api_url, params=query))
        body = self._decode(response)
        error = body.get("error")
        if not isinstance(error, dict):
            return body
        code = str(error.get("code", ""))
        raise MediaWikiError(
            _("{host}: the wiki answered with error '{code}': {info}").format(
                host=self.host, code=code or "?", info=str(error.get("info", ""))[:200]
            )
        )

    def _decode(self, response: httpx.Response) -> Json:
        if response.status_code != 200:
            raise MediaWikiError(
                _("{host}: HTTP {status} from the API").format(
                    host=self.host, status=response.status_code
                )
            )
        try:
            body = json.loads(response.content)
        except (ValueError, UnicodeDecodeError) as exc:
            raise MediaWikiError(
                _("{host}: the answer is not MediaWiki API JSON (is {url} an api.php?)").format(
                    host=self.host, url=self.api_url
                )
            ) from exc
        if not isinstance(body, dict):
            raise MediaWikiError(_("{host}: unexpected answer from the API").format(host=self.host))
        return body

    def query(self, params: Mapping[str, str | int], *, limit_pages: int = 200) -> Iterator[Json]:
        """``action=query`` with continuation followed; yields each answer's ``query`` part."""
        base: dict[str, str | int] = {"action": "query", **params}
        cont: dict[str, str] = {}
        for _page in range(limit_pages):
            body = self.call({**base, **cont})
            self._raise_on_unrecognised(body)
            part = body.get("query")
            if isinstance(part, dict):
                yield part
            nxt = body.get("continue")
            if not isinstance(nxt, dict):
                return
            cont = {str(k): str(v) for k, v in nxt.items()}

    def _raise_on_unrecognised(self, body: Json) -> None:
        warnings = body.get("warnings")
        if not isinstance(warnings, dict):
            return
        for part in warnings.values():
            text = part.get("warnings", "") if isinstance(part, dict) else str(part)
            if "Unrecognized value for parameter" in str(text):
                raise MediaWikiUnsupported(
                    _("{host} does not support this query ({detail})").format(
                        host=self.host, detail=str(text)[:160]
                    )
                )

    # ------------------------------------------------------------------ modules

    def siteinfo(self) -> SiteInfo:
        if self._siteinfo is None:
            part = next(
                self.query({"meta": "siteinfo", "siprop": "general|namespaces|namespacealiases"}),
                {},
            )
            general = _dict(part.get("general"))
            if not general:
                raise MediaWikiError(
                    _("{host}: the answer has no site information").format(host=self.host)
                )
            asked = site_of(self.api_url)
            server = _absolute_server(str(general.get("server", "")), self.api_url)
            claimed = site_of(server)
            if claimed != asked:  # a wiki that says it is another: the address asked stands
                parts = urlsplit(self.api_url)
                server = f"{parts.scheme}://{parts.netloc}"
            self._siteinfo = SiteInfo(
                name=str(general.get("sitename", self.host)),
                server=server,
                article_path=_article_path(general.get("articlepath")),
                language=str(general.get("lang", "en")),
                file_prefixes=_namespace_names(part, FILE_NAMESPACE),
                host=asked,
                claimed=claimed if claimed != asked else None,
                user_prefixes=frozenset(
                    _space(n).casefold() for n in _namespace_names(part, USER_NAMESPACE)
                )
                | {"user"},
            )
        return self._siteinfo

    def user(self, name: str) -> UserInfo | None:
        """Public information about an account; ``None`` when it does not exist. Raises
        :class:`ForeignAnswer` when the answer names another account."""
        part = next(
            self.query({"list": "users", "ususers": name, "usprop": "gender|emailable"}), {}
        )
        for item in _list(part.get("users")):
            entry = _dict(item)
            if entry.get("missing") or entry.get("invalid") or "userid" not in entry:
                return None
            answered = entry.get("name", name)
            if not isinstance(answered, str) or normal_name(answered) != normal_name(name):
                raise foreign_answer(self.host, f"User:{answered}")
            return UserInfo(
                name=normal_name(name),
                gender=str(entry.get("gender", "unknown")),
                emailable=bool(entry.get("emailable", False)),
            )
        return None

    def history(self, title: str, limit: int) -> PageHistory:
        """Up to ``limit`` revisions of one page with their wikitext, newest first."""
        revisions: list[Revision] = []
        exists = False
        canonical = title
        params: dict[str, str | int] = {
            "prop": "revisions",
            "titles": title,
            "rvprop": "ids|timestamp|user|content",
            "rvslots": "main",
            "rvdir": "older",
        }
        more = False
        cont: dict[str, str] = {}
        while len(revisions) < limit:
            params["rvlimit"] = min(MAX_CONTENT_REVISIONS, limit - len(revisions))
            body = self.call({"action": "query", **params, **cont})
            part = _dict(body.get("query"))
            before = len(revisions)
            for page in _list(part.get("pages")):
                page = _dict(page)
                if page.get("missing") or page.get("invalid"):
                    return PageHistory(str(page.get("title", title)), False, (), False)
                exists = True
                canonical = str(page.get("title", title))
                revisions.extend(_revision(r) for r in _list(page.get("revisions")))
            nxt = body.get("continue")
            if not isinstance(nxt, dict) or len(revisions) == before:  # no progress: stop
                more = isinstance(nxt, dict)
                break
            more = True
            cont = {str(k): str(v) for k, v in nxt.items()}
        return PageHistory(
            canonical, exists, tuple(revisions[:limit]), truncated=more and len(revisions) >= limit
        )

    def uploads(self, user: str, limit: int = 500) -> list[str]:
        """Titles of files this user uploaded (new files and new versions), newest first."""
        titles: list[str] = []
        for part in self.query(
            {
                "list": "logevents",
                "letype": "upload",
                "leuser": user,
                "lelimit": min(limit, 500),
                "leprop": "title",
            }
        ):
            for event in _list(part.get("logevents")):
                title = _dict(event).get("title")
                if isinstance(title, str) and title not in titles:
                    titles.append(title)
            if len(titles) >= limit:
                break
        return titles[:limit]

    def page_files(self, title: str) -> list[str]:
        """Titles of the files a page shows (also through templates and galleries)."""
        titles: list[str] = []
        for part in self.query({"prop": "images", "titles": title, "imlimit": "max"}):
            for page in _list(part.get("pages")):
                for image in _list(_dict(page).get("images")):
                    name = _dict(image).get("title")
                    if isinstance(name, str) and name not in titles:
                        titles.append(name)
        return titles

    def file_info(self, titles: Iterable[str]) -> list[FileInfo]:
        """Latest version of each file with its metadata, 50 titles per request."""
        found: dict[str, FileInfo] = {}
        wanted = list(dict.fromkeys(titles))
        for batch in _batches(wanted, MAX_TITLES):
            for part in self.query(
                {
                    "prop": "imageinfo",
                    "titles": "|".join(batch),
                    "iiprop": "timestamp|user|url|mime|metadata|commonmetadata|extmetadata",
                    "iimetadataversion": "latest",
                }
            ):
                for page in _list(part.get("pages")):
                    info = _file_info(_dict(page))
                    if info.title not in found or info.exists:
                        found[info.title] = info
        return list(found.values())

    def user_pages(self, user: str, limit: int = MAX_SUBPAGES) -> UserPages:
        """In one request: does ``User:NAME`` exist here, and which ``User:NAME/…`` pages."""
        body = self.call(
            {
                "action": "query",
                "titles": f"User:{user}",
                "prop": "info",
                "list": "allpages",
                "apnamespace": USER_NAMESPACE,
                "apprefix": f"{user}/",
                "aplimit": min(limit, 500),
            }
        )
        self._raise_on_unrecognised(body)
        part = _dict(body.get("query"))
        page = next((_dict(p) for p in _list(part.get("pages"))), {})
        exists = bool(page) and not page.get("missing") and not page.get("invalid")
        subpages = tuple(
            str(_dict(p).get("title"))
            for p in _list(part.get("allpages"))
            if isinstance(_dict(p).get("title"), str)
        )
        return UserPages(
            user_page=str(page.get("title", f"User:{user}")) if exists else None,
            subpages=subpages[:limit],
            more_subpages=isinstance(body.get("continue"), dict) or len(subpages) > limit,
        )

    def contributions(self, user: str, limit: int) -> Contributions:
        """Up to ``limit`` of the user's most recent edits (``list=usercontribs``, 500 a
        request, continuation followed): their timestamps, titles and namespaces only."""
        stamps: list[str] = []
        titles: list[tuple[str, int]] = []
        params: dict[str, str | int] = {
            "action": "query",
            "list": "usercontribs",
            "ucuser": user,
            "ucprop": "timestamp|title",
        }
        cont: dict[str, str] = {}
        more = False
        while len(stamps) < limit:
            params["uclimit"] = min(MAX_CONTRIBUTIONS_PER_REQUEST, limit - len(stamps))
            body = self.call({**params, **cont})
            self._raise_on_unrecognised(body)
            items = _list(_dict(body.get("query")).get("usercontribs"))
            for item in items[: int(params["uclimit"])]:
                entry = _dict(item)
                stamp, title, ns = entry.get("timestamp"), entry.get("title"), entry.get("ns")
                if isinstance(stamp, str):
                    stamps.append(stamp[:40])
                if isinstance(title, str) and isinstance(ns, int) and not isinstance(ns, bool):
                    titles.append((title[:300], ns))
            nxt = body.get("continue")
            more = isinstance(nxt, dict)
            if not isinstance(nxt, dict) or not items:  # the end, or no progress: stop
                break
            cont = {str(k): str(v) for k, v in nxt.items()}
        return Contributions(
            tuple(stamps[:limit]), tuple(titles[:limit]), more and len(stamps) >= limit
        )

    def coordinates(self, titles: Iterable[str]) -> dict[str, Coordinates]:
        """The primary coordinates of each page that has them (GeoData's ``prop=coordinates``,
        with the object's type), 50 titles a request. Raises
        :class:`MediaWikiUnsupported` where GeoData is missing."""
        found: dict[str, Coordinates] = {}
        for batch in _batches(list(dict.fromkeys(titles)), MAX_TITLES):
            for part in self.query(
                {
                    "prop": "coordinates",
                    "titles": "|".join(batch),
                    "colimit": "max",
                    "coprop": "type",
                },
                limit_pages=10,
            ):
                for page in _list(part.get("pages")):
                    page = _dict(page)
                    title = page.get("title")
                    for raw in _list(page.get("coordinates"))[:1]:
                        point = _dict(raw)
                        lat, lon = point.get("lat"), point.get("lon")
                        if (
                            isinstance(title, str)
                            and isinstance(lat, int | float)
                            and isinstance(lon, int | float)
                            and not isinstance(lat, bool)
                            and not isinstance(lon, bool)
                            and -90 <= lat <= 90
                            and -180 <= lon <= 180
                        ):
                            kind = point.get("type")
                            found[title] = Coordinates(
                                float(lat),
                                float(lon),
                                kind[:40].lower() if isinstance(kind, str) else "",
                            )
        return found

    def global_account(self, user: str) -> GlobalAccount | None:
        """The CentralAuth view of the account; ``None`` when there is no global account.

        Raises :class:`MediaWikiUnsupported` on a wiki without CentralAuth and
        :class:`ForeignAnswer` when the answer names another account.
        """
        part = next(
            self.query({"meta": "globaluserinfo", "guiuser": user, "guiprop": "merged|editcount"}),
            {},
        )
        info = _dict(part.get("globaluserinfo"))
        if not info:
            raise MediaWikiUnsupported(
                _("{host} gave no global account information").format(host=self.host)
            )
        if info.get("missing"):
            return None
        answered = info.get("name", user)
        if not isinstance(answered, str) or normal_name(answered) != normal_name(user):
            raise foreign_answer(self.host, f"User:{answered}")
        wikis: list[AttachedWiki] = []
        skipped: list[str] = []
        for raw in _list(info.get("merged")):
            entry = _attached(raw)
            if isinstance(entry, AttachedWiki):
                wikis.append(entry)
            else:
                skipped.append(entry)
        home = info.get("home")
        if home is not None and not (isinstance(home, str) and home):
            skipped.append(_("a home wiki that is not a wiki id"))
            home = None
        edits = info.get("editcount")
        if edits is not None and (not isinstance(edits, int) or isinstance(edits, bool)):
            skipped.append(_("an edit count that is not a number"))
            edits = None
        return GlobalAccount(
            home=home if isinstance(home, str) else None,
            edit_count=edits
            if isinstance(edits, int) and edits > 0
            else sum(w.edits for w in wikis),
            wikis=tuple(wikis),
            skipped=tuple(skipped),
        )


# ---------------------------------------------------------------------- parsing helpers


def _dict(value: object) -> Json:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):  # formatversion=1 shapes, from wikis that ignore the flag
        return list(value.values())
    return []


def _str_or_none(value: object) -> str | None:
    return str(value) if isinstance(value, str | int) and str(value) else None


def _batches(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _namespace_names(part: Json, namespace: int) -> frozenset[str]:
    names: set[str] = set()
    for ns in _list(part.get("namespaces")):
        ns = _dict(ns)
        if ns.get("id") == namespace:
            names.update(str(ns.get(k)) for k in ("name", "canonical") if ns.get(k))
    for alias in _list(part.get("namespacealiases")):
        alias = _dict(alias)
        if alias.get("id") == namespace and alias.get("alias"):
            names.add(str(alias["alias"]))
    return frozenset(n.lower() for n in names)


def _article_path(value: object) -> str:
    """``/wiki/$1``; a path that is not one (``//elsewhere/$1``, no ``$1``) is not used."""
    good = isinstance(value, str) and value.startswith("/") and not value.startswith("//")
    return value if good and isinstance(value, str) and "$1" in value else "/wiki/$1"


def _absolute_server(server: str, api_url: str) -> str:
    if server.startswith("//"):
        return (urlsplit(api_url).scheme or "https") + ":" + server
    if not server:
        parts = urlsplit(api_url)
        return f"{parts.scheme}://{parts.netloc}"
    return server


def _revision(raw: object) -> Revision:
    rev = _dict(raw)
    main = _dict(_dict(rev.get("slots")).get("main"))
    text = main.get("content") if not main.get("texthidden") else None
    if text is None and "*" in rev:  # pre-slots shape
        text = rev.get("*")
    return Revision(
        revid=int(rev.get("revid", 0) or 0),
        timestamp=str(rev.get("timestamp", "")),
        text=text if isinstance(text, str) else None,
    )


def metadata_map(items: object) -> dict[str, Any]:
    """``[{"name": ..., "value": ...}]`` (nested for XMP) → a flat name → value mapping."""
    flat: dict[str, Any] = {}
    for item in _list(items):
        entry = _dict(item)
        name = entry.get("name")
        value = entry.get("value")
        if not isinstance(name, str):
            continue
        if (
            isinstance(value, list)
            and value
            and all(isinstance(v, dict) and "name" in v for v in value)
        ):
            for key, inner in metadata_map(value).items():
                flat.setdefault(key, inner)
            continue
        flat.setdefault(name, value)
    return flat


def _file_info(page: Json) -> FileInfo:
    title = str(page.get("title", ""))
    infos = _list(page.get("imageinfo"))
    if page.get("missing") and not infos:
        return FileInfo(title, False, None, None, None, None, None, {}, {})
    latest = _dict(infos[0]) if infos else {}
    metadata = metadata_map(latest.get("metadata"))
    for key, value in metadata_map(latest.get("commonmetadata")).items():
        metadata.setdefault(key, value)
    ext = {
        str(k): str(_dict(v).get("value", "")) for k, v in _dict(latest.get("extmetadata")).items()
    }
    return FileInfo(
        title=title,
        exists=bool(infos),
        uploader=_str_or_none(latest.get("user")),
        timestamp=_str_or_none(latest.get("timestamp")),
        url=_str_or_none(latest.get("url")),
        description_url=_str_or_none(latest.get("descriptionurl")),
        mime=_str_or_none(latest.get("mime")),
        metadata=metadata,
        extmetadata=ext,
    )
