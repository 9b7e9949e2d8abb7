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
from hygiene_audit.wiki.mediawiki import FileInfo, MediaWikiClient, SiteInfo

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


def read_history(
    client: MediaWikiClient, site: SiteInfo, title: str, limit: int, *, is_global: bool = False
) -> UserPage:
    """One page with up to ``limit`` revisions, newest first."""
    history = client.history(title, limit)
    return UserPage(
        site=site.host,
        title=history.title,
        url=site.page_url(history.title),
        versions=tuple(PageVersion(r.revid, r.timestamp, r.text) for r in history.revisions),
        truncated=history.truncated,
        is_global=is_global,
        file_prefixes=site.file_prefixes,
    )


def photo_of(info: FileInfo, site: str, *, by_user: bool, on_page: bool) -> Photo:
    name = info.title.split(":", 1)[-1]
    return Photo(
        name=name,
        where=info.description_url or info.title,
        site=site,
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
        return [read_history(client, site, title, limit) for title in presence.subpages]
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
    """Everything the exposure check reads about ``username``; raises :class:`UserNotFound`."""
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
    step(_("user page history"))
    pages = [read_history(wiki, site, f"User:{user.name}", history_limit)]
    pages += subpages(wiki, site, user.name, history_limit, unread)
    if meta is not None and meta.host != wiki.host:
        step(_("global user page"))
        try:
            pages.append(
                read_history(
                    meta, meta.siteinfo(), f"User:{user.name}", history_limit, is_global=True
                )
            )
        except NetworkError as exc:
            unread.append(_("global user page: {error}").format(error=exc))

    photos: dict[tuple[str, str], Photo] = {}
    step(_("uploads"))
    for client in (wiki, commons):
        if client is None or (client is commons and client.host == wiki.host):
            continue
        try:
            titles = client.uploads(user.name)
            host = client.siteinfo().host
            for info in client.file_info(titles):
                if info.exists and (info.mime or "").startswith(PHOTO_MIMES):
                    photos[(host, info.title)] = photo_of(info, host, by_user=True, on_page=False)
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
                shown = photo_of(info, site.host, by_user=by_user, on_page=True)
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
    )
