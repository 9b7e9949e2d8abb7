"""Exposure material from the MediaWiki Action API: the home wiki, Commons and Meta.

Read: the user's public account facts, the user page and its subpages with their revisions
(up to the cap), the global user page on Meta, the files the user page shows, and the user's
own uploads on the home wiki and on Commons with their metadata. Each wiki is asked one
request at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hygiene_audit.core.errors import NetworkError, UserNotFound
from hygiene_audit.exposure.material import (
    AccountFacts,
    ExposureMaterial,
    PageVersion,
    Photo,
    PhotoMetadata,
    UserPage,
)
from hygiene_audit.i18n import _
from hygiene_audit.safety.hosts import site_of
from hygiene_audit.wiki.mediawiki import (
    FileInfo,
    ForeignAnswer,
    MediaWikiClient,
    SiteInfo,
    foreign_answer,
)
from hygiene_audit.wiki.wikimedia import is_wikimedia_host

SERIAL_KEYS = ("BodySerialNumber", "SerialNumber", "InternalSerialNumber", "CameraSerialNumber")
OWNER_KEYS = ("CameraOwnerName", "OwnerName", "Artist", "Creator", "Author")
TAKEN_KEYS = ("DateTimeOriginal", "DateTimeDigitized", "DateCreated")
PHOTO_MIMES = ("image/jpeg", "image/tiff", "image/png", "image/webp", "image/heic")


def _float(value: object) -> float | None:
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number


def _first(mapping: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = mapping.get(key)
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
    return None


def metadata_from_api(info: FileInfo) -> PhotoMetadata:
    """EXIF/XMP as MediaWiki reports it (``metadata``, ``commonmetadata``, ``extmetadata``)."""
    meta, ext = info.metadata, info.extmetadata
    lat, lon = _float(meta.get("GPSLatitude")), _float(meta.get("GPSLongitude"))
    source = "EXIF GPS" if lat is not None and lon is not None else None
    if source is None:
        lat, lon = _float(ext.get("GPSLatitude")), _float(ext.get("GPSLongitude"))
        source = _("file description page") if lat is not None and lon is not None else None
    make, model = _first(meta, ("Make",)), _first(meta, ("Model",))
    camera = " ".join(dict.fromkeys(p for p in (make, model) if p)) or None
    if make and model and model.startswith(make):
        camera = model
    return PhotoMetadata(
        latitude=lat if source else None,
        longitude=lon if source else None,
        coordinates_from=source,
        serial=_first(meta, SERIAL_KEYS),
        owner=_first(meta, OWNER_KEYS),
        taken_at=_first(meta, TAKEN_KEYS),
        camera=camera,
    )


def claims(site: SiteInfo) -> list[str]:
    """One line when a wiki's siteinfo names another server than the one asked."""
    if site.claimed is None:
        return []
    return [
        _(
            "{host} claims to be {claimed} (its site information); its answers are filed "
            "under {host}, the address asked"
        ).format(host=site.host, claimed=site.claimed)
    ]


def read_history(
    client: MediaWikiClient,
    site: SiteInfo,
    title: str,
    limit: int,
    username: str,
    *,
    is_global: bool = False,
) -> UserPage:
    """One of ``username``'s pages with up to ``limit`` revisions, newest first; raises
    :class:`ForeignAnswer` when the title asked or the title answered is not
    ``User:<username>`` or under it."""
    if not site.owns(title, username):
        raise foreign_answer(site.host, title)
    history = client.history(title, limit)
    if not site.owns(history.title, username):
        raise foreign_answer(site.host, history.title)
    return UserPage(
        site=site.host,
        title=history.title,
        url=site.page_url(history.title),
        versions=tuple(PageVersion(r.revid, r.timestamp, r.text) for r in history.revisions),
        truncated=history.truncated,
        is_global=is_global,
        file_prefixes=site.file_prefixes,
    )


def photo_of(info: FileInfo, site: SiteInfo, *, by_user: bool, on_page: bool) -> Photo:
    """A photo of ``site`` (the wiki asked). Its description page is the wiki's own link when
    that is on the host asked, or on Wikimedia for a Wikimedia wiki (Commons' files shown on
    every wiki); any other link the answer gives is not used, so a wiki cannot file a photo
    under another wiki."""
    name = info.title.split(":", 1)[-1]
    where = info.description_url
    if where is not None:
        linked = site_of(where)
        if linked != site.host and not (is_wikimedia_host(linked) and is_wikimedia_host(site.host)):
            where = None
    return Photo(
        name=name,
        where=where or site.page_url(info.title),
        site=site.host,
        uploaded_by_user=by_user,
        shown_on_userpage=on_page,
        metadata=metadata_from_api(info),
    )


def subpages(
    client: MediaWikiClient, site: SiteInfo, username: str, limit: int, unread: list[str]
) -> list[UserPage]:
    """``User:NAME/…`` pages with their histories; a failure is a line of ``unread``."""
    try:
        presence = client.user_pages(username)
        if presence.more_subpages:
            unread.append(
                _("{host}: only the first {n} subpages were read").format(
                    host=site.host, n=len(presence.subpages)
                )
            )
        return [read_history(client, site, title, limit, username) for title in presence.subpages]
    except ForeignAnswer:
        raise  # the whole wiki is not used
    except NetworkError as exc:
        unread.append(_("subpages on {host}: {error}").format(host=site.host, error=exc))
        return []


def collect_online(
    wiki: MediaWikiClient,
    username: str,
    history_limit: int,
    *,
    commons: MediaWikiClient | None = None,
    meta: MediaWikiClient | None = None,
    step: Callable[[str], None] = lambda _what: None,
) -> ExposureMaterial:
    """Everything the exposure check reads about ``username``; raises :class:`UserNotFound`,
    and :class:`ForeignAnswer` when the wiki answers about another account (Meta doing so
    only loses the global user page, said in ``unusable``)."""
    site = wiki.siteinfo()
    step(_("account"))
    user = wiki.user(username)
    if user is None:
        raise UserNotFound(
            _("There is no user named '{user}' on {site}.").format(user=username, site=site.host)
        )
    account = AccountFacts(
        site=site.host, name=user.name, gender=user.gender, emailable=user.emailable
    )
    unread: list[str] = []
    said = claims(site)
    step(_("user page history"))
    unusable: list[str] = []
    pages = [read_history(wiki, site, f"User:{user.name}", history_limit, user.name)]
    pages += subpages(wiki, site, user.name, history_limit, unread)
    if meta is not None and meta.host != wiki.host:
        step(_("global user page"))
        try:
            said += claims(meta.siteinfo())
            pages.append(
                read_history(
                    meta,
                    meta.siteinfo(),
                    f"User:{user.name}",
                    history_limit,
                    user.name,
                    is_global=True,
                )
            )
        except ForeignAnswer as exc:
            unusable.append(_("global user page: {error}").format(error=exc))
        except NetworkError as exc:
            unread.append(_("global user page: {error}").format(error=exc))

    photos: dict[tuple[str, str], Photo] = {}
    step(_("uploads"))
    for client in (wiki, commons):
        if client is None or (client is commons and client.host == wiki.host):
            continue
        try:
            titles = client.uploads(user.name)
            files_site = client.siteinfo()
            host = files_site.host
            said += claims(client.siteinfo()) if client is commons else []
            for info in client.file_info(titles):
                if info.exists and (info.mime or "").startswith(PHOTO_MIMES):
                    photos[(host, info.title)] = photo_of(
                        info, files_site, by_user=True, on_page=False
                    )
        except NetworkError as exc:
            unread.append(_("uploads on {host}: {error}").format(host=client.host, error=exc))

    step(_("files on the user page"))
    page = pages[0]
    if page.exists:
        try:
            for info in wiki.file_info(wiki.page_files(page.title)):
                if not info.exists:
                    continue
                by_user = info.uploader == user.name or any(
                    key[1].split(":", 1)[-1] == info.title.split(":", 1)[-1] for key in photos
                )
                shown = photo_of(info, site, by_user=by_user, on_page=True)
                same = [k for k in photos if k[1].split(":", 1)[-1] == shown.name]
                for key in same:
                    photos.pop(key)
                photos[(site.host, info.title)] = shown
        except NetworkError as exc:
            unread.append(_("files on the user page: {error}").format(error=exc))

    return ExposureMaterial(
        pages=tuple(pages),
        photos=tuple(photos.values()),
        account=account,
        language=site.language,
        unread=tuple(unread),
        unusable=tuple(unusable),
        said=tuple(said),
    )
