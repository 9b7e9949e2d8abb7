"""HA-E, what your edits reveal: contributions read through the MediaWiki client from the
wikis of the global account (bounded, 500 a request), the time zone they give away, and the
run's switches (--offline, --redact, the per-check limit)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import hygiene_audit.safety.http as http
from hygiene_audit.cli.commands import app
from hygiene_audit.demo.fakewiki import FakeUser, FakeWiki, FakeWikiTransport
from tests.footprint.routines import routine

from ..cli_helpers import runner
from ..conftest import expected_exit

USER = "Kaito Night"


@pytest.fixture(autouse=True)
def _computer_clock_restored() -> Iterator[None]:
    saved = os.environ.get("TZ")
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def computer_clock(zone: str) -> None:
    """This computer's time zone, as a user sets it (TZ), for the rest of the test."""
    os.environ["TZ"] = zone
    time.tzset()


def wikis(
    en_edits: int = 600, ja_edits: int = 400, *, zone: str | None = None
) -> tuple[FakeWiki, ...]:
    """An editor at UTC+9 (no summer time; or living in ``zone``, a retiree) who edits most on
    en, then ja; Meta knows both."""
    count = en_edits + ja_edits
    made = routine(0, count, kind="retiree", zone=zone) if zone else routine(9, count, seed=4)
    stamps = sorted(made, reverse=True)
    en = FakeWiki(host="en.wikipedia.org")
    ja = FakeWiki(host="ja.wikipedia.org", lang="ja")
    for wiki, part in ((en, stamps[:en_edits]), (ja, stamps[en_edits:])):
        wiki.users[USER] = FakeUser(USER, 5, editcount=len(part))
        wiki.contributions[USER] = [(s, f"Article {i}", 0) for i, s in enumerate(part)]
    meta = FakeWiki(host="meta.wikimedia.org", sitename="Meta")
    meta.global_accounts = {
        USER: {
            "name": USER,
            "home": "jawiki",
            "editcount": en_edits + ja_edits,
            "merged": [
                {"wiki": "enwiki", "url": "https://en.wikipedia.org", "editcount": en_edits},
                {"wiki": "jawiki", "url": "https://ja.wikipedia.org", "editcount": ja_edits},
            ],
        }
    }
    return en, ja, meta


def audit(
    monkeypatch: pytest.MonkeyPatch, transport: httpx.BaseTransport, *args: str
) -> dict[str, Any]:
    monkeypatch.setattr(http, "default_transport", lambda: transport)
    monkeypatch.setattr("time.sleep", lambda _s: None)
    result = runner.invoke(
        app, ["run", "--only", "HA-E", "-f", "json", "--no-input", "--user", USER, *args]
    )
    report: dict[str, Any] = json.loads(result.stdout)
    assert result.exit_code == expected_exit(report), result.output
    return report


def contribution_requests(fake: FakeWikiTransport) -> list[httpx.Request]:
    return [r for r in fake.requests if r.url.params.get("list") == "usercontribs"]


def test_an_editor_at_utc_plus_9_is_told_so_from_two_wikis_read_500_a_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeWikiTransport(*wikis())
    report = audit(monkeypatch, fake)
    [finding] = report["findings"]
    assert finding["id"] in ("HA-E001", "HA-E002")
    assert any(z in finding["evidence"] for z in ("UTC+8", "UTC+9", "UTC+10"))
    assert "1,000 dated edits" in finding["evidence"]
    assert "None of this can be deleted" in " ".join(finding["remediation"])
    assert any("Sock_puppetry" in ref for ref in finding["references"])
    reason = report["checks"][0]["reason"]
    assert "en.wikipedia.org" in reason and "ja.wikipedia.org" in reason
    asked = contribution_requests(fake)
    assert {r.url.host for r in asked} == {"en.wikipedia.org", "ja.wikipedia.org"}
    assert len(asked) == 3  # en: 500 + 100 (continuation), ja: 400
    for request in asked:
        assert request.url.params["ucprop"] == "timestamp|title"  # nothing else is asked
        assert int(request.url.params["uclimit"]) <= 500
        assert request.url.params["maxlag"] == "5"


def test_reading_stops_at_5000_edits_per_wiki_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWikiTransport(*wikis(en_edits=5_600, ja_edits=200))
    report = audit(monkeypatch, fake)
    assert len([r for r in contribution_requests(fake) if r.url.host == "en.wikipedia.org"]) == 10
    reason = report["checks"][0]["reason"]
    assert "en.wikipedia.org: only your 5,000 most recent edits were read" in reason
    assert "5,200 edits read" in reason


def test_the_limit_in_all_is_a_setting_of_the_check(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[checks."HA-E"]\nmax_contributions = 700\n')
    config.chmod(0o600)
    fake = FakeWikiTransport(*wikis())
    report = audit(monkeypatch, fake, "--config", str(config))
    assert "700 edits read" in report["checks"][0]["reason"]
    # en has 600: 500, then what is left of 700 (it has 100 more); ja: the last 100
    asked = [(r.url.host, r.url.params["uclimit"]) for r in contribution_requests(fake)]
    assert asked == [
        ("en.wikipedia.org", "500"),
        ("en.wikipedia.org", "200"),
        ("ja.wikipedia.org", "100"),
    ]


def test_too_few_edits_is_no_finding_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    report = audit(monkeypatch, FakeWikiTransport(*wikis(en_edits=60, ja_edits=30)))
    assert report["findings"] == []
    assert "too few dated edits to tell a time zone (90" in report["checks"][0]["reason"]


def test_a_wiki_that_fails_is_said_and_never_leaves_a_clean_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    en, _ja, meta = wikis()
    report = audit(monkeypatch, FakeWikiTransport(en, meta))  # ja.wikipedia.org: no answer
    [finding] = report["findings"]  # en alone still tells
    assert finding["check"] == "HA-E"
    assert "ja.wikipedia.org: contributions not read" in report["checks"][0]["reason"]
    en, _ja, meta = wikis(en_edits=50, ja_edits=400)
    report = audit(monkeypatch, FakeWikiTransport(en, meta))  # too few read: not "passed"
    row = report["checks"][0]
    assert row["status"] == "error" and "ja.wikipedia.org" in row["reason"]


def test_when_meta_and_the_wiki_fail_the_row_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, text="Internal error")

    report = audit(monkeypatch, httpx.MockTransport(down))
    row = report["checks"][0]
    assert row["status"] == "error" and "en.wikipedia.org" in row["reason"]
    assert report["findings"] == []


def test_hostile_contribution_entries_are_left_out_and_never_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    en, _ja, meta = wikis(en_edits=300, ja_edits=0)

    def hostile(request: httpx.Request) -> httpx.Response:
        junk = [{"timestamp": 5}, "x", {"title": ["a"], "ns": "0"}, {"timestamp": "\x1b[2J" * 9}]
        return httpx.Response(200, json={"query": {"usercontribs": junk}})

    report = audit(monkeypatch, FakeWikiTransport(en, meta, fallback=hostile))
    assert report["checks"][0]["status"] in ("findings", "passed")
    assert "\x1b" not in json.dumps(report)


def test_edits_about_places_near_one_point_name_the_area_50_titles_a_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    en, ja, meta = wikis(en_edits=300, ja_edits=200)
    # en: 63 articles (60 topics, 3 places in Sapporo); half the edits go to the three
    edits = en.contributions[USER]
    titles = [f"Topic {i}" for i in range(120)]
    local = ["Sapporo Clock Tower", "Odori Park", "Hokkaido University"]
    en.contributions[USER] = [
        (stamp, local[i % 3] if i % 2 else titles[i % 120], 0)
        for i, (stamp, _t, _n) in enumerate(edits)
    ]
    en.coordinates = {
        "Sapporo Clock Tower": (43.0626, 141.3536),
        "Odori Park": (43.0603, 141.3475),
        "Hokkaido University": (43.0770, 141.3410),
        "Topic 7": (48.8566, 2.3522),
    }
    ja.coordinates = None  # this wiki has no GeoData
    fake = FakeWikiTransport(en, ja, meta)
    report = audit(monkeypatch, fake)
    [places] = [f for f in report["findings"] if f["id"] == "HA-E004"]
    assert "within 25 km of Sapporo" in places["evidence"]
    asked = [r for r in fake.requests if r.url.params.get("prop") == "coordinates"]
    en_asked = [r for r in asked if r.url.host == "en.wikipedia.org"]
    assert [len(r.url.params["titles"].split("|")) for r in en_asked] == [50, 13]  # 63 articles
    reason = report["checks"][0]["reason"]
    assert "ja.wikipedia.org has no GeoData" in reason
    redacted = json.dumps(audit(monkeypatch, FakeWikiTransport(en, ja, meta), "--redact"))
    assert "Sapporo" not in redacted


def test_offline_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWikiTransport(*wikis())
    report = audit(monkeypatch, fake, "--offline")
    assert report["checks"][0]["status"] == "skipped"
    assert "Offline: your contributions were not read" in report["checks"][0]["reason"]
    assert fake.requests == []


def test_redact_hides_the_zone_the_night_and_the_cities(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = audit(monkeypatch, FakeWikiTransport(*wikis()))
    redacted = audit(monkeypatch, FakeWikiTransport(*wikis()), "--redact")
    evidence = plain["findings"][0]["evidence"]
    zone = evidence.split("point to ")[1].split()[0]
    text = json.dumps(redacted)
    assert zone.startswith("UTC") and zone not in text
    cities = evidence.split("e.g. ")[1].split(" —")[0].split(", ")
    assert cities and not any(city in text for city in cities)
    people = evidence.split("; about ")[1].split(" people")[0]  # how many live on that clock
    assert people.endswith("million") and people not in text
    spanish = json.dumps(
        audit(monkeypatch, FakeWikiTransport(*wikis()), "--redact", "--lang", "es")["findings"]
    )
    assert people.split()[0] not in spanish and zone not in spanish
    night = evidence.split("a night of about ")[1].split()[0]
    assert night not in text


def test_the_summer_time_rule_the_hours_follow_is_named_with_the_places_that_use_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    computer_clock("UTC")
    report = audit(monkeypatch, FakeWikiTransport(*wikis(zone="Europe/Berlin")))
    [finding] = [f for f in report["findings"] if f["id"].startswith("HA-E00")]
    evidence = finding["evidence"]
    assert "point to UTC+1 (UTC+2 in summer) — e.g. Berlin, Madrid" in evidence
    assert (
        "your hours move with summer time by Europe's rule (last Sunday of March to last "
        "Sunday of October), as in Germany, France" in evidence
    )
    tokyo = audit(monkeypatch, FakeWikiTransport(*wikis(zone="Asia/Tokyo")))
    assert "your hours do not move with summer time" in tokyo["findings"][0]["evidence"]
    redacted = json.dumps(
        audit(monkeypatch, FakeWikiTransport(*wikis(zone="Europe/Berlin")), "--redact")
    )
    for told in ("UTC+2", "Europe's rule", "Germany", "Berlin", "411 million"):
        assert told not in redacted, told


def test_the_countries_named_for_a_summer_time_rule_keep_the_clock_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Kyiv follows Europe's rule an hour east of Berlin: "as in Germany" would point the
    editor at the wrong place and make the finding look wrong."""
    computer_clock("UTC")
    report = audit(monkeypatch, FakeWikiTransport(*wikis(zone="Europe/Kyiv")))
    [finding] = [f for f in report["findings"] if f["id"].startswith("HA-E00")]
    named = finding["evidence"].split("Sunday of October), as in ")[1].split(";")[0]
    assert "Ukraine" in named.split(", ")
    assert not {"Germany", "France", "United Kingdom", "Spain"} & set(named.split(", "))
    spanish = audit(monkeypatch, FakeWikiTransport(*wikis(zone="Europe/Kyiv")), "--lang", "es")
    said = json.dumps(spanish["findings"], ensure_ascii=False)
    assert "Ucrania" in said and "Ukraine" not in said  # named in the reader's language


def test_the_edits_are_compared_with_this_computer_s_clock_never_sent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    computer_clock("Asia/Tokyo")
    fake = FakeWikiTransport(*wikis(zone="Asia/Tokyo"))
    same = audit(monkeypatch, fake)["findings"][0]["evidence"]
    assert "that is your computer's zone too (UTC+9): the inference is likely right" in same
    assert not any("Tokyo" in str(r.url) or "JST" in str(r.url) for r in fake.requests)
    computer_clock("America/New_York")
    other = audit(monkeypatch, FakeWikiTransport(*wikis(zone="Asia/Tokyo")))
    assert (
        "your edits point elsewhere than your computer's clock (UTC\u22125)"
        in (other["findings"][0]["evidence"])
    )
    computer_clock("UTC")  # a server, Tails: a clock on UTC says nothing about the person
    utc = audit(monkeypatch, FakeWikiTransport(*wikis(zone="Asia/Tokyo")))
    assert (
        "your computer's clock is set to UTC, so it was not compared"
        in (utc["findings"][0]["evidence"])
    )


def test_severity_follows_how_few_people_live_on_the_clock_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    computer_clock("UTC")
    chile = audit(monkeypatch, FakeWikiTransport(*wikis(zone="America/Santiago")))
    [few] = chile["findings"]
    assert few["id"] == "HA-E002" and few["severity"] == "high"
    assert "Chile's rule" in few["evidence"]
    assert "about 18 million people live on that clock" in few["evidence"]
    new_york = audit(monkeypatch, FakeWikiTransport(*wikis(zone="America/New_York")))
    [many] = new_york["findings"]
    assert many["id"] == "HA-E001" and many["severity"] == "medium"
    assert "North America's rule" in many["evidence"]
    assert "about 193 million people live on that clock" in many["evidence"]


def test_edits_about_a_school_and_streets_weigh_more_and_the_type_is_asked_in_the_same_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    en, ja, meta = wikis(en_edits=300, ja_edits=200)
    local = ["Sapporo Odori Elementary School", "Tanukikoji Shopping Street", "Sapporo Station"]
    far = ["Paris", "Cairo", "Lima", "Oslo"]
    en.contributions[USER] = [  # 60 of 300 edits in Sapporo, 240 about four cities far apart
        (stamp, local[i % 3] if i % 5 == 0 else far[i % 4], 0)
        for i, (stamp, _t, _n) in enumerate(en.contributions[USER])
    ]
    en.coordinates = {
        "Sapporo Odori Elementary School": (43.0580, 141.3450),
        "Tanukikoji Shopping Street": (43.0570, 141.3530),
        "Sapporo Station": (43.0687, 141.3508),
        "Paris": (48.8566, 2.3522),
        "Cairo": (30.0444, 31.2357),
        "Lima": (-12.0464, -77.0428),
        "Oslo": (59.9139, 10.7522),
    }
    en.coordinate_types = {
        "Sapporo Odori Elementary School": "edu",
        "Tanukikoji Shopping Street": "landmark",
        "Sapporo Station": "railwaystation",
        **{city: "city" for city in far},
    }
    ja.coordinates = None
    fake = FakeWikiTransport(en, ja, meta)
    report = audit(monkeypatch, fake)
    [places] = [f for f in report["findings"] if f["id"] == "HA-E004"]
    assert "20% of your edits to articles about places (60 of 300" in places["evidence"]
    assert "within 25 km of Sapporo" in places["evidence"]
    assert (
        "60 of them about small places (schools, buildings, streets, stations)"
        in (places["evidence"])
    )
    asked = [r for r in fake.requests if r.url.params.get("prop") == "coordinates"]
    assert [r.url.params["coprop"] for r in asked if r.url.host == "en.wikipedia.org"] == ["type"]
