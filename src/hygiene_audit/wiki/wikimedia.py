"""Facts about Wikimedia sites shared by several checks: host family and help links."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib import resources

import idna
from pydantic import BaseModel, ConfigDict, model_validator

from hygiene_audit.i18n import N_, _
from hygiene_audit.safety.hosts import ascii_host, comparable_host

WIKIMEDIA_DOMAINS = (
    "wikipedia.org",
    "wikimedia.org",
    "wikidata.org",
    "wiktionary.org",
    "wikibooks.org",
    "wikinews.org",
    "wikiquote.org",
    "wikisource.org",
    "wikiversity.org",
    "wikivoyage.org",
    "mediawiki.org",
    "wikifunctions.org",
)

# Help pages quoted in remediation (stable, public).
URL_2FA = "https://meta.wikimedia.org/wiki/Help:Two-factor_authentication"
URL_PASSWORD_CHANGE = "https://meta.wikimedia.org/wiki/Special:ChangePassword"  # noqa: S105
URL_GLOBAL_RENAME = "https://meta.wikimedia.org/wiki/Special:GlobalRenameRequest"
URL_OVERSIGHT = "https://meta.wikimedia.org/wiki/Oversight_policy"
URL_REVDEL = "https://meta.wikimedia.org/wiki/Help:Revision_deletion"
URL_PRIVACY_HELP = "https://meta.wikimedia.org/wiki/Wikimedia_Foundation_Trust_and_Safety"
URL_HR_SAFETY = "https://meta.wikimedia.org/wiki/Human_Rights_Team"
URL_USERPAGE_GUIDE = (
    "https://en.wikipedia.org/wiki/Wikipedia:On_privacy,_confidentiality_and_discretion"
)
URL_ALT_ACCOUNT = "https://en.wikipedia.org/wiki/Wikipedia:Sock_puppetry#Legitimate_uses"


URL_PREFERENCES = "https://meta.wikimedia.org/wiki/Help:Preferences"

# Two account settings the wiki shows (HA-W reads them online) and the self-assessment asks
# about when it is not read (HA-S): one wording for both.
GENDER_TITLE = N_("Your gender is shown publicly")
GENDER_STEPS = (
    N_(
        "Special:Preferences → User profile → 'How do you prefer to be described?': "
        "choose the neutral option if this narrows down who you are."
    ),
)
EMAIL_USER_TITLE = N_("Other users can e-mail you through the wiki")
EMAIL_USER_STEPS = (
    N_(
        "'Email this user' does not show your address, but your reply does, and so does any "
        "e-mail you send through the wiki."
    ),
    N_(
        "Use a separate e-mail address for the wiki account, or turn the option off in "
        "Special:Preferences → User profile → Email options."
    ),
)


def is_wikimedia_host(host: str) -> bool:
    """The one test of "is this a Wikimedia wiki" (oversight routing, password reuse, links):
    compared in punycode, so a look-alike (``wikipеdia.org`` with a Cyrillic 'е',
    ``wikipedia.org.evil.example``) is not one."""
    try:
        host = ascii_host(host)
    except ValueError:
        return False
    return any(host == d or host.endswith("." + d) for d in WIKIMEDIA_DOMAINS)


def looks_like_wikimedia(host: str) -> bool:
    """A host that is not Wikimedia's but reads like it: a look-alike letter
    (``wikipеdia.org``, shown as ``xn--wikipdia-g8g.org``) or a Wikimedia host inside a longer
    name (``en.wikipedia.org.evil.example``). Said in the report, so nobody trusts it."""
    if is_wikimedia_host(host):
        return False
    from unidecode import unidecode

    try:
        shown = idna.decode(comparable_host(host))
    except (idna.IDNAError, UnicodeError):
        shown = host
    skeleton = "." + unidecode(shown).lower().strip(".") + "."
    return is_wikimedia_host(skeleton.strip(".")) or any(
        f".{domain}." in skeleton for domain in WIKIMEDIA_DOMAINS
    )


URL_STEWARDS = "https://meta.wikimedia.org/wiki/Stewards"


class OversightContact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    page: str
    email: str | None = None
    email_source: str | None = None

    @model_validator(mode="after")
    def _sourced(self) -> OversightContact:
        if self.email and not self.email_source:
            raise ValueError(f"{self.email}: an address without a source")
        return self


class OversightContacts(BaseModel):
    """``data/oversight.toml``: who takes suppression requests for which wiki."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    retrieved: date
    stewards: OversightContact
    wikis: dict[str, OversightContact]


@cache
def oversight_contacts() -> OversightContacts:
    raw = resources.files("hygiene_audit.data").joinpath("oversight.toml").read_text("utf-8")
    return OversightContacts.model_validate(tomllib.loads(raw))


def oversight_contact(site: str) -> str:
    """The "To:" of a private suppression request for ``site``: the wiki's own oversight team
    where it has one, the stewards where it has none, its administrators off Wikimedia."""
    host = comparable_host(site)  # in punycode: a look-alike shows as the host it is
    if not is_wikimedia_host(host):
        return _("the administrators of {host}, privately").format(host=host)
    contacts = oversight_contacts()
    local = contacts.wikis.get(host)
    if local is not None and local.email:
        return f"{local.email} ({local.page})"
    if local is not None:
        return _("the oversight team of {host}: its private address is listed at {page}").format(
            host=host, page=local.page
        )
    stewards = contacts.stewards
    return _("{email} (the stewards: {host} has no oversight team of its own; {page})").format(
        email=stewards.email, host=host, page=stewards.page
    )
