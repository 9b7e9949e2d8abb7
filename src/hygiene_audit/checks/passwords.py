"""HA-P: password strength and reuse across the user's vault. Offline; secrets stay in memory."""

from __future__ import annotations

from collections.abc import Sequence

from hygiene_audit.detectors.profile_terms import Term, TermKind, personal_terms
from hygiene_audit.plugin import (
    N_,
    ActionScope,
    Category,
    Check,
    CheckContext,
    CheckResult,
    Finding,
    FindingSpec,
    Input,
    Severity,
    SkipCheck,
    Vault,
    VaultEntry,
    _,
    catalogue,
    describe_entries,
    duration,
    entry_locations,
    entry_personal,
    entry_refs,
    ngettext,
)
from hygiene_audit.safety.secrets import reveal
from hygiene_audit.vault.analysis import (
    exact_groups,
    is_wikimedia,
    personal_kinds_in,
)
from hygiene_audit.vault.strength import Strength, rating
from hygiene_audit.wiki.wikimedia import URL_2FA, URL_PASSWORD_CHANGE

URL_PM = "https://ssd.eff.org/module/creating-strong-passwords"
URL_REUSE = "https://www.ncsc.gov.uk/collection/top-tips-for-staying-secure-online/use-a-strong-and-separate-password-for-email"

GENERATE = N_(
    "Let your password manager generate a new random password (at least 16 "
    "characters) or a passphrase of five or more random words."
)
UNIQUE = N_(
    "Use a different password for every account: when one site is breached, attackers "
    "try the same password on every other site ('credential stuffing')."
)

REUSED = N_("reused")
SIMILAR = N_("a variation of another password")
WEAK = N_("weak")

PASSWORD_PERSONAL_KIND = {
    TermKind.NAME: N_("your name"),
    TermKind.NAME_PART: N_("your name"),
    TermKind.USERNAME: N_("your username"),
    TermKind.EMAIL_LOCAL: N_("your e-mail address"),
    TermKind.BIRTH_YEAR: N_("your birth year"),
    TermKind.PLACE: N_("your city"),
    TermKind.COUNTRY: N_("your country"),
    TermKind.HANDLE: N_("one of your handles"),
    TermKind.EMPLOYER: N_("your employer"),
    TermKind.SCHOOL: N_("your school"),
}


class PasswordCheck(Check):
    id = "HA-P"
    title = N_("Password strength and reuse")
    description = N_(
        "zxcvbn strength fed with your personal words; exact and near reuse across "
        "your password-manager export; empty passwords and plain-http logins."
    )
    category = Category.PASSWORDS
    inputs = frozenset({Input.PASSWORDS, Input.PROFILE, Input.WIKI_USERNAME})
    codes = catalogue(
        FindingSpec(
            code="HA-P001",
            severity=Severity.CRITICAL,
            title=N_("Your Wikimedia password is also used on another site"),
            remediation=(
                N_(
                    "Change your Wikimedia password first, at Special:ChangePassword, to "
                    "a new random one used nowhere else."
                ),
                GENERATE,
                UNIQUE,
                N_(
                    "Turn on two-factor authentication for your Wikimedia account "
                    "(Special:OATH): with it a stolen password alone is not enough."
                ),
            ),
            references=(URL_PASSWORD_CHANGE, URL_2FA),
            urgency=100,
            problem=REUSED,
            scope=ActionScope.PASSWORD,
        ),
        FindingSpec(
            code="HA-P002",
            severity=Severity.HIGH,
            title=N_("The same password is used for several accounts"),
            remediation=(
                N_(
                    "Change the password on every account of the group but "
                    "one, starting with e-mail and the most important sites."
                ),
                GENERATE,
                UNIQUE,
            ),
            references=(URL_REUSE,),
            urgency=40,
            problem=REUSED,
            scope=ActionScope.PASSWORD,
        ),
        FindingSpec(
            code="HA-P003",
            severity=Severity.MEDIUM,
            title=N_("Passwords that differ only by small edits"),
            remediation=(
                N_(
                    "Attackers who learn one of these passwords try the obvious "
                    "variations (another year, another site name, a '!' "
                    "added). Replace them with unrelated random passwords."
                ),
                GENERATE,
            ),
            references=(URL_PM,),
            urgency=15,
            problem=SIMILAR,
            scope=ActionScope.SIMILAR,
        ),
        FindingSpec(
            code="HA-P004",
            severity=Severity.HIGH,
            title=N_("Your Wikimedia password is a small variation of another password"),
            remediation=(
                N_(
                    "Change your Wikimedia password to a random one that "
                    "resembles none of your other passwords."
                ),
                GENERATE,
                N_("Turn on two-factor authentication (Special:OATH)."),
            ),
            references=(URL_PASSWORD_CHANGE, URL_2FA),
            urgency=60,
            problem=SIMILAR,
            scope=ActionScope.SIMILAR,
        ),
        FindingSpec(
            code="HA-P005",
            severity=Severity.HIGH,
            title=N_("Weak password"),
            remediation=(
                GENERATE,
                N_("Change it on the site, then update the entry in your password manager."),
            ),
            references=(URL_PM,),
            urgency=40,
            problem=WEAK,
            scope=ActionScope.PASSWORD,
        ),
        FindingSpec(
            code="HA-P006",
            severity=Severity.MEDIUM,
            title=N_("Password could be guessed by a determined attacker"),
            remediation=(GENERATE,),
            references=(URL_PM,),
            urgency=15,
            problem=N_("could be guessed"),
            scope=ActionScope.PASSWORD,
        ),
        FindingSpec(
            code="HA-P007",
            severity=Severity.CRITICAL,
            title=N_("Your Wikimedia password is weak"),
            remediation=(
                N_("Change it now at Special:ChangePassword."),
                GENERATE,
                N_("Turn on two-factor authentication (Special:OATH)."),
            ),
            references=(URL_PASSWORD_CHANGE, URL_2FA),
            urgency=100,
            problem=WEAK,
            scope=ActionScope.PASSWORD,
        ),
        FindingSpec(
            code="HA-P008",
            severity=Severity.HIGH,
            title=N_("Entry with an empty password"),
            remediation=(
                N_(
                    "If the account has no password, set one; if the export "
                    "lost it, check the entry in your password manager."
                ),
                GENERATE,
            ),
            urgency=40,
            problem=N_("empty"),
            scope=ActionScope.PASSWORD,
        ),
        FindingSpec(
            code="HA-P009",
            severity=Severity.MEDIUM,
            title=N_("Password built from your personal information"),
            remediation=(
                N_(
                    "Anyone who knows you, or finds your name, birth year or "
                    "e-mail online, tries these first. Replace the password "
                    "with a random one."
                ),
                GENERATE,
            ),
            references=(URL_PM,),
            urgency=15,
            problem=N_("built from your personal information"),
            scope=ActionScope.PASSWORD,
        ),
        FindingSpec(
            code="HA-P010",
            severity=Severity.MEDIUM,
            title=N_("Login address uses plain http://"),
            remediation=(
                N_(
                    "Open the site with https:// and update the saved address; "
                    "if the site has no https, assume the password can be read "
                    "on the network and use it nowhere else."
                ),
            ),
            urgency=10,
            problem=N_("saved with a plain http:// address"),
            scope=ActionScope.PASSWORD,
        ),
        FindingSpec(
            code="HA-P011",
            severity=Severity.INFO,
            title=N_("Your Wikimedia accounts: the ones that matter most"),
            remediation=(
                N_(
                    "Give these the strongest unique password and two-factor "
                    "authentication; review them first after any breach."
                ),
            ),
            references=(URL_2FA,),
        ),
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        if not ctx.inputs.has_passwords:
            raise SkipCheck(
                _(
                    "No passwords given: pass your password manager's export with --passwords FILE "
                    "(CSV or .kdbx), or type some with --ask-passwords."
                )
            )
        vault = ctx.inputs.vault
        entries = vault.entries
        if not entries:
            vault.fail_if_unreadable()
            raise SkipCheck(_("The password sources contained no login entries."))
        profile = ctx.inputs.profile
        username = ctx.inputs.wiki_username
        terms = personal_terms(profile, username)
        findings: list[Finding] = []
        ctx.progress.start(_("rating password strength"), total=len(entries))
        with rating(entries, [t.original for t in terms]) as pending:
            findings += self._reuse(vault)  # while the workers rate
            rated = pending.results(ctx.progress.advance)
        ctx.progress.finish()
        findings += self._strength(entries, rated)
        findings += self._personal_and_http(entries, terms)
        wiki = [e for e in entries if is_wikimedia(e)]
        if wiki:
            findings.append(
                self.finding(
                    "HA-P011",
                    evidence=describe_entries(wiki),
                    location=entry_locations(wiki),
                    personal=entry_personal(wiki),
                    entries=entry_refs(wiki),
                )
            )
        return CheckResult.of(
            findings,
            reason=import_summary(vault),
            assessed_items=len(entries),
            input_problems=vault.problems,
            notes=vault.delete_reminders,
        )

    def _reuse(self, vault: Vault) -> list[Finding]:
        entries = vault.entries
        findings = []
        for group in exact_groups(entries):
            members = [entries[i] for i in group]
            wiki = any(is_wikimedia(e) for e in members) and not all(
                is_wikimedia(e) for e in members
            )
            count = len(members)
            findings.append(
                self.finding(
                    "HA-P001" if wiki else "HA-P002",
                    evidence=ngettext(
                        "Same password on {n} entry: {entries}",
                        "Same password on {n} entries: {entries}",
                        count,
                    ).format(n=count, entries=describe_entries(members)),
                    location=entry_locations(members),
                    steps=[_("Change it on: {entries}").format(entries=describe_entries(members))],
                    personal=entry_personal(members),
                    entries=entry_refs(members),
                )
            )
        for near in vault.near_groups:
            members = [entries[i] for i in near]
            wiki = any(is_wikimedia(e) for e in members)
            findings.append(
                self.finding(
                    "HA-P004" if wiki else "HA-P003",
                    evidence=_("Similar passwords on: {entries}").format(
                        entries=describe_entries(members)
                    ),
                    location=entry_locations(members),
                    personal=entry_personal(members),
                    entries=entry_refs(members),
                )
            )
        return findings

    def _strength(
        self, entries: Sequence[VaultEntry], rated: Sequence[Strength | None]
    ) -> list[Finding]:
        findings = []
        for entry, result in zip(entries, rated, strict=True):
            where = entry.where
            if result is None:
                findings.append(
                    self.finding(
                        "HA-P008",
                        evidence=entry.label,
                        location=where,
                        personal=entry_personal([entry]),
                        entries=(entry.ref,),
                    )
                )
                continue
            wiki = is_wikimedia(entry)
            if result.score <= 1 or (wiki and result.score <= 2):
                code = "HA-P007" if wiki else "HA-P005"
            elif result.score == 2:
                code = "HA-P006"
            else:
                continue
            detail = _("{entry}: strength {score}/4, time to crack offline: {time}").format(
                entry=entry.label, score=result.score, time=duration(result.crack_seconds)
            )
            # zxcvbn's own English feedback; our catalogs translate it (see update_catalogs.py)
            if result.warning:
                detail += f" — {_(result.warning)}"
            if result.suggestions:
                detail += " " + _("(zxcvbn: {tips})").format(
                    tips=" ".join(_(s) for s in result.suggestions)
                )
            findings.append(
                self.finding(
                    code,
                    evidence=detail,
                    location=where,
                    personal=entry_personal([entry]),
                    entries=(entry.ref,),
                )
            )
        return findings

    def _personal_and_http(
        self, entries: Sequence[VaultEntry], terms: Sequence[Term]
    ) -> list[Finding]:
        findings = []
        for entry in entries:
            where = entry.where
            value = reveal(entry.password)
            kinds = personal_kinds_in(value, terms) if value else set()
            if kinds:
                what = ", ".join(sorted({_(PASSWORD_PERSONAL_KIND[k]) for k in kinds}))
                findings.append(
                    self.finding(
                        "HA-P009",
                        location=where,
                        evidence=_("{entry}: contains {what}").format(entry=entry.label, what=what),
                        personal=entry_personal([entry]),
                        entries=(entry.ref,),
                    )
                )
            if entry.url.strip().lower().startswith("http://"):
                findings.append(
                    self.finding(
                        "HA-P010",
                        evidence=entry.label,
                        location=where,
                        personal=entry_personal([entry]),
                        entries=(entry.ref,),
                    )
                )
        return findings


def import_summary(vault: Vault) -> str:
    parts = []
    for imp in vault.imports:
        if imp.problem:
            continue  # said as an input problem, first in the report
        text = ngettext(
            "{n} login from {source} ({format})",
            "{n} logins from {source} ({format})",
            len(imp.entries),
        ).format(n=len(imp.entries), source=imp.source, format=imp.format)
        extra = []
        if imp.non_login_rows:
            extra.append(
                ngettext(
                    "{n} item that is not a login was skipped",
                    "{n} items that are not logins were skipped",
                    imp.non_login_rows,
                ).format(n=imp.non_login_rows)
            )
        parts.append(text + (f" [{', '.join(extra)}]" if extra else ""))
    return _("Read {parts}.").format(parts="; ".join(parts))
