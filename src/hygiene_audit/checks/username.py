"""HA-U: how directly the wiki username (and your other handles) lead to you. Offline.

Compared with the profile you give (never sent anywhere): the real name in any spelling or
script (transliterated both ways, tolerant of Rahul/राहुल-style differences), initials with the
surname, the local part of your e-mail addresses, the birth year, city, country, employer and
school; and whether the same handle is used elsewhere, which lets anyone link the accounts.
Without a profile, the parts of the handle are looked up in lists of given names, surnames
and cities in many languages and scripts (``detectors/gazetteer.py``): a likely real name or a
city is reported with how sure the match is, and ordinary handles stay quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hygiene_audit.detectors.handle_names import Confidence, GuessKind, guess_handle
from hygiene_audit.detectors.profile_terms import flat, skeleton, words
from hygiene_audit.plugin import (
    N_,
    Category,
    Check,
    CheckContext,
    CheckResult,
    Finding,
    FindingSpec,
    Input,
    PersonalKind,
    PersonalValue,
    Severity,
    SkipCheck,
    UserProfile,
    _,
    catalogue,
)
from hygiene_audit.wiki.wikimedia import URL_ALT_ACCOUNT, URL_GLOBAL_RENAME

URL_RENAME_HELP = "https://meta.wikimedia.org/wiki/Help:Changing_username"

RENAME = N_(
    "Ask for a new username at Special:GlobalRenameRequest: pick a name with no part of "
    "your name, birth year, place or other handles. It renames your account on every "
    "Wikimedia wiki at once."
)
RENAME_LIMITS = N_(
    "A rename does not erase the old name: it stays in the rename log, in "
    "signatures on old talk-page revisions and wherever others quoted it. For "
    "sensitive topics, a new, unconnected alternate account is safer (disclose "
    "it privately if policy requires)."
)
UNLINK = N_(
    "Change the handle on your other accounts too, so that one search does not connect them all."
)
YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20[01]\d)(?!\d)")


@dataclass(frozen=True)
class Match:
    code: str
    what: str  # translated description of what matched
    value: str  # the profile value it matched (personal data, masked by --redact)
    kind: PersonalKind


def _name_parts(profile: UserProfile) -> list[list[str]]:
    """Each spelling of the name split into its parts (whole words, vowel signs included)."""
    return [
        [w for w in re.split(r"[\s\-_.,'’]+", name) if len(flat(w)) >= 2]
        for name in profile.name_variants()
    ]


def _similar(needle: str, hay: str) -> bool:
    if len(needle) < 3:
        return False
    if needle in hay:
        return True
    from rapidfuzz import fuzz  # loaded when a username is compared, not when checks are listed

    return len(hay) >= 5 and fuzz.ratio(needle, hay) >= 85


def _contains(hay_handle: str, term: str) -> bool:
    hay, needle = flat(hay_handle), flat(term)
    if _similar(needle, hay):
        return True
    skel_hay, skel_needle = skeleton(hay_handle), skeleton(term)
    return len(skel_needle) >= 4 and skel_needle in skel_hay


def name_matches(handle: str, profile: UserProfile) -> Iterator[Match]:
    """Full name, initials + surname (HIGH); surname, or given name + initial (MEDIUM);
    given name alone (LOW)."""
    for parts in _name_parts(profile):
        if not parts:
            continue
        full = " ".join(parts)
        given, surnames = parts[0], parts[1:]
        pairs = [full] + [f"{given} {s}" for s in surnames] + [f"{s} {given}" for s in surnames]
        if len(parts) > 1 and any(_contains(handle, p) for p in pairs):
            yield Match("HA-U001", _("your full name"), full, PersonalKind.NAME)
            return
        hay = flat(handle)
        for surname in surnames:
            initials = "".join(flat(p)[:1] for p in parts if p != surname)
            # Spelled as folded, then as consonant skeletons (Sharma_R for राहुल शर्मा).
            for h, s in ((hay, flat(surname)), (skeleton(handle), skeleton(surname))):
                if len(s) >= 3 and ((initials + s) in h or h.endswith(s + initials)):
                    yield Match("HA-U001", _("your initials and surname"), full, PersonalKind.NAME)
                    return
        for surname in surnames:
            if _contains(handle, surname):
                yield Match("HA-U002", _("your surname"), surname, PersonalKind.NAME)
                return
        g = flat(given)
        letters = re.sub(r"\d", "", hay)
        if (
            len(parts) > 1
            and len(g) >= 3
            and letters.startswith(g + flat(surnames[-1])[:1])
            and len(letters) <= len(g) + 2
        ):
            yield Match(
                "HA-U002",
                _("your given name and the initial of your surname"),
                full,
                PersonalKind.NAME,
            )
            return
        if _contains(handle, given) or (len(parts) == 1 and _contains(handle, full)):
            yield Match("HA-U003", _("your given name"), given, PersonalKind.NAME)
            return


def other_matches(handle: str, profile: UserProfile) -> Iterator[Match]:
    hay = flat(handle)
    if profile.birth_year:
        year = str(profile.birth_year)
        digits = re.findall(r"\d+", handle)
        if year in hay or any(d == year[2:] for d in digits):
            yield Match("HA-U004", _("your birth year"), year, PersonalKind.DATE)
    for email in profile.emails:
        local = email.split("@", 1)[0]
        bare = re.sub(r"\d", "", flat(local))
        if len(flat(local)) >= 4 and (flat(local) in hay or bare == re.sub(r"\d", "", hay)):
            yield Match(
                "HA-U005", _("the first part of your e-mail address"), email, PersonalKind.EMAIL
            )
    for place in (profile.city, profile.country):
        if place and _contains(handle, place):
            yield Match("HA-U006", _("where you live"), place, PersonalKind.PLACE)
    for work in (profile.employer, profile.school):
        if work and any(len(flat(w)) >= 4 and flat(w) in hay for w in words(work)):
            yield Match("HA-U007", _("your employer or school"), work, PersonalKind.OTHER)


class UsernameCheck(Check):
    id = "HA-U"
    title = N_("How identifiable your username is")
    description = N_(
        "Compares your wiki username and other handles with your profile: real "
        "name in any script, initials, e-mail, birth year, place, employer, and "
        "the same handle used elsewhere. Offline."
    )
    category = Category.ACCOUNT
    inputs = frozenset({Input.WIKI_USERNAME, Input.PROFILE})
    codes = catalogue(
        FindingSpec(
            code="HA-U001",
            severity=Severity.HIGH,
            title=N_("Your username is your real name"),
            remediation=(RENAME, RENAME_LIMITS, UNLINK),
            references=(URL_GLOBAL_RENAME, URL_RENAME_HELP, URL_ALT_ACCOUNT),
        ),
        FindingSpec(
            code="HA-U002",
            severity=Severity.MEDIUM,
            title=N_("Your username contains part of your real name"),
            remediation=(RENAME, RENAME_LIMITS, UNLINK),
            references=(URL_GLOBAL_RENAME, URL_RENAME_HELP, URL_ALT_ACCOUNT),
        ),
        FindingSpec(
            code="HA-U003",
            severity=Severity.LOW,
            title=N_("Your username contains your given name"),
            remediation=(
                N_(
                    "A given name alone rarely identifies you, but combined "
                    "with your topics and location it narrows the search. "
                    "Consider it when you choose handles."
                ),
                RENAME,
            ),
            references=(URL_GLOBAL_RENAME,),
        ),
        FindingSpec(
            code="HA-U004",
            severity=Severity.MEDIUM,
            title=N_("Your username contains your birth year"),
            remediation=(
                N_(
                    "A birth year halves the work of anyone matching your "
                    "account to public records."
                ),
                RENAME,
                UNLINK,
            ),
            references=(URL_GLOBAL_RENAME,),
        ),
        FindingSpec(
            code="HA-U005",
            severity=Severity.MEDIUM,
            title=N_("Your username matches your e-mail address"),
            remediation=(
                N_(
                    "Anyone can guess your e-mail address from your username "
                    "and look it up in breaches and on other sites."
                ),
                RENAME,
                N_("Use a separate e-mail address for the wiki account."),
            ),
            references=(URL_GLOBAL_RENAME,),
        ),
        FindingSpec(
            code="HA-U006",
            severity=Severity.MEDIUM,
            title=N_("Your username names where you live"),
            remediation=(RENAME,),
            references=(URL_GLOBAL_RENAME,),
        ),
        FindingSpec(
            code="HA-U007",
            severity=Severity.MEDIUM,
            title=N_("Your username names your employer or school"),
            remediation=(RENAME,),
            references=(URL_GLOBAL_RENAME,),
        ),
        FindingSpec(
            code="HA-U008",
            severity=Severity.MEDIUM,
            title=N_("You use the same handle on the wiki and elsewhere"),
            remediation=(
                N_(
                    "Anyone who finds one account finds the others, with "
                    "whatever they reveal (photos, name, contacts)."
                ),
                UNLINK,
                RENAME,
            ),
            references=(URL_GLOBAL_RENAME, URL_ALT_ACCOUNT),
        ),
        FindingSpec(
            code="HA-U009",
            severity=Severity.LOW,
            title=N_("Your username contains a number that looks like a year"),
            remediation=(
                N_(
                    "If it is your birth year (or the year you finished "
                    "school), it helps match you to public records; choose "
                    "handles without it."
                ),
                RENAME,
            ),
            references=(URL_GLOBAL_RENAME,),
        ),
        FindingSpec(
            code="HA-U010",
            severity=Severity.HIGH,
            title=N_("Your username looks like a real name"),
            remediation=(
                N_(
                    "If it is your name, anyone can find you by it; if it is "
                    "not, it still makes people look for that person."
                ),
                RENAME,
                RENAME_LIMITS,
                UNLINK,
            ),
            references=(URL_GLOBAL_RENAME, URL_RENAME_HELP, URL_ALT_ACCOUNT),
        ),
        FindingSpec(
            code="HA-U011",
            severity=Severity.MEDIUM,
            title=N_("Your username may contain a real name"),
            remediation=(
                N_(
                    "Part of it is a common given name or surname. If it is "
                    "yours, it narrows the search for you a great deal."
                ),
                RENAME,
                UNLINK,
            ),
            references=(URL_GLOBAL_RENAME, URL_RENAME_HELP),
        ),
        FindingSpec(
            code="HA-U012",
            severity=Severity.MEDIUM,
            title=N_("Your username names a city"),
            remediation=(
                N_(
                    "If it is where you live or come from, it tells everyone where to look for you."
                ),
                RENAME,
            ),
            references=(URL_GLOBAL_RENAME,),
        ),
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        username = ctx.inputs.wiki_username
        profile = ctx.inputs.profile
        handles = [h for h in profile.handles if h]
        if not username and not handles:
            raise SkipCheck(
                _(
                    "No username: pass --user NAME (and --profile FILE to compare it "
                    "with your name, birth year and place)."
                )
            )
        findings: list[Finding] = []
        subjects = (
            [(username, _("wiki username “{name}”").format(name=username))] if username else []
        )
        subjects += [
            (h, _("handle “{name}”").format(name=h))
            for h in handles
            if not username or flat(h) != flat(username)
        ]
        for handle, label in subjects:
            findings += self.analyse_handle(handle, label, profile)
        if username:
            findings += self._same_handle(username, profile)
        reason = None
        if not profile.identifies:
            reason = _(
                "Without a profile, your username was compared with lists of common "
                "given names, surnames and cities in many languages. A profile "
                "(--profile FILE or --ask-profile) also finds your own name in any "
                "spelling, your birth year, e-mail, employer and school."
            )
        return CheckResult.of(findings, reason=reason)

    def analyse_handle(self, handle: str, label: str, profile: UserProfile) -> list[Finding]:
        matches = [*name_matches(handle, profile), *other_matches(handle, profile)]
        findings = [
            self.finding(
                m.code,
                location=label,
                evidence=_("“{handle}” contains {what} (“{value}”)").format(
                    handle=handle, what=m.what, value=m.value
                ),
                personal=[
                    PersonalValue(kind=m.kind, value=m.value),
                    PersonalValue(kind=PersonalKind.HANDLE, value=handle),
                ],
            )
            for m in matches
        ]
        if not any(m.code == "HA-U004" for m in matches):
            for year in YEAR.findall(handle):
                findings.append(
                    self.finding(
                        "HA-U009",
                        location=label,
                        evidence=_("“{handle}” contains {year}").format(handle=handle, year=year),
                        personal=[
                            PersonalValue(kind=PersonalKind.DATE, value=year),
                            PersonalValue(kind=PersonalKind.HANDLE, value=handle),
                        ],
                    )
                )
        findings += self._guesses(handle, label, profile, matches)
        return findings

    def _guesses(
        self, handle: str, label: str, profile: UserProfile, matches: list[Match]
    ) -> list[Finding]:
        """Common names, cities and year-like numbers: what the profile did not already say."""
        from hygiene_audit.detectors.gazetteer import gazetteer

        codes = {
            GuessKind.FULL_NAME: "HA-U010",
            GuessKind.NAME: "HA-U011",
            GuessKind.PLACE: "HA-U012",
            GuessKind.YEAR: "HA-U009",
        }
        kinds = {
            GuessKind.FULL_NAME: PersonalKind.NAME,
            GuessKind.NAME: PersonalKind.NAME,
            GuessKind.PLACE: PersonalKind.PLACE,
            GuessKind.YEAR: PersonalKind.DATE,
        }
        said = {m.kind for m in matches}
        skip = {
            GuessKind.FULL_NAME: bool(profile.real_name) or PersonalKind.NAME in said,
            GuessKind.NAME: bool(profile.real_name) or PersonalKind.NAME in said,
            GuessKind.PLACE: bool(profile.city) or PersonalKind.PLACE in said,
            GuessKind.YEAR: PersonalKind.DATE in said or YEAR.search(handle) is not None,
        }
        if skip[GuessKind.FULL_NAME] and skip[GuessKind.PLACE]:
            return []  # nothing the lists could add: do not load them
        findings: list[Finding] = []
        for guess in guess_handle(handle, gazetteer()):
            if skip[guess.kind]:
                continue
            sure = _("likely") if guess.confidence is Confidence.LIKELY else _("possibly")
            evidence = {
                GuessKind.FULL_NAME: _(
                    "“{handle}”: “{value}” is a common given name and surname ({sure} a real name)"
                ),
                GuessKind.NAME: _("“{handle}”: “{value}” reads like a name ({sure} a real name)"),
                GuessKind.PLACE: _("“{handle}”: “{value}” is the name of a city"),
                GuessKind.YEAR: _("“{handle}” contains {year}"),
            }[guess.kind].format(handle=handle, value=guess.value, year=guess.value, sure=sure)
            findings.append(
                self.finding(
                    codes[guess.kind],
                    location=label,
                    evidence=evidence,
                    personal=[
                        PersonalValue(kind=kinds[guess.kind], value=guess.value),
                        PersonalValue(kind=PersonalKind.HANDLE, value=handle),
                    ],
                )
            )
        return findings

    def _same_handle(self, username: str, profile: UserProfile) -> list[Finding]:
        mine = flat(username)
        same = [h for h in profile.handles if flat(h) == mine]
        same += [e for e in profile.emails if flat(e.split("@", 1)[0]) == mine]
        if not same or len(mine) < 3:
            return []
        return [
            self.finding(
                "HA-U008",
                location=_("wiki username “{name}”").format(name=username),
                evidence=_("the same handle as: {others}").format(others=", ".join(same)),
                personal=[
                    PersonalValue(kind=PersonalKind.HANDLE, value=v) for v in (username, *same)
                ],
            )
        ]
