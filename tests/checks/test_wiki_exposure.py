"""HA-W as a user meets it: online against fake wikis, offline with local files, and faults."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from PIL.ExifTags import IFD

import hygiene_audit.safety.http as http
from hygiene_audit.demo.fakewiki import FakeWikiTransport

from ..cli_helpers import Report
from ..cli_helpers import run_json as shared_run_json
from ..wiki_helpers import editor_wikis

WIKI_ARGS = ["--wiki", "de.wikipedia.org", "--user", "Lena P"]


@pytest.fixture(autouse=True)
def _no_backoff_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.sleep", lambda _s: None)


def run_json(
    *args: str,
    transport: httpx.BaseTransport | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> Report:
    """HA-W alone, against ``transport`` when given."""
    if transport is not None and monkeypatch is not None:
        monkeypatch.setattr(http, "default_transport", lambda: transport)
    return shared_run_json("--only", "HA-W", *args)


def by_id(report: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["id"] == code]


def test_online_finds_current_history_photo_and_account_facts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeWikiTransport(*editor_wikis())
    report = run_json(*WIKI_ARGS, transport=fake, monkeypatch=monkeypatch)
    assert report["checks"][0]["status"] == "findings"
    [home] = by_id(report, "HA-W004")
    assert "Wien" in home["evidence"] and "de.wikipedia.org/wiki/User:Lena_P" in home["location"]

    [history] = by_id(report, "HA-W010")
    assert "0170 1234567" in history["evidence"] and "revisions 102, 101" in history["evidence"]
    assert "lena.p@example.org" in history["evidence"] and "revision 102" in history["evidence"]
    message = history["message"]
    assert (
        "- 102  2019-02-02 10:00:00 UTC  https://de.wikipedia.org/w/index.php?oldid=102" in message
    )
    assert "oldid=103" not in message  # already hidden: nothing to ask for
    assert "0170" not in message and "example.org" not in message  # kinds, never the values
    assert "phone number" in message and "e-mail address" in message

    [photo] = by_id(report, "HA-W011")
    assert "Lena im Urlaub.jpg" in photo["evidence"] and "Ich im Urlaub" in photo["evidence"]
    gps = by_id(report, "HA-W012")
    assert {g["evidence"].split(":")[0] for g in gps} == {
        "Lena im Urlaub.jpg",
        "Stephansdom at night.jpg",
    }
    exif = next(g for g in gps if g["evidence"].startswith("Lena"))
    assert "48.2, 16.4" in exif["evidence"] and "48.20851" not in json.dumps(report)
    assert (
        "file description page"
        in next(g for g in gps if "Stephansdom" in g["evidence"])["evidence"]
    )
    assert by_id(report, "HA-W014")[0]["evidence"].endswith("“Lena Petrova”")
    assert "2 photos" in by_id(report, "HA-W015")[0]["evidence"]
    assert by_id(report, "HA-W016") and by_id(report, "HA-W017")
    [link] = by_id(report, "HA-W008")  # from the global user page on Meta
    assert "github.com/lenap" in link["evidence"] and "global user page" in link["location"]
    assert not any("Clean scan" in json.dumps(f) for f in report["findings"])


def test_requests_follow_the_etiquette(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWikiTransport(*editor_wikis())
    run_json(*WIKI_ARGS, transport=fake, monkeypatch=monkeypatch)
    hosts = {r.url.host for r in fake.requests}
    assert hosts == {"de.wikipedia.org", "commons.wikimedia.org", "meta.wikimedia.org"}
    assert all(
        r.url.params.get("maxlag") == "5" and r.url.params.get("formatversion") == "2"
        for r in fake.requests
    )
    assert all("hygiene-audit/" in r.headers["User-Agent"] for r in fake.requests)


def test_history_limit_is_honoured_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWikiTransport(*editor_wikis())
    report = run_json(*WIKI_ARGS, "--history-limit", "2", transport=fake, monkeypatch=monkeypatch)
    assert (
        not by_id(report, "HA-W010") or "--history-limit" in by_id(report, "HA-W010")[0]["evidence"]
    )


def test_missing_user_is_a_clear_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWikiTransport(*editor_wikis())
    report = run_json(
        "--wiki",
        "de.wikipedia.org",
        "--user",
        "Nobody Here",
        transport=fake,
        monkeypatch=monkeypatch,
    )
    row = report["checks"][0]
    assert row["status"] == "skipped"
    assert "no user named 'Nobody Here' on de.wikipedia.org" in row["reason"]


def test_commons_failure_keeps_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    de, _commons, meta = editor_wikis()
    fake = FakeWikiTransport(de, meta)  # commons unreachable: connection errors
    report = run_json(*WIKI_ARGS, transport=fake, monkeypatch=monkeypatch)
    row = report["checks"][0]
    assert row["status"] == "findings"
    assert "uploads on commons.wikimedia.org" in row["reason"]
    assert by_id(report, "HA-W010") and by_id(report, "HA-W004")


@pytest.mark.parametrize("failure", ["timeout", "500", "html", "maxlag"])
def test_home_wiki_failure_is_an_error_row_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if failure == "timeout":
            raise httpx.ReadTimeout("slow", request=request)
        if failure == "500":
            return httpx.Response(500)
        if failure == "html":
            return httpx.Response(200, text="<html>captive portal</html>")
        return httpx.Response(
            200,
            headers={"MediaWiki-API-Error": "maxlag"},
            json={"error": {"code": "maxlag", "info": "lagged"}},
        )

    report = run_json(*WIKI_ARGS, transport=httpx.MockTransport(handler), monkeypatch=monkeypatch)
    row = report["checks"][0]
    assert row["status"] == "error" and "de.wikipedia.org" in row["reason"]
    assert "\n" not in row["reason"]


def test_offline_without_files_says_what_to_pass() -> None:
    report = run_json(*WIKI_ARGS, "--offline")
    row = report["checks"][0]
    assert row["status"] == "skipped" and "--userpage-file" in row["reason"]


SPANISH_PAGE = """== Sobre mí ==
Hola, me llamo Ana María López y vivo en Valencia.
{{Usuario:UBX/Católico}}
Escríbeme: ana.lopez87 [arroba] example [punto] org
[[Archivo:Yo en la playa.jpg|miniaturadeimagen|Yo en la playa]]
"""


def _photo(path: Path, *, gps: bool, owner: str | None = None, serial: str | None = None) -> Path:
    image = Image.new("RGB", (16, 16), (10, 200, 10))
    exif = Image.Exif()
    if owner:
        exif[0x013B] = owner
    sub = exif.get_ifd(IFD.Exif)
    sub[0x9003] = "2021:08:01 12:00:00"
    if serial:
        sub[0xA431] = serial
    if gps:
        g = exif.get_ifd(IFD.GPSInfo)
        g[1], g[2], g[3], g[4] = "N", (39.0, 28.0, 12.0), "W", (0.0, 22.0, 30.0)
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


def test_offline_local_files_give_the_same_detectors(tmp_path: Path) -> None:
    page = tmp_path / "userpage.wiki"
    page.write_text(SPANISH_PAGE, encoding="utf-8")
    photos = tmp_path / "photos"
    photos.mkdir()
    _photo(photos / "Yo en la playa.jpg", gps=True, owner="Ana López", serial="SN12345678")
    _photo(photos / "clean.jpg", gps=False)
    (photos / "broken.jpg").write_bytes(b"\xff\xd8 not really")
    profile = tmp_path / "profile.toml"
    profile.write_text('real_name = "Ana María López"\nphone_region = "ES"\n', encoding="utf-8")
    report = run_json(
        "--offline",
        "--userpage-file",
        str(page),
        "--photos",
        str(photos),
        "--profile",
        str(profile),
    )
    ids = {f["id"] for f in report["findings"]}
    assert {
        "HA-W001",
        "HA-W003",
        "HA-W004",
        "HA-W009",
        "HA-W011",
        "HA-W012",
        "HA-W013",
        "HA-W014",
        "HA-W015",
    } <= ids
    assert by_id(report, "HA-W001")[0]["evidence"].startswith("e-mail address: “ana.lopez87@")
    assert "…5678" in by_id(report, "HA-W013")[0]["evidence"]
    assert "SN12345678" not in json.dumps(report)
    assert "broken.jpg" in report["checks"][0]["reason"]


EXPORT = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo><sitename>Wikipedia</sitename></siteinfo>
  <page>
    <title>User:AnaL</title><ns>2</ns><id>77</id>
    <revision><id>5001</id><timestamp>2018-01-01T00:00:00Z</timestamp>
      <contributor><username>AnaL</username><id>1</id></contributor>
      <model>wikitext</model><format>text/x-wiki</format>
      <text bytes="60" xml:space="preserve">Hi! Call me on +34 612 345 678. I was born in 1987.</text>
    </revision>
    <revision><id>5002</id><timestamp>2019-01-01T00:00:00Z</timestamp>
      <contributor><username>AnaL</username><id>1</id></contributor>
      <text deleted="deleted" />
    </revision>
    <revision><id>5003</id><timestamp>2020-01-01T00:00:00Z</timestamp>
      <contributor><username>AnaL</username><id>1</id></contributor>
      <text bytes="20" xml:space="preserve">I edit maps.</text>
    </revision>
  </page>
</mediawiki>
"""


def test_offline_special_export_gives_history(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(EXPORT, encoding="utf-8")
    report = run_json("--offline", "--userpage-file", str(path))
    [history] = by_id(report, "HA-W010")
    assert "revision 5001" in history["evidence"] and "+34 612 345 678" in history["evidence"]
    assert "- 5001  2018-01-01 00:00:00 UTC" in history["message"]
    assert not [f for f in report["findings"] if f["id"] != "HA-W010"]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"\x00\x01binary", "binary"),
        (b"\xff\xfe\xfa not utf8", "not UTF-8"),
        (b"<mediawiki><page><title>User:X</title><revision><id>1", "not a complete Special:Export"),
    ],
)
def test_bad_userpage_file_is_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "page.wiki"
    path.write_bytes(content)
    report = run_json("--offline", "--userpage-file", str(path))
    row = report["checks"][0]
    assert row["status"] == "error" and message in row["reason"] and "\n" not in row["reason"]


def test_a_fact_about_you_shouts_a_mere_mention_is_one_low_finding(tmp_path: Path) -> None:
    """Stated about the owner: medium or high with its remedy. Only mentioned: one low "check
    these" finding listing them all, so nothing is lost and nothing shouts (issue 27)."""
    page = tmp_path / "userpage.wiki"
    page.write_text(
        "I live in Tartu, Estonia.\n\n"
        "I write articles on Kraków and on the history of Lyon; my grandfather came from "
        "Vilnius. I once read about the University of Oulu.\n",
        encoding="utf-8",
    )
    report = run_json("--offline", "--userpage-file", str(page))
    assert [f["severity"] for f in by_id(report, "HA-W004")] == ["high"]
    assert "Tartu" in by_id(report, "HA-W004")[0]["evidence"]
    (mentions,) = by_id(report, "HA-W018")
    assert mentions["severity"] == "low"
    for place in ("Kraków", "Lyon", "Vilnius", "University of Oulu"):
        assert f"“{place}”" in mentions["evidence"]
    assert "Tartu" not in mentions["evidence"] and "Estonia" not in mentions["evidence"]
    medium_or_more = {f["evidence"] for f in report["findings"] if f["severity"] != "low"}
    assert not any("Kraków" in e or "Lyon" in e for e in medium_or_more)
