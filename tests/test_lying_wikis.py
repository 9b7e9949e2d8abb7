"""A wiki that lies is said, never trusted (issue 26 §5): the host a finding is filed under
comes from the address asked, answers about another account are dropped, Meta's list of
wikis is validated entry by entry, and wiki addresses are http(s) with hosts in punycode."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

import hygiene_audit.safety.http as http
from hygiene_audit.cli.commands import app
from hygiene_audit.demo.fakewiki import FakeRevision, FakeUser, FakeWiki, FakeWikiTransport
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
