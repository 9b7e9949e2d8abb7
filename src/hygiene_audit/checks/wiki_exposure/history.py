"""HA-W on one page: the detections of its current text, and what its old revisions still
show — with the private request for suppression, addressed to that wiki's oversight team or
to the stewards (``wikimedia.oversight_contact``), listing revision ids, never the data."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hygiene_audit.checks.wiki_exposure.catalogue import AFFILIATION_LABEL, KIND_CODE, KIND_LABEL
from hygiene_audit.detectors.pii import (
    MAX_MENTIONS,
    Detection,
    DetectionKind,
    Hints,
    detect_all,
    unattributed_mentions,
)
from hygiene_audit.detectors.wikitext import parse_wikitext
from hygiene_audit.exposure.material import UserPage
from hygiene_audit.plugin import Finding, PersonalValue, _, ngettext
from hygiene_audit.wiki.wikimedia import oversight_contact

MakeFinding = Callable[..., Finding]  # the check's ``finding``


@dataclass(frozen=True)
class Seen:
    detection: Detection
    revisions: tuple[tuple[int, str], ...]  # (revid, timestamp), newest first


def page_findings(
    make: MakeFinding, page: UserPage, hints: Hints, username: str | None
) -> list[Finding]:
    """What the current text shows, and one finding for what only old revisions still show
    (each distinct text is parsed once)."""
    if not page.exists:
        return []
    cache: dict[str, list[Detection]] = {}

    def detections(text: str) -> list[Detection]:
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest not in cache:
            cache[digest] = detect_all(parse_wikitext(text, page.file_prefixes), hints)
        return cache[digest]

    current_text = page.versions[0].text or ""
    current = detections(current_text)
    where_ = where(page)
    findings = [detection_finding(make, d, where_) for d in current]
    parsed = parse_wikitext(current_text, page.file_prefixes)
    mentioned = unattributed_mentions(parsed, hints, current)
    if mentioned:
        findings.append(mentions_finding(make, mentioned, where_))
    current_keys = {d.key for d in current}
    old: dict[tuple[DetectionKind, str], list[tuple[int, str]]] = defaultdict(list)
    first: dict[tuple[DetectionKind, str], Detection] = {}
    for version in page.versions[1:]:
        if version.text is None or version.revid is None:
            continue
        for detection in detections(version.text):
            if detection.key in current_keys:
                continue
            first.setdefault(detection.key, detection)
            old[detection.key].append((version.revid, version.timestamp or ""))
    if old:
        seen = [Seen(first[k], tuple(revs)) for k, revs in old.items()]
        findings.append(history_finding(make, page, seen, username))
    return findings


def where(page: UserPage) -> str:
    label = _("global user page") if page.is_global else page.title
    if page.url:
        return f"{label} — {page.url}"
    return _("{title} (local file)").format(title=label)


def label(detection: Detection) -> str:
    if detection.kind is DetectionKind.AFFILIATION and detection.detail in AFFILIATION_LABEL:
        return _(AFFILIATION_LABEL[detection.detail])
    return _(KIND_LABEL[detection.kind])


def detection_finding(make: MakeFinding, detection: Detection, where: str) -> Finding:
    placement = _("in the text") if detection.where == "text" else detection.where
    return make(
        KIND_CODE[detection.kind],
        evidence=_("{what}: “{value}” ({placement})").format(
            what=label(detection), value=detection.value, placement=placement
        ),
        location=where,
        personal=[PersonalValue(kind=detection.personal_kind, value=detection.value)],
    )


def mentions_finding(make: MakeFinding, mentioned: Sequence[str], where: str) -> Finding:
    """One low finding for the places and organisations no statement attributes to the
    user: listed (the first MAX_MENTIONS), never a finding each."""
    shown = "; ".join(f"“{value}”" for value in mentioned[:MAX_MENTIONS])
    more = len(mentioned) - MAX_MENTIONS
    if more > 0:
        shown += " " + ngettext("and {n} more", "and {n} more", more).format(n=more)
    return make(
        "HA-W018",
        evidence=_("mentioned, without saying they are yours: {values}").format(values=shown),
        location=where,
    )


def history_finding(
    make: MakeFinding, page: UserPage, seen: Sequence[Seen], username: str | None
) -> Finding:
    lines = []
    all_revisions: dict[int, str] = {}
    for item in seen:
        ids = [r for r, _t in item.revisions]
        stamps = sorted(t for _r, t in item.revisions if t)
        first_day, last_day = (stamps[0][:10], stamps[-1][:10]) if stamps else ("", "")
        span = first_day if first_day == last_day else f"{first_day} – {last_day}"
        shown = ", ".join(str(r) for r in ids[:10])
        more = len(ids) - 10
        if more > 0:
            shown += " " + ngettext("and {n} more", "and {n} more", more).format(n=more)
        lines.append(
            _("{what} “{value}”: {revisions} {span}")
            .format(
                what=label(item.detection),
                value=item.detection.value,
                revisions=ngettext("revision {ids}", "revisions {ids}", len(ids)).format(ids=shown),
                span=f"({span})" if span else "",
            )
            .strip()
        )
        all_revisions.update(item.revisions)
    if page.truncated:
        lines.append(
            _("Only the newest revisions were read (--history-limit); older ones may hold more.")
        )
    return make(
        "HA-W010",
        evidence="; ".join(lines),
        location=where(page),
        personal=[
            PersonalValue(kind=s.detection.personal_kind, value=s.detection.value) for s in seen
        ],
        message=suppression_letter(page, seen, all_revisions, username),
    )


def suppression_letter(
    page: UserPage, seen: Sequence[Seen], revisions: dict[int, str], username: str | None
) -> str:
    kinds = sorted({label(s.detection) for s in seen})
    rows = []
    for revid in sorted(revisions, reverse=True):
        stamp = revisions[revid].replace("T", " ").replace("Z", " UTC")
        url = page.revision_url(revid)
        rows.append(f"- {revid}  {stamp}" + (f"  {url}" if url else ""))
    return "\n".join(
        [
            _("To: {contact}").format(contact=oversight_contact(page.site)),
            _("Subject: Request for suppression of old revisions of {title}").format(
                title=page.title
            ),
            "",
            _("Hello,"),
            "",
            _(
                "Old revisions of my user page {title} on {site} contain personal information "
                "about me that I have since removed from the page: {kinds}. Please suppress "
                "these revisions (or hide their text) so that it is no longer visible in the "
                "page history:"
            ).format(title=page.title, site=page.site, kinds=", ".join(kinds)),
            "",
            *rows,
            "",
            _("Thank you."),
            username or "",
        ]
    ).rstrip()
