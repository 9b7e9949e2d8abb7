"""HA-W across the global account (issue 20): the wikis where the editor has user pages or
subpages, each read in its own language, one request at a time per host, a failing wiki a line
of the report; and offline, several exports of several wikis."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

import hygiene_audit.safety.http as http
from hygiene_audit.cli.commands import app
from hygiene_audit.demo.fakewiki import FakeWikiTransport
from hygiene_audit.exposure import wikis as wikis_module
from hygiene_audit.wiki.wikimedia import oversight_contact, oversight_contacts

from ..cli_helpers import runner
from ..conftest import expected_exit
from ..wiki_helpers import GLOBAL_USER, LANGUAGES, global_editor


@pytest.fixture(autouse=True)
def _no_backoff_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.sleep", lambda _s: None)


def timing_out(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("timed out", request=request)


def audit(
    monkeypatch: pytest.MonkeyPatch, transport: httpx.BaseTransport, *args: str
) -> dict[str, Any]:
    monkeypatch.setattr(http, "default_transport", lambda: transport)
    result = runner.invoke(
        app, ["run", "--only", "HA-W", "-f", "json", "--no-input", "--user", GLOBAL_USER, *args]
    )
    report: dict[str, Any] = json.loads(result.stdout)
    assert result.exit_code == expected_exit(report), result.output
    return report


def on(report: dict[str, Any], host: str) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f.get("wiki") == host]


def test_thirty_attached_wikis_four_user_pages_two_subpages_one_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeWikiTransport(*global_editor(), fallback=timing_out)
    report = audit(monkeypatch, fake)
    assert report["checks"][0]["status"] == "findings"
    # et: the "about me" subpage's history held a phone number, read with Estonia's region
    [history] = [f for f in on(report, "et.wikipedia.org") if f["id"] == "HA-W010"]
    assert "+372 5555 1234" in history["evidence"] and "revision 70010" in history["evidence"]
    assert "User:Mirjam K/Minust" in history["location"]
    assert "oldid=70010" in history["message"]
    assert "stewards@wikimedia.org" in history["message"]  # etwiki has no oversight team
    # ar, right to left: the name introduced in Arabic, found as Arabic
    [name] = [f for f in on(report, "ar.wikipedia.org") if f["id"] == "HA-W003"]
    assert "سارة الخطيب" in name["evidence"]
    # de: its user page; pt: its draft subpage
    assert sorted(f["id"] for f in on(report, "de.wikipedia.org")) == ["HA-W001", "HA-W004"]
    [mail] = on(report, "pt.wikipedia.org")
    assert mail["id"] == "HA-W001" and "User:Mirjam K/Rascunho" in mail["location"]
    # fr timed out: one line of the report, and the others stand
    reason = report["checks"][0]["reason"]
    assert "frwiki:" in reason and "timed out" in reason.lower()


def test_one_request_per_wiki_to_ask_and_nothing_more_where_there_is_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeWikiTransport(*global_editor(timeout_host=None))
    audit(monkeypatch, fake)
    per_host = Counter(r.url.host for r in fake.requests)
    # the wikis with the account and nothing else: not en (the busiest) nor the four with pages
    quiet = [
        f"{lang}.wikipedia.org" for lang in LANGUAGES if lang not in ("en", "et", "ar", "de", "pt")
    ]
    assert all(per_host[host] == 1 for host in quiet), per_host
    asked = [r for r in fake.requests if r.url.params.get("list") == "allpages"]
    assert {r.url.params["apprefix"] for r in asked} == {f"{GLOBAL_USER}/"}
    assert all(r.url.params.get("maxlag") == "5" for r in fake.requests)
    assert all(r.url.params["titles"] == f"User:{GLOBAL_USER}" for r in asked)


class Overlap(FakeWikiTransport):
    """Counts requests in flight, per host and in all."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lock = threading.Lock()
        self.now: Counter[str] = Counter()
        self.most: Counter[str] = Counter()
        self.most_hosts = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        with self.lock:
            self.now[host] += 1
            self.most[host] = max(self.most[host], self.now[host])
            self.most_hosts = max(self.most_hosts, sum(1 for n in self.now.values() if n))
        try:
            time.perf_counter()
            deadline = time.perf_counter() + 0.01
            while time.perf_counter() < deadline:  # time.sleep is patched away here
                pass
            return super().handle_request(request)
        finally:
            with self.lock:
                self.now[host] -= 1


def test_never_two_requests_at_once_to_one_host_and_several_hosts_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = Overlap(*global_editor(timeout_host=None))
    audit(monkeypatch, fake)
    assert max(fake.most.values()) == 1
    assert 1 < fake.most_hosts <= wikis_module.PARALLEL_HOSTS


def test_wikis_home_reads_the_home_wiki_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWikiTransport(*global_editor(timeout_host=None))
    report = audit(monkeypatch, fake, "--wikis", "home")
    assert {f["wiki"] for f in report["findings"]} == {"et.wikipedia.org"}
    assert not any(r.url.host == "de.wikipedia.org" for r in fake.requests)


def test_wikis_list_reads_exactly_those(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWikiTransport(*global_editor(timeout_host=None))
    report = audit(monkeypatch, fake, "--wikis", "dewiki,arwiki,nosuchwiki")
    assert {f["wiki"] for f in report["findings"]} == {"de.wikipedia.org", "ar.wikipedia.org"}
    # a wiki the user named that cannot be read is an input problem: said first, exit 4
    [problem] = report["input_problems"]
    assert "nosuchwiki: no such wiki in your global account" in problem
    hosts = {r.url.host for r in fake.requests}
    assert "et.wikipedia.org" not in hosts and "en.wikipedia.org" not in hosts


def test_the_default_is_bounded_busiest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wikis_module, "AUTO_LIMIT", 2)
    fake = FakeWikiTransport(*global_editor(timeout_host=None))
    report = audit(monkeypatch, fake)
    # en is read in full (most edits); of et, ar, de and pt the two busiest are read
    assert {f["wiki"] for f in report["findings"]} == {"et.wikipedia.org", "ar.wikipedia.org"}
    assert "2 more wikis with user pages were not read" in report["checks"][0]["reason"]
    everything = audit(
        monkeypatch, FakeWikiTransport(*global_editor(timeout_host=None)), "--wikis", "all"
    )
    assert {f["wiki"] for f in everything["findings"]} == {
        "et.wikipedia.org",
        "ar.wikipedia.org",
        "de.wikipedia.org",
        "pt.wikipedia.org",
    }


def test_grouped_report_groups_a_kind_by_wiki(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWikiTransport(*global_editor(timeout_host=None))
    monkeypatch.setattr(http, "default_transport", lambda: fake)
    result = runner.invoke(
        app,
        [
            "run",
            "--only",
            "HA-W",
            "--no-input",
            "--user",
            GLOBAL_USER,
            "-f",
            "markdown",
            "--wikis",
            "all",
        ],
    )
    e_mail = result.output.split("### ")[1]  # the first kind: HA-W001, e-mail, 2 findings
    assert "HA-W001" in e_mail
    assert "*de.wikipedia.org*" in e_mail and "*pt.wikipedia.org*" in e_mail
    assert e_mail.index("mk@example.de") < e_mail.index("*pt.wikipedia.org*")
    assert "*ar.wikipedia.org*" not in result.output  # a kind on one wiki needs no heading


def test_oversight_contacts_are_sourced_and_never_guessed() -> None:
    contacts = oversight_contacts()
    assert contacts.source.startswith("https://meta.wikimedia.org/") and contacts.retrieved
    assert all(c.email is None or c.email_source for c in contacts.wikis.values())
    assert oversight_contact("en.wikipedia.org").startswith("oversight-en-wp@wikipedia.org")
    assert "Requests_for_oversight#German_Wikipedia" in oversight_contact("de.wikipedia.org")
    assert oversight_contact("et.wikipedia.org").startswith("stewards@wikimedia.org")
    assert "administrators of wiki.example.org" in oversight_contact("wiki.example.org")


EXPORT = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" xml:lang="{lang}">
  <siteinfo><sitename>Wikipedia</sitename><base>https://{lang}.wikipedia.org/wiki/Main</base>
  </siteinfo>
  {pages}
</mediawiki>"""
PAGE = """<page><title>{title}</title><ns>2</ns><id>1</id>
    <revision><id>{revid}</id><timestamp>2020-01-01T00:00:00Z</timestamp>
      <text bytes="1" xml:space="preserve">{text}</text></revision></page>"""


def test_offline_several_files_and_an_export_of_several_pages(tmp_path: Path) -> None:
    et = tmp_path / "etwiki.xml"
    et.write_text(
        EXPORT.format(
            lang="et",
            pages="".join(
                [
                    PAGE.format(title="Kasutaja:Mirjam K", revid=1, text="Tere!"),
                    PAGE.format(
                        title="Kasutaja:Mirjam K/Minust", revid=2, text="Helista: 5555 1234"
                    ),
                ]
            ),
        ),
        encoding="utf-8",
    )
    ar = tmp_path / "arwiki.xml"
    ar.write_text(
        EXPORT.format(
            lang="ar",
            pages=PAGE.format(title="مستخدم:Mirjam K", revid=3, text="مرحبا! اسمي سارة الخطيب."),
        ),
        encoding="utf-8",
    )
    plain = tmp_path / "draft.wiki"
    plain.write_text("My name is Mirjam Kask.", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "run",
            "--offline",
            "--only",
            "HA-W",
            "-f",
            "json",
            "--no-input",
            "--userpage-file",
            str(et),
            "--userpage-file",
            str(ar),
            "--userpage-file",
            str(plain),
        ],
    )
    report = json.loads(result.stdout)
    found = {(f["id"], f.get("wiki")) for f in report["findings"]}
    # the Estonian number without +372 is found because the export says the wiki is Estonian
    assert ("HA-W002", "et.wikipedia.org") in found
    assert ("HA-W003", "ar.wikipedia.org") in found
    assert ("HA-W003", None) in found
    [phone] = [f for f in report["findings"] if f["id"] == "HA-W002"]
    assert "https://et.wikipedia.org/wiki/Kasutaja:Mirjam_K/Minust" in phone["location"]


def test_offline_one_unreadable_file_is_a_line_and_the_rest_stands(tmp_path: Path) -> None:
    good = tmp_path / "page.wiki"
    good.write_text("My name is Mirjam Kask.", encoding="utf-8")
    broken = tmp_path / "broken.xml"
    broken.write_text("<mediawiki><page><title>x", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "run",
            "--offline",
            "--only",
            "HA-W",
            "-f",
            "json",
            "--no-input",
            "--userpage-file",
            str(broken),
            "--userpage-file",
            str(good),
        ],
    )
    report = json.loads(result.stdout)
    assert [f["id"] for f in report["findings"]] == ["HA-W003"]
    # the rest stands, but a file the user gave that could not be read is never silent
    assert result.exit_code == 4 and report["checks"][0]["failed_input"]
    [problem] = report["input_problems"]
    assert "broken.xml" in problem


def test_a_single_revision_shows_one_date_not_a_range(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeWikiTransport(*global_editor(timeout_host=None))
    report = audit(monkeypatch, fake, "--wikis", "etwiki")
    [history] = [f for f in report["findings"] if f["id"] == "HA-W010"]
    assert history["evidence"].endswith("revision 70010 (2016-02-01)")
