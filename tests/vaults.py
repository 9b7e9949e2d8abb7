"""One fictional vault, written in every supported product's real CSV header layout."""

from __future__ import annotations

import csv
import io
from pathlib import Path

# (title, url, username, password)
LOGINS = [
    ("Wikipedia", "https://en.wikipedia.org/wiki/Special:UserLogin", "AnaL", "Summer2023!"),
    ("Old forum", "http://forum.example.net/login", "ana87", "Summer2023!"),
    ("Mail", "https://mail.example.org", "ana.lopez87@example.org", "Summer2024!"),
    ("Bank", "https://bank.example", "ana", "kR8#vQ2!zL9@pW4x-Tq"),
    ("Library", "https://library.example", "ana", "Library2024"),
    ("Library annex", "https://annex.example", "ana", "Library2025"),
    ("Router", "https://router.example", "admin", ""),
    ("Shop", "https://shop.example", "ana", "ana lopez 1987"),
]
PASSWORDS = sorted({p for *_x, p in LOGINS if p})

HEADERS = {
    "bitwarden": "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp",
    "bitwarden-org": "collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp",
    "chrome": "name,url,username,password,note",
    "chrome-old": "name,url,username,password",
    "firefox": '"url","username","password","httpRealm","formActionOrigin","guid","timeCreated","timeLastUsed","timePasswordChanged"',
    "keepassxc": '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"',
    "1password": "Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes",
    "lastpass": "url,username,password,totp,extra,name,grouping,fav",
    "apple": "Title,URL,Username,Password,Notes,OTPAuth",
    "proton": "name,url,email,username,password,note,totp,createTime,modifyTime,vault",
    # header lines as these managers write them (see ../shared/peer-testdata)
    "safari-old": "Title,Url,Username,Password",
    "1password7-windows": '"UUID","TITLE","USERNAME","PASSWORD","URL","URLS","EMAIL","SCOPE","AUTOSUBMIT","TAGS","NOTES"',
    "dashlane": "username,username2,username3,title,password,note,url,category,otpSecret",
    "nordpass": "name,url,additional_urls,username,password,note,cardholdername,cardnumber,cvc,expirydate,zipcode,folder,full_name,phone_number,email",
    "roboform": "Name,Url,MatchUrl,Login,Pwd,Note,Folder,RfFieldsV2",
    "myki": "nickname,url,username,password,additionalInfo,twofaSecret,status,tags",
    "securesafe": '"Title","Username","Password","URL","Comment"',
    "passwordxp": "Title;User name;Account;URL;Password;Modified;Created;Expire on;Description;Modified by",
    "delinea": "Secret Name,Username,URL,Password,Notes,Date Created,Expires,Folder,TOTP Key,TOTP Backup Codes",
    "netwrix": '"Organisationseinheit";"DataTags";"Beschreibung";"Benutzername";"Passwort";"Internetseite";"Informationen";"One-Time Passwort"',
    "buttercup": '"!group_id","!group_name","!type","title","username","password","URL","id"',
    "zohovault": '"Password Name","Description","Password URL","SecretData","Notes","CustomData","Tags","Classification","Favorite","TOTP","Folder Name"',
    # issue 29; sources named in tests/vault/test_real_layouts.py
    "proton-typed": "type,name,url,email,username,password,note,totp,createTime,modifyTime,vault",
    "keepass2": '"Account","Login Name","Password","Web Site","Comments"',
    "keepassx2": '"Group","Title","Username","Password","URL","Notes"',
    "1password4": "title,notes,username,password,url",
    "strongbox": "Title,Username,Email,Password,URL,OTPAuth,Notes",
    "dropbox": "Name,URL,Username,Password,Notes",
    "roboform-old": "Name,Url,Login,Pwd,Note,Folder,Rf_fields",
    "zohovault-old": '"Secret Name","Description","Secret URL","SecretData","Notes","CustomData","Tags","Classification","Favorite","ChamberName"',
    # pass-import's tests/assets/db/<name>.csv header lines
    "safeincloud": '"Title","Login","Password","URL","Notes","OTP"',
    "passpack": '"Entry Name","URL","User ID","Password","Notes","Shared Notes","Tags","Extra Fields","Email"',
    "padlock": "name,tags,url,username,password,notes",
    "gorilla": "uuid,group,title,url,user,password,notes",
    "synology": "Display_Name,Login_Username,Login_Password,Login_URLs,Login_TOTP,Notes,Favorite",
    "passman": '"label","username","password","email","description","tags","url","custom_fields","files"',
}
DELIMITER = {"passwordxp": ";", "netwrix": ";"}


def _row(fmt: str, title: str, url: str, user: str, password: str) -> dict[str, str]:
    return {
        "bitwarden": {
            "type": "login",
            "name": title,
            "login_uri": url,
            "login_username": user,
            "login_password": password,
            "notes": "line one\nline, two",
        },
        "bitwarden-org": {
            "type": "login",
            "name": title,
            "login_uri": url,
            "login_username": user,
            "login_password": password,
        },
        "chrome": {
            "name": title,
            "url": url,
            "username": user,
            "password": password,
            "note": "a, note",
        },
        "chrome-old": {"name": title, "url": url, "username": user, "password": password},
        "firefox": {
            "url": url,
            "username": user,
            "password": password,
            "httpRealm": "",
            "formActionOrigin": url,
            "guid": "{a1b2}",
            "timeCreated": "1700000000000",
        },
        "keepassxc": {
            "Group": "Root/Web",
            "Title": title,
            "Username": user,
            "Password": password,
            "URL": url,
            "Notes": "multi\nline",
        },
        "1password": {
            "Title": title,
            "Url": url,
            "Username": user,
            "Password": password,
            "Archived": "false",
        },
        "lastpass": {
            "url": url,
            "username": user,
            "password": password,
            "name": title,
            "grouping": "Web",
            "fav": "0",
        },
        "apple": {"Title": title, "URL": url, "Username": user, "Password": password},
        "proton": {
            "name": title,
            "url": url,
            "email": "",
            "username": user,
            "password": password,
            "vault": "Personal",
        },
        "safari-old": {"Title": title, "Url": url, "Username": user, "Password": password},
        "1password7-windows": {
            "UUID": "u1",
            "TITLE": title,
            "USERNAME": user,
            "PASSWORD": password,
            "URL": url,
            "SCOPE": "Default",
        },
        "dashlane": {
            "username": user,
            "title": title,
            "password": password,
            "url": url,
            "category": "Web",
        },
        "nordpass": {
            "name": title,
            "url": url,
            "username": user,
            "password": password,
            "folder": "Web",
        },
        "roboform": {
            "Name": title,
            "Url": url,
            "MatchUrl": url,
            "Login": user,
            "Pwd": password,
            "Folder": "Web",
        },
        "myki": {
            "nickname": title,
            "url": url,
            "username": user,
            "password": password,
            "status": "active",
        },
        "securesafe": {"Title": title, "Username": user, "Password": password, "URL": url},
        "passwordxp": {"Title": title, "User name": user, "URL": url, "Password": password},
        "delinea": {"Secret Name": title, "Username": user, "URL": url, "Password": password},
        "netwrix": {
            "Organisationseinheit": "Web",
            "Beschreibung": title,
            "Benutzername": user,
            "Passwort": password,
            "Internetseite": url,
        },
        "buttercup": {
            "!group_id": "1",
            "!group_name": "Root",
            "!type": "login",
            "title": title,
            "username": user,
            "password": password,
            "URL": url,
            "id": "9",
        },
        "zohovault": {
            "Password Name": title,
            "Password URL": url,
            "SecretData": f"SecretType:Web Account\nUser Name:{user}\nPassword:{password}",
        },
        "proton-typed": {
            "type": "login",
            "name": title,
            "url": url,
            "username": user,
            "password": password,
            "vault": "Personal",
        },
        "keepass2": {"Account": title, "Login Name": user, "Password": password, "Web Site": url},
        "keepassx2": {
            "Group": "Root",
            "Title": title,
            "Username": user,
            "Password": password,
            "URL": url,
        },
        "1password4": {"title": title, "username": user, "password": password, "url": url},
        "strongbox": {"Title": title, "Username": user, "Password": password, "URL": url},
        "dropbox": {"Name": title, "URL": url, "Username": user, "Password": password},
        "roboform-old": {"Name": title, "Url": url, "Login": user, "Pwd": password},
        "zohovault-old": {
            "Secret Name": title,
            "Secret URL": url,
            "SecretData": f"SecretType:Web Account\nUser Name:{user}\nPassword:{password}",
        },
        "safeincloud": {"Title": title, "Login": user, "Password": password, "URL": url},
        "passpack": {"Entry Name": title, "URL": url, "User ID": user, "Password": password},
        "padlock": {"name": title, "url": url, "username": user, "password": password},
        "gorilla": {"uuid": "u1", "title": title, "url": url, "user": user, "password": password},
        "synology": {
            "Display_Name": title,
            "Login_Username": user,
            "Login_Password": password,
            "Login_URLs": url,
        },
        "passman": {"label": title, "username": user, "password": password, "url": url},
    }[fmt]


NON_LOGIN = {
    "proton-typed": {"type": "alias", "name": "Alias", "email": "fox.1@passinbox.com"},
    "bitwarden": {"type": "note", "name": "Passport number", "notes": "X1234567"},
    "bitwarden-org": {"type": "card", "name": "Visa"},
    "lastpass": {"url": "http://sn", "name": "Secure note", "extra": "secret note"},
    "keepassxc": {
        "Group": "Root/Recycle Bin",
        "Title": "Deleted",
        "Username": "x",
        "Password": "deleted-password-1",
    },
}


def vault_csv(fmt: str, *, bom: bool = True, crlf: bool = True) -> bytes:
    delimiter = DELIMITER.get(fmt, ",")
    header = next(csv.reader([HEADERS[fmt]], delimiter=delimiter))
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer,
        fieldnames=header,
        quoting=csv.QUOTE_ALL
        if fmt
        in (
            *("firefox", "keepassxc", "netwrix", "buttercup", "securesafe", "zohovault"),
            *("keepass2", "keepassx2", "zohovault-old", "safeincloud", "passpack", "passman"),
        )
        else csv.QUOTE_MINIMAL,
        lineterminator="\r\n" if crlf else "\n",
        extrasaction="raise",
        delimiter=delimiter,
    )
    writer.writeheader()
    for title, url, user, password in LOGINS:
        writer.writerow(_row(fmt, title, url, user, password))
    if fmt in NON_LOGIN:
        writer.writerow(NON_LOGIN[fmt])
    text = buffer.getvalue()
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def write_vault(directory: Path, fmt: str, **kwargs: bool) -> Path:
    path = directory / f"{fmt}.csv"
    path.write_bytes(vault_csv(fmt, **kwargs))
    return path
