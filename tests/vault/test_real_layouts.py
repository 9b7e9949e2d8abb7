"""The exports people actually have (issue 29), each written here in the product's own layout.

No file of another project is copied: each fixture below is written for this test from what a
named source shows of the layout (its header line, its JSON or XML shape), with invented
entries. Items that are not logins (aliases, notes, cards, identities, empty items) never
become password findings, and the report counts them.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hygiene_audit.core.errors import InputFileError
from hygiene_audit.vault.importers.load import read_source

from ..cli_helpers import Report, run_json

# Proton Pass CSV, ContentFormatVersion 5 and later: the `type` column first and `email` beside
# `username` (ProtonMail/WebClients, packages/pass/lib/import/providers/protonpass.csv.types.ts).
# An alias item holds the alias address and no password; a note holds neither.
PROTON_CSV = (
    "type,name,url,email,username,password,note,totp,createTime,modifyTime,vault\n"
    "login,Forum,https://forum.example,ana@mail.example,ana,Pl4in-Forum-Pass,,,"
    "1700000000,1700000000,Personal\n"
    "alias,Newsletter alias,,news.fox123@passinbox.com,,,,,1700000000,1700000000,Personal\n"
    "alias,Shop alias,,shop.owl456@passinbox.com,,,,,1700000000,1700000000,Personal\n"
    "note,Door code,,,,,1234 then #,,1700000000,1700000000,Personal\n"
)
# Before ContentFormatVersion 5 there was neither `type` nor `email`: every row is a login.
PROTON_CSV_OLD = (
    "name,url,username,password,note,totp,createTime,modifyTime,vault\n"
    "Forum,https://forum.example,ana,Pl4in-Forum-Pass,,,1700000000,1700000000,Personal\n"
)


def run_passwords(*paths: Path) -> Report:
    args = ["--offline", "--only", "HA-P"]
    for path in paths:
        args += ["--passwords", str(path)]
    return run_json(*args)


def password_row(report: Report) -> dict[str, Any]:
    (row,) = [c for c in report["checks"] if c["id"] == "HA-P"]
    assert isinstance(row, dict)
    return row


def test_proton_pass_aliases_and_notes_are_no_logins_and_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "proton.csv"
    path.write_text(PROTON_CSV)
    imported = read_source(str(path))
    assert imported.format == "Proton Pass"
    assert [(e.title, e.username) for e in imported.entries] == [("Forum", "ana")]
    assert imported.non_login_rows == 3
    report = run_passwords(path)
    assert "HA-P008" not in {f["id"] for f in report["findings"]}  # no "empty password"
    assert "3 items that are not logins were skipped" in password_row(report)["reason"]


def test_an_older_proton_pass_csv_without_a_type_column_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "proton-old.csv"
    path.write_text(PROTON_CSV_OLD)
    imported = read_source(str(path))
    assert imported.format == "Proton Pass" and len(imported.entries) == 1


def test_an_empty_bitwarden_login_item_is_no_empty_password_finding(tmp_path: Path) -> None:
    """Bitwarden's JSON keeps a login item with no login name, password or address (the CSV
    reader already skipped the same row): it is not a login, never an "empty password"."""
    items = [
        {
            "type": 1,
            "name": "Forum",
            "login": {
                "username": "ana",
                "password": "Pl4in-Forum-Pass",
                "uris": [{"match": None, "uri": "https://forum.example"}],
            },
        },
        {
            "type": 1,
            "name": "Placeholder",
            "login": {"username": None, "password": None, "uris": [], "totp": None},
        },
        {"type": 1, "name": "Bare", "login": {}},
    ]
    path = tmp_path / "bitwarden.json"
    path.write_text(json.dumps({"encrypted": False, "folders": [], "items": items}))
    imported = read_source(str(path))
    assert [e.title for e in imported.entries] == ["Forum"]
    assert imported.non_login_rows == 2 and imported.skipped_rows == 0
    report = run_passwords(path)
    assert "HA-P008" not in {f["id"] for f in report["findings"]}
    assert not report["input_problems"]


# (name, export text, product, [(title, login)]): each header line as the product writes it,
# the rows invented here. Sources of the layouts: pass-import (roddhjav/pass-import,
# tests/assets/db/<name>) for KeePass 2, KeePassX 2, Enpass with its header line, 1Password 4,
# RoboForm before MatchUrl and Zoho Vault's older headers; aliasvault (lanedirt/AliasVault,
# StrongboxCsvRecord.cs, DropboxCsvRecord.cs) for Strongbox and Dropbox Passwords.
CSV_LAYOUTS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "keepass2.csv",
        '"Account","Login Name","Password","Web Site","Comments"\n'
        '"Forum","ana","Pl4in-Forum-Pass","https://forum.example/",""\n'
        '"Bank","ana.b","Bank-Pass-9","https://bank.example/","main account"\n',
        "KeePass 2",
        [("Forum", "ana"), ("Bank", "ana.b")],
    ),
    (
        "keepassx2.csv",
        '"Group","Title","Username","Password","URL","Notes"\n'
        '"Root/Forums","Forum","ana","Pl4in-Forum-Pass","https://forum.example",""\n',
        "KeePassXC",
        [("Forum", "ana")],
    ),
    (
        "enpass-with-header.csv",
        '"Title","Field","Value","Field","Value",.........,"Note"\n'
        '"Forum","Username","ana","Password","Pl4in-Forum-Pass","URL","https://forum.example",""\n'
        '"Bank","Username","ana.b","Password","Bank-Pass-9","URL","https://bank.example","x"\n',
        "Enpass",
        [("Forum", "ana"), ("Bank", "ana.b")],
    ),
    (
        "1password4.csv",
        "title,notes,username,password,url\n"
        '"Forum","","ana","Pl4in-Forum-Pass","https://forum.example"\n',
        "1Password 4",
        [("Forum", "ana")],
    ),
    (
        "roboform-old.csv",
        "Name,Url,Login,Pwd,Note,Folder,Rf_fields\n"
        "Forum,https://forum.example,ana,Pl4in-Forum-Pass,,/Forums,\n",
        "RoboForm",
        [("Forum", "ana")],
    ),
    (
        "zoho-old.csv",
        '\ufeff"Secret Name","Description","Secret URL","SecretData","Notes","CustomData",'
        '"Tags","Classification","Favorite","ChamberName"\n'
        'Forum,,https://forum.example/,"SecretType:Web Account\nUser Name:ana\n'
        'Password:Pl4in-Forum-Pass",,,,,,\n',
        "Zoho Vault (older)",
        [("Forum", "ana")],
    ),
    (
        "strongbox.csv",
        "Title,Username,Email,Password,URL,OTPAuth,Notes\n"
        "Forum,ana,ana@mail.example,Pl4in-Forum-Pass,https://forum.example,,\n",
        "Strongbox",
        [("Forum", "ana")],
    ),
    (
        "dropbox.csv",
        "Name,URL,Username,Password,Notes\nForum,https://forum.example,ana,Pl4in-Forum-Pass,\n",
        "Dropbox Passwords",
        [("Forum", "ana")],
    ),
    # pass-import's tests/assets/db/<product>.csv header lines
    (
        "safeincloud.csv",
        '"Title","Login","Password","URL","Notes","OTP"\n'
        '"Forum","ana","Pl4in-Forum-Pass","https://forum.example/","",""\n',
        "SafeInCloud",
        [("Forum", "ana")],
    ),
    (
        "passpack.csv",
        '"Entry Name","URL","User ID","Password","Notes","Shared Notes","Tags","Extra Fields",'
        '"Email"\n"Forum","https://forum.example","ana","Pl4in-Forum-Pass","","","","",""\n',
        "Passpack",
        [("Forum", "ana")],
    ),
    (
        "saferpass.csv",
        '\ufeff"modelType","modelVersion","url","username","password","notes","favorite",'
        '"title","text","color"\n'
        '"Account","2","https://forum.example","ana","Pl4in-Forum-Pass","","false","Forum",,\n'
        '"Note","2",,,,,"false","Door","1234",\n',
        "SaferPass",
        [("Forum", "ana")],
    ),
    (
        "padlock.csv",
        "name,tags,url,username,password,notes\n"
        "Forum,Web,https://forum.example,ana,Pl4in-Forum-Pass,\n",
        "Padloc",
        [("Forum", "ana")],
    ),
    (
        "gorilla.csv",
        "uuid,group,title,url,user,password,notes\n"
        "542657a4-0000-4f1c-7958-08e271ebab02,Web,Forum,https://forum.example,ana,"
        "Pl4in-Forum-Pass,\n",
        "Password Gorilla",
        [("Forum", "ana")],
    ),
    (
        "encryptr.csv",
        "Entry Type,Label,Password,Username,Site URL,Notes,Text,Type,Name on card,Card Number,"
        "CVV,Expiry\n"
        "Password,Forum,Pl4in-Forum-Pass,ana,https://forum.example,,,,,,,\n"
        "Credit Card,Visa,,,,,,Visa,Ana,4111111111111111,123,01/30\n",
        "Encryptr",
        [("Forum", "ana")],
    ),
    (
        "synology.csv",
        "\ufeffDisplay_Name,Login_Username,Login_Password,Login_URLs,Login_TOTP,Notes,Favorite\n"
        "Forum,ana,Pl4in-Forum-Pass,https://forum.example,,,\n",
        "Synology C2 Password",
        [("Forum", "ana")],
    ),
    (
        "passman.csv",
        '"label","username","password","email","description","tags","url","custom_fields",'
        '"files"\n"Forum","ana","Pl4in-Forum-Pass","","","[Web]","https://forum.example",'
        '"[]","[]"\n',
        "Passman (Nextcloud)",
        [("Forum", "ana")],
    ),
    (
        "ff-password-exporter.csv",
        'hostname,username,password\n"https://forum.example","ana","Pl4in-Forum-Pass"\n',
        "FF Password Exporter (Firefox)",
        [("", "ana")],
    ),
    (
        "apple.csv",  # the Passwords app (and Safari 15+): Title,URL,Username,Password,Notes,OTPAuth
        "Title,URL,Username,Password,Notes,OTPAuth\n"
        "forum.example (ana),https://forum.example/,ana,Pl4in-Forum-Pass,,\n",
        "Apple Passwords / Safari",
        [("forum.example (ana)", "ana")],
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "product", "logins"), CSV_LAYOUTS, ids=[c[0] for c in CSV_LAYOUTS]
)
def test_each_csv_layout_is_read_as_its_own_product(
    name: str, text: str, product: str, logins: list[tuple[str, str]], tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    imported = read_source(str(path))
    assert imported.format == product
    assert [(e.title, e.username) for e in imported.entries] == logins
    assert all(e.password.get_secret_value() for e in imported.entries)
    assert not imported.incomplete


@pytest.mark.parametrize(
    "header",
    [
        "title,note,website,password",  # two cells of Dashlane's notes among others
        "name,url,username,password,note,owner",  # Chrome's with a column no Chrome writes
        "title,url,username,password,otpauth,email",  # Apple's with Strongbox's email
    ],
)
def test_a_header_is_matched_as_a_whole_never_on_some_of_its_cells(
    header: str, tmp_path: Path
) -> None:
    path = tmp_path / "unknown.csv"
    path.write_text(header + "\nForum,x,https://forum.example,Pl4in-Forum-Pass\n")
    with pytest.raises(InputFileError, match="recognises"):
        read_source(str(path))


# ------------------------------------------------------------------ JSON, zip and XML exports


def enpass_json(password: str = "Pl4in-Forum-Pass") -> dict[str, Any]:
    """Enpass 6's .json export (the shape of Bitwarden's enpass-json spec data, bitwarden/
    clients libs/importer/src/importers/spec-data/enpass-json/login.ts): a login, a note, a
    card and a login in the trash."""

    def merged(kind: str, label: str, value: str, uid: int) -> dict[str, Any]:
        sensitive = int(kind == "password")
        return {"deleted": 0, "label": label, "order": uid, "sensitive": sensitive} | {
            "type": kind,
            "uid": uid,
            "value": value,
        }

    login = {
        "archived": 0,
        "auto_submit": 1,
        "category": "login",
        "createdAt": 1666449561,
        "favorite": 1,
        "fields": [
            merged("username", "Username", "ana", 10),
            merged("email", "E-mail", "ana@mail.example", 12),
            merged("password", "Password", password, 11),
            merged("url", "Website", "https://forum.example", 13),
            merged("section", "ADDITIONAL DETAILS", "", 101),
            merged("totp", "TOTP", "TOTP_SEED", 102),
        ],
        "icon": {"fav": "forum.example", "image": {"file": "web/forum.example"}, "type": 1},
        "note": "a note",
        "subtitle": "ana",
        "template_type": "login.default",
        "title": "Forum",
        "trashed": 0,
        "updated_at": 1666449561,
        "uuid": "f717cb7c-0000-4b24-b023-ec8a429cc992",
    }
    note = {"category": "note", "template_type": "note.default", "title": "Door", "trashed": 0}
    card = {
        "category": "creditcard",
        "fields": [merged("ccNumber", "Number", "4111111111111111", 1)],
        "template_type": "creditcard.default",
        "title": "Visa",
        "trashed": 0,
    }
    trashed = {**login, "title": "Old forum", "trashed": 1, "uuid": "0000"}
    return {"folders": [], "items": [login, note, card, trashed]}


def proton_json(password: str = "Pl4in-Forum-Pass") -> dict[str, Any]:
    """Proton Pass's data.json (the shape of Bitwarden's protonpass-json spec data, bitwarden/
    clients libs/importer/src/importers/spec-data/protonpass-json/protonpass.json.ts): a login,
    an older login (`username` before ContentFormatVersion 5), an alias, a note, a login in
    the trash."""

    def item(kind: str, name: str, content: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {
            "itemId": f"id-{name}",
            "shareId": "share-1",
            "data": {
                "metadata": {"name": name, "note": "", "itemUuid": "e8ee1a0c"},
                "extraFields": [],
                "type": kind,
                "content": content,
            },
            "state": 1,
            "aliasEmail": None,
            "contentFormatVersion": 6,
            "createTime": 1689182868,
            "modifyTime": 1689182868,
            "pinned": False,
            **extra,
        }

    login = {
        "itemEmail": "ana@mail.example",
        "password": password,
        "urls": ["https://forum.example/"],
        "totpUri": "",
        "passkeys": [],
        "itemUsername": "ana",
    }
    old = {"username": "ana.b", "password": password + "-bank", "urls": ["https://bank.example"]}
    items = [
        item("login", "Forum", login),
        item("login", "Bank", old, contentFormatVersion=1),
        item("alias", "Alias", {}, aliasEmail="fox.1@passinbox.com"),
        item("note", "Door", {}),
        item("login", "Trashed", login, state=2),
    ]
    return {
        "version": "1.21.2",
        "userId": "user-1",
        "encrypted": False,
        "vaults": {"vault-1": {"name": "Personal", "description": "", "items": items}},
    }


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def bitwarden_document(password: str = "Pl4in-Forum-Pass") -> dict[str, Any]:
    login = {"username": "ana", "password": password, "uris": [{"uri": "https://forum.example"}]}
    return {
        "encrypted": False,
        "folders": [],
        "items": [
            {"id": "i-1", "type": 1, "name": "Forum", "login": login, "attachments": []},
            {"type": 2, "name": "Note", "secureNote": {"type": 0}},
        ],
    }


# KeePass 2's File > Export > KeePass XML (2.x) (the shape of pass-import's tests/assets/db/
# keepass.xml): two logins, one with an old version in its History, one in the recycle bin.
KEEPASS2_XML = """<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<KeePassFile>
  <Meta>
    <Generator>KeePass</Generator>
    <RecycleBinEnabled>True</RecycleBinEnabled>
    <RecycleBinUUID>cmVjeWNsZWJpbjAwMDAwMA==</RecycleBinUUID>
  </Meta>
  <Root>
    <Group>
      <UUID>cm9vdDAwMDAwMDAwMDAwMA==</UUID>
      <Name>Database</Name>
      <Entry>
        <UUID>ZW50cnkxMDAwMDAwMDAwMA==</UUID>
        <String><Key>Notes</Key><Value /></String>
        <String><Key>Password</Key><Value ProtectInMemory="True">{password}</Value></String>
        <String><Key>Title</Key><Value>Forum</Value></String>
        <String><Key>URL</Key><Value>https://forum.example/</Value></String>
        <String><Key>UserName</Key><Value>ana</Value></String>
        <History>
          <Entry>
            <String><Key>Password</Key><Value ProtectInMemory="True">old-pass</Value></String>
            <String><Key>Title</Key><Value>Forum</Value></String>
          </Entry>
        </History>
      </Entry>
      <Group>
        <UUID>c29jaWFsMDAwMDAwMDAwMA==</UUID>
        <Name>Social</Name>
        <Entry>
          <String><Key>Password</Key><Value ProtectInMemory="True">Bank-Pass-9</Value></String>
          <String><Key>Title</Key><Value>Bank &amp; Co</Value></String>
          <String><Key>URL</Key><Value>https://bank.example</Value></String>
          <String><Key>UserName</Key><Value>ana.b</Value></String>
        </Entry>
      </Group>
      <Group>
        <UUID>cmVjeWNsZWJpbjAwMDAwMA==</UUID>
        <Name>Recycle Bin</Name>
        <Entry>
          <String><Key>Password</Key><Value ProtectInMemory="True">deleted-1</Value></String>
          <String><Key>Title</Key><Value>Gone</Value></String>
        </Entry>
      </Group>
    </Group>
  </Root>
</KeePassFile>
"""

# KeePassX 0.4's XML export (the shape of pass-import's tests/assets/db/keepassx.xml).
KEEPASSX_XML = """<!DOCTYPE KEEPASSX_DATABASE>
<database>
 <group>
  <title>Emails</title>
  <icon>0</icon>
  <group>
   <title>Web</title>
   <entry>
    <title>Forum</title>
    <username>ana</username>
    <password>{password}</password>
    <url>https://forum.example</url>
    <comment>a note</comment>
    <expire>Never</expire>
   </entry>
  </group>
  <entry>
   <title>Empty</title>
   <username></username>
   <password></password>
   <url></url>
  </entry>
 </group>
</database>
"""

# Password Safe 3's File > Export To > XML (the shape of pass-import's tests/assets/db/pwsafe.xml).
PWSAFE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="pwsafe.xsl"?>
<passwordsafe delimiter="»" Database="pwsafe.psafe3" FromDatabaseFormat="3.00">
  <Preferences><IsUTF8>1</IsUTF8></Preferences>
  <entry id="1">
    <group><![CDATA[Web]]></group>
    <title><![CDATA[Forum]]></title>
    <username><![CDATA[ana]]></username>
    <password><![CDATA[{password}]]></password>
    <url><![CDATA[https://forum.example]]></url>
  </entry>
  <entry id="2">
    <title><![CDATA[empty entry]]></title>
    <password><![CDATA[]]></password>
  </entry>
</passwordsafe>
"""

DOCUMENTS: list[tuple[str, bytes, str, list[tuple[str, str]], int]] = [
    (
        "enpass.json",
        json.dumps(enpass_json()).encode(),
        "Enpass (JSON)",
        [("Forum", "ana")],
        3,
    ),
    (
        "proton.zip",
        zipped({"Proton Pass/data.json": json.dumps(proton_json()).encode()}),
        "Proton Pass (JSON)",
        [("Forum", "ana"), ("Bank", "ana.b")],
        3,
    ),
    (
        "bitwarden-with-attachments.zip",
        zipped(
            {
                "data.json": json.dumps(bitwarden_document()).encode(),
                "attachments/i-1/scan.pdf": b"%PDF-1.4 not read",
            }
        ),
        "Bitwarden (JSON)",
        [("Forum", "ana")],
        1,
    ),
    (
        "keepass2.xml",
        KEEPASS2_XML.format(password="Pl4in-Forum-Pass").encode(),
        "KeePass 2 (XML)",
        [("Forum", "ana"), ("Bank & Co", "ana.b")],
        1,
    ),
    (
        "pwsafe.xml",
        PWSAFE_XML.format(password="Pl4in-Forum-Pass").encode(),
        "Password Safe (XML)",
        [("Forum", "ana")],
        1,
    ),
    (
        "keepassx.xml",
        KEEPASSX_XML.format(password="Pl4in-Forum-Pass").encode(),
        "KeePassX (XML)",
        [("Forum", "ana")],
        1,
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "product", "logins", "not_logins"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS]
)
def test_each_document_export_is_read_with_its_logins_only(
    name: str,
    data: bytes,
    product: str,
    logins: list[tuple[str, str]],
    not_logins: int,
    tmp_path: Path,
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    imported = read_source(str(path))
    assert imported.format == product
    assert [(e.title, e.username) for e in imported.entries] == logins
    assert imported.non_login_rows == not_logins
    assert not imported.incomplete


def test_a_zip_that_is_no_known_export_names_what_it_would_read(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    path.write_bytes(zipped({"holiday.jpg": b"\xff\xd8\xff"}))
    with pytest.raises(InputFileError) as refused:
        read_source(str(path))
    message = refused.value.message
    assert "Proton Pass/data.json" in message and "data.json" in message, message
    assert "\n" not in message


@pytest.mark.parametrize(
    "xml",
    [
        # the "billion laughs": entities that expand to gigabytes
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        "<database><group><entry><password>&c;</password></entry></group></database>",
        # an external entity that would read a local file into the report
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<database><group><entry><title>&x;</title><password>p</password></entry></group>"
        "</database>",
    ],
    ids=["billion-laughs", "external-entity"],
)
def test_xml_with_entities_is_refused_before_anything_expands(xml: str, tmp_path: Path) -> None:
    path = tmp_path / "crafted.xml"
    path.write_text(xml)
    with pytest.raises(InputFileError, match="declares XML entities"):
        read_source(str(path))


def test_deeply_nested_xml_groups_are_walked_without_recursion(tmp_path: Path) -> None:
    depth = 20_000
    xml = (
        "<database>"
        + "<group><title>g</title>" * depth
        + "<entry><title>Deep</title><username>ana</username><password>p-1</password></entry>"
        + "</group>" * depth
        + "</database>"
    )
    path = tmp_path / "deep.xml"
    path.write_text(xml)
    imported = read_source(str(path))
    assert [e.title for e in imported.entries] == ["Deep"]


def test_a_row_split_by_a_bare_carriage_return_never_moves_a_password_into_the_login(
    tmp_path: Path,
) -> None:
    """Found by the shape fuzzer: a bare CR (one line end of a file with mixed ones) splits a
    row in two; its second half, cells moved left, put the password in the login column,
    and the login is quoted in findings. Both halves are skipped and said."""
    secret = "Quokka-Secret-4417"
    path = tmp_path / "lastpass.csv"
    path.write_bytes(
        b"url,username,password,totp,extra,name,grouping,fav\r\n"
        b"https://forum.example,ana,Pl4in-Forum-Pass,,,Forum,,0\r\n"
        b",\r,Quokka-Secret-4417,,,,,\n"
    )
    imported = read_source(str(path))
    assert [e.username for e in imported.entries] == ["ana"]
    assert all(secret not in e.username + e.title + e.url for e in imported.entries)
    assert imported.skipped_rows == 1 and imported.incomplete


ONEPIF_SEPARATOR = "\n***5642bee8-a5ff-11dc-8314-0800200c9a66***\n"


def onepif_login(password: str = "Pl4in-Forum-Pass") -> dict[str, Any]:
    """One webforms.WebForm record of 1Password 4-7's .1pif (the shape of pass-import's
    tests/assets/db/1password.1pif)."""
    return {
        "keyID": "726DDDBAEED5444791554F3F45843737",
        "typeName": "webforms.WebForm",
        "uuid": "4098F0EC5F0D4EE7A53E11AF3E832D94",
        "createdAt": 1483228800,
        "securityLevel": "SL5",
        "openContents": {"autosubmit": "default"},
        "title": "Forum",
        "location": "https://forum.example",
        "secureContents": {
            "URLs": [{"url": "https://forum.example"}],
            "fields": [
                {"type": "T", "name": "username", "value": "ana", "designation": "username"},
                {"type": "P", "name": "", "value": password, "designation": "password"},
            ],
        },
        "trashed": False,
    }


def onepif(*records: dict[str, Any]) -> bytes:
    return ("\ufeff" + ONEPIF_SEPARATOR.join(json.dumps(r) for r in records)).encode()


def test_a_1pif_export_is_read_record_by_record(tmp_path: Path) -> None:
    login = onepif_login()
    folder = {"typeName": "system.folder.Regular", "title": "Web", "secureContents": {}}
    router = {
        "typeName": "passwords.Password",
        "title": "Router",
        "secureContents": {"password": "Router-Pass-1"},
    }
    note = {"typeName": "securenotes.SecureNote", "title": "Door", "secureContents": {}}
    trashed = login | {"title": "Old", "trashed": True}
    path = tmp_path / "data.1pif"
    path.write_bytes(onepif(folder, login, router, note, trashed))
    imported = read_source(str(path))
    assert imported.format == "1Password (.1pif)"
    assert [(e.title, e.username) for e in imported.entries] == [("Forum", "ana"), ("Router", "")]
    assert imported.non_login_rows == 2 and not imported.incomplete
