"""HA-W on photos: a photo of the user on the user page, and what an upload's metadata says
(position, camera serial, owner, capture times)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hygiene_audit.checks.wiki_exposure.catalogue import SELF_CAPTION
from hygiene_audit.checks.wiki_exposure.history import MakeFinding
from hygiene_audit.detectors.pii import Hints
from hygiene_audit.detectors.profile_terms import TermKind, fold
from hygiene_audit.detectors.wikitext import ParsedPage, parse_wikitext
from hygiene_audit.exposure.material import ExposureMaterial, Photo
from hygiene_audit.plugin import Finding, PersonalKind, PersonalValue, _, ngettext


def photo_findings(make: MakeFinding, material: ExposureMaterial, hints: Hints) -> list[Finding]:
    findings: list[Finding] = []
    captions: dict[str, str] = {}
    for page in material.pages[:1]:
        if page.exists and page.versions[0].text:
            parsed: ParsedPage = parse_wikitext(page.versions[0].text, page.file_prefixes)
            captions = {f.name.lower(): f.caption for f in parsed.files}
    own_words = {
        t.folded
        for t in hints.terms
        if t.kind in (TermKind.NAME, TermKind.NAME_PART, TermKind.USERNAME)
    }
    timed: list[Photo] = []
    for photo in material.photos:
        caption = captions.get(photo.name.lower())
        on_page = photo.shown_on_userpage or caption is not None
        if on_page:
            why = why_you(photo, caption or "", own_words)
            if why:
                findings.append(
                    make(
                        "HA-W011",
                        location=photo.where,
                        evidence=_("{file} is shown on your user page ({why})").format(
                            file=photo.name, why=why
                        ),
                        personal=[PersonalValue(kind=PersonalKind.OTHER, value=caption)]
                        if caption
                        else (),
                    )
                )
        if not photo.uploaded_by_user:
            continue
        meta = photo.metadata
        if meta.has_position and meta.latitude is not None and meta.longitude is not None:
            rounded = f"{meta.latitude:.1f}, {meta.longitude:.1f}"
            findings.append(
                make(
                    "HA-W012",
                    location=photo.where,
                    evidence=_(
                        "{file}: position from {source}, about {coords} (rounded here; "
                        "the file holds the exact point)"
                    ).format(file=photo.name, source=meta.coordinates_from, coords=rounded),
                    personal=[PersonalValue(kind=PersonalKind.COORDINATES, value=rounded)],
                )
            )
        if meta.serial:
            findings.append(
                make(
                    "HA-W013",
                    location=photo.where,
                    evidence=_("{file}: camera serial number ending in …{tail}{camera}").format(
                        file=photo.name,
                        tail=meta.serial[-4:],
                        camera=f" ({meta.camera})" if meta.camera else "",
                    ),
                )
            )
        if meta.owner:
            findings.append(
                make(
                    "HA-W014",
                    location=photo.where,
                    evidence=_("{file}: owner/author “{owner}”").format(
                        file=photo.name, owner=meta.owner
                    ),
                    personal=[PersonalValue(kind=PersonalKind.NAME, value=meta.owner)],
                )
            )
        if meta.taken_at:
            timed.append(photo)
    if timed:
        names = ", ".join(p.name for p in timed[:5])
        if len(timed) > 5:
            names += " " + ngettext("and {n} more", "and {n} more", len(timed) - 5).format(
                n=len(timed) - 5
            )
        findings.append(
            make(
                "HA-W015",
                location=timed[0].site,
                evidence=ngettext(
                    "{n} photo with its capture time: {names}",
                    "{n} photos with their capture time: {names}",
                    len(timed),
                ).format(n=len(timed), names=names),
            )
        )
    return findings


def why_you(photo: Photo, caption: str, own_words: Iterable[str]) -> str | None:
    reasons = []
    if photo.uploaded_by_user:
        reasons.append(_("you uploaded it"))
    if caption and SELF_CAPTION.search(fold(caption)):
        reasons.append(_("captioned “{caption}”").format(caption=caption))
    flat = re.sub(r"[^a-z0-9]", "", fold(photo.name))
    if any(len(w) >= 4 and w in flat for w in own_words):
        reasons.append(_("its name contains your name or username"))
    return "; ".join(reasons) or None
