"""A fictional editor on fake Wikimedia wikis, for the HA-W / HA-G tests."""

from __future__ import annotations

from hygiene_audit.demo.fakewiki import FakeFile, FakeRevision, FakeUser, FakeWiki

GPS_META = (
    ("Make", "Canon"),
    ("Model", "Canon EOS 80D"),
    ("Artist", "Lena Petrova"),
    ("DateTimeOriginal", "2019:07:14 18:22:05"),
    ("GPSLatitude", 48.20851),
    ("GPSLongitude", 16.37319),
)


def editor_wikis(*, central_auth: bool = True) -> tuple[FakeWiki, FakeWiki, FakeWiki]:
    """de.wikipedia.org home wiki with a user page whose history held a phone number,
    Commons uploads with GPS, and a global user page on Meta."""
    de = FakeWiki(
        host="de.wikipedia.org", lang="de", file_namespace="Datei", file_aliases=("Bild", "Image")
    )
    de.users["Lena P"] = FakeUser("Lena P", 42, editcount=3100, gender="female", emailable=True)
    de.pages["Benutzer:Lena P"] = de.pages["User:Lena P"] = [
        FakeRevision(101, "2019-02-01T10:00:00Z", "Hallo! Ich heiße Lena. Tel. 0170 1234567"),
        FakeRevision(
            102,
            "2019-02-02T10:00:00Z",
            "Hallo! Ich heiße Lena. Tel. 0170 1234567, lena.p@example.org",
        ),
        FakeRevision(103, "2020-05-01T10:00:00Z", "Hallo! Ich heiße Lena.", hidden=True),
        FakeRevision(
            104,
            "2021-01-01T10:00:00Z",
            "Hallo! Ich wohne in Wien. [[Datei:Lena im Urlaub.jpg|mini|Ich im Urlaub]]\n"
            "{{Benutzer:Vorlage/Babel|de|en-3}}",
        ),
    ]
    de.page_files["User:Lena P"] = ["Lena im Urlaub.jpg"]
    de.files["Lena im Urlaub.jpg"] = FakeFile(
        "Lena im Urlaub.jpg", "Lena P", "2021-01-01T09:00:00Z", metadata=GPS_META
    )
    commons = FakeWiki(host="commons.wikimedia.org", sitename="Wikimedia Commons")
    commons.users["Lena P"] = FakeUser("Lena P", 7, editcount=12)
    commons.files["Stephansdom at night.jpg"] = FakeFile(
        "Stephansdom at night.jpg",
        "Lena P",
        "2022-03-03T20:00:00Z",
        metadata=(("Model", "Pixel 6"), ("DateTimeOriginal", "2022:03:03 19:58:00")),
        extmetadata=(("GPSLatitude", "48.2084"), ("GPSLongitude", "16.3731")),
    )
    commons.files["Clean scan.png"] = FakeFile(
        "Clean scan.png", "Lena P", "2022-04-04T20:00:00Z", mime="image/png"
    )
    meta = FakeWiki(host="meta.wikimedia.org", sitename="Meta")
    meta.users["Lena P"] = FakeUser("Lena P", 9)
    meta.pages["User:Lena P"] = [
        FakeRevision(9001, "2020-01-01T00:00:00Z", "Lena — follow me on https://github.com/lenap")
    ]
    if central_auth:
        meta.global_accounts = {
            "Lena P": {
                "home": "dewiki",
                "id": 555,
                "registration": "2014-05-05T10:00:00Z",
                "name": "Lena P",
                "editcount": 3112,
                "merged": [
                    {"wiki": "dewiki", "url": "https://de.wikipedia.org", "editcount": 3100},
                    {
                        "wiki": "commonswiki",
                        "url": "https://commons.wikimedia.org",
                        "editcount": 12,
                    },
                ],
            }
        }
    return de, commons, meta


GLOBAL_USER = "Mirjam K"
LANGUAGES = (
    "en",
    "et",
    "ar",
    "de",
    "fr",
    "es",
    "ru",
    "pt",
    "it",
    "pl",
    "nl",
    "sv",
    "fi",
    "no",
    "da",
    "cs",
    "hu",
    "ro",
    "bg",
    "uk",
    "tr",
    "fa",
    "he",
    "ja",
    "ko",
    "zh",
    "id",
    "vi",
    "el",
    "lt",
)


def global_editor(*, timeout_host: str | None = "fr.wikipedia.org") -> list[FakeWiki]:
    """An account attached to 30 Wikipedias (busiest first: en, et, ar, de, fr…), Commons and
    Meta. User pages on et (home, with an "about me" subpage whose history held a phone number),
    ar (right-to-left, a name introduced in Arabic), de and pt (with a draft subpage that shows
    an e-mail address); the other 26 have the account and nothing else. ``timeout_host`` is
    left out, so that a transport can make it time out."""
    wikis: dict[str, FakeWiki] = {}
    merged = []
    for rank, lang in enumerate(LANGUAGES):
        wiki = FakeWiki(host=f"{lang}.wikipedia.org", lang=lang)
        wiki.users[GLOBAL_USER] = FakeUser(GLOBAL_USER, 1000 + rank, editcount=3000 - 100 * rank)
        wikis[lang] = wiki
        merged.append(
            {
                "wiki": f"{lang}wiki",
                "url": f"https://{lang}.wikipedia.org",
                "editcount": 3000 - 100 * rank,
            }
        )
    page = f"User:{GLOBAL_USER}"
    wikis["et"].pages[page] = [
        FakeRevision(70_001, "2016-01-01T10:00:00Z", "Tere! Olen Mirjam. {{Babel|et|en-3}}")
    ]
    wikis["et"].pages[f"{page}/Minust"] = [
        FakeRevision(70_010, "2016-02-01T10:00:00Z", "Helista mulle: +372 5555 1234"),
        FakeRevision(70_011, "2017-02-01T10:00:00Z", "Kirjutan linnualadest."),
    ]
    wikis["ar"].pages[page] = [
        FakeRevision(80_001, "2018-01-01T10:00:00Z", "مرحبا! اسمي سارة الخطيب. أكتب عن تاريخ مصر.")
    ]
    wikis["de"].pages[page] = [
        FakeRevision(
            90_001, "2019-01-01T10:00:00Z", "Hallo! Ich wohne in Leipzig. Post: mk@example.de"
        )
    ]
    wikis["pt"].pages[page] = [FakeRevision(95_001, "2019-03-01T10:00:00Z", "Olá!")]
    wikis["pt"].pages[f"{page}/Rascunho"] = [
        FakeRevision(95_010, "2020-03-01T10:00:00Z", "Contato: mirjam.k@example.org")
    ]
    commons = FakeWiki(host="commons.wikimedia.org", sitename="Wikimedia Commons")
    commons.users[GLOBAL_USER] = FakeUser(GLOBAL_USER, 7)
    meta = FakeWiki(host="meta.wikimedia.org", sitename="Meta")
    meta.users[GLOBAL_USER] = FakeUser(GLOBAL_USER, 9)
    meta.global_accounts = {
        GLOBAL_USER: {
            "home": "etwiki",
            "id": 4242,
            "registration": "2014-05-05T10:00:00Z",
            "name": GLOBAL_USER,
            "editcount": sum(m["editcount"] for m in merged),
            "merged": [
                *merged,
                {"wiki": "metawiki", "url": "https://meta.wikimedia.org", "editcount": 2},
            ],
        }
    }
    return [w for w in wikis.values() if w.host != timeout_host] + [commons, meta]
