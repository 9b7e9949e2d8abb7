"""Facts about Wikimedia sites shared by several checks: host family and help links."""

from __future__ import annotations

WIKIMEDIA_DOMAINS = (
    "wikipedia.org", "wikimedia.org", "wikidata.org", "wiktionary.org", "wikibooks.org",
    "wikinews.org", "wikiquote.org", "wikisource.org", "wikiversity.org", "wikivoyage.org",
    "mediawiki.org", "wikifunctions.org",
)

# Help pages quoted in remediation (stable, public).
URL_2FA = "https://meta.wikimedia.org/wiki/Help:Two-factor_authentication"
URL_PASSWORD_CHANGE = "https://meta.wikimedia.org/wiki/Special:ChangePassword"  # noqa: S105
URL_GLOBAL_RENAME = "https://meta.wikimedia.org/wiki/Special:GlobalRenameRequest"
URL_OVERSIGHT = "https://meta.wikimedia.org/wiki/Oversight_policy"
URL_REVDEL = "https://meta.wikimedia.org/wiki/Help:Revision_deletion"
URL_PRIVACY_HELP = "https://meta.wikimedia.org/wiki/Wikimedia_Foundation_Trust_and_Safety"
URL_HR_SAFETY = "https://meta.wikimedia.org/wiki/Human_Rights_Team"
URL_USERPAGE_GUIDE = "https://en.wikipedia.org/wiki/Wikipedia:On_privacy,_confidentiality_and_discretion"
URL_ALT_ACCOUNT = "https://en.wikipedia.org/wiki/Wikipedia:Sock_puppetry#Legitimate_uses"


def is_wikimedia_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in WIKIMEDIA_DOMAINS)


URL_STEWARDS = "https://meta.wikimedia.org/wiki/Stewards"
URL_EN_OVERSIGHT = "https://en.wikipedia.org/wiki/Wikipedia:Requests_for_oversight"


def oversight_contact(site: str) -> str:
    """Where a private suppression request for ``site`` goes."""
    host = site.lower()
    if host == "en.wikipedia.org":
        return f"oversight-en-wp@wikipedia.org ({URL_EN_OVERSIGHT})"
    if is_wikimedia_host(host):
        return (f"the oversight team of {host} (its 'Requests for oversight' page gives the "
                f"address); if it has none, the stewards ({URL_STEWARDS})")
    return f"the administrators of {host}, privately"
