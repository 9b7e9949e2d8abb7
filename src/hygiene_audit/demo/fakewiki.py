"""An in-process MediaWiki Action API, answering from data in memory.

It serves the demo persona (so the demo runs the real client, parsers and detectors with no
network) and the unit tests. It answers the subset of the API the tool uses, in the shapes
MediaWiki 1.39 gives with ``formatversion=2`` (checked against a real wiki by the integration
tier): siteinfo, users, revisions with continuation, upload log events, images, imageinfo and
— when enabled — CentralAuth's globaluserinfo. Hosts it does not know get a connection error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx


@dataclass(frozen=True)
class FakeRevision:
    revid: int
    timestamp: str
    text: str
    user: str = ""
    hidden: bool = False


@dataclass(frozen=True)
class FakeFile:
    name: str  # without "File:"
    uploader: str
    timestamp: str
    metadata: tuple[tuple[str, Any], ...] = ()
    extmetadata: tuple[tuple[str, str], ...] = ()
    mime: str = "image/jpeg"


@dataclass(frozen=True)
class FakeUser:
    name: str
    userid: int
    editcount: int = 0
    registration: str = "2015-03-01T10:00:00Z"
    gender: str = "unknown"
    emailable: bool = False


@dataclass
class FakeWiki:
    host: str
    lang: str = "en"
    sitename: str = "Wikipedia"
    file_namespace: str = "File"
    file_aliases: tuple[str, ...] = ("Image",)
    users: dict[str, FakeUser] = field(default_factory=dict)
    pages: dict[str, list[FakeRevision]] = field(default_factory=dict)  # oldest first
    page_files: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, FakeFile] = field(default_factory=dict)
    global_accounts: dict[str, dict[str, Any]] | None = None  # None: no CentralAuth
    contributions: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    # user → edits (timestamp, title, namespace), newest first
    coordinates: dict[str, tuple[float, float]] | None = None  # None: no GeoData
    coordinate_types: dict[str, str] = field(default_factory=dict)  # GeoData's type: (edu, …)
    scheme: str = "https"

    @property
    def server(self) -> str:
        return f"{self.scheme}://{self.host}"


def _normalise(title: str) -> str:
    title = title.replace("_", " ").strip()
    return title[:1].upper() + title[1:]


class FakeWikiTransport(httpx.BaseTransport):
    """Serves one or more :class:`FakeWiki` by host; records every request it answers."""

    def __init__(
        self, *wikis: FakeWiki, fallback: Callable[[httpx.Request], httpx.Response] | None = None
    ) -> None:
        self.wikis = {w.host: w for w in wikis}
        self.requests: list[httpx.Request] = []
        self._fallback = fallback

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        host = request.url.raw_host.decode("ascii")  # what a server sees: punycode (IDNA)
        wiki = self.wikis.get(host)
        if wiki is None:
            if self._fallback is not None:
                return self._fallback(request)
            raise httpx.ConnectError(f"no fake wiki at {host}", request=request)
        params = dict(request.url.params)
        body = _answer(wiki, params)
        return httpx.Response(200, json=body, headers={"Content-Type": "application/json"})


def _answer(wiki: FakeWiki, p: Mapping[str, str]) -> dict[str, Any]:
    if p.get("action") != "query":
        return {"error": {"code": "badvalue", "info": 'Unrecognized value for parameter "action"'}}
    query: dict[str, Any] = {}
    out: dict[str, Any] = {"batchcomplete": True, "query": query}
    meta = p.get("meta", "")
    if meta == "siteinfo":
        query.update(_siteinfo(wiki))
    elif meta == "globaluserinfo":
        if wiki.global_accounts is None:
            return {
                "batchcomplete": True,
                "warnings": {
                    "main": {"warnings": "Unrecognized parameters: guiuser, guiprop."},
                    "query": {
                        "warnings": 'Unrecognized value for parameter "meta": globaluserinfo'
                    },
                },
            }
        name = _normalise(p.get("guiuser", ""))
        query["globaluserinfo"] = wiki.global_accounts.get(name, {"missing": True})
    if p.get("list") == "users":
        query["users"] = [_user(wiki, _normalise(n)) for n in p.get("ususers", "").split("|")]
    if p.get("list") == "logevents":
        return _logevents(wiki, p, out)
    if p.get("list") == "usercontribs":
        edits = wiki.contributions.get(_normalise(p.get("ucuser", "")), [])
        start = int(p.get("uccontinue", "0").split("|")[-1] or 0)
        limit = min(int(p.get("uclimit", "10")), 500)
        query["usercontribs"] = [
            {"userid": 1, "ns": ns, "title": title, "timestamp": stamp}
            for stamp, title, ns in edits[start : start + limit]
        ]
        if start + limit < len(edits):
            out["continue"] = {"uccontinue": f"20200101000000|{start + limit}", "continue": "-||"}
        return out
    if p.get("list") == "allpages":
        prefix = "User:" + _normalise(p.get("apprefix", ""))
        limit = int(p.get("aplimit", "10"))
        found = sorted(t for t in wiki.pages if t.startswith(prefix))
        query["allpages"] = [
            {"pageid": 1000 + list(wiki.pages).index(t), "ns": 2, "title": t} for t in found[:limit]
        ]
        if len(found) > limit:
            out["continue"] = {"apcontinue": found[limit][5:], "continue": "-||"}
    prop = p.get("prop", "")
    if prop == "info":
        title = _normalise(p.get("titles", ""))
        query["pages"] = [
            {"pageid": 1000 + list(wiki.pages).index(title), "ns": 2, "title": title}
            if title in wiki.pages
            else {"ns": 2, "title": title, "missing": True}
        ]
    if prop == "coordinates":
        if wiki.coordinates is None:
            return {
                "batchcomplete": True,
                "warnings": {
                    "query": {"warnings": 'Unrecognized value for parameter "prop": coordinates'}
                },
            }
        query["pages"] = [
            {
                "ns": 0,
                "title": t,
                "coordinates": [
                    {"lat": c[0], "lon": c[1], "primary": True, "globe": "earth"}
                    | _coordinate_props(wiki, _normalise(t), p.get("coprop", ""))
                ],
            }
            if (c := wiki.coordinates.get(_normalise(t)))
            else {"ns": 0, "title": _normalise(t)}
            for t in p.get("titles", "").split("|")
        ]
    if prop == "revisions":
        return _revisions(wiki, p, out)
    if prop == "images":
        title = _normalise(p.get("titles", ""))
        page: dict[str, Any] = {"ns": 2, "title": title}
        if title in wiki.pages:
            page["pageid"] = 1000 + list(wiki.pages).index(title)
            page["images"] = [
                {"ns": 6, "title": f"File:{n}"} for n in wiki.page_files.get(title, [])
            ]
        else:
            page["missing"] = True
        query["pages"] = [page]
    if prop == "imageinfo":
        query["pages"] = [_imageinfo(wiki, t) for t in p.get("titles", "").split("|")]
    return out


def _siteinfo(wiki: FakeWiki) -> dict[str, Any]:
    return {
        "general": {
            "mainpage": "Main Page",
            "sitename": wiki.sitename,
            "lang": wiki.lang,
            "rtl": wiki.lang in ("ar", "fa", "he", "ur"),
            "server": wiki.server,
            "articlepath": "/wiki/$1",
            "scriptpath": "/w",
            "generator": "MediaWiki 1.39.17",
            "case": "first-letter",
        },
        "namespaces": [
            {
                "id": 2,
                "case": "first-letter",
                "name": "User",
                "canonical": "User",
                "subpages": True,
                "content": False,
                "nonincludable": False,
            },
            {
                "id": 6,
                "case": "first-letter",
                "name": wiki.file_namespace,
                "canonical": "File",
                "subpages": False,
                "content": False,
                "nonincludable": False,
            },
        ],
        "namespacealiases": [{"id": 6, "alias": a} for a in wiki.file_aliases],
    }


def _user(wiki: FakeWiki, name: str) -> dict[str, Any]:
    user = wiki.users.get(name)
    if user is None:
        return {"name": name, "missing": True}
    return {
        "userid": user.userid,
        "name": user.name,
        "editcount": user.editcount,
        "registration": user.registration,
        "emailable": user.emailable,
        "gender": user.gender,
    }


def _revisions(wiki: FakeWiki, p: Mapping[str, str], out: dict[str, Any]) -> dict[str, Any]:
    title = _normalise(p.get("titles", ""))
    history = wiki.pages.get(title)
    if history is None:
        out["query"]["pages"] = [{"ns": 2, "title": title, "missing": True}]
        return out
    newest_first = sorted(history, key=lambda r: r.revid, reverse=True)
    start = int(p.get("rvcontinue", "0|0").split("|")[-1] or 0)
    if start:
        newest_first = [r for r in newest_first if r.revid <= start]
    limit = int(p.get("rvlimit", "1"))
    chunk, rest = newest_first[:limit], newest_first[limit:]
    revisions = []
    for rev in chunk:
        main: dict[str, Any] = {"contentmodel": "wikitext", "contentformat": "text/x-wiki"}
        if rev.hidden:
            main["texthidden"] = True
        else:
            main["content"] = rev.text
        revisions.append(
            {
                "revid": rev.revid,
                "parentid": 0,
                "user": rev.user or title[5:],
                "timestamp": rev.timestamp,
                "slots": {"main": main},
            }
        )
    out["query"]["pages"] = [
        {
            "pageid": 1000 + list(wiki.pages).index(title),
            "ns": 2,
            "title": title,
            "revisions": revisions,
        }
    ]
    if rest:
        out.pop("batchcomplete", None)
        nxt = rest[0]
        stamp = nxt.timestamp.replace("-", "").replace(":", "").replace("T", "").rstrip("Z")
        out["continue"] = {"rvcontinue": f"{stamp}|{nxt.revid}", "continue": "||"}
    return out


def _logevents(wiki: FakeWiki, p: Mapping[str, str], out: dict[str, Any]) -> dict[str, Any]:
    user = _normalise(p.get("leuser", ""))
    events = sorted(
        (f for f in wiki.files.values() if f.uploader == user),
        key=lambda f: f.timestamp,
        reverse=True,
    )
    start = int(p.get("lecontinue", "0|0").split("|")[-1] or 0)
    limit = int(p.get("lelimit", "500")) if p.get("lelimit", "max") != "max" else 500
    chunk = events[start : start + limit]
    out["query"]["logevents"] = [
        {
            "logid": 1 + start + i,
            "ns": 6,
            "title": f"File:{f.name}",
            "type": "upload",
            "action": "upload",
            "user": f.uploader,
            "timestamp": f.timestamp,
        }
        for i, f in enumerate(chunk)
    ]
    if start + limit < len(events):
        out["continue"] = {"lecontinue": f"20200101000000|{start + limit}", "continue": "-||"}
    return out


def _imageinfo(wiki: FakeWiki, title: str) -> dict[str, Any]:
    title = _normalise(title)
    name = title.split(":", 1)[-1]
    item = wiki.files.get(name)
    if item is None:
        return {"ns": 6, "title": f"File:{name}", "missing": True, "imagerepository": ""}
    url_name = quote(name.replace(" ", "_"))
    meta = [{"name": k, "value": v} for k, v in item.metadata]
    return {
        "pageid": 5000 + list(wiki.files).index(name),
        "ns": 6,
        "title": f"File:{name}",
        "imagerepository": "local",
        "imageinfo": [
            {
                "timestamp": item.timestamp,
                "user": item.uploader,
                "url": f"{wiki.server}/images/{url_name}",
                "descriptionurl": f"{wiki.server}/wiki/File:{url_name}",
                "metadata": [*meta, {"name": "MEDIAWIKI_EXIF_VERSION", "value": 2}],
                "commonmetadata": meta,
                "extmetadata": {
                    k: {"value": v, "source": "commons-desc-page", "hidden": ""}
                    for k, v in item.extmetadata
                },
                "mime": item.mime,
            }
        ],
    }


def _coordinate_props(wiki: FakeWiki, title: str, coprop: str) -> dict[str, Any]:
    """The point's ``type``, as GeoData adds it when ``coprop`` asks and the article gave one."""
    kind = wiki.coordinate_types.get(title)
    return {"type": kind} if kind and "type" in coprop.split("|") else {}
