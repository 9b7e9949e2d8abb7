"""The demo persona: Ilsa Marta Wren, a fictional editor, and everything the audit reads.

Her wikis are served by :class:`~hygiene_audit.demo.fakewiki.FakeWikiTransport` to the real
client; her vault is a real Bitwarden-format CSV; her breach lookups go to a real sorted
Pwned Passwords file (a small subset with illustrative counts); her profile is a real profile
file. Nothing here is a rendered finding: the findings come from the checks.
"""

from __future__ import annotations

import datetime as dt
import random
from importlib import resources
from importlib.abc import Traversable

from hygiene_audit.demo.fakewiki import FakeFile, FakeRevision, FakeUser, FakeWiki

USERNAME = "IlsaW1987"
REAL_NAME = "Ilsa Marta Wren"
DATA = "hygiene_audit.demo.data"

HOME = "en.wikipedia.org"
COMMONS = "commons.wikimedia.org"
META = "meta.wikimedia.org"

_V1 = """Hi! I'm Ilsa. I write about Baltic history and the birds of Lake Peipus.
Call me if you want to collaborate: +372 5123 4567
{{Babel|et|en-3|ru-2}}"""
_V2 = _V1 + "\nI work at the University of Tartu, in the history department."
_V3 = """Hi! I'm Ilsa. I write about Baltic history and the birds of Lake Peipus.
I work at the University of Tartu, in the history department.
{{Babel|et|en-3|ru-2}}"""
_CURRENT = """== About me ==
Hi! I'm Ilsa. I live in Tartu and I write about Baltic history and the birds of Lake Peipus.
{{User born|1987}}
{{User:UBX/Lutheran}}
Contact: ilsa.wren87 [at] example [dot] org
Code for my bird maps: [https://github.com/ilsawren GitHub]
[[File:Ilsa at the lake.jpg|thumb|Me at Lake Peipus]]
{{Babel|et|en-3|ru-2}}
== Articles I started ==
* [[Tartu Peace Treaty]] (2015)
* [[Emajõgi]] — see {{cite book|title=Rivers of Estonia|isbn=978-9949-03-123-4}}"""

LAKE_PHOTO = (
    ("Make", "Google"),
    ("Model", "Pixel 7"),
    ("Artist", REAL_NAME),
    ("DateTimeOriginal", "2021:06:20 21:14:09"),
    ("GPSLatitude", 58.37806),
    ("GPSLongitude", 26.72904),
)
TOWN_HALL = (
    ("Make", "Canon"),
    ("Model", "Canon EOS 80D"),
    ("SerialNumber", "032051004417"),
    ("DateTimeOriginal", "2022:01:03 16:40:00"),
)


_ET_PAGE = """Tere! Olen Ilsa. Kirjutan Balti ajaloost ja Peipsi järve lindudest.
{{Babel|et|en-3|ru-2}}"""
_ET_ABOUT_OLD = """== Minust ==
Elan Tartus. Kui tahad koos kirjutada, helista: 5123 4567."""
_ET_ABOUT = """== Minust ==
Kirjutan peamiselt linnualadest ja Peipsi järve kaladest."""


# When Ilsa edits, local time (Tartu): before work, at lunch, in the evening; later at weekends.
_WEEKDAY_HOURS = (7.2, 7.6, 12.4, 18.8, 19.6, 20.5, 21.2, 21.9, 22.6)
_WEEKEND_HOURS = (9.8, 10.7, 11.5, 14.2, 16.0, 20.4, 21.5, 22.8)
_EN_TITLES = ("Tartu Peace Treaty", "Lake Peipus", "Livonian War", "Tartu Town Hall", "Emajõgi")
_ET_TITLES = ("Tartu rahu", "Peipsi järv", "Liivi sõda", "Tartu Jaani kirik", "Tartu raekoda")
# Where the articles she edits are (GeoData): the town hall, a church, the river in Tartu.
_EN_PLACES = {
    "Lake Peipus": (58.68, 27.45),
    "Tartu Town Hall": (58.38028, 26.72222),
    "Emajõgi": (58.3814, 26.7300),
}
_ET_PLACES = {
    "Peipsi järv": (58.68, 27.45),
    "Tartu Jaani kirik": (58.38194, 26.72083),
    "Tartu raekoda": (58.38028, 26.72222),
}


def contributions(count: int, seed: int, titles: tuple[str, ...]) -> list[tuple[str, str, int]]:
    """``count`` edits (timestamp in UTC, title, namespace), newest first, made by someone
    living in Tartu (Europe/Tallinn: UTC+2, +3 in summer) over 2021–2023."""
    from zoneinfo import ZoneInfo

    rng = random.Random(seed)  # noqa: S311 (a fixed demo routine, nothing secret)
    tartu = ZoneInfo("Europe/Tallinn")
    edits = []
    for _ in range(count):
        day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
        hours = _WEEKEND_HOURS if day.weekday() >= 5 else _WEEKDAY_HOURS
        local = rng.choice(hours) + rng.uniform(-0.4, 0.4)
        moment = dt.datetime.combine(day, dt.time(), tartu) + dt.timedelta(hours=local)
        stamp = moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        edits.append((stamp, rng.choice(titles), 0))
    return sorted(edits, reverse=True)


def wikis() -> tuple[FakeWiki, ...]:
    """English Wikipedia (where most of her edits are), Estonian Wikipedia (home, with an
    "about me" subpage whose history kept her phone number), Russian Wikipedia (a few edits,
    no user page), Commons and Meta, as Ilsa left them."""
    en = FakeWiki(host=HOME, lang="en")
    en.users[USERNAME] = FakeUser(
        USERNAME,
        4_211_337,
        editcount=1564,
        registration="2014-09-02T18:11:05Z",
        gender="female",
        emailable=True,
    )
    en.pages[f"User:{USERNAME}"] = [
        FakeRevision(611_000_101, "2016-03-02T09:15:00Z", _V1),
        FakeRevision(611_000_102, "2017-11-20T19:02:00Z", _V2),
        FakeRevision(611_000_103, "2018-01-05T08:00:00Z", _V2 + " Tel.", hidden=True),
        FakeRevision(611_000_104, "2019-04-11T12:30:00Z", _V3),
        FakeRevision(611_000_105, "2021-06-22T07:45:00Z", _CURRENT),
    ]
    en.contributions[USERNAME] = contributions(700, 1987, _EN_TITLES)
    en.coordinates = dict(_EN_PLACES)
    en.page_files[f"User:{USERNAME}"] = ["Ilsa at the lake.jpg"]
    en.files["Ilsa at the lake.jpg"] = FakeFile(
        "Ilsa at the lake.jpg", USERNAME, "2021-06-22T07:40:00Z", metadata=LAKE_PHOTO
    )
    commons = FakeWiki(host=COMMONS, sitename="Wikimedia Commons")
    commons.users[USERNAME] = FakeUser(USERNAME, 88_120_004, editcount=41)
    commons.files["Tartu Town Hall at dusk.jpg"] = FakeFile(
        "Tartu Town Hall at dusk.jpg",
        USERNAME,
        "2022-01-04T10:00:00Z",
        metadata=TOWN_HALL,
        extmetadata=(("GPSLatitude", "58.380556"), ("GPSLongitude", "26.722222")),
    )
    commons.files["Map of Livonia 1573.png"] = FakeFile(
        "Map of Livonia 1573.png", USERNAME, "2020-02-02T10:00:00Z", mime="image/png"
    )
    meta = FakeWiki(host=META, sitename="Meta")
    meta.users[USERNAME] = FakeUser(USERNAME, 71_002_300, editcount=3)
    meta.pages[f"User:{USERNAME}"] = [
        FakeRevision(
            24_000_001,
            "2019-05-01T10:00:00Z",
            "Ilsa — historian of the Baltic. Also on [https://twitter.com/ilsawren Twitter].",
        )
    ]
    meta.global_accounts = {
        USERNAME: {
            "home": "etwiki",
            "id": 61_234_567,
            "registration": "2014-09-02T18:11:05Z",
            "name": USERNAME,
            "editcount": 2819,
            "merged": [
                {"wiki": "etwiki", "url": "https://et.wikipedia.org", "editcount": 1202},
                {"wiki": "enwiki", "url": "https://en.wikipedia.org", "editcount": 1564},
                {"wiki": "commonswiki", "url": "https://commons.wikimedia.org", "editcount": 41},
                {"wiki": "ruwiki", "url": "https://ru.wikipedia.org", "editcount": 12},
            ],
        }
    }
    et = FakeWiki(host="et.wikipedia.org", lang="et", file_namespace="Pilt")
    et.users[USERNAME] = FakeUser(USERNAME, 310_455, editcount=1202)
    et.contributions[USERNAME] = contributions(500, 2015, _ET_TITLES)
    et.coordinates = dict(_ET_PLACES)
    et.pages[f"User:{USERNAME}"] = [FakeRevision(5_100_001, "2015-01-10T12:00:00Z", _ET_PAGE)]
    et.pages[f"User:{USERNAME}/Minust"] = [
        FakeRevision(5_100_020, "2016-05-01T17:30:00Z", _ET_ABOUT_OLD),
        FakeRevision(5_100_044, "2018-02-11T09:05:00Z", _ET_ABOUT),
    ]
    ru = FakeWiki(host="ru.wikipedia.org", lang="ru", file_namespace="Файл")
    ru.users[USERNAME] = FakeUser(USERNAME, 5_550_123, editcount=12)
    return en, commons, meta, et, ru


def data_file(name: str) -> Traversable:
    return resources.files(DATA).joinpath(name)
