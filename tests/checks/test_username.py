"""HA-U, HA-G and HA-H as a user meets them."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

import hygiene_audit.safety.http as http
from hygiene_audit.checks.username import name_matches, other_matches
from hygiene_audit.cli.commands import app
from hygiene_audit.core.profile import UserProfile
from hygiene_audit.demo.fakewiki import FakeWikiTransport

from ..cli_helpers import run_json, runner
from ..wiki_helpers import editor_wikis


def codes(username: str, profile: UserProfile) -> list[str]:
    return [m.code for m in (*name_matches(username, profile), *other_matches(username, profile))]


LATIN = UserProfile(
    real_name="Ana María López",
    birth_year=1987,
    city="Valencia",
    emails=("ana.lopez87@example.org",),
    employer="Telefónica",
)


@pytest.mark.parametrize(
    "username,expected",
    [
        ("Ana María López", ["HA-U001"]),
        ("AnaLopez", ["HA-U001", "HA-U005"]),
        ("LopezAna", ["HA-U001"]),
        ("ALopez", ["HA-U001"]),
        ("amlopez", ["HA-U001"]),
        ("Lopez_wiki", ["HA-U002"]),
        ("AnaL", ["HA-U002"]),
        ("Ana the editor", ["HA-U003"]),
        ("ana.lopez87", ["HA-U001", "HA-U004", "HA-U005"]),
        ("Valencian Tiger", ["HA-U006"]),
        ("Telefonica_fan", ["HA-U007"]),
        ("Quietheron", []),
        ("Wikignome 2010", []),
    ],
)
def test_latin_usernames(username: str, expected: list[str]) -> None:
    assert codes(username, LATIN) == expected


@pytest.mark.parametrize(
    "username,profile,expected",
    [
        ("Дмитрий Соколов", UserProfile(real_name="Dmitry Sokolov"), ["HA-U001"]),
        ("Sokolov.D", UserProfile(real_name="Дмитрий Соколов"), ["HA-U001"]),
        ("علي حسن", UserProfile(real_name="Ali Hassan"), ["HA-U001"]),
        (
            "AliHassan1990",
            UserProfile(real_name="علي حسن", birth_year=1990),
            ["HA-U001", "HA-U004"],
        ),
        ("राहुल शर्मा", UserProfile(real_name="Rahul Sharma"), ["HA-U001"]),
        ("Sharma_R", UserProfile(real_name="राहुल शर्मा"), ["HA-U001"]),
        ("Книголюб", UserProfile(real_name="Dmitry Sokolov"), []),
        ("قارئ الكتب", UserProfile(real_name="Ali Hassan"), []),
    ],
)
def test_usernames_in_other_scripts(
    username: str, profile: UserProfile, expected: list[str]
) -> None:
    assert codes(username, profile) == expected


def _profile(tmp_path: Path, text: str) -> str:
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_report_shows_why_and_how_to_rename(tmp_path: Path) -> None:
    profile = _profile(
        tmp_path,
        'real_name = "Ana María López"\nbirth_year = 1987\nhandles = ["analopez87", "AnaLopez"]\n',
    )
    report = run_json("--only", "HA-U", "--user", "AnaLopez", "--profile", profile)
    found = {f["id"]: f for f in report["findings"]}
    assert found["HA-U001"]["evidence"] == "“AnaLopez” contains your full name (“Ana María López”)"
    assert any("Special:GlobalRenameRequest" in s for s in found["HA-U001"]["remediation"])
    assert any("rename log" in s for s in found["HA-U001"]["remediation"])
    assert (
        "https://meta.wikimedia.org/wiki/Special:GlobalRenameRequest"
        in found["HA-U001"]["references"]
    )
    assert found["HA-U008"]["evidence"] == "the same handle as: AnaLopez"
    other = [f for f in report["findings"] if f["location"] == "handle “analopez87”"]
    assert {f["id"] for f in other} == {"HA-U001", "HA-U004"}


def test_without_profile_a_common_name_is_a_likely_real_name() -> None:
    report = run_json("--only", "HA-U", "--user", "Maria Schmidt")
    assert [(f["id"], f["severity"]) for f in report["findings"]] == [("HA-U010", "high")]
    assert "likely a real name" in report["findings"][0]["evidence"]
    row = report["checks"][0]
    assert "lists of common given names" in row["reason"] and "profile" in row["reason"]
    year = run_json("--only", "HA-U", "--user", "Reader1987")
    assert [f["id"] for f in year["findings"]] == ["HA-U009"]


def test_a_profile_name_replaces_the_guess(tmp_path: Path) -> None:
    """With a profile naming someone else, a common name in the handle is not 'your' name;
    the profile's own matches speak instead of the lists."""
    profile = _profile(tmp_path, 'real_name = "Ana María López"\n')
    assert (
        run_json("--only", "HA-U", "--user", "Hans Schmidt", "--profile", profile)["findings"] == []
    )
    mine = run_json("--only", "HA-U", "--user", "Ana Lopez", "--profile", profile)
    assert [f["id"] for f in mine["findings"]] == ["HA-U001"]


@pytest.mark.parametrize(
    ("handle", "expected"),
    [
        ("Ahmed.Farouk.Cairo", {("HA-U011", "Ahmed Farouk"), ("HA-U012", "Cairo")}),
        ("Ольга Смирнова", {("HA-U010", "Ольга Смирнова")}),
        ("Sharma_R", {("HA-U011", "Sharma R")}),
        ("maria.gonzalez88", {("HA-U010", "maria gonzalez"), ("HA-U009", "88")}),
        ("Rose", set()),
        ("Reader", set()),
    ],
)
def test_the_issue_examples_without_a_profile(handle: str, expected: set[tuple[str, str]]) -> None:
    report = run_json("--only", "HA-U", "--user", handle)
    assert sorted(f["id"] for f in report["findings"]) == sorted(c for c, _v in expected)
    for code, value in expected:
        assert any(f["id"] == code and value in f["evidence"] for f in report["findings"])


def test_redaction_masks_the_name_in_username_findings(tmp_path: Path) -> None:
    profile = _profile(tmp_path, 'real_name = "Ana María López"\n')
    out = tmp_path / "r.json"
    runner.invoke(
        app,
        [
            "run",
            "--only",
            "HA-U",
            "--user",
            "AnaLopez",
            "--profile",
            profile,
            "-f",
            "json",
            "-o",
            str(out),
        ],
    )
    text = out.read_text(encoding="utf-8")
    assert "López" not in text and "AnaLopez" not in text and "A. M. L." in text


# ------------------------------------------------------------------ HA-G


def test_global_footprint_from_central_auth(monkeypatch: pytest.MonkeyPatch) -> None:
    de, commons, meta = editor_wikis()
    meta.global_accounts["Lena P"]["home"] = "hywiki"  # type: ignore[index]
    meta.global_accounts["Lena P"]["merged"].append(  # type: ignore[index]
        {"wiki": "hywiki", "url": "https://hy.wikipedia.org", "editcount": 40}
    )
    monkeypatch.setattr(http, "default_transport", lambda: FakeWikiTransport(de, commons, meta))
    report = run_json("--only", "HA-G", "--user", "Lena P")
    found = {f["id"]: f for f in report["findings"]}
    assert found["HA-G001"]["evidence"].startswith("home wiki hywiki; 3 wikis")
    assert found["HA-G002"]["evidence"] == "edits in these language editions: de, hy"


def test_wide_language_home_wiki_is_not_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    de, commons, meta = editor_wikis()
    meta.global_accounts["Lena P"]["home"] = "enwiki"  # type: ignore[index]
    monkeypatch.setattr(http, "default_transport", lambda: FakeWikiTransport(de, commons, meta))
    report = run_json("--only", "HA-G", "--user", "Lena P")
    assert "HA-G001" not in {f["id"] for f in report["findings"]}


def test_wiki_without_central_auth_is_skipped_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wikis = editor_wikis(central_auth=False)
    monkeypatch.setattr(http, "default_transport", lambda: FakeWikiTransport(*wikis))
    row = run_json("--only", "HA-G", "--user", "Lena P")["checks"][0]
    assert row["status"] == "skipped" and "CentralAuth" in row["reason"]


# ------------------------------------------------------------------ HA-H


class FakePlatforms(httpx.BaseTransport):
    """GitHub and Codeberg know the handle, GitLab answers [], Reddit rate-limits, the rest 404."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        host = request.url.host
        if host in ("api.github.com", "codeberg.org"):
            return httpx.Response(200, json={"login": "AnaL"})
        if host == "gitlab.com":
            return httpx.Response(200, json=[])
        if host == "www.reddit.com":
            return httpx.Response(429)
        if host == "hacker-news.firebaseio.com":
            return httpx.Response(200, text="null")
        if host == "mastodon.social":
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(404)


def test_handle_reuse_is_opt_in() -> None:
    report = run_json("--user", "AnaL", "--offline", "--skip", "HA-W")
    assert "HA-H" not in {c["id"] for c in report["checks"]}


def test_handle_reuse_reports_only_certain_positives(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakePlatforms()
    monkeypatch.setattr(http, "default_transport", lambda: fake)
    report = run_json("--only", "HA-H", "--user", "AnaL", "--handle-reuse")
    [finding] = report["findings"]
    assert "GitHub (https://github.com/AnaL)" in finding["evidence"]
    assert "Codeberg" in finding["evidence"]
    assert "GitLab" not in finding["evidence"] and "Reddit" not in finding["evidence"]
    reason = report["checks"][0]["reason"]
    assert "Reddit (HTTP 429)" in reason and "Mastodon (mastodon.social) (timed out)" in reason
    assert all(r.url.host != "instagram.com" for r in fake.requests)
    assert {
        r.url.path.rsplit("/", 1)[-1] for r in fake.requests if r.url.host == "api.github.com"
    } == {"AnaL"}


def test_handle_reuse_enabled_by_flag_runs_in_a_full_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http, "default_transport", lambda: FakePlatforms())
    report = run_json(
        "--user", "AnaL", "--handle-reuse", "--skip", "HA-W", "--skip", "HA-G", "--skip", "HA-B"
    )
    assert "HA-H" in {c["id"] for c in report["checks"]}
