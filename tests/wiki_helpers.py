"""A fictional editor on fake Wikimedia wikis, for the HA-W / HA-G tests."""

from __future__ import annotations

from hygiene_audit.demo.fakewiki import FakeFile, FakeRevision, FakeUser, FakeWiki

GPS_META = (("Make", "Canon"), ("Model", "Canon EOS 80D"), ("Artist", "Lena Petrova"),
            ("DateTimeOriginal", "2019:07:14 18:22:05"), ("GPSLatitude", 48.20851),
            ("GPSLongitude", 16.37319))


def editor_wikis(*, central_auth: bool = True) -> tuple[FakeWiki, FakeWiki, FakeWiki]:
    """de.wikipedia.org home wiki with a user page whose history held a phone number,
    Commons uploads with GPS, and a global user page on Meta."""
    de = FakeWiki(host="de.wikipedia.org", lang="de", file_namespace="Datei",
                  file_aliases=("Bild", "Image"))
    de.users["Lena P"] = FakeUser("Lena P", 42, editcount=3100, gender="female",
                                  emailable=True)
    de.pages["Benutzer:Lena P"] = de.pages["User:Lena P"] = [
        FakeRevision(101, "2019-02-01T10:00:00Z", "Hallo! Ich heiße Lena. Tel. 0170 1234567"),
        FakeRevision(102, "2019-02-02T10:00:00Z",
                     "Hallo! Ich heiße Lena. Tel. 0170 1234567, lena.p@example.org"),
        FakeRevision(103, "2020-05-01T10:00:00Z", "Hallo! Ich heiße Lena.", hidden=True),
        FakeRevision(104, "2021-01-01T10:00:00Z",
                     "Hallo! Ich wohne in Wien. [[Datei:Lena im Urlaub.jpg|mini|Ich im Urlaub]]\n"
                     "{{Benutzer:Vorlage/Babel|de|en-3}}"),
    ]
    de.page_files["User:Lena P"] = ["Lena im Urlaub.jpg"]
    de.files["Lena im Urlaub.jpg"] = FakeFile("Lena im Urlaub.jpg", "Lena P",
                                              "2021-01-01T09:00:00Z", metadata=GPS_META)
    commons = FakeWiki(host="commons.wikimedia.org", sitename="Wikimedia Commons")
    commons.users["Lena P"] = FakeUser("Lena P", 7, editcount=12)
    commons.files["Stephansdom at night.jpg"] = FakeFile(
        "Stephansdom at night.jpg", "Lena P", "2022-03-03T20:00:00Z",
        metadata=(("Model", "Pixel 6"), ("DateTimeOriginal", "2022:03:03 19:58:00")),
        extmetadata=(("GPSLatitude", "48.2084"), ("GPSLongitude", "16.3731")))
    commons.files["Clean scan.png"] = FakeFile("Clean scan.png", "Lena P",
                                               "2022-04-04T20:00:00Z", mime="image/png")
    meta = FakeWiki(host="meta.wikimedia.org", sitename="Meta")
    meta.users["Lena P"] = FakeUser("Lena P", 9)
    meta.pages["User:Lena P"] = [FakeRevision(9001, "2020-01-01T00:00:00Z",
                                              "Lena — follow me on https://github.com/lenap")]
    if central_auth:
        meta.global_accounts = {"Lena P": {
            "home": "dewiki", "id": 555, "registration": "2014-05-05T10:00:00Z",
            "name": "Lena P", "editcount": 3112,
            "merged": [{"wiki": "dewiki", "url": "https://de.wikipedia.org", "editcount": 3100},
                       {"wiki": "commonswiki", "url": "https://commons.wikimedia.org",
                        "editcount": 12}],
        }}
    return de, commons, meta
