"""HA-G: what the global (CentralAuth) account tells about you: home wiki and languages.

One request to Meta's API (``meta=globaluserinfo``). The home wiki and the language editions
you edit narrow down where you are from: a home wiki in a language spoken in one region points
at that region.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hygiene_audit.core.errors import ExposureSourceError
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
)
from hygiene_audit.wiki.wikimedia import URL_ALT_ACCOUNT

if TYPE_CHECKING:
    from hygiene_audit.wiki.mediawiki import GlobalAccount

URL_CENTRALAUTH = "https://meta.wikimedia.org/wiki/Special:CentralAuth"
# Wikipedia languages spoken across many countries: a home wiki in one of them says little.
WIDE_LANGUAGES = frozenset(
    {"en", "simple", "es", "fr", "ar", "pt", "ru", "de", "zh", "sw", "ms", "hi"}
)
# Project wikis that are nobody's language.
NON_LANGUAGE = frozenset(
    {
        "commons",
        "meta",
        "wikidata",
        "mediawiki",
        "species",
        "incubator",
        "outreach",
        "login",
        "loginwiki",
        "sources",
        "test",
        "test2",
    }
)
SUFFIXES = (
    "wiki",
    "wiktionary",
    "wikibooks",
    "wikinews",
    "wikiquote",
    "wikisource",
    "wikiversity",
    "wikivoyage",
)


def language_of(wiki_id: str) -> str | None:
    """``"fawiki"`` → ``"fa"``; ``"commonswiki"`` → None."""
    for suffix in SUFFIXES:
        if wiki_id.endswith(suffix):
            code = wiki_id[: -len(suffix)].replace("_", "-")
            return None if not code or code in NON_LANGUAGE else code
    return None


class GlobalAccountCheck(Check):
    id = "HA-G"
    title = N_("What your global account reveals")
    description = N_(
        "CentralAuth on Meta: your home wiki and the language editions where you "
        "edit (one request, your username only)."
    )
    category = Category.ACCOUNT
    inputs = frozenset({Input.WIKI_USERNAME})
    endpoints = frozenset({Endpoint.META})
    codes = catalogue(
        FindingSpec(
            code="HA-G001",
            severity=Severity.MEDIUM,
            title=N_("Your home wiki points to a region"),
            remediation=(
                N_(
                    "The home wiki is public and permanent. If it matters that nobody "
                    "links you to that region, edit sensitive topics from a separate "
                    "account created on a large wiki (for example Meta or Commons)."
                ),
            ),
            references=(URL_CENTRALAUTH, URL_ALT_ACCOUNT),
        ),
        FindingSpec(
            code="HA-G002",
            severity=Severity.LOW,
            title=N_("The wikis you edit show which languages you know"),
            remediation=(
                N_(
                    "Anyone can list the wikis where your account has edits. A "
                    "combination of languages can point to a country or community; "
                    "keep sensitive editing on a separate account."
                ),
            ),
            references=(URL_CENTRALAUTH, URL_ALT_ACCOUNT),
        ),
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        username = ctx.inputs.wiki_username
        if not username:
            raise SkipCheck(_("No wiki username: pass --user NAME."))
        if ctx.offline:
            raise SkipCheck(_("Offline: the global account on Meta was not read."))
        from hygiene_audit.wiki.mediawiki import (
            ForeignAnswer,
            MediaWikiClient,
            MediaWikiUnsupported,
        )

        client = MediaWikiClient(ctx.http(), ctx.endpoint(Endpoint.META))
        try:
            account = client.global_account(username)
        except MediaWikiUnsupported as exc:
            raise SkipCheck(
                _(
                    "{host} has no global accounts (the CentralAuth extension is not "
                    "installed), so there is no global footprint to read."
                ).format(host=client.host)
            ) from exc
        except ForeignAnswer as exc:  # not read: never "nothing found"
            raise ExposureSourceError(str(exc)) from exc
        if account is None:
            return CheckResult.of(
                [], reason=_("No global account named '{user}'.").format(user=username)
            )
        return CheckResult.of(self._findings(account, username), reason=account.skipped_note())

    def _findings(self, account: GlobalAccount, username: str) -> list[Finding]:
        where = f"{URL_CENTRALAUTH}/{username.replace(' ', '_')}"
        findings = []
        home = language_of(account.home or "")
        if home and home not in WIDE_LANGUAGES:
            findings.append(
                self.finding(
                    "HA-G001",
                    location=where,
                    evidence=_("home wiki {home}; {n} wikis, {edits} edits in all").format(
                        home=account.home, n=len(account.wikis), edits=account.edit_count
                    ),
                    personal=[PersonalValue(kind=PersonalKind.PLACE, value=account.home)],
                )
            )
        languages = sorted(
            {lang for w in account.wikis if w.edits > 0 for lang in [language_of(w.wiki)] if lang}
        )
        if len(languages) >= 2:
            findings.append(
                self.finding(
                    "HA-G002",
                    location=where,
                    evidence=_("edits in these language editions: {languages}").format(
                        languages=", ".join(languages)
                    ),
                )
            )
        return findings
