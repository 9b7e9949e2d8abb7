"""Every password-manager CSV layout the tool reads: one declarative entry each.

Adding a manager is one :class:`Layout` here plus a test built from its real header line (and,
where a peer project publishes samples, a row in the conformance test). A layout is matched on
its full identifying header, never on a few cells found anywhere: every cell of ``columns``
must be there, and every other cell must be one the product is known to write (``optional``),
unless the product writes columns of its own choosing (custom fields, sections: ``extra``).
Of the layouts that match, the one with the most identifying cells wins. ``versions`` says
which releases write the layout; ``title``, ``url``, ``username`` and ``password`` name the
columns that hold them (the first non-empty one wins); ``kind`` and ``login_kinds`` say which
rows are logins.

Header-less exports are described by ``positions`` (Keeper: cells by position) or by a row
shape (Enpass: label/value pairs; mSecure: ``Label|n|value`` cells); those cannot always be
told from a header, so ``--passwords-format NAME`` names them where the shape is not certain.
Enpass's header line, where it writes one (``Title,Field,Value,…,Note``), is ``pattern``.
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
    optional: tuple[str, ...] = ()  # other cells the product may write in ``versions``
    extra: bool = False  # the product adds columns of its own (custom fields, sections)
    pattern: str | None = None  # a header line matched as a whole (lower case, comma-joined)
    versions: str = ""  # which releases write this layout (shown in the README table)

    def matches(self, names: set[str]) -> bool:
        """Whether a header of these lower-case cells is this layout's, as a whole."""
        if not self.columns or not set(self.columns) <= names:
            return False
        return self.extra or names <= {*self.columns, *self.optional}


def _c(*names: str) -> tuple[str, ...]:
    return tuple(n.lower() for n in names)


CHROMIUM = "Google Password Manager / Chromium browser (Chrome, Edge, Opera, Brave, Arc)"

LAYOUTS: tuple[Layout, ...] = (
    Layout(  # individual vault (folder, favorite, …) and organization (collections, …)
        "bitwarden",
        "Bitwarden",
        _c("type", "name", "login_uri", "login_username", "login_password"),
        title=_c("name"),
        url=_c("login_uri"),
        username=_c("login_username"),
        password=_c("login_password"),
        kind="type",
        login_kinds=("login",),
        extra=True,
        versions="CSV, individual and organization vaults",
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
        optional=_c("type", "email"),
        title=_c("name"),
        url=_c("url"),
        username=_c("username", "email"),
        password=_c("password"),
        kind="type",
        login_kinds=("login",),
        versions="CSV, with or without the type and email columns",
    ),
    Layout(
        "1password",
        "1Password 8",
        _c("title", "url", "username", "password", "otpauth", "archived"),
        optional=_c("favorite", "tags", "notes"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        versions="1Password 8 CSV",
    ),
    Layout(
        "1password7-windows",
        "1Password 7 (Windows)",
        _c("uuid", "title", "scope", "autosubmit"),
        title=_c("title"),
        url=_c("url", "urls"),
        username=_c("username", "email"),
        password=_c("password"),
        extra=True,  # one column per section field
        versions="1Password 7 for Windows CSV",
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
        extra=True,  # one column per field of every template
        versions="1Password 7 for Mac CSV",
    ),
    Layout(  # pass-import's fixture tests/assets/db/1password4.csv
        "1password4",
        "1Password 4",
        _c("title", "notes", "username", "password", "url"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        versions="1Password 4 CSV (title, notes, username, password, url)",
    ),
    Layout(  # KeePassX 2 writes the first six cells only (pass-import's keepassx2.csv)
        "keepassxc",
        "KeePassXC",
        _c("group", "title", "username", "password", "url", "notes"),
        optional=_c("totp", "icon", "last modified", "created"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        deleted="group",
        versions="KeePassXC 2.x CSV; KeePassX 2 CSV",
    ),
    Layout(  # KeePass 2's File > Export > KeePass CSV (1.x) (pass-import's keepass.csv)
        "keepass",
        "KeePass 2",
        _c("account", "login name", "password", "web site", "comments"),
        title=_c("account"),
        url=_c("web site"),
        username=_c("login name"),
        password=_c("password"),
        versions="KeePass 2.x 'KeePass CSV (1.x)' export",
    ),
    Layout(
        "firefox",
        "Firefox",
        _c("url", "username", "password", "httprealm", "formactionorigin"),
        optional=_c("guid", "timecreated", "timelastused", "timepasswordchanged"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        not_login_urls=("chrome://",),
        versions="Firefox 79 and later",
    ),
    Layout(
        "lastpass",
        "LastPass",
        _c("url", "username", "password", "extra", "name", "grouping"),
        optional=_c("totp", "fav"),
        title=_c("name"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        not_login_urls=("http://sn",),
        versions="with or without the totp column",
    ),
    Layout(
        "apple",
        "Apple Passwords / Safari",
        _c("title", "url", "username", "password", "otpauth"),
        optional=_c("notes"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        versions="Passwords app (macOS 15, iOS 18), Safari 15 and later",
    ),
    Layout(
        "safari-old",
        "Safari (older)",
        _c("title", "url", "username", "password"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        versions="Safari 14",
    ),
    Layout(  # aliasvault's StrongboxCsvRecord (Title, Username, Email, Password, URL, …)
        "strongbox",
        "Strongbox",
        _c("title", "username", "email", "password", "url", "otpauth", "notes"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username", "email"),
        password=_c("password"),
        versions="CSV export",
    ),
    Layout(
        "nordpass",
        "NordPass",
        _c("name", "url", "username", "password", "note", "cardnumber", "folder"),
        title=_c("name"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        extra=True,  # columns added over time (additional_urls, type, custom_fields, …)
        versions="CSV, every item type in one file",
    ),
    Layout(
        "chromium",
        CHROMIUM,
        _c("name", "url", "username", "password"),
        optional=_c("note"),
        title=_c("name"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        versions="with or without the note column",
    ),
    Layout(  # aliasvault's DropboxCsvRecord: Name, URL, Username, Password, Notes
        "dropbox",
        "Dropbox Passwords",
        _c("name", "url", "username", "password", "notes"),
        title=_c("name"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        versions="CSV export",
    ),
    Layout(
        "dashlane",
        "Dashlane",
        _c("username", "username2", "username3", "title", "password", "url"),
        optional=_c("note", "category", "otpsecret", "otpurl"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username", "username2", "username3"),
        password=_c("password"),
        versions="credentials.csv of the CSV zip",
    ),
    Layout(
        "dashlane-payments",
        "Dashlane (payments)",
        _c("type", "account_name", "cc_number"),
        logins=False,
        extra=True,
    ),
    Layout(
        "dashlane-ids",
        "Dashlane (IDs)",
        _c("type", "number", "name", "issue_date"),
        logins=False,
        extra=True,
    ),
    Layout(
        "dashlane-personal",
        "Dashlane (personal info)",
        _c("type", "first_name", "last_name", "date_of_birth"),
        logins=False,
        extra=True,
    ),
    Layout("dashlane-notes", "Dashlane (secure notes)", _c("title", "note"), logins=False),
    Layout(  # MatchUrl and RfFieldsV2 in RoboForm 9; Rf_fields before (pass-import's roboform.csv)
        "roboform",
        "RoboForm",
        _c("name", "url", "login", "pwd"),
        optional=_c("matchurl", "note", "folder", "rffieldsv2", "rf_fields"),
        title=_c("name"),
        url=_c("url", "matchurl"),
        username=_c("login"),
        password=_c("pwd"),
        versions="with or without MatchUrl",
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
        extra=True,
        versions="'Password Name' headers",
    ),
    Layout(  # pass-import's zoho.vault.csv: "Secret Name","Description","Secret URL","SecretData",…
        "zohovault-old",
        "Zoho Vault (older)",
        _c("secret name", "secret url", "secretdata"),
        title=_c("secret name"),
        url=_c("secret url"),
        username=_c("user name"),
        password=_c("password"),
        fields_column="secretdata",
        extra=True,
        versions="'Secret Name' headers",
    ),
    Layout(
        "myki",
        "Myki",
        _c("nickname", "url", "username", "password", "twofasecret"),
        optional=_c("additionalinfo", "status", "tags"),
        title=_c("nickname"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
    ),
    Layout(
        "myki-other",
        "Myki (cards, IDs, identities, notes, 2FA)",
        _c("nickname", "status"),
        optional=_c(
            *("tags", "content", "authtoken", "additionalinfo", "cardnumber", "cardname"),
            *("exp_month", "exp_year", "cvv", "firstname", "middlename", "lastname", "email"),
            *("firstaddressline", "secondaddressline", "title", "gender", "number", "city"),
            *("country", "zipcode", "idtype", "idnumber", "idname", "idissuancedate"),
            *("idexpirationdate", "idcountry"),
        ),
        logins=False,
    ),
    Layout(
        "securesafe",
        "SecureSafe",
        _c("title", "username", "password", "comment"),
        optional=_c("url", "website"),
        title=_c("title"),
        url=_c("url", "website"),
        username=_c("username"),
        password=_c("password"),
    ),
    Layout(
        "passwordxp",
        "Password XP",
        _c("title", "user name", "account", "url", "password"),
        optional=_c("modified", "created", "expire on", "description", "modified by"),
        title=_c("title"),
        url=_c("url"),
        username=_c("user name", "account"),
        password=_c("password"),
    ),
    Layout(
        "passwordxp-nl",
        "Password XP (Dutch)",
        _c("titel", "gebruikersnaam", "account", "url", "wachtwoord"),
        optional=_c("gewijzigd", "gemaakt", "verloopt op", "beschrijving", "gewijzigd door"),
        title=_c("titel"),
        url=_c("url"),
        username=_c("gebruikersnaam", "account"),
        password=_c("wachtwoord"),
    ),
    Layout(
        "delinea",
        "Delinea Secret Server",
        _c("secret name", "username", "url", "password"),
        optional=_c("notes", "date created", "expires", "folder", "totp key", "totp backup codes"),
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
        extra=True,  # the columns are the form fields of each organisation
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
        extra=True,  # one column per custom field
    ),
    # Header lines as pass-import's fixtures show them (roddhjav/pass-import, tests/assets/db/)
    Layout(
        "safeincloud",
        "SafeInCloud",
        _c("title", "login", "password", "url", "notes", "otp"),
        title=_c("title"),
        url=_c("url"),
        username=_c("login"),
        password=_c("password"),
        versions="CSV export",
    ),
    Layout(
        "passpack",
        "Passpack",
        _c("entry name", "url", "user id", "password", "notes", "shared notes", "tags"),
        optional=_c("extra fields", "email"),
        title=_c("entry name"),
        url=_c("url"),
        username=_c("user id", "email"),
        password=_c("password"),
        versions="CSV export",
    ),
    Layout(
        "saferpass",
        "SaferPass",
        _c("modeltype", "modelversion", "url", "username", "password", "title"),
        optional=_c("notes", "favorite", "text", "color"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        kind="modeltype",
        login_kinds=("account",),
        versions="CSV export",
    ),
    Layout(
        "padlock",
        "Padloc",
        _c("name", "tags", "url", "username", "password", "notes"),
        title=_c("name"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        versions="CSV export",
    ),
    Layout(
        "gorilla",
        "Password Gorilla",
        _c("uuid", "group", "title", "url", "user", "password", "notes"),
        title=_c("title"),
        url=_c("url"),
        username=_c("user"),
        password=_c("password"),
        versions="CSV export",
    ),
    Layout(
        "encryptr",
        "Encryptr",
        _c("entry type", "label", "password", "username", "site url"),
        optional=_c("notes", "text", "type", "name on card", "card number", "cvv", "expiry"),
        title=_c("label"),
        url=_c("site url"),
        username=_c("username"),
        password=_c("password"),
        kind="entry type",
        login_kinds=("password",),
        versions="CSV export",
    ),
    Layout(
        "synology",
        "Synology C2 Password",
        _c("display_name", "login_username", "login_password", "login_urls"),
        optional=_c("login_totp", "notes", "favorite"),
        title=_c("display_name"),
        url=_c("login_urls"),
        username=_c("login_username"),
        password=_c("login_password"),
        versions="CSV export",
    ),
    Layout(
        "passman",
        "Passman (Nextcloud)",
        _c("label", "username", "password", "email", "description", "tags", "url"),
        optional=_c("custom_fields", "files"),
        title=_c("label"),
        url=_c("url"),
        username=_c("username", "email"),
        password=_c("password"),
        versions="CSV export",
    ),
    Layout(
        "ff-password-exporter",
        "FF Password Exporter (Firefox)",
        _c("hostname", "username", "password"),
        url=_c("hostname"),
        username=_c("username"),
        password=_c("password"),
        versions="CSV",
    ),
    Layout(
        "keeper",
        "Keeper",
        positions=("folder", "title", "username", "password", "url", "notes"),
        title=_c("title"),
        url=_c("url"),
        username=_c("username"),
        password=_c("password"),
        versions="CSV (no header line)",
    ),
    Layout(  # its header line: "Title","Field","Value",…,"Note" (pass-import's enpass.csv)
        "enpass",
        "Enpass",
        shape="pairs",
        pattern=r"title(,(field|value|\.+))+(,note)?",
        title=_c("title"),
        url=_c("website", "url"),
        username=_c("username", "e-mail", "email", "login"),
        password=_c("*password", "password"),
        versions="Enpass 5 and 6 CSV, with or without its header line",
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
        versions="mSecure 5 CSV (no header line)",
    ),
)

BY_KEY = {layout.key: layout for layout in LAYOUTS}
READABLE = tuple(dict.fromkeys(layout.product for layout in LAYOUTS if layout.logins))
