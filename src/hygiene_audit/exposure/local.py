"""Exposure material from local files, with no network.

``--userpage-file`` (repeatable): the wikitext of a user page, or a Special:Export XML file,
which carries the page history too (Special:Export → "include all revisions") and may hold
several pages (the user page and its subpages); its ``<base>`` names the wiki and its
``xml:lang`` the language the page is read in. ``--photos DIR``: the photos you uploaded or plan
to upload; their EXIF is read with Pillow.
"""

from __future__ import annotations

import io
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException
from PIL import ExifTags, Image, UnidentifiedImageError

from hygiene_audit.core.errors import ExposureSourceError, InputFileError
from hygiene_audit.detectors.wikitext import OFFLINE_FILE_PREFIXES
from hygiene_audit.exposure.material import (
    ExposureMaterial,
    PageVersion,
    Photo,
    PhotoMetadata,
    UserPage,
)
from hygiene_audit.i18n import _
from hygiene_audit.safety.bounded_io import InputTooLarge, read_bounded
from hygiene_audit.safety.hosts import site_of

MAX_USERPAGE_BYTES = 64 * 1024 * 1024
MAX_PHOTOS = 5000
MAX_EXPORT_PAGES = 500  # pages read from one Special:Export file (a user's pages, not a dump)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".tif", ".tiff", ".png", ".webp", ".heic", ".heif"})
GPS = ExifTags.GPS
TAG = ExifTags.Base


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass(frozen=True)
class ExportedPages:
    """What one ``--userpage-file`` holds: its pages, and the wiki they came from."""

    pages: tuple[UserPage, ...]
    language: str | None = None  # an export's xml:lang; None for plain wikitext


def _export_site(base: str | None, path: Path) -> tuple[str, str | None]:
    """(site, page URL base) from an export's <siteinfo><base>: "https://et.wikipedia.org/
    wiki/Esileht" → et.wikipedia.org; a file without one is named by its file name."""
    parts = urlsplit(base or "")
    if parts.scheme in ("http", "https") and parts.hostname:
        return site_of(base or ""), f"{parts.scheme}://{parts.netloc}"
    return path.name, None


def _read_export(data: bytes, path: Path) -> ExportedPages:
    """A Special:Export dump: every page in it, each with its revisions newest first. Parsed
    with defusedxml: entity expansion and external entities are refused."""
    pages: list[UserPage] = []
    language: str | None = None
    base: str | None = None
    title: str | None = None
    versions: list[PageVersion] = []
    try:
        for _event, element in DefusedET.iterparse(io.BytesIO(data), events=("start", "end")):
            name = _local_name(element.tag)
            if _event == "start":
                if name == "mediawiki":
                    language = element.attrib.get(XML_LANG) or None
                continue
            if name == "base" and base is None and element.text:
                base = element.text.strip()
            elif name == "title" and title is None and element.text:
                title = element.text
            elif name == "revision":
                fields = {_local_name(child.tag): child for child in element}
                revid = fields.get("id")
                text = fields.get("text")
                hidden = text is not None and "deleted" in text.attrib
                versions.append(
                    PageVersion(
                        revid=int(revid.text) if revid is not None and revid.text else None,
                        timestamp=fields["timestamp"].text if "timestamp" in fields else None,
                        text=None if hidden or text is None else (text.text or ""),
                    )
                )
                element.clear()
            elif name == "page":
                if len(pages) < MAX_EXPORT_PAGES:
                    pages.append(_exported_page(path, base, title or path.name, versions))
                title, versions = None, []
                element.clear()
    except (ET.ParseError, DefusedXmlException) as exc:
        raise ExposureSourceError(
            _("{path} is not a complete Special:Export XML file ({error})").format(
                path=path, error=exc
            )
        ) from exc
    return ExportedPages(tuple(pages), language)


def _exported_page(
    path: Path, base: str | None, title: str, versions: list[PageVersion]
) -> UserPage:
    site, server = _export_site(base, path)
    versions.sort(key=lambda v: (v.timestamp or "", v.revid or 0), reverse=True)
    url = f"{server}/wiki/{quote(title.replace(' ', '_'), safe=':/')}" if server else None
    return UserPage(
        site=site,
        title=title,
        url=url,
        versions=tuple(versions),
        file_prefixes=OFFLINE_FILE_PREFIXES,
    )


def read_userpage_file(path: Path) -> ExportedPages:
    try:
        data = read_bounded(path, MAX_USERPAGE_BYTES)
    except InputTooLarge as exc:
        raise ExposureSourceError(
            _("{path} is larger than {mb} MB; is it a user page?").format(
                path=path, mb=MAX_USERPAGE_BYTES // (1024 * 1024)
            )
        ) from exc
    except InputFileError as exc:
        raise ExposureSourceError(exc.message) from exc
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<mediawiki") or (head.startswith(b"<?xml") and b"<mediawiki" in head):
        return _read_export(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExposureSourceError(
            _("{path} is not UTF-8 text (wikitext is UTF-8)").format(path=path)
        ) from exc
    if "\x00" in text:
        raise ExposureSourceError(_("{path} is a binary file, not wikitext").format(path=path))
    return ExportedPages(
        (
            UserPage(
                site=path.name,
                title=path.stem,
                url=None,
                versions=(PageVersion(None, None, text),),
                file_prefixes=OFFLINE_FILE_PREFIXES,
            ),
        )
    )


def _rational(value: object) -> float:
    return float(value)  # type: ignore[arg-type]  # IFDRational and int both convert


def _degrees(parts: object, ref: object) -> float | None:
    try:
        d, m, s = (_rational(p) for p in parts)  # type: ignore[attr-defined]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = d + m / 60 + s / 3600
    if str(ref).strip().upper() in ("S", "W"):
        value = -value
    return value


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value).strip("\x00 ").strip() if value is not None else ""
    return text or None


def read_photo_metadata(path: Path) -> PhotoMetadata:
    """EXIF of one image (raises ``OSError``/``UnidentifiedImageError`` if unreadable)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            exif = image.getexif()
    base = dict(exif)
    detail = dict(exif.get_ifd(ExifTags.IFD.Exif))
    gps = dict(exif.get_ifd(ExifTags.IFD.GPSInfo))
    lat = (
        _degrees(gps.get(GPS.GPSLatitude), gps.get(GPS.GPSLatitudeRef))
        if GPS.GPSLatitude in gps
        else None
    )
    lon = (
        _degrees(gps.get(GPS.GPSLongitude), gps.get(GPS.GPSLongitudeRef))
        if GPS.GPSLongitude in gps
        else None
    )
    has_position = lat is not None and lon is not None
    make, model = _text(base.get(TAG.Make)), _text(base.get(TAG.Model))
    camera = (
        model
        if make and model and model.startswith(make)
        else (" ".join(p for p in (make, model) if p) or None)
    )
    return PhotoMetadata(
        latitude=lat if has_position else None,
        longitude=lon if has_position else None,
        coordinates_from="EXIF GPS" if has_position else None,
        serial=_text(detail.get(TAG.BodySerialNumber)) or _text(base.get(TAG.BodySerialNumber)),
        owner=_text(detail.get(TAG.CameraOwnerName)) or _text(base.get(TAG.Artist)),
        taken_at=_text(detail.get(TAG.DateTimeOriginal)) or _text(base.get(TAG.DateTime)),
        camera=camera,
    )


def read_photos(directory: Path) -> tuple[list[Photo], list[str]]:
    if not directory.is_dir():
        raise ExposureSourceError(_("Photo directory not found: {path}").format(path=directory))
    photos: list[Photo] = []
    unread: list[str] = []
    files = sorted(
        p for p in directory.rglob("*") if p.suffix.lower() in PHOTO_SUFFIXES and p.is_file()
    )
    for path in files[:MAX_PHOTOS]:
        try:
            metadata = read_photo_metadata(path)
        except Image.DecompressionBombError:
            unread.append(
                _(
                    "{path}: refused: the image claims more pixels than any photo "
                    "(a decompression bomb)"
                ).format(path=path.name)
            )
            continue
        except Exception as exc:  # one unreadable photo is a line; the others still count
            reason = (
                _("not an image Pillow can read")
                if isinstance(exc, UnidentifiedImageError)
                else type(exc).__name__
            )
            unread.append(_("{path}: {reason}").format(path=path.name, reason=reason))
            continue
        photos.append(
            Photo(
                name=path.name,
                where=str(path),
                site=str(directory),
                uploaded_by_user=True,
                shown_on_userpage=False,
                metadata=metadata,
            )
        )
    if len(files) > MAX_PHOTOS:
        unread.append(_("only the first {n} photos were read").format(n=MAX_PHOTOS))
    return photos, unread


def collect_local(
    userpage_files: Sequence[Path], photos_dir: Path | None
) -> tuple[ExposureMaterial, ...]:
    """One material per user-page file (an export carries its wiki's language, so each is
    read in its own language); the photos go with the first. A file that cannot be read is an
    ``unusable`` input (the report says it is incomplete, first) while the others still count;
    when none can be read and there are no photos, the first error stands."""
    materials: list[ExposureMaterial] = []
    errors: list[ExposureSourceError] = []
    for path in userpage_files:
        try:
            exported = read_userpage_file(path)
        except ExposureSourceError as exc:
            errors.append(exc)
            continue
        materials.append(ExposureMaterial(pages=exported.pages, language=exported.language))
    if errors and not materials and photos_dir is None:
        raise errors[0]
    photos: list[Photo] = []
    unread: list[str] = []
    if photos_dir is not None:
        photos, unread = read_photos(photos_dir)
    # the photos go with the first page: its captions say which photo shows the user
    first = materials[0] if materials else ExposureMaterial()
    materials[:1] = [
        ExposureMaterial(
            pages=first.pages,
            photos=tuple(photos),
            language=first.language,
            unread=tuple(unread),
            unusable=tuple(e.message for e in errors),
        )
    ]
    return tuple(materials)
