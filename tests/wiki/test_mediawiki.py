"""The MediaWiki client against real API shapes (recorded from MediaWiki 1.39, formatversion=2)."""

from __future__ import annotations

import httpx
import pytest

from hygiene_audit.demo.fakewiki import FakeWikiTransport
from hygiene_audit.safety.http import make_client, user_agent
from hygiene_audit.wiki.mediawiki import MediaWikiClient, MediaWikiError, MediaWikiUnsupported

from ..wiki_helpers import editor_wikis

API = "https://de.wikipedia.org/w/api.php"


def client_for(transport: httpx.BaseTransport, api: str = API) -> MediaWikiClient:
    http = make_client([httpx.URL(api).host], offline=False, timeout=5, transport=transport)
    return MediaWikiClient(http, api)


def test_every_request_carries_etiquette_parameters_and_user_agent() -> None:
    de, _commons, _meta = editor_wikis()
    fake = FakeWikiTransport(de)
    client = client_for(fake)
    client.siteinfo()
    request = fake.requests[0]
    assert request.url.params["formatversion"] == "2"
    assert request.url.params["maxlag"] == "5"
    assert request.url.params["format"] == "json"
    assert request.headers["User-Agent"] == user_agent()
    assert "hygiene-audit/" in user_agent() and "+https://" in user_agent()


def test_namespace_names_come_from_siteinfo() -> None:
    de, _c, _m = editor_wikis()
    info = client_for(FakeWikiTransport(de)).siteinfo()
    assert {"datei", "file", "bild", "image"} <= info.file_prefixes
    assert info.language == "de"


def test_history_follows_continuation_newest_first_and_stops_at_the_cap() -> None:
    de, _c, _m = editor_wikis()
    de.pages["User:Many"] = [
        type(de.pages["User:Lena P"][0])(i, f"2020-01-01T00:{i % 60:02d}:00Z", f"v{i}")
        for i in range(1, 131)
    ]
    fake = FakeWikiTransport(de)
    history = client_for(fake).history("User:Many", 120)
    assert [r.revid for r in history.revisions][:3] == [130, 129, 128]
    assert len(history.revisions) == 120 and history.truncated
    assert len(fake.requests) == 3  # 50 + 50 + 20: content revisions are capped at 50
    assert all(int(r.url.params["rvlimit"]) <= 50 for r in fake.requests)
    full = client_for(FakeWikiTransport(de)).history("User:Many", 500)
    assert len(full.revisions) == 130 and not full.truncated


def test_hidden_revision_text_and_missing_pages_and_users() -> None:
    de, _c, _m = editor_wikis()
    client = client_for(FakeWikiTransport(de))
    history = client.history("User:Lena P", 10)
    assert [r.text is None for r in history.revisions] == [False, True, False, False]
    assert client.history("User:Nobody", 10).exists is False
    assert client.user("Nobody Here") is None
    user = client.user("Lena P")
    assert user is not None and user.gender == "female" and user.emailable


def test_files_are_batched_fifty_titles_per_request() -> None:
    de, _c, _m = editor_wikis()
    fake = FakeWikiTransport(de)
    infos = client_for(fake).file_info([f"File:F{i}.jpg" for i in range(120)])
    assert len(infos) == 120 and not any(i.exists for i in infos)
    assert [len(r.url.params["titles"].split("|")) for r in fake.requests] == [50, 50, 20]


def test_recorded_real_imageinfo_metadata_is_flattened() -> None:
    body = {
        "batchcomplete": True,
        "query": {
            "pages": [
                {
                    "pageid": 2,
                    "ns": 6,
                    "title": "File:Ana at home.jpg",
                    "imagerepository": "local",
                    "imageinfo": [
                        {
                            "timestamp": "2026-11-25T09:09:52Z",
                            "user": "Ana Test",
                            "url": "http://127.0.0.1:8089/images/9/97/Ana_at_home.jpg",
                            "descriptionurl": "http://127.0.0.1:8089/wiki/File:Ana_at_home.jpg",
                            "metadata": [
                                {"name": "Make", "value": "Canon"},
                                {"name": "Artist", "value": "Ana Lopez"},
                                {"name": "GPSLatitude", "value": 39.47013888888889},
                                {"name": "GPSLongitude", "value": -0.375},
                                {
                                    "name": "XMP",
                                    "value": [{"name": "SerialNumber", "value": "123456789012"}],
                                },
                                {"name": "MEDIAWIKI_EXIF_VERSION", "value": 2},
                            ],
                            "commonmetadata": [{"name": "Make", "value": "Canon"}],
                            "extmetadata": {
                                "ObjectName": {
                                    "value": "Ana at home",
                                    "source": "mediawiki-metadata",
                                    "hidden": "",
                                }
                            },
                            "mime": "image/jpeg",
                        }
                    ],
                }
            ]
        },
    }
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json=body))
    [info] = client_for(transport).file_info(["File:Ana at home.jpg"])
    assert info.metadata["GPSLongitude"] == -0.375
    assert info.metadata["SerialNumber"] == "123456789012"
    assert info.extmetadata["ObjectName"] == "Ana at home"


def test_maxlag_is_waited_out_then_the_answer_is_used() -> None:
    calls: list[int] = []
    waits: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) < 3:
            # as the real API answers: HTTP 200, the error code in a header too
            return httpx.Response(
                200,
                headers={"Retry-After": "7", "MediaWiki-API-Error": "maxlag"},
                json={
                    "error": {
                        "code": "maxlag",
                        "info": "Waiting for 10.64.16.8: 6 seconds lagged.",
                        "host": "10.64.16.8",
                        "lag": 6,
                    }
                },
            )
        return httpx.Response(
            200, json={"batchcomplete": True, "query": {"users": [{"name": "X", "missing": True}]}}
        )

    http = make_client(
        ["de.wikipedia.org"],
        offline=False,
        timeout=5,
        transport=httpx.MockTransport(handler),
        sleep=waits.append,
    )
    client = MediaWikiClient(http, API)
    assert client.user("X") is None
    assert waits == [7.0, 7.0]


def test_persistent_maxlag_and_api_errors_are_one_line_errors() -> None:
    lagged = httpx.MockTransport(
        lambda r: httpx.Response(200, json={"error": {"code": "maxlag", "info": "lagged"}})
    )
    with pytest.raises(MediaWikiError, match="maxlag"):
        client_for(lagged).user("X")
    html = httpx.MockTransport(lambda r: httpx.Response(200, text="<html>not an API</html>"))
    with pytest.raises(MediaWikiError, match="not MediaWiki API JSON"):
        client_for(html).siteinfo()
    truncated = httpx.MockTransport(lambda r: httpx.Response(200, text='{"query": {"us'))
    with pytest.raises(MediaWikiError):
        client_for(truncated).user("X")


def test_wiki_without_central_auth_is_unsupported_not_a_crash() -> None:
    _d, _c, meta = editor_wikis(central_auth=False)
    with pytest.raises(MediaWikiUnsupported, match="globaluserinfo"):
        client_for(FakeWikiTransport(meta), "https://meta.wikimedia.org/w/api.php").global_account(
            "Lena P"
        )


def test_global_account_parsed() -> None:
    _d, _c, meta = editor_wikis()
    client = client_for(FakeWikiTransport(meta), "https://meta.wikimedia.org/w/api.php")
    account = client.global_account("Lena P")
    assert account is not None and account.home == "dewiki" and len(account.wikis) == 2
    assert client.global_account("Nobody") is None


def test_upload_log_continuation() -> None:
    de, _c, _m = editor_wikis()
    from hygiene_audit.demo.fakewiki import FakeFile

    for i in range(7):
        de.files[f"P{i}.jpg"] = FakeFile(f"P{i}.jpg", "Lena P", f"2023-01-0{i + 1}T00:00:00Z")
    client = client_for(FakeWikiTransport(de))
    assert len(client.uploads("Lena P", limit=500)) == 8
    assert len(client.uploads("Lena P", limit=3)) == 3
