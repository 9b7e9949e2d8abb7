"""Exposure material from local files, with no network.

``--userpage-file``: the wikitext of the user page, or a Special:Export XML dump of it, which
carries the page history too (Special:Export → "include all revisions"). ``--photos DIR``:
the photos you uploaded or plan to upload; their EXIF is read with Pillow.
"""

from __future__ import annotations

import io
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException
from PIL import ExifTags, Image, UnidentifiedImageError

from hygiene_audit.detectors.wikitext import OFFLINE_FILE_PREFIXES
from hygiene_audit.errors import InputFileError
from hygiene_audit.exposure.interface import (
    ExposureMaterial,
    ExposureSourceError,
    PageVersion,
    Photo,
    PhotoMetadata,
    UserPage,
)
from hygiene_audit.i18n import _
from hygiene_audit.safe_io import InputTooLarge, read_bounded

MAX_USERPAGE_BYTES = 64 * 1024 * 1024
MAX_PHOTOS = 5000
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".tif", ".tiff", ".png", ".webp", ".heic", ".heif"})
GPS = ExifTags.GPS
TAG = ExifTags.Base


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_export(data: bytes, path: Path) -> UserPage:
    """A Special:Export dump: the first page, its revisions newest first. Parsed with
    defusedxml: entity expansion and external entities are refused."""
    title = path.name
    versions: list[PageVersion] = []
    try:
        for _event, element in DefusedET.iterparse(io.BytesIO(data), events=("end",)):
            name = _local_name(element.tag)
            if name == "title" and title == path.name and element.text:
                title = element.text
            elif name == "revision":
                fields = {_local_name(child.tag): child for child in element}
                revid = fields.get("id")
                text = fields.get("text")
                hidden = text is not None and "deleted" in text.attrib
                versions.append(PageVersion(
                    revid=int(revid.text) if revid is not None and revid.text else None,
                    timestamp=fields["timestamp"].text if "timestamp" in fields else None,
                    text=None if hidden or text is None else (text.text or ""),
                ))
                element.clear()
            elif name == "page" and versions:
                break
    except (ET.ParseError, DefusedXmlException) as exc:
        raise ExposureSourceError(
            _("{path} is not a complete Special:Export XML file ({error})").format(
                path=path, error=exc)
        ) from None
    versions.sort(key=lambda v: (v.timestamp or "", v.revid or 0), reverse=True)
    return UserPage(site=path.name, title=title, url=None, versions=tuple(versions),
                    file_prefixes=OFFLINE_FILE_PREFIXES)


def read_userpage_file(path: Path) -> UserPage:
    try:
        data = read_bounded(path, MAX_USERPAGE_BYTES)
    except InputTooLarge:
        raise ExposureSourceError(_("{path} is larger than {mb} MB; is it a user page?").format(
            path=path, mb=MAX_USERPAGE_BYTES // (1024 * 1024))) from None
    except InputFileError as exc:
        raise ExposureSourceError(exc.message) from exc
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<mediawiki") or (head.startswith(b"<?xml") and b"<mediawiki" in head):
        return _read_export(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExposureSourceError(_("{path} is not UTF-8 text (wikitext is UTF-8)").format(
            path=path)) from exc
    if "\x00" in text:
        raise ExposureSourceError(_("{path} is a binary file, not wikitext").format(path=path))
    return UserPage(site=path.name, title=path.stem, url=None,
                    versions=(PageVersion(None, None, text),), file_prefixes=OFFLINE_FILE_PREFIXES)


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
    lat = _degrees(gps.get(GPS.GPSLatitude), gps.get(GPS.GPSLatitudeRef)) \
        if GPS.GPSLatitude in gps else None
    lon = _degrees(gps.get(GPS.GPSLongitude), gps.get(GPS.GPSLongitudeRef)) \
        if GPS.GPSLongitude in gps else None
    has_position = lat is not None and lon is not None
    make, model = _text(base.get(TAG.Make)), _text(base.get(TAG.Model))
    camera = model if make and model and model.startswith(make) else (
        " ".join(p for p in (make, model) if p) or None)
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
    files = sorted(p for p in directory.rglob("*") if p.suffix.lower() in PHOTO_SUFFIXES
                   and p.is_file())
    for path in files[:MAX_PHOTOS]:
        try:
            metadata = read_photo_metadata(path)
        except Image.DecompressionBombError:
            unread.append(_("{path}: refused: the image claims more pixels than any photo "
                            "(a decompression bomb)").format(path=path.name))
            continue
        except Exception as exc:  # one unreadable photo is a line; the others still count
            reason = _("not an image Pillow can read") if isinstance(
                exc, UnidentifiedImageError) else type(exc).__name__
            unread.append(_("{path}: {reason}").format(path=path.name, reason=reason))
            continue
        photos.append(Photo(name=path.name, where=str(path), site=str(directory),
                            uploaded_by_user=True, shown_on_userpage=False, metadata=metadata))
    if len(files) > MAX_PHOTOS:
        unread.append(_("only the first {n} photos were read").format(n=MAX_PHOTOS))
    return photos, unread


def collect_local(userpage_file: Path | None, photos_dir: Path | None) -> ExposureMaterial:
    pages = (read_userpage_file(userpage_file),) if userpage_file is not None else ()
    photos: list[Photo] = []
    unread: list[str] = []
    if photos_dir is not None:
        photos, unread = read_photos(photos_dir)
    return ExposureMaterial(pages=pages, photos=tuple(photos), unread=tuple(unread))
