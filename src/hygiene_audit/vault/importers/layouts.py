"""Every password-manager CSV layout the tool reads: one declarative entry each.

Adding a manager is one :class:`Layout` here plus a test built from its real header line (and,
where a peer project publishes samples, a row in the conformance test). A layout names the
header cells that identify the export (all must be present; the layout with the most cells
that matches wins, so a superset such as NordPass's is never taken for Chrome's), and which
columns hold the title, address, login and password (the first non-empty one wins).

Header-less exports are described by ``positions`` (Keeper: cells by position) or by a row
shape (Enpass: label/value pairs; mSecure: ``Label|n|value`` cells); those cannot always be
told from a header, so ``--passwords-format NAME`` names them where the shape is not certain.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    key: str  # the name --passwords-format takes
    product: str
    columns: tuple[str, ...] = ()  # lower-case header cells that identify the export
    title: tuple[str, ...] = ()
    url: tuple[str, ...] = ()
    username: tuple[str, ...] = ()
    password: tuple[str, ...] = ()
    kind: str | None = None  # the column holding the item type (absent: every row has one kind)
    login_kinds: tuple[str, ...] = ()  # lower-case types that are logins (empty: every row)
    not_login_urls: tuple[str, ...] = ()  # address prefixes of rows that are not logins
    deleted: str | None = None  # a group-path column: a "Recycle Bin" segment is deleted
    fields_column: str | None = None  # a column of "Key: value" lines (Zoho Vault)
    logins: bool = True  # False: a known export that holds no logins (cards, notes, IDs)
    positions: tuple[str, ...] = ()  # header-less: the column names, by position
    shape: str | None = None  # header-less row shapes: "pairs" (Enpass), "piped" (mSecure)
    only_by_name: bool = False  # never detected, only taken with --passwords-format
    exact: bool = False  # the header must be exactly ``columns`` (a subset of many others)


def _c(*names: str) -> tuple[str, ...]:
    return tuple(n.lower() for n in names)


CHROMIUM = "Google Password Manager / Chromium browser (Chrome, Edge, Opera, Brave, Arc)"

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "bitwarden",
        "Bitwarden",
        _c("type", "name", "login_uri", "login_username", "login_password"),
        title=_c("name"),
        url=_c("login_uri"),
        username=_c("login_username"),
        password=_c("login_password"),
        kind="type",
        login_kinds=("login",),
    ),
    Layout(  # `type` and `email` since ContentFormatVersion 5 (aliases, notes, cards: no logins)
        "protonpass",
        "Proton Pass",
        _c(
            "name",
            "url",
            "username",
            "password",
            "note",
            "totp",
            "createtime",
            "modifytime",
            "vault",
        ),
        title=_c("name"),
        url=_c("url"),
        username=_c("username", "email"),
        password=_c("password"),
        kind="type",
        login_kinds=("login",),
    ),
    Layout(
        "1password",
        "1Password 8",
        _c("title", "url", "username", "password", "otpauth", "archived"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
    ),
    Layout(
        "1password7-windows",
        "1Password 7 (Windows)",
        _c("uuid", "title", "scope", "autosubmit"),
        title=_c("title"),
        url=_c("url", "urls"),
        username=_c("username", "email"),
        password=_c("password"),
    ),
    Layout(
        "1password7-mac",
        "1Password 7 (Mac)",
        _c("title", "username", "password", "url", "account number(accountno)"),
        title=_c("title"),
        url=_c("url", "url(url)"),
        username=_c("username", "username(username)"),
        password=_c("password", "password(password)"),
        kind="type",
        login_kinds=("login", "password"),
    ),
    Layout(
        "keepassxc",
        "KeePassXC",
        _c("group", "title", "username", "password", "url"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        deleted="group",
    ),
    Layout(
        "firefox",
        "Firefox",
        _c("url", "username", "password", "httprealm", "formactionorigin"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        not_login_urls=("chrome://",),
    ),
    Layout(
        "lastpass",
        "LastPass",
        _c("url", "username", "password", "extra", "name", "grouping"),
        title=_c("name"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        not_login_urls=("http://sn",),
    ),
    Layout(
        "apple",
        "Apple Passwords / Safari",
        _c("title", "url", "username", "password", "otpauth"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
    ),
    Layout(
        "safari-old",
        "Safari (older)",
        _c("title", "url", "username", "password"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        exact=True,
    ),
    Layout(
        "nordpass",
        "NordPass",
        _c("name", "url", "username", "password", "note", "cardnumber", "folder"),
        title=_c("name"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
    ),
    Layout(
        "chromium",
        CHROMIUM,
        _c("name", "url", "username", "password"),
        title=_c("name"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
    ),
    Layout(
        "dashlane",
        "Dashlane",
        _c("username", "username2", "username3", "title", "password", "url"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username", "username2", "username3"),
        password=_c("password"),
    ),
    Layout(
        "dashlane-payments",
        "Dashlane (payments)",
        _c("type", "account_name", "cc_number"),
        logins=False,
    ),
    Layout(
        "dashlane-ids", "Dashlane (IDs)", _c("type", "number", "name", "issue_date"), logins=False
    ),
    Layout(
        "dashlane-personal",
        "Dashlane (personal info)",
        _c("type", "first_name", "last_name", "date_of_birth"),
        logins=False,
    ),
    Layout("dashlane-notes", "Dashlane (secure notes)", _c("title", "note"), logins=False),
    Layout(
        "roboform",
        "RoboForm",
        _c("name", "url", "matchurl", "login", "pwd"),
        title=_c("name"),
        url=_c("url", "matchurl"),
        username=_c("login"),
        password=_c("pwd"),
    ),
    Layout(
        "zohovault",
        "Zoho Vault",
        _c("password name", "password url", "secretdata"),
        title=_c("password name"),
        url=_c("password url"),
        username=_c("user name"),
        password=_c("password"),
        fields_column="secretdata",
    ),
    Layout(
        "myki",
        "Myki",
        _c("nickname", "url", "username", "password", "twofasecret"),
        title=_c("nickname"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
    ),
    Layout(
        "myki-other",
        "Myki (cards, IDs, identities, notes, 2FA)",
        _c("nickname", "status"),
        logins=False,
    ),
    Layout(
        "securesafe",
        "SecureSafe",
        _c("title", "username", "password", "comment"),
        title=_c("title"),
        url=_c("url", "website"),
        username=_c("username"),
        password=_c("password"),
    ),
    Layout(
        "passwordxp",
        "Password XP",
        _c("title", "user name", "account", "url", "password"),
        title=_c("title"),
        url=_c("url"),
        username=_c("user name", "account"),
        password=_c("password"),
    ),
    Layout(
        "passwordxp-nl",
        "Password XP (Dutch)",
        _c("titel", "gebruikersnaam", "account", "url", "wachtwoord"),
        title=_c("titel"),
        url=_c("url"),
        username=_c("gebruikersnaam", "account"),
        password=_c("wachtwoord"),
    ),
    Layout(
        "delinea",
        "Delinea Secret Server",
        _c("secret name", "username", "url", "password"),
        title=_c("secret name"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
    ),
    Layout(
        "netwrix",
        "Netwrix Password Secure",
        _c("beschreibung"),
        title=_c("beschreibung"),
        url=_c("internetseite", "internetadresse", "webseite", "website", "url"),
        username=_c("benutzername"),
        password=_c("passwort"),
    ),
    Layout(
        "buttercup",
        "Buttercup",
        _c("!group_id", "!group_name", "!type", "title", "username", "password"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        kind="!type",
        login_kinds=("login", "website", "credentials", "entry"),
    ),
    Layout(
        "keeper",
        "Keeper",
        positions=("folder", "title", "username", "password", "url", "notes"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        only_by_name=True,
    ),
    Layout(
        "enpass",
        "Enpass",
        shape="pairs",
        title=_c("title"),
        url=_c("website", "url"),
        username=_c("username", "e-mail", "email", "login"),
        password=_c("*password", "password"),
    ),
    Layout(
        "msecure",
        "mSecure",
        shape="piped",
        kind="type",
        login_kinds=("login",),
        title=_c("title"),
        url=_c("website"),
        username=_c("username"),
        password=_c("password"),
    ),
)

BY_KEY = {layout.key: layout for layout in LAYOUTS}
READABLE = tuple(dict.fromkeys(layout.product for layout in LAYOUTS if layout.logins))
