"""HA-B: passwords (and optionally e-mail addresses) seen in breaches, via Have I Been Pwned.

Passwords: the range API with k-anonymity (only five hex characters of a SHA-1 leave), or
the downloaded offline copy with ``--hibp-file``. E-mail addresses: only with a HIBP API key
the user supplies, and the README says that this lookup sends the address itself.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from hygiene_audit.core.errors import NetworkError
from hygiene_audit.hibp.interface import Lookup, PwnedSource
from hygiene_audit.hibp.offline_file import open_source
from hygiene_audit.hibp.range_api import RangeApiSource
from hygiene_audit.plugin import (
    N_,
    ActionScope,
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
    describe_entries,
    entry_locations,
    entry_personal,
    entry_refs,
    ngettext,
    number,
)
from hygiene_audit.safety.secrets import reveal, sha1_hex
from hygiene_audit.vault.analysis import is_wikimedia

URL_PWNED = "https://haveibeenpwned.com/Passwords"
URL_DOWNLOADER = "https://github.com/HaveIBeenPwned/PwnedPasswordsDownloader"


def pwned_source(ctx: CheckContext) -> PwnedSource:
    """The offline file when given, else the range API; skipped when offline without a file."""
    path = ctx.inputs.hibp_file
    if path is not None:
        return open_source(path)
    if ctx.offline:
        raise SkipCheck(
            _(
                "Offline and no Pwned Passwords file: download it with the official "
                "PwnedPasswordsDownloader ({url}) and pass --hibp-file PATH."
            ).format(url=URL_DOWNLOADER)
        )
    return RangeApiSource(ctx.http(), ctx.endpoint(Endpoint.HIBP))


class BreachCheck(Check):
    id = "HA-B"
    title = N_("Passwords and e-mail addresses seen in breaches")
    description = N_(
        "Have I Been Pwned: Pwned Passwords by k-anonymity (five hex characters "
        "of a SHA-1 leave) or offline; e-mail addresses only with your API key."
    )
    category = Category.BREACHES
    inputs = frozenset({Input.PASSWORDS, Input.HIBP_FILE, Input.HIBP_API_KEY, Input.PROFILE})
    endpoints = frozenset({Endpoint.HIBP, Endpoint.HIBP_ACCOUNTS})
    codes = catalogue(
        FindingSpec(
            code="HA-B001",
            severity=Severity.CRITICAL,
            title=N_("Password found in known data breaches"),
            remediation=(
                N_(
                    "Attackers try breached passwords first, on every site. Change this "
                    "password on every entry listed, to a new random password for each."
                ),
                N_("Never use this password again anywhere, not even with small changes."),
                N_("Turn on two-factor authentication wherever the site offers it."),
            ),
            references=(URL_PWNED,),
            urgency=100,
            problem=N_("seen {count} times in breaches"),
            scope=ActionScope.PASSWORD,
        ),
        FindingSpec(
            code="HA-B002",
            severity=Severity.INFO,
            title=N_("Passwords not checked against breaches"),
            remediation=(
                N_(
                    "Run the audit again later, or offline with the downloaded "
                    "Pwned Passwords file (--hibp-file)."
                ),
            ),
            references=(URL_DOWNLOADER,),
        ),
        FindingSpec(
            code="HA-B003",
            severity=Severity.HIGH,
            title=N_("E-mail address found in a data breach"),
            remediation=(
                N_(
                    "Change the password of the breached site and of every site where "
                    "you used the same one."
                ),
                N_(
                    "Expect targeted phishing that quotes the breached data; never "
                    "follow a link in an unexpected e-mail about your account."
                ),
                N_("Consider a separate e-mail address, used only for your Wikimedia account."),
            ),
            references=("https://haveibeenpwned.com/",),
        ),
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        findings: list[Finding] = []
        reasons: list[str] = []
        api_key = ctx.inputs.hibp_api_key
        emails = ctx.inputs.profile.emails
        if not ctx.inputs.has_passwords and not (api_key and emails):
            raise SkipCheck(_("No passwords given (--passwords FILE or --ask-passwords)."))
        checked: int | None = None
        problems: tuple[str, ...] = ()
        if ctx.inputs.has_passwords:
            found, reason, checked, lookup_problems = self._passwords(ctx)
            problems = (*ctx.inputs.vault.problems, *lookup_problems)
            findings += found
            reasons.append(reason)
        if api_key is not None and emails:
            if ctx.offline:
                reasons.append(_("E-mail addresses not checked: offline."))
            else:
                findings += self._emails(ctx, emails)
        return CheckResult.of(
            findings,
            reason=" ".join(reasons),
            assessed_items=checked,
            input_problems=problems,
            notes=ctx.inputs.vault.delete_reminders if ctx.inputs.has_passwords else (),
        )

    def _passwords(self, ctx: CheckContext) -> tuple[list[Finding], str, int, tuple[str, ...]]:
        """(findings, reason, passwords checked, what made the lookup incomplete)."""
        vault = ctx.inputs.vault
        kept = [i for i, e in enumerate(vault.entries) if reveal(e.password)]
        entries = [vault.entries[i] for i in kept]
        if not entries:
            vault.fail_if_unreadable()
            raise SkipCheck(_("The password sources contained no non-empty passwords."))
        by_hash: dict[str, list[int]] = defaultdict(list)
        for index, entry in enumerate(entries):
            by_hash[sha1_hex(reveal(entry.password))].append(index)
        ctx.progress.start(_("looking up breached passwords"), total=len(by_hash))
        with pwned_source(ctx) as source:
            answers: dict[str, Lookup] = source.lookup(list(by_hash), ctx.progress.advance)
        ctx.progress.finish()
        incomplete = list(source.problems)
        near_of: dict[int, list[int]] = {}
        if any(answer.count for answer in answers.values()):  # only a breached one needs them
            position = {vault_index: n for n, vault_index in enumerate(kept)}
            for group in vault.near_groups:
                near = [position[i] for i in group]  # a near group has no empty password
                for i in near:
                    near_of[i] = near
        findings = []
        unknown: list[int] = []
        problems: set[str] = set()
        for digest, indices in by_hash.items():
            answer = answers[digest]
            if answer.count is None:
                unknown += indices
                problems.add(answer.problem or "?")
                continue
            if not answer.count:
                continue
            members = [entries[i] for i in indices]
            similar = sorted({j for i in indices for j in near_of.get(i, [])} - set(indices))
            steps = [_("Change it on: {entries}").format(entries=describe_entries(members))]
            if similar:
                steps.append(
                    _("Also change the similar passwords on: {entries}.").format(
                        entries=describe_entries([entries[j] for j in similar])
                    )
                )
            if any(is_wikimedia(e) for e in members):
                steps.append(
                    _(
                        "One of them is your Wikimedia account: change it first, at "
                        "Special:ChangePassword, and turn on two-factor authentication."
                    )
                )
            findings.append(
                self.finding(
                    "HA-B001",
                    evidence=ngettext(
                        "Seen {count} time in breaches: {entries}",
                        "Seen {count} times in breaches: {entries}",
                        answer.count,
                    ).format(count=number(answer.count), entries=describe_entries(members)),
                    location=entry_locations(members),
                    steps=steps,
                    personal=entry_personal([*members, *(entries[j] for j in similar)]),
                    entries=entry_refs(members),
                    count=answer.count,
                )
            )
        if unknown:
            missed = [entries[i] for i in unknown]
            findings.append(
                self.finding(
                    "HA-B002",
                    evidence=_("Not checked: {entries} — {reason}").format(
                        entries=describe_entries(missed), reason="; ".join(sorted(problems))
                    ),
                    personal=entry_personal(missed),
                    entries=entry_refs(missed),
                )
            )
        checked = len(entries) - len(unknown)
        reason = " ".join(
            (
                _("{checked} of {total} passwords checked with the {source}.").format(
                    checked=checked, total=len(entries), source=source.description
                ),
                *source.notes,
            )
        )
        if unknown and not checked:
            raise NetworkError(
                _("no password could be checked: {reason}").format(
                    reason="; ".join(sorted(problems))
                )
            )
        if unknown:
            incomplete.append(
                ngettext(
                    "{n} password could not be checked against breaches, listed as not "
                    "checked: {reason}",
                    "{n} passwords could not be checked against breaches, listed as not "
                    "checked: {reason}",
                    len(unknown),
                ).format(n=number(len(unknown)), reason="; ".join(sorted(problems)))
            )
        return findings, reason, checked, tuple(incomplete)

    def _emails(self, ctx: CheckContext, emails: tuple[str, ...]) -> list[Finding]:
        api_key = ctx.inputs.hibp_api_key
        assert api_key is not None
        base = ctx.endpoint(Endpoint.HIBP_ACCOUNTS).rstrip("/")
        client = ctx.http()
        ctx.say(
            _(
                "Asking Have I Been Pwned about your e-mail addresses: it sees each address "
                "itself and where the request comes from — {route}."
            ).format(route=ctx.route)
        )
        findings = []
        for email in emails:
            request = client.build_request(
                "GET",
                f"{base}/breachedaccount/{quote(email, safe='')}",
                params={"truncateResponse": "false"},
                headers={"hibp-api-key": reveal(api_key)},
            )
            response = client.send(request)  # retried by the client's transport
            if response.status_code == 404:
                continue
            if response.status_code == 401:
                raise NetworkError(_("Have I Been Pwned refused the API key (HTTP 401)."))
            if response.status_code != 200:
                raise NetworkError(
                    _("{host}: HTTP {status}").format(
                        host=request.url.host, status=response.status_code
                    )
                )
            try:
                breaches = response.json()
                items = [
                    (
                        str(b.get("Title") or b["Name"]),
                        str(b.get("BreachDate", "?")),
                        ", ".join(str(c) for c in b.get("DataClasses", [])),
                    )
                    for b in breaches
                ]
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise NetworkError(
                    _("{host}: malformed answer").format(host=request.url.host)
                ) from exc
            for title, date, classes in items:
                findings.append(
                    self.finding(
                        "HA-B003",
                        evidence=_("{email}: {breach} ({date}); exposed: {classes}").format(
                            email=email, breach=title, date=date, classes=classes
                        ),
                        personal=[PersonalValue(kind=PersonalKind.EMAIL, value=email)],
                    )
                )
        return findings
