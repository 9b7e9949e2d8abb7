"""A wiki that lies is said, never trusted (issue 26 §5): the host a finding is filed under
comes from the address asked, answers about another account are dropped, Meta's list of
wikis is validated entry by entry, and wiki addresses are http(s) with hosts in punycode."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import hygiene_audit.safety.http as http
from hygiene_audit.cli.commands import app
from hygiene_audit.demo.fakewiki import (
    FakeFile,
    FakeRevision,
    FakeUser,
    FakeWiki,
    FakeWikiTransport,
)
from hygiene_audit.wiki.wikimedia import is_wikimedia_host, oversight_contact

from .cli_helpers import runner
from .conftest import expected_exit

USER = "Ana L"
PAGE_TEXT = "Hola, soy Ana. Escríbeme: ana.l@example.org"


@pytest.fixture(autouse=True)
def _no_backoff_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.sleep", lambda _s: None)


def one_wiki(host: str, *, lang: str = "en") -> FakeWiki:
    wiki = FakeWiki(host=host, lang=lang)
    wiki.users[USER] = FakeUser(USER, 7, gender="female")
    wiki.pages[f"User:{USER}"] = [
        FakeRevision(11, "2020-01-01T10:00:00Z", PAGE_TEXT),
        FakeRevision(12, "2021-01-01T10:00:00Z", "Hola, soy Ana."),
    ]
    return wiki


def audit(
    monkeypatch: pytest.MonkeyPatch, transport: httpx.BaseTransport, *args: str
) -> dict[str, Any]:
    monkeypatch.setattr(http, "default_transport", lambda: transport)
    result = runner.invoke(
        app, ["run", "--only", "HA-W", "-f", "json", "--no-input", "--user", USER, *args]
    )
    report: dict[str, Any] = json.loads(result.stdout)
    assert result.exit_code == expected_exit(report), result.output
    return report


# --- item 4: wiki addresses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("javascript:alert(document.cookie)", "not an http(s) address"),
        ("data:text/html;base64,PHNjcmlwdD4=", "not an http(s) address"),
        ("https://wiki.example:99999/w/api.php", "not a valid port"),
        ("https://wiki.example:0/w/api.php", "not a valid port"),
        ("https://wiki..example/w/api.php", "not a valid host name"),
    ],
)
@pytest.mark.parametrize("option", ["--wikis", "--wiki"])
def test_a_wiki_address_that_is_not_an_http_address_is_a_usage_error(
    option: str, given: str, said: str
) -> None:
    result = runner.invoke(app, ["run", "--only", "HA-W", "--user", USER, option, given])
    assert result.exit_code == 2, result.output
    assert said in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("given", ["https://вики.example/w/api.php", "xn--b1amah.example"])
def test_an_idn_wiki_works_given_in_unicode_or_in_punycode(
    monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    fake = FakeWikiTransport(one_wiki("xn--b1amah.example"))
    report = audit(monkeypatch, fake, "--wiki", given)
    row = report["checks"][0]
    assert row["status"] == "findings", row
    assert {f["wiki"] for f in report["findings"]} == {"xn--b1amah.example"}
    assert any(r.url.raw_host == b"xn--b1amah.example" for r in fake.requests)


def test_a_look_alike_of_a_wikimedia_host_is_not_treated_as_wikimedia(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeWikiTransport(one_wiki("en.xn--wikipdia-g8g.org"))  # Cyrillic 'е' in wikipedia
    report = audit(monkeypatch, fake, "--wiki", "https://en.wikipеdia.org/w/api.php")
    [history] = [f for f in report["findings"] if f["id"] == "HA-W010"]
    assert history["wiki"] == "en.xn--wikipdia-g8g.org"
    assert "stewards@wikimedia.org" not in history["message"]
    assert "administrators of en.xn--wikipdia-g8g.org" in history["message"]
    assert "not a Wikimedia wiki" in report["checks"][0]["reason"]


@pytest.mark.parametrize(
    "host",
    [
        "en.wikipеdia.org",  # Cyrillic 'е'
        "xn--wikipdia-g8g.org",
        "wikipedia.org.evil.example",
        "en.wikipedia.org.evil.example",
        "wikipedia.org-evil.example",
        "",
        "a..wikipedia.org",
    ],
)
def test_look_alikes_get_no_wikimedia_routing(host: str) -> None:
    assert not is_wikimedia_host(host)
    assert "stewards" not in oversight_contact(host) and "oversight" not in oversight_contact(host)


def test_wikimedia_hosts_in_any_case_and_width_are_wikimedia() -> None:
    assert is_wikimedia_host("ET.Wikipedia.org.")
    assert is_wikimedia_host("ｅｔ.ｗｉｋｉｐｅｄｉａ.ｏｒｇ")  # fullwidth: IDNA maps it to ASCII
    assert is_wikimedia_host("www.wikifunctions.org")


# --- items 1 and 2: what a wiki says of itself and of the account -------------------------

Rewrite = Callable[[dict[str, str], dict[str, Any]], dict[str, Any]]


class Lying(FakeWikiTransport):
    """A fake wiki whose answers pass through ``rewrite(params, body)`` on the way out."""

    def __init__(self, rewrite: Rewrite, *wikis: FakeWiki) -> None:
        super().__init__(*wikis)
        self._rewrite = rewrite

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        body = self._rewrite(dict(request.url.params), json.loads(response.content))
        return httpx.Response(200, json=body)


def claims_to_be_enwiki(params: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    query = body.get("query", {})
    general = query.get("general")
    if general is not None:
        general["server"] = "https://en.wikipedia.org"
        general["sitename"] = "Wikipedia"
    for page in query.get("pages", []):
        for info in page.get("imageinfo", []):
            info["descriptionurl"] = "https://en.wikipedia.org/wiki/" + page["title"]
    return body


EVIL = "https://wiki.evil.example/w/api.php"


def test_a_finding_is_filed_under_the_wiki_asked_not_the_one_it_claims_to_be(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wiki = one_wiki("wiki.evil.example")
    wiki.files["Ana.jpg"] = FakeFile(
        "Ana.jpg",
        USER,
        "2021-01-01T09:00:00Z",
        metadata=(("GPSLatitude", 40.4), ("GPSLongitude", -3.7)),
    )
    fake = Lying(claims_to_be_enwiki, wiki)
    report = audit(monkeypatch, fake, "--wiki", EVIL)
    assert {"HA-W010", "HA-W012", "HA-W016"} <= {f["id"] for f in report["findings"]}
    assert {f["wiki"] for f in report["findings"]} == {"wiki.evil.example"}
    text = json.dumps(report)
    assert "https://en.wikipedia.org/wiki/" not in text  # no link to a page never read
    [history] = [f for f in report["findings"] if f["id"] == "HA-W010"]
    assert "administrators of wiki.evil.example" in history["message"]
    assert "oversight-en-wp" not in text
    reason = report["checks"][0]["reason"]
    assert reason.count("claims to be en.wikipedia.org") == 1
    assert "wiki.evil.example" in reason


def answers_about(other: str) -> Rewrite:
    """A wiki that answers every question with another account's pages and name."""

    def rewrite(params: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
        query = body.get("query", {})
        for user in query.get("users", []):
            user["name"] = other
        for page in [*query.get("pages", []), *query.get("allpages", [])]:
            page["title"] = page["title"].replace(USER, other)
        info = query.get("globaluserinfo")
        if isinstance(info, dict) and "name" in info:
            info["name"] = other
        return body

    return rewrite


def only_the_pages_lie(params: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    for page in body.get("query", {}).get("pages", []):
        page["title"] = "User:SomeoneElse"
    return body


@pytest.mark.parametrize("rewrite", [answers_about("SomeoneElse"), only_the_pages_lie])
def test_a_wiki_that_answers_about_another_account_is_not_audited_and_says_so(
    monkeypatch: pytest.MonkeyPatch, rewrite: Rewrite
) -> None:
    fake = Lying(rewrite, one_wiki("wiki.evil.example"))
    report = audit(monkeypatch, fake, "--wiki", EVIL)
    assert report["findings"] == []
    assert "SomeoneElse" not in json.dumps(report["findings"])
    [problem] = report["input_problems"]
    assert "wiki.evil.example" in problem and "another account" in problem
    assert "was not used" in problem
    assert expected_exit(report) == 4  # that wiki was not audited: never "nothing found"


@pytest.mark.parametrize(
    ("namespace", "title"),
    [
        ("Benutzer", "Benutzer:Ana L"),  # the local name of namespace 2
        ("Benutzer", "Benutzerin:Ana_L"),  # a gendered alias, underscores
        ("Usuario", "usuario:ana L"),  # namespace names ignore case; the first letter too
        ("User", "User:Ana L/Über mich"),
    ],
)
def test_a_user_page_under_its_local_namespace_name_is_still_yours(
    monkeypatch: pytest.MonkeyPatch, namespace: str, title: str
) -> None:
    def local(params: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
        query = body.get("query", {})
        for ns in query.get("namespaces", []):
            if ns["id"] == 2:
                ns["name"] = namespace
        if "namespacealiases" in query:
            query["namespacealiases"].append({"id": 2, "alias": "Benutzerin"})
        for page in query.get("pages", []):
            page["title"] = title
        return body

    fake = Lying(local, one_wiki("wiki.example", lang="de"))
    report = audit(monkeypatch, fake, "--wiki", "https://wiki.example/w/api.php")
    assert report["input_problems"] == []
    assert [f["id"] for f in report["findings"] if f["id"] == "HA-W010"] == ["HA-W010"]


class OneLiar(FakeWikiTransport):
    """Several fake wikis; the one at ``liar`` answers through ``rewrite``."""

    def __init__(self, liar: str, rewrite: Rewrite, *wikis: FakeWiki) -> None:
        super().__init__(*wikis)
        self._liar, self._rewrite = liar, rewrite

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.host != self._liar:
            return response
        return httpx.Response(
            200, json=self._rewrite(dict(request.url.params), json.loads(response.content))
        )


def test_beside_honest_wikis_the_lying_one_is_dropped_and_the_others_stand(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    honest, liar = one_wiki("wiki.example"), one_wiki("wiki.evil.example")
    fake = OneLiar("wiki.evil.example", answers_about("SomeoneElse"), honest, liar)
    report = audit(
        monkeypatch,
        fake,
        "--wikis",
        "https://wiki.example/w/api.php,https://wiki.evil.example/w/api.php",
    )
    assert {f["wiki"] for f in report["findings"]} == {"wiki.example"}
    [problem] = report["input_problems"]
    assert problem.startswith("wiki.evil.example answered about another account")
    assert expected_exit(report) == 4


def test_a_meta_that_answers_about_another_account_loses_only_the_global_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home, meta = one_wiki("wiki.example"), one_wiki("meta.wiki.example")
    meta.pages[f"User:{USER}"] = [FakeRevision(9, "2020-01-01T00:00:00Z", "Soy de Quito.")]
    fake = OneLiar("meta.wiki.example", only_the_pages_lie, home, meta)
    monkeypatch.setenv("HYGIENE_AUDIT_META_API", "https://meta.wiki.example/w/api.php")
    report = audit(monkeypatch, fake, "--wikis", "https://wiki.example/w/api.php")
    assert {f["wiki"] for f in report["findings"]} == {"wiki.example"}
    assert not any("Quito" in json.dumps(f) for f in report["findings"])
    [problem] = report["input_problems"]
    assert "global user page" in problem and "meta.wiki.example" in problem


def global_account(merged: list[Any], **extra: Any) -> FakeWiki:
    meta = FakeWiki(host="meta.wikimedia.org", sitename="Meta")
    meta.users[USER] = FakeUser(USER, 9)
    meta.global_accounts = {
        USER: {"home": "hywiki", "id": 1, "name": USER, "editcount": 99, "merged": merged, **extra}
    }
    return meta


def run_global(monkeypatch: pytest.MonkeyPatch, *wikis: FakeWiki) -> dict[str, Any]:
    monkeypatch.setattr(http, "default_transport", lambda: FakeWikiTransport(*wikis))
    result = runner.invoke(
        app, ["run", "--only", "HA-G", "-f", "json", "--no-input", "--user", USER]
    )
    report: dict[str, Any] = json.loads(result.stdout)
    assert result.exit_code == expected_exit(report), result.output
    return report


HY = {"wiki": "hywiki", "url": "https://hy.wikipedia.org", "editcount": 40}
ET = {"wiki": "etwiki", "url": "https://et.wikipedia.org", "editcount": 3}


def test_a_global_account_answer_for_another_name_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meta = global_account([HY, ET], name="SomeoneElse")
    report = run_global(monkeypatch, meta)
    row = report["checks"][0]
    assert report["findings"] == [] and row["status"] == "error"
    [problem] = report["input_problems"]
    assert "meta.wikimedia.org answered about another account" in problem


# --- item 3: Meta's list of wikis ---------------------------------------------------------

BROKEN: list[Any] = [
    {"wiki": "xwiki", "url": "javascript:alert(1)", "editcount": 5},
    {"wiki": "ywiki", "url": "https://y.wikipedia.org:99999", "editcount": 1},
    {"wiki": "zwiki", "url": "https://z.wikipedia.org", "editcount": "lots"},
    {"wiki": "qwiki", "url": "https://", "editcount": 2},
    {"wiki": 7, "url": "https://q.wikipedia.org", "editcount": 2},
    "not an entry",
]


def test_ha_g_skips_meta_entries_of_the_wrong_kind_and_reads_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = run_global(monkeypatch, global_account([*BROKEN, HY, ET], editcount="lots"))
    row = report["checks"][0]
    assert row["status"] == "findings", row
    found = {f["id"]: f for f in report["findings"]}
    assert found["HA-G001"]["evidence"] == "home wiki hywiki; 2 wikis, 43 edits in all"
    assert found["HA-G002"]["evidence"] == "edits in these language editions: et, hy"
    assert row["reason"].count("skipped") == 1  # one note
    assert "7 entries of Meta's list of your wikis were skipped" in row["reason"]


def test_ha_w_skips_meta_entries_of_the_wrong_kind_and_never_asks_plain_http(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hy, et = one_wiki("hy.wikipedia.org", lang="hy"), one_wiki("et.wikipedia.org", lang="et")
    plain = {"wiki": "plwiki", "url": "http://pl.wikipedia.org", "editcount": 900}
    meta = global_account([*BROKEN, plain, HY, ET])
    fake = FakeWikiTransport(hy, et, meta, one_wiki("pl.wikipedia.org"))
    report = audit(monkeypatch, fake)
    assert {f["wiki"] for f in report["findings"]} == {"hy.wikipedia.org", "et.wikipedia.org"}
    assert not any(r.url.scheme == "http" for r in fake.requests)
    reason = report["checks"][0]["reason"]
    assert "6 entries of Meta's list of your wikis were skipped" in reason
    assert "plain http" in reason and "plwiki" in reason


def test_with_allow_http_a_plain_http_wiki_of_meta_s_list_is_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = {"wiki": "plwiki", "url": "http://pl.wikipedia.org", "editcount": 900}
    pl = one_wiki("pl.wikipedia.org", lang="pl")
    pl.scheme = "http"
    fake = FakeWikiTransport(pl, global_account([plain, HY]), one_wiki("hy.wikipedia.org"))
    report = audit(monkeypatch, fake, "--allow-http")
    assert "pl.wikipedia.org" in {f["wiki"] for f in report["findings"]}
    assert "plain http" not in (report["checks"][0]["reason"] or "")
