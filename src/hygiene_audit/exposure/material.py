"""What the exposure check reads, whatever its source (the MediaWiki API or local files).

A source gathers raw material only: page versions, photos with their metadata, public
account facts. Detection happens in the check, the same way for every source. A part that
cannot be read (Commons timed out, an unreadable photo) is listed in ``unread`` with the
reason and the rest stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageVersion:
    revid: int | None  # None for a local wikitext file
    timestamp: str | None
    text: str | None  # None when hidden by revision deletion


@dataclass(frozen=True)
class UserPage:
    site: str  # host name, or the file name for local input
    title: str
    url: str | None
    versions: tuple[PageVersion, ...]  # newest first; empty when the page does not exist
    truncated: bool = False  # older revisions exist that were not read
    is_global: bool = False  # the global user page on Meta, shown on every wiki
    file_prefixes: frozenset[str] = frozenset()  # local names of the File namespace

    @property
    def exists(self) -> bool:
        return bool(self.versions)

    def revision_url(self, revid: int) -> str | None:
        if self.url is None:
            return None
        base = self.url.split("/wiki/", 1)[0]
        return f"{base}/w/index.php?oldid={revid}"


@dataclass(frozen=True)
class PhotoMetadata:
    latitude: float | None = None
    longitude: float | None = None
    coordinates_from: str | None = None  # "EXIF GPS", "file description page"
    serial: str | None = None
    owner: str | None = None  # Artist, CameraOwnerName or author in XMP
    taken_at: str | None = None
    camera: str | None = None

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class Photo:
    name: str  # file name without namespace prefix, spaces not underscores
    where: str  # description page URL or local path
    site: str
    uploaded_by_user: bool
    shown_on_userpage: bool
    metadata: PhotoMetadata = field(default_factory=PhotoMetadata)


@dataclass(frozen=True)
class AccountFacts:
    site: str
    name: str
    gender: str  # "male" / "female" when set publicly, "unknown" otherwise
    emailable: bool


@dataclass(frozen=True)
class ExposureMaterial:
    pages: tuple[UserPage, ...] = ()
    photos: tuple[Photo, ...] = ()
    account: AccountFacts | None = None
    language: str | None = None  # of the wiki, for the phone-number region hint
    unread: tuple[str, ...] = ()  # what could not be read, and why
    unusable: tuple[str, ...] = ()  # inputs the user gave that could not be used, and why
    said: tuple[str, ...] = ()  # what a source claimed that was not believed (one line each)
