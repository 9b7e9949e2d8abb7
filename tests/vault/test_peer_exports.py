"""Conformance: every sample export that other password-manager projects wrote for their own
importer tests (../shared/peer-testdata, read in place, never copied) is read as the product it
is, with the exact number of logins — or refused with the exact reason.

The counts come from the files: a login is an item with a password, a login name or an
address that is not a card, note, identity, folder marker, deleted (recycle bin) entry or a
browser's internal account row. 1Password's .1pux counts its archived login and its password
item (their passwords may still be in use). Header-less Keeper exports are refused with the
hint to name them; read with ``--passwords-format keeper`` they give their rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hygiene_audit.core.errors import InputFileError
from hygiene_audit.vault.importers.load import read_source

PEER = Path(__file__).resolve().parents[3] / "shared" / "peer-testdata"
pytestmark = pytest.mark.skipif(not PEER.is_dir(), reason="../shared/peer-testdata is absent")

# (sample, product, logins) — or (sample, None, words of the refusal)
EXPECTED: list[tuple[str, str | None, int | str]] = [
    (
        "bitwarden-testdata/arc-csv__missing-name-and-url-data.csv",
        "Google Password Manager / Chromium browser (Chrome, Edge, Opera, Brave, Arc)",
        1,
    ),
    (
        "bitwarden-testdata/arc-csv__password-with-note-data.csv",
        "Google Password Manager / Chromium browser (Chrome, Edge, Opera, Brave, Arc)",
        1,
    ),
    (
        "bitwarden-testdata/arc-csv__simple-password-data.csv",
        "Google Password Manager / Chromium browser (Chrome, Edge, Opera, Brave, Arc)",
        1,
    ),
    (
        "bitwarden-testdata/buttercup-csv__buttercup-sample__basicLoginWithSubfolder.csv",
        "Buttercup",
        1,
    ),
    (
        "bitwarden-testdata/buttercup-csv__buttercup-sample__caseInsensitiveCustomFields.csv",
        "Buttercup",
        1,
    ),
    (
        "bitwarden-testdata/buttercup-csv__buttercup-sample__customFieldsCaseSensitive.csv",
        "Buttercup",
        1,
    ),
    ("bitwarden-testdata/buttercup-csv__buttercup-sample__emptyData.csv", "Buttercup", 0),
    (
        "bitwarden-testdata/buttercup-csv__buttercup-sample__entryWithoutFolderMarker.csv",
        "Buttercup",
        1,
    ),
    (
        "bitwarden-testdata/buttercup-csv__buttercup-sample__folderMarkerWithCredentials.csv",
        "Buttercup",
        0,
    ),
    ("bitwarden-testdata/buttercup-csv__buttercup-sample__multipleSubfolders.csv", "Buttercup", 2),
    ("bitwarden-testdata/buttercup-csv__buttercup-sample__multipleUris.csv", "Buttercup", 1),
    (
        "bitwarden-testdata/buttercup-csv__buttercup-sample__preservedCustomFields.csv",
        "Buttercup",
        1,
    ),
    (
        "bitwarden-testdata/chrome-csv__android-data.csv",
        "Google Password Manager / Chromium browser (Chrome, Edge, Opera, Brave, Arc)",
        1,
    ),
    (
        "bitwarden-testdata/chrome-csv__note-data.csv",
        "Google Password Manager / Chromium browser (Chrome, Edge, Opera, Brave, Arc)",
        1,
    ),
    (
        "bitwarden-testdata/dashlane-csv__credentials-otpurl__credentialsData_otpUrl.csv",
        "Dashlane",
        1,
    ),
    (
        "bitwarden-testdata/dashlane-csv__payments-payment-card__paymentsPaymentCardData.csv",
        "Dashlane (payments)",
        0,
    ),
    (
        "bitwarden-testdata/delinea__deliinea-csv-importer-testdata__DelineaCsvTestData.csv",
        "Delinea Secret Server",
        2,
    ),
    (
        "bitwarden-testdata/delinea__deliinea-csv-importer-testdata__DelineaCsvTestDataEmpty.csv",
        "Delinea Secret Server",
        0,
    ),
    ("bitwarden-testdata/enpass-csv__enpass.login-quoted.csv", "Enpass", 4),
    ("bitwarden-testdata/enpass-csv__enpass.login.csv", "Enpass", 2),
    ("bitwarden-testdata/enpass-csv__enpass.secure-note.csv", None, "recognises"),
    ("bitwarden-testdata/jslib-dashlaneCsv__credentials__credentialsData.csv", "Dashlane", 1),
    ("bitwarden-testdata/jslib-dashlaneCsv__id__identityData.csv", "Dashlane (IDs)", 0),
    (
        "bitwarden-testdata/jslib-dashlaneCsv__multiplePersonalInfo__multiplePersonalInfoData.csv",
        "Dashlane (personal info)",
        0,
    ),
    ("bitwarden-testdata/jslib-dashlaneCsv__payments__paymentsData.csv", "Dashlane (payments)", 0),
    (
        "bitwarden-testdata/jslib-dashlaneCsv__personalInfo__personalInfoData.csv",
        "Dashlane (personal info)",
        0,
    ),
    (
        "bitwarden-testdata/jslib-dashlaneCsv__securenotes__secureNoteData.csv",
        "Dashlane (secure notes)",
        0,
    ),
    ("bitwarden-testdata/jslib-firefoxCsv__firefoxAccountsData.csv", "Firefox", 1),
    ("bitwarden-testdata/jslib-firefoxCsv__simplePasswordData.csv", "Firefox", 1),
    ("bitwarden-testdata/jslib-mykiCsv__UserAccount__userAccountData.csv", "Myki", 1),
    (
        "bitwarden-testdata/jslib-mykiCsv__UserCreditCard__userCreditCardData.csv",
        "Myki (cards, IDs, identities, notes, 2FA)",
        0,
    ),
    (
        "bitwarden-testdata/jslib-mykiCsv__UserIdCard__userIdCardData.csv",
        "Myki (cards, IDs, identities, notes, 2FA)",
        0,
    ),
    (
        "bitwarden-testdata/jslib-mykiCsv__UserIdentity__userIdentityData.csv",
        "Myki (cards, IDs, identities, notes, 2FA)",
        0,
    ),
    (
        "bitwarden-testdata/jslib-mykiCsv__UserNote__userNoteData.csv",
        "Myki (cards, IDs, identities, notes, 2FA)",
        0,
    ),
    (
        "bitwarden-testdata/jslib-mykiCsv__UserTwofa__userTwoFaData.csv",
        "Myki (cards, IDs, identities, notes, 2FA)",
        0,
    ),
    ("bitwarden-testdata/jslib-nordpassCsv__nordpass.card.csv", "NordPass", 0),
    ("bitwarden-testdata/jslib-nordpassCsv__nordpass.identity.csv", "NordPass", 0),
    ("bitwarden-testdata/jslib-nordpassCsv__nordpass.login.csv", "NordPass", 1),
    ("bitwarden-testdata/jslib-nordpassCsv__nordpass.secureNote.csv", "NordPass", 0),
    ("bitwarden-testdata/jslib-onePasswordCsv__creditCard.mac.csv", "1Password 7 (Mac)", 0),
    ("bitwarden-testdata/jslib-onePasswordCsv__creditCard.windows.csv", "1Password 7 (Windows)", 0),
    ("bitwarden-testdata/jslib-onePasswordCsv__identity.mac.csv", "1Password 7 (Mac)", 0),
    ("bitwarden-testdata/jslib-onePasswordCsv__identity.windows.csv", "1Password 7 (Windows)", 0),
    ("bitwarden-testdata/jslib-onePasswordCsv__multipleItems.mac.csv", "1Password 7 (Mac)", 1),
    (
        "bitwarden-testdata/jslib-onePasswordCsv__multipleItems.windows.csv",
        "1Password 7 (Windows)",
        1,
    ),
    ("bitwarden-testdata/jslib-safariCsv__oldSimplePasswordData.csv", "Safari (older)", 1),
    ("bitwarden-testdata/jslib-safariCsv__simplePasswordData.csv", "Apple Passwords / Safari", 1),
    ("bitwarden-testdata/keeper-csv__testdata__testData.csv", None, "looks like a Keeper export"),
    (
        "bitwarden-testdata/keeper-csv__testdata__testDataMultiCollection.csv",
        None,
        "looks like a Keeper export",
    ),
    (
        "bitwarden-testdata/lastpass-csv__lastpass-csv-importer.spec.inline__BankAccountCSV.csv",
        "LastPass",
        0,
    ),
    (
        "bitwarden-testdata/lastpass-csv__lastpass-csv-importer.spec.inline__DriversLicenseCSV.csv",
        "LastPass",
        0,
    ),
    (
        "bitwarden-testdata/lastpass-csv__lastpass-csv-importer.spec.inline__PassportCSV.csv",
        "LastPass",
        0,
    ),
    (
        "bitwarden-testdata/lastpass-csv__lastpass-csv-importer.spec.inline__credit_card_blank.csv",
        "LastPass",
        0,
    ),
    (
        "bitwarden-testdata/lastpass-csv__lastpass-csv-importer.spec.inline__credit_card_expiration.csv",
        "LastPass",
        0,
    ),
    (
        "bitwarden-testdata/lastpass-csv__lastpass-csv-importer.spec.inline__credit_card_no_month.csv",
        "LastPass",
        0,
    ),
    (
        "bitwarden-testdata/lastpass-csv__lastpass-csv-importer.spec.inline__credit_card_no_year.csv",
        "LastPass",
        0,
    ),
    (
        "bitwarden-testdata/lastpass-csv__lastpass-csv-importer.spec.inline__login_with_totp.csv",
        "LastPass",
        1,
    ),
    (
        "bitwarden-testdata/msecure-csv__msecure-csv-importer.spec.inline__multiple_entries.csv",
        "mSecure",
        3,
    ),
    (
        "bitwarden-testdata/netwrix-csv__login-export__credentialsData.csv",
        "Netwrix Password Secure",
        3,
    ),
    (
        "bitwarden-testdata/netwrix-csv__login-export__credentialsDataAlternateUriHeaders.csv",
        "Netwrix Password Secure",
        4,
    ),
    (
        "bitwarden-testdata/netwrix-csv__login-export__credentialsDataEnclosedInQuotes.csv",
        "Netwrix Password Secure",
        2,
    ),
    (
        "bitwarden-testdata/netwrix-csv__login-export__credentialsDataEnclosedInQuotesEnglishOrgUnit.csv",
        "Netwrix Password Secure",
        1,
    ),
    (
        "bitwarden-testdata/netwrix-csv__login-export__credentialsDataWithFolders.csv",
        "Netwrix Password Secure",
        1,
    ),
    ("bitwarden-testdata/nordpass-csv__nordpass.login-with-additinal-urls.csv", "NordPass", 1),
    ("bitwarden-testdata/nordpass-csv__nordpass.login.csv", "NordPass", 1),
    (
        "bitwarden-testdata/passwordxp-csv__dutch-headers__dutchHeaders.csv",
        "Password XP (Dutch)",
        3,
    ),
    (
        "bitwarden-testdata/passwordxp-csv__passwordxp-with-folders__withFolders.csv",
        "Password XP",
        4,
    ),
    (
        "bitwarden-testdata/passwordxp-csv__passwordxp-with-folders__withMultipleFolders.csv",
        "Password XP",
        4,
    ),
    ("bitwarden-testdata/roboform-csv__empty-folders.csv", "RoboForm", 3),
    ("bitwarden-testdata/roboform-csv__with-folders__data.csv", "RoboForm", 4),
    ("bitwarden-testdata/roboform-csv__with-folders__dataWithFolderHierarchy.csv", "RoboForm", 5),
    ("bitwarden-testdata/securesafe-csv__securesafe-example__data_lowerUrl.csv", "SecureSafe", 1),
    ("bitwarden-testdata/securesafe-csv__securesafe-example__data_upperUrl.csv", "SecureSafe", 1),
    ("bitwarden-testdata/securesafe-csv__securesafe-example__data_website.csv", "SecureSafe", 1),
    ("bitwarden-testdata/zohovault__sample-zohovault-data__data.csv", "Zoho Vault", 1),
    ("bitwarden-testdata/zohovault__sample-zohovault-data__legacyData.csv", "Zoho Vault", 1),
    ("keepassxc-testdata/1PasswordExport.1pux", "1Password (.1pux)", 3),
    ("keepassxc-testdata/Compressed.keepassxc-cli-export.csv", "KeePassXC", 1),
    ("keepassxc-testdata/Format200.keepassxc-cli-export.csv", "KeePassXC", 1),
    ("keepassxc-testdata/Format300.keepassxc-cli-export.csv", "KeePassXC", 1),
    ("keepassxc-testdata/Format400.keepassxc-cli-export.csv", "KeePassXC", 1),
    ("keepassxc-testdata/KeyFileProtected.keepassxc-cli-export.csv", "KeePassXC", 2),
    ("keepassxc-testdata/KeyFileProtectedNoPassword.keepassxc-cli-export.csv", "KeePassXC", 2),
    ("keepassxc-testdata/NewDatabase.keepassxc-cli-export.csv", "KeePassXC", 2),
    ("keepassxc-testdata/NonAscii.keepassxc-cli-export.csv", "KeePassXC", 1),
    ("keepassxc-testdata/ProtectedStrings.keepassxc-cli-export.csv", "KeePassXC", 1),
    ("keepassxc-testdata/RecycleBinWithData.keepassxc-cli-export.csv", "KeePassXC", 5),
    ("keepassxc-testdata/bitwarden_export.json", "Bitwarden (JSON)", 1),
    ("keepassxc-testdata/keepassxc-csv-exporter-empty-database.csv", "KeePassXC", 0),
]


@pytest.mark.parametrize(
    ("sample", "product", "expected"), EXPECTED, ids=[e[0].split("/")[-1] for e in EXPECTED]
)
def test_every_peer_sample(sample: str, product: str | None, expected: int | str) -> None:
    path = PEER / sample
    if product is None:
        with pytest.raises(InputFileError) as info:
            read_source(str(path))
        assert str(expected) in info.value.message
        assert "\n" not in info.value.message
        return
    imported = read_source(str(path))
    assert imported.format == product
    assert len(imported.entries) == expected


def test_every_sample_is_in_the_table() -> None:
    listed = {e[0] for e in EXPECTED}
    on_disk = {
        str(p.relative_to(PEER)) for p in PEER.rglob("*") if p.suffix in (".csv", ".json", ".1pux")
    }
    assert on_disk == listed


@pytest.mark.parametrize(
    ("sample", "logins"),
    [
        ("bitwarden-testdata/keeper-csv__testdata__testData.csv", 3),
        ("bitwarden-testdata/keeper-csv__testdata__testDataMultiCollection.csv", 3),
    ],
)
def test_keeper_is_read_when_named(sample: str, logins: int) -> None:
    imported = read_source(str(PEER / sample), layout="keeper")
    assert imported.format == "Keeper" and len(imported.entries) == logins


def test_the_four_defects_of_claimed_formats() -> None:
    recycle = read_source(
        str(PEER / "keepassxc-testdata/RecycleBinWithData.keepassxc-cli-export.csv")
    )
    assert len(recycle.entries) == 5 and recycle.non_login_rows == 6  # as the .kdbx says
    firefox = read_source(
        str(PEER / "bitwarden-testdata/jslib-firefoxCsv__firefoxAccountsData.csv")
    )
    assert all(not e.url.startswith("chrome://") for e in firefox.entries)
    nordpass = read_source(str(PEER / "bitwarden-testdata/nordpass-csv__nordpass.login.csv"))
    assert nordpass.format == "NordPass"
