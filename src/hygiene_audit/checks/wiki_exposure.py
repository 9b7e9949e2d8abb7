"""HA-W: personal information on the user page, in its history, and in uploaded photos.

Material comes from the MediaWiki API (the home wiki, every other wiki of the global account
with a user page or subpages — ``exposure/wikis.py`` — Commons and Meta) or from local files
(``--userpage-file``, ``--photos``); the detectors are the same for all, in each wiki's
language. History findings come
with a ready-to-send request for suppression: such requests must stay private, so the tool
writes the text and the user e-mails it; nothing is done on the wiki.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from hygiene_audit.checks.interface import (
    N_,
    Category,
    Check,
    CheckContext,
    CheckResult,
    Endpoint,
    Finding,
    FindingSpec,
    Input,
    PersonalKind,
    PersonalValue,
    Severity,
    SkipCheck,
    _,
    catalogue,
    ngettext,
)
from hygiene_audit.detectors.pii import (
    LANGUAGE_REGIONS,
    Detection,
    DetectionKind,
    Hints,
    detect_all,
)
from hygiene_audit.detectors.profile_terms import TermKind, fold, personal_terms
from hygiene_audit.detectors.wikitext import ParsedPage, parse_wikitext
from hygiene_audit.errors import NetworkError
from hygiene_audit.exposure import wikis
from hygiene_audit.exposure.api import collect_online
from hygiene_audit.exposure.interface import (
    ExposureMaterial,
    Photo,
    UserNotFound,
    UserPage,
)
from hygiene_audit.exposure.local import collect_local
from hygiene_audit.platforms import platform_hosts
from hygiene_audit.settings import DEFAULT_WIKI
from hygiene_audit.wiki.mediawiki import MediaWikiClient, site_of
from hygiene_audit.wiki.wikimedia import (
    EMAIL_USER_STEPS,
    EMAIL_USER_TITLE,
    GENDER_STEPS,
    GENDER_TITLE,
    URL_OVERSIGHT,
    URL_PREFERENCES,
    URL_PRIVACY_HELP,
    URL_REVDEL,
    URL_USERPAGE_GUIDE,
    WIKIMEDIA_DOMAINS,
    oversight_contact,
)

URL_EXIFTOOL = "https://exiftool.org/"


def _wiki_of(location: str | None) -> str | None:
    """The host of a photo's description page (or of its wiki); None for a local file."""
    if not location:
        return None
    if "://" in location:
        return site_of(location)
    return location if "." in location and "/" not in location else None
URL_MAT2 = "https://0xacab.org/jvoisin/mat2"
URL_COMMONS_EXIF = "https://commons.wikimedia.org/wiki/Commons:Exif"

REMOVE = N_("Edit the page and remove it. Keep the user page to what helps other editors: "
            "what you work on, which languages you read.")
HISTORY = N_("Removing it is not enough: every earlier revision still shows it. After the edit, "
             "run this audit again: it writes the private request for suppression of those "
             "revisions, to send by e-mail (never ask on a public page).")
STRIP = N_("Before uploading, remove the metadata: 'exiftool -all= photo.jpg', or "
           "'mat2 photo.jpg'; check the result with 'exiftool photo.jpg'.")
OLD_VERSION = N_("Users cannot remove metadata from a file already uploaded: upload a cleaned "
                 "version over it, then ask an administrator (privately, for a location: the "
                 "oversight team) to delete the old file version.")

SELF_CAPTION = re.compile(
    r"\b(me|myself|selfie|self portrait|self-portrait|the author|yo|autorretrato|ich|selbst"
    r"portrat|selbstportrat|moi|autoportrait|ya|avtoportret)\b")

KIND_CODE = {
    DetectionKind.EMAIL: "HA-W001", DetectionKind.PHONE: "HA-W002",
    DetectionKind.NAME: "HA-W003", DetectionKind.HOME: "HA-W004",
    DetectionKind.COUNTRY: "HA-W005", DetectionKind.BIRTH: "HA-W006",
    DetectionKind.WORK: "HA-W007", DetectionKind.LINK: "HA-W008",
    DetectionKind.AFFILIATION: "HA-W009",
}
KIND_LABEL = {
    DetectionKind.EMAIL: N_("e-mail address"), DetectionKind.PHONE: N_("phone number"),
    DetectionKind.NAME: N_("real name"), DetectionKind.HOME: N_("place of residence"),
    DetectionKind.COUNTRY: N_("country"), DetectionKind.BIRTH: N_("birth date or age"),
    DetectionKind.WORK: N_("employer or school"),
    DetectionKind.LINK: N_("link to another account or site"),
    DetectionKind.AFFILIATION: N_("sensitive affiliation"),
}
GENDER_LABELS = {"male": N_("male"), "female": N_("female")}
AFFILIATION_LABEL = {
    "religion": N_("religion"), "politics": N_("political affiliation"),
    "sexual_orientation": N_("sexual orientation or gender identity"),
    "ethnicity": N_("ethnicity"), "health": N_("health"),
}


def _spec(code: str, severity: Severity, title: str, *steps: str,
          refs: Sequence[str] = (URL_USERPAGE_GUIDE,)) -> FindingSpec:
    return FindingSpec(code=code, severity=severity, title=title, remediation=steps,
                       references=tuple(refs))


@dataclass(frozen=True)
class _Seen:
    detection: Detection
    revisions: tuple[tuple[int, str], ...]  # (revid, timestamp), newest first


class WikiExposureCheck(Check):
    id = "HA-W"
    title = N_("Personal information on your user page, in its history and in your photos")
    description = N_("Reads your user page and its revisions, the global user page on Meta and "
                     "your uploads' metadata (MediaWiki API), or local files offline.")
    category = Category.EXPOSURE
    inputs = frozenset({Input.WIKI_USERNAME, Input.PROFILE, Input.USERPAGE_FILE,
                        Input.PHOTOS_DIR, Input.HISTORY_LIMIT, Input.WIKIS})
    endpoints = frozenset({Endpoint.WIKI, Endpoint.COMMONS, Endpoint.META})
    hosts = tuple(f"*.{domain}" for domain in WIKIMEDIA_DOMAINS)  # the global account's wikis
    codes = catalogue(
        _spec("HA-W001", Severity.HIGH, N_("Your e-mail address is on your user page"),
              REMOVE, N_("Let editors reach you through 'Email this user' instead: it does not "
                         "show your address until you reply."), HISTORY),
        _spec("HA-W002", Severity.HIGH, N_("A phone number is on your user page"),
              REMOVE, HISTORY),
        _spec("HA-W003", Severity.HIGH, N_("Your real name is on your user page"),
              REMOVE, HISTORY,
              N_("If your username is your name too, see the username finding: a global "
                 "rename is possible.")),
        _spec("HA-W004", Severity.HIGH, N_("Your user page says where you live"),
              REMOVE, N_("Userboxes count: 'This user lives in ...' is as precise as a "
                         "sentence."), HISTORY),
        _spec("HA-W005", Severity.MEDIUM, N_("Your user page names your country"),
              N_("Where editing about your country's government or conflicts is dangerous, "
                 "remove it: it narrows down who you are."), HISTORY),
        _spec("HA-W006", Severity.MEDIUM, N_("Your user page gives your birth date or age"),
              REMOVE, HISTORY),
        _spec("HA-W007", Severity.MEDIUM, N_("Your user page names your employer or school"),
              REMOVE, HISTORY),
        _spec("HA-W008", Severity.MEDIUM,
              N_("Your user page links to your accounts elsewhere or a personal site"),
              N_("Remove the link: it ties this account to your other accounts, and those "
                 "often carry your name, face and contacts."), HISTORY),
        _spec("HA-W009", Severity.MEDIUM, N_("Your user page states a sensitive affiliation"),
              N_("Religion, politics, sexual orientation, ethnicity and health can expose you "
                 "to persecution where you live or travel. Remove the userbox or sentence "
                 "unless you are sure it is safe."), HISTORY),
        _spec("HA-W010", Severity.HIGH,
              N_("Personal information is still visible in your user page's history"),
              N_("Editing the page does not remove it: anyone can open the old revisions."),
              N_("Send the request below by e-mail to the oversight team (a private channel); "
                 "do not post it on the wiki, that draws attention to it."),
              N_("Less sensitive information can be hidden by any administrator with revision "
                 "deletion; ask one you trust privately."),
              refs=(URL_OVERSIGHT, URL_REVDEL)),
        _spec("HA-W011", Severity.HIGH, N_("A photo of you is likely on your user page"),
              N_("Remove the image from your user page: a face is matched across the web by "
                 "face search engines within seconds."),
              N_("If you uploaded it, consider asking for its deletion (a courtesy deletion "
                 "of your own upload)."), HISTORY, refs=(URL_PRIVACY_HELP,)),
        _spec("HA-W012", Severity.HIGH, N_("A photo you uploaded shows where it was taken"),
              STRIP, OLD_VERSION,
              N_("Also remove any coordinate template ({{Location}}, {{Object location}}) "
                 "from the file description page if the place is private."),
              refs=(URL_COMMONS_EXIF, URL_EXIFTOOL, URL_MAT2)),
        _spec("HA-W013", Severity.MEDIUM,
              N_("A photo you uploaded carries your camera's serial number"),
              N_("The serial number links every photo taken with that camera, wherever it is "
                 "published, to you."), STRIP, OLD_VERSION,
              refs=(URL_COMMONS_EXIF, URL_EXIFTOOL)),
        _spec("HA-W014", Severity.MEDIUM,
              N_("A photo you uploaded names its owner or author in its metadata"),
              STRIP, N_("Set your camera's or phone's 'owner' or 'copyright' field to empty."),
              OLD_VERSION, refs=(URL_COMMONS_EXIF, URL_EXIFTOOL)),
        _spec("HA-W015", Severity.LOW,
              N_("Your photos carry the exact time they were taken"),
              N_("Capture times reveal your daily routine and where you were when; strip "
                 "them along with the rest of the metadata."), STRIP,
              refs=(URL_COMMONS_EXIF, URL_EXIFTOOL)),
        _spec("HA-W016", Severity.LOW, GENDER_TITLE, *GENDER_STEPS, refs=(URL_PREFERENCES,)),
        _spec("HA-W017", Severity.LOW, EMAIL_USER_TITLE, *EMAIL_USER_STEPS,
              refs=(URL_PREFERENCES,)),
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        username = ctx.inputs.wiki_username
        files = ctx.inputs.userpage_files
        photos_dir = ctx.inputs.photos_dir
        materials: list[ExposureMaterial] = []
        notes: list[str] = []
        if files or photos_dir is not None:
            materials += collect_local(files, photos_dir)
        if username and not ctx.offline:
            try:
                materials += self._online(ctx, username, notes)
            except UserNotFound as exc:
                if not materials:
                    raise SkipCheck(exc.message + " " + _("Check the spelling (--user).")) from exc
                notes.append(exc.message)
            if not materials:
                raise SkipCheck(_("Not read: {what}").format(what="; ".join(notes)))
        elif not materials:
            if not username:
                raise SkipCheck(_("No wiki username: pass --user NAME, or --userpage-file FILE "
                                  "and --photos DIR to check local files."))
            raise SkipCheck(_("Offline: the wiki was not read. Pass --userpage-file FILE (the "
                              "wikitext, or a Special:Export XML file with all revisions) and "
                              "--photos DIR to check local copies."))
        elif ctx.offline and username:
            notes.append(_("offline: only local files were read"))
        findings: list[Finding] = []
        for material in materials:
            hints = self._hints(ctx, username, material, materials)
            for page in material.pages:
                findings += [f.model_copy(update={"wiki": page.site}) if page.url else f
                             for f in self._page(page, hints, username)]
            findings += [f.model_copy(update={"wiki": _wiki_of(f.location)})
                         for f in self._photos(material, hints, username)]
            findings += self._account(material)
            notes += material.unread
        reason = "; ".join(notes) or None
        if reason:
            reason = _("Not read: {what}").format(what=reason)
        return CheckResult.of(findings, reason=reason)

    # ------------------------------------------------------------------ gathering

    def _online(self, ctx: CheckContext, username: str,
                notes: list[str]) -> list[ExposureMaterial]:
        """The primary wiki in full, then every other wiki the selection names (README:
        'Every wiki'), a bounded number of hosts at a time."""
        http = ctx.http()

        def client(url: str) -> MediaWikiClient:
            return MediaWikiClient(http, url)

        meta = client(ctx.endpoint(Endpoint.META))
        chosen = wikis.plan(ctx.inputs.wikis, ctx.endpoint(Endpoint.WIKI), DEFAULT_WIKI, meta,
                            username, notes)
        if chosen is None:
            return []
        wiki = client(chosen.primary)
        commons = client(ctx.endpoint(Endpoint.COMMONS))
        ctx.progress.start(_("Reading {host}").format(host=wiki.host), total=5)

        def step(_what: str) -> None:
            ctx.progress.advance()

        others = bool(chosen.selection.targets)
        materials: list[ExposureMaterial] = []
        # the primary wiki is read beside the others (each host still one request at a time)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="primary") as pool:
            primary = pool.submit(collect_online, wiki, username, ctx.inputs.history_limit,
                                  commons=commons, meta=meta,
                                  step=(lambda _what: None) if others else step)
            rest = wikis.read_others(chosen.selection, client, username,
                                     ctx.inputs.history_limit, ctx.progress, notes,
                                     workers=wikis.PARALLEL_HOSTS - 1)
            try:
                materials.append(primary.result())
            except (UserNotFound, NetworkError) as exc:
                if not others:
                    raise
                notes.insert(0, _("{wiki}: {error}").format(wiki=wiki.host, error=exc))
        return materials + rest

    def _hints(self, ctx: CheckContext, username: str | None, material: ExposureMaterial,
               materials: Sequence[ExposureMaterial]) -> Hints:
        """Each wiki in its own language: phone region and statements by what its siteinfo
        (or an export's xml:lang) says; a file that says nothing takes the first that does."""
        profile = ctx.inputs.profile
        language = material.language or next(
            (m.language for m in materials if m.language), None)
        region = profile.phone_region or LANGUAGE_REGIONS.get((language or "").split("-")[0])
        return Hints(terms=tuple(personal_terms(profile, username)), username=username,
                     region=region, platform_hosts=platform_hosts(), language=language)

    # ------------------------------------------------------------------ pages

    def _page(self, page: UserPage, hints: Hints, username: str | None) -> list[Finding]:
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
        where = self._where(page)
        findings = [self._detection_finding(d, where) for d in current]
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
            seen = [_Seen(first[k], tuple(revs)) for k, revs in old.items()]
            findings.append(self._history_finding(page, seen, username))
        return findings

    @staticmethod
    def _where(page: UserPage) -> str:
        label = _("global user page") if page.is_global else page.title
        if page.url:
            return f"{label} — {page.url}"
        return _("{title} (local file)").format(title=label)

    @staticmethod
    def _label(detection: Detection) -> str:
        if detection.kind is DetectionKind.AFFILIATION and detection.detail in AFFILIATION_LABEL:
            return _(AFFILIATION_LABEL[detection.detail])
        return _(KIND_LABEL[detection.kind])

    def _detection_finding(self, detection: Detection, where: str) -> Finding:
        placement = _("in the text") if detection.where == "text" else detection.where
        return self.finding(
            KIND_CODE[detection.kind],
            evidence=_("{what}: “{value}” ({placement})").format(
                what=self._label(detection), value=detection.value, placement=placement),
            location=where,
            personal=[PersonalValue(kind=detection.personal_kind, value=detection.value)],
        )

    def _history_finding(self, page: UserPage, seen: Sequence[_Seen],
                         username: str | None) -> Finding:
        lines = []
        all_revisions: dict[int, str] = {}
        for item in seen:
            ids = [r for r, _t in item.revisions]
            stamps = sorted(t for _r, t in item.revisions if t)
            span = f"{stamps[0][:10]} – {stamps[-1][:10]}" if stamps else ""
            shown = ", ".join(str(r) for r in ids[:10])
            more = len(ids) - 10
            if more > 0:
                shown += " " + ngettext("and {n} more", "and {n} more", more).format(n=more)
            lines.append(_("{what} “{value}”: {revisions} {span}").format(
                what=self._label(item.detection), value=item.detection.value,
                revisions=ngettext("revision {ids}", "revisions {ids}", len(ids)).format(
                    ids=shown), span=f"({span})" if span else "").strip())
            all_revisions.update(item.revisions)
        if page.truncated:
            lines.append(_("Only the newest revisions were read (--history-limit); older ones "
                           "may hold more."))
        return self.finding(
            "HA-W010",
            evidence="; ".join(lines),
            location=self._where(page),
            personal=[PersonalValue(kind=s.detection.personal_kind, value=s.detection.value)
                      for s in seen],
            message=self._request_text(page, seen, all_revisions, username),
        )

    def _request_text(self, page: UserPage, seen: Sequence[_Seen], revisions: dict[int, str],
                      username: str | None) -> str:
        kinds = sorted({self._label(s.detection) for s in seen})
        rows = []
        for revid in sorted(revisions, reverse=True):
            stamp = revisions[revid].replace("T", " ").replace("Z", " UTC")
            url = page.revision_url(revid)
            rows.append(f"- {revid}  {stamp}" + (f"  {url}" if url else ""))
        return "\n".join([
            _("To: {contact}").format(contact=oversight_contact(page.site)),
            _("Subject: Request for suppression of old revisions of {title}").format(
                title=page.title),
            "",
            _("Hello,"),
            "",
            _("Old revisions of my user page {title} on {site} contain personal information "
              "about me that I have since removed from the page: {kinds}. Please suppress "
              "these revisions (or hide their text) so that it is no longer visible in the "
              "page history:").format(title=page.title, site=page.site, kinds=", ".join(kinds)),
            "",
            *rows,
            "",
            _("Thank you."),
            username or "",
        ]).rstrip()

    # ------------------------------------------------------------------ photos and account

    def _photos(self, material: ExposureMaterial, hints: Hints,
                username: str | None) -> list[Finding]:
        findings: list[Finding] = []
        captions: dict[str, str] = {}
        for page in material.pages[:1]:
            if page.exists and page.versions[0].text:
                parsed: ParsedPage = parse_wikitext(page.versions[0].text, page.file_prefixes)
                captions = {f.name.lower(): f.caption for f in parsed.files}
        own_words = {t.folded for t in hints.terms
                     if t.kind in (TermKind.NAME, TermKind.NAME_PART, TermKind.USERNAME)}
        timed: list[Photo] = []
        for photo in material.photos:
            caption = captions.get(photo.name.lower())
            on_page = photo.shown_on_userpage or caption is not None
            if on_page:
                why = self._why_you(photo, caption or "", own_words)
                if why:
                    findings.append(self.finding(
                        "HA-W011", location=photo.where,
                        evidence=_("{file} is shown on your user page ({why})").format(
                            file=photo.name, why=why),
                        personal=[PersonalValue(kind=PersonalKind.OTHER, value=caption)]
                        if caption else ()))
            if not photo.uploaded_by_user:
                continue
            meta = photo.metadata
            if meta.has_position and meta.latitude is not None and meta.longitude is not None:
                rounded = f"{meta.latitude:.1f}, {meta.longitude:.1f}"
                findings.append(self.finding(
                    "HA-W012", location=photo.where,
                    evidence=_("{file}: position from {source}, about {coords} (rounded here; "
                               "the file holds the exact point)").format(
                        file=photo.name, source=meta.coordinates_from, coords=rounded),
                    personal=[PersonalValue(kind=PersonalKind.COORDINATES, value=rounded)]))
            if meta.serial:
                findings.append(self.finding(
                    "HA-W013", location=photo.where,
                    evidence=_("{file}: camera serial number ending in …{tail}{camera}").format(
                        file=photo.name, tail=meta.serial[-4:],
                        camera=f" ({meta.camera})" if meta.camera else "")))
            if meta.owner:
                findings.append(self.finding(
                    "HA-W014", location=photo.where,
                    evidence=_("{file}: owner/author “{owner}”").format(
                        file=photo.name, owner=meta.owner),
                    personal=[PersonalValue(kind=PersonalKind.NAME, value=meta.owner)]))
            if meta.taken_at:
                timed.append(photo)
        if timed:
            names = ", ".join(p.name for p in timed[:5])
            if len(timed) > 5:
                names += " " + ngettext("and {n} more", "and {n} more", len(timed) - 5).format(
                    n=len(timed) - 5)
            findings.append(self.finding(
                "HA-W015", location=timed[0].site,
                evidence=ngettext("{n} photo with its capture time: {names}",
                                  "{n} photos with their capture time: {names}",
                                  len(timed)).format(n=len(timed), names=names)))
        return findings

    @staticmethod
    def _why_you(photo: Photo, caption: str, own_words: Iterable[str]) -> str | None:
        reasons = []
        if photo.uploaded_by_user:
            reasons.append(_("you uploaded it"))
        if caption and SELF_CAPTION.search(fold(caption)):
            reasons.append(_("captioned “{caption}”").format(caption=caption))
        flat = re.sub(r"[^a-z0-9]", "", fold(photo.name))
        if any(len(w) >= 4 and w in flat for w in own_words):
            reasons.append(_("its name contains your name or username"))
        return "; ".join(reasons) or None

    def _account(self, material: ExposureMaterial) -> list[Finding]:
        account = material.account
        if account is None:
            return []
        findings = []
        where = f"{account.name} — {account.site}"
        if account.gender in GENDER_LABELS:
            findings.append(self.finding(
                "HA-W016", location=where,
                evidence=_("the wiki describes you as {gender} in the interface and the API")
                .format(gender=_(GENDER_LABELS[account.gender]))))
        if account.emailable:
            findings.append(self.finding("HA-W017", location=where,
                                         evidence=_("'Email this user' is enabled")))
        return findings
