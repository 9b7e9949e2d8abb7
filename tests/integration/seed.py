"""Seeds fictional editors into a real MediaWiki through its API, as their users would.

Back-dated user-page history goes in through ``action=import`` (an XML dump, as Special:Import
does); photos are uploaded by the editor's own account, with EXIF (GPS, Artist, capture time)
and XMP (camera serial) written by Pillow; the current user page is an ordinary edit.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

import httpx
from PIL import Image
from PIL.ExifTags import IFD

ADMIN = ("TestAdmin", "test-admin-pw-0815")
PASSWORD = "seeded-editor-pw-4711"  # a throwaway account on a throwaway local wiki


class Session:
    def __init__(self, api: str, user: str, password: str) -> None:
        self.api = api
        self.http = httpx.Client(timeout=60)
        token = self.token("login")
        answer = self.http.post(
            api,
            data={
                "action": "clientlogin",
                "username": user,
                "password": password,
                "logintoken": token,
                "loginreturnurl": "http://127.0.0.1/",
                "format": "json",
            },
        ).json()
        if answer.get("clientlogin", {}).get("status") != "PASS":
            raise RuntimeError(f"login as {user} failed: {answer}")

    def token(self, kind: str = "csrf") -> str:
        answer = self.http.get(
            self.api, params={"action": "query", "meta": "tokens", "type": kind, "format": "json"}
        ).json()
        return str(answer["query"]["tokens"][f"{kind}token"])

    def post(
        self, files: dict[str, tuple[str, bytes, str]] | None = None, **data: str
    ) -> dict[str, Any]:
        answer = self.http.post(self.api, data={**data, "format": "json"}, files=files).json()
        if "error" in answer:
            raise RuntimeError(f"{data.get('action')}: {answer['error']}")
        return dict(answer)


def create_account(admin: Session, name: str) -> None:
    answer = admin.post(
        action="createaccount",
        username=name,
        password=PASSWORD,
        retype=PASSWORD,
        createtoken=admin.token("createaccount"),
        createreturnurl="http://127.0.0.1/",
    )
    if answer["createaccount"]["status"] != "PASS":
        raise RuntimeError(f"createaccount {name}: {answer}")


def jpeg(
    *,
    gps: tuple[float, float] | None,
    artist: str | None,
    serial: str | None,
    color: tuple[int, int, int],
) -> bytes:
    image = Image.new("RGB", (64, 48), color)
    if gps is None and artist is None and serial is None:  # a clean photo: no metadata at all
        out = io.BytesIO()
        image.save(out, "JPEG")
        return out.getvalue()
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "Canon EOS 80D"
    if artist:
        exif[0x013B] = artist
    exif.get_ifd(IFD.Exif)[0x9003] = "2019:07:14 18:22:05"
    if gps:

        def dms(value: float) -> tuple[float, float, float]:
            value = abs(value)
            d = int(value)
            m = int((value - d) * 60)
            return float(d), float(m), round(((value - d) * 60 - m) * 60, 2)

        g = exif.get_ifd(IFD.GPSInfo)
        g[1], g[2] = ("N" if gps[0] >= 0 else "S"), dms(gps[0])
        g[3], g[4] = ("E" if gps[1] >= 0 else "W"), dms(gps[1])
    xmp = None
    if serial:
        xmp = (
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" '
            f'aux:SerialNumber="{serial}"/></rdf:RDF></x:xmpmeta>'
        ).encode()
    out = io.BytesIO()
    kwargs = {"exif": exif.tobytes()}
    if xmp:
        kwargs["xmp"] = xmp
    image.save(out, "JPEG", **kwargs)
    return out.getvalue()


@dataclass
class Revision:
    timestamp: str
    text: str


@dataclass
class Editor:
    name: str
    history: list[Revision]  # imported, oldest first, back-dated
    current: str  # the last edit, made by the editor
    uploads: dict[str, bytes] = field(default_factory=dict)
    subpages: dict[str, list[Revision]] = field(default_factory=dict)  # "Draft" → imported


def _page_xml(title: str, ns: int, user: str, revisions: list[Revision]) -> str:
    items = "".join(
        f"<revision><timestamp>{r.timestamp}</timestamp><contributor><username>{escape(user)}"
        f"</username></contributor><model>wikitext</model><format>text/x-wiki</format>"
        f'<text xml:space="preserve">{escape(r.text)}</text></revision>'
        for r in revisions
    )
    return f"<page><title>{escape(title)}</title><ns>{ns}</ns>{items}</page>"


def export_xml(title: str, user: str, revisions: list[Revision]) -> bytes:
    return (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">'
        f"{_page_xml(title, 2, user, revisions)}</mediawiki>"
    ).encode()


def seed_article_edits(api: str, user: str, pages: dict[str, list[Revision]]) -> int:
    """Back-dated edits of ``user`` to articles, with real revision timestamps: one XML dump
    imported with ``assignknownusers``, so each revision belongs to the local account and shows
    in its ``list=usercontribs``. Returns how many revisions the wiki took in."""
    admin = Session(api, *ADMIN)
    create_account(admin, user)
    dump = (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">'
        + "".join(_page_xml(title, 0, user, revisions) for title, revisions in pages.items())
        + "</mediawiki>"
    ).encode()
    answer = admin.post(
        action="import",
        interwikiprefix="seed",
        assignknownusers="1",
        token=admin.token(),
        files={"xml": ("dump.xml", dump, "application/xml")},
    )
    return sum(int(page["revisions"]) for page in answer["import"])


def seed(api: str, editors: list[Editor]) -> dict[str, list[dict[str, Any]]]:
    """Create every editor; return each one's user-page revisions (revid, timestamp)."""
    admin = Session(api, *ADMIN)
    for editor in editors:
        create_account(admin, editor.name)
        title = f"User:{editor.name}"
        if editor.history:
            admin.post(
                action="import",
                interwikiprefix="seed",
                token=admin.token(),
                files={
                    "xml": (
                        "dump.xml",
                        export_xml(title, editor.name, editor.history),
                        "application/xml",
                    )
                },
            )
        own = Session(api, editor.name, PASSWORD)
        for name, data in editor.uploads.items():
            own.post(
                action="upload",
                filename=name,
                ignorewarnings="1",
                comment="own work",
                token=own.token(),
                files={"file": (name, data, "image/jpeg")},
            )
        own.post(
            action="edit", title=title, text=editor.current, summary="update", token=own.token()
        )
        for suffix, history in editor.subpages.items():
            admin.post(
                action="import",
                interwikiprefix="seed",
                token=admin.token(),
                files={
                    "xml": (
                        "dump.xml",
                        export_xml(f"{title}/{suffix}", editor.name, history),
                        "application/xml",
                    )
                },
            )
    return {editor.name: page_revisions(api, f"User:{editor.name}") for editor in editors}


def page_revisions(api: str, title: str) -> list[dict[str, Any]]:
    """Every revision of a page, newest first: revid, timestamp, text."""
    revisions: list[dict[str, Any]] = []
    cont: dict[str, str] = {}
    with httpx.Client(timeout=60) as http:
        while True:
            answer = http.get(
                api,
                params={
                    "action": "query",
                    "prop": "revisions",
                    "titles": title,
                    "rvprop": "ids|timestamp|content",
                    "rvslots": "main",
                    "rvlimit": "50",
                    "format": "json",
                    "formatversion": "2",
                    **cont,
                },
            ).json()
            for rev in answer["query"]["pages"][0].get("revisions", []):
                revisions.append(
                    {
                        "revid": rev["revid"],
                        "timestamp": rev["timestamp"],
                        "text": rev["slots"]["main"]["content"],
                    }
                )
            if "continue" not in answer:
                return revisions
            cont = answer["continue"]
