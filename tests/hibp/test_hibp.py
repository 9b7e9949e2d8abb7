"""Pwned Passwords: range parsing, the online source with faults, and the offline file."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hygiene_audit.hibp.interface import PwnedSourceError, parse_range
from hygiene_audit.hibp.offline_file import RangeDirectorySource, SortedFileSource, open_source
from hygiene_audit.hibp.range_api import RangeApiSource
from hygiene_audit.safety.http import make_client

from ..hibp_helpers import (
    FakeRangeApi,
    breached_corpus,
    sha1,
    write_range_dir,
    write_sorted_file,
)

HIBP = "https://api.pwnedpasswords.com"


def test_range_parser_handles_crlf_padding_and_lower_case() -> None:
    body = (
        "1E4C9B93F3F0682250B6CF8331B7EE68FD8:9545824\r\n"
        "0018a45c4d1def81644b54ab7f969b88d65:0\r\n"
        "00d4f6e8fa6eecad2a3aa415eec418d38ec:2\r\n"
    )
    assert parse_range(body, "5baa6") == {
        "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8": 9545824,
        "5BAA600D4F6E8FA6EECAD2A3AA415EEC418D38EC": 2,
    }


@pytest.mark.parametrize(
    "body",
    [
        "1E4C9B93F3F0682250B6CF8331B7EE68FD8:95\r\n1E4C9B93F3F06822",  # cut mid-line
        "<html>Cloudflare error</html>",
        "1E4C9B93F3F0682250B6CF8331B7EE68FD8:x\r\n",
    ],
)
def test_range_parser_refuses_truncated_or_foreign_bodies(body: str) -> None:
    with pytest.raises(ValueError, match=r"range response|line"):
        parse_range(body, "5BAA6")


@given(
    st.dictionaries(
        st.text("0123456789ABCDEF", min_size=35, max_size=35),
        st.integers(0, 10**8),
        min_size=1,
        max_size=30,
    ),
    st.booleans(),
)
def test_range_parser_round_trips(rows: dict[str, int], crlf: bool) -> None:
    body = ("\r\n" if crlf else "\n").join(f"{s}:{c}" for s, c in rows.items())
    assert parse_range(body, "ABCDE") == {"ABCDE" + s: c for s, c in rows.items() if c}


def source(api: FakeRangeApi, slept: list[float] | None = None) -> RangeApiSource:
    client = make_client(
        ["api.pwnedpasswords.com"],
        offline=False,
        timeout=5,
        transport=api.transport,
        sleep=(slept.append if slept is not None else lambda _s: None),
    )
    return RangeApiSource(client, HIBP, concurrency=4)


def test_online_lookup_sends_only_five_hex_characters_once_per_prefix() -> None:
    corpus = breached_corpus({"Summer2023!": 1234})
    api = FakeRangeApi(corpus)
    hashes = [sha1("Summer2023!"), sha1("correct horse battery staple 9"), sha1("password")]
    result = source(api).lookup([*hashes, sha1("password")])
    assert result[sha1("Summer2023!")].count == 1234
    assert result[sha1("password")].count == 9_545_824
    assert result[sha1("correct horse battery staple 9")].count == 0
    assert sorted(r.url.path for r in api.requests) == sorted({f"/range/{h[:5]}" for h in hashes})
    for request in api.requests:
        sent = str(request.url) + str(dict(request.headers)) + request.content.decode()
        for digest in hashes:
            assert digest[5:11] not in sent.upper()


def test_429_with_retry_after_is_honoured_and_500_retried() -> None:
    corpus = breached_corpus({"Summer2023!": 5})
    api = FakeRangeApi(corpus)
    digest = sha1("Summer2023!")
    api.faults[digest[:5]] = [
        httpx.Response(429, headers={"Retry-After": "3"}),
        httpx.Response(500),
    ]
    slept: list[float] = []
    assert source(api, slept).lookup([digest])[digest].count == 5
    assert slept[0] == 3.0 and len(slept) == 2


def test_failing_prefixes_are_unknown_with_a_reason_and_the_rest_stands() -> None:
    corpus = breached_corpus({"Summer2023!": 5})
    api = FakeRangeApi(corpus)
    ok, bad, cut = sha1("Summer2023!"), sha1("123456"), sha1("password")
    api.faults[bad[:5]] = [httpx.ReadTimeout("slow")] * 4
    api.faults[cut[:5]] = [
        httpx.Response(200, text="1E4C9B93F3F0682250B6CF8331B7EE68FD8:95\r\n1E4C")
    ]
    result = source(api).lookup([ok, bad, cut])
    assert result[ok].count == 5
    assert result[bad].count is None and "timed out" in (result[bad].problem or "")
    assert result[cut].count is None and "truncated" in (result[cut].problem or "")


# ---------------------------------------------------------------- offline


def test_sorted_file_finds_breached_and_misses_absent(tmp_path: Path) -> None:
    corpus = breached_corpus({"Summer2023!": 42}, extra=5000)
    path = write_sorted_file(tmp_path / "pwned.txt", corpus)
    src = open_source(path)
    assert isinstance(src, SortedFileSource)
    assert src.count(sha1("Summer2023!")) == 42
    assert src.count(sha1("not in the corpus at all")) == 0
    assert src.count("0" * 40) == 0 and src.count("F" * 40) == 0


@settings(
    max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    st.sets(st.integers(0, 2**160 - 1), min_size=0, max_size=400),
    st.lists(st.integers(0, 2**160 - 1), max_size=40),
    st.sampled_from(["\r\n", "\n"]),
)
def test_sorted_file_agrees_with_a_brute_force_oracle(
    tmp_path_factory: pytest.TempPathFactory, members: set[int], probes: list[int], newline: str
) -> None:
    corpus = breached_corpus({}, extra=0)
    corpus.update({f"{m:040X}": (m % 97) + 1 for m in members})
    path = write_sorted_file(tmp_path_factory.mktemp("o") / "f.txt", corpus, newline)
    src = SortedFileSource(path)
    for digest in [*corpus, *(f"{p:040X}" for p in probes)]:
        assert src.count(digest) == corpus.get(digest, 0)
    src.close()


def test_range_directory_layout(tmp_path: Path) -> None:
    corpus = breached_corpus({"Summer2023!": 42}, extra=300)
    src = open_source(write_range_dir(tmp_path / "ranges", corpus))
    assert isinstance(src, RangeDirectorySource)
    assert src.count(sha1("Summer2023!")) == 42
    result = src.lookup([sha1("zzz-unlikely-zzz")])
    assert result[sha1("zzz-unlikely-zzz")].count is None  # its range file is missing


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"7z\xbc\xaf\x27\x1c" + b"\x00" * 64, "7z archive"),
        (b"8846F7EAEE8FB117AD06BDD830B7586C:1000\r\n" * 5, "NTLM"),
        (b"hello world\nthis is text\n", "not HASH:COUNT"),
        (b"", "empty"),
    ],
)
def test_wrong_files_are_refused_with_one_line(
    tmp_path: Path, content: bytes, message: str
) -> None:
    with pytest.raises(PwnedSourceError, match=message):
        open_source(write(tmp_path / "f.txt", content))


def test_prevalence_ordered_file_is_refused(tmp_path: Path) -> None:
    corpus = breached_corpus({}, extra=3000)
    by_count = sorted(corpus.items(), key=lambda kv: -kv[1])
    path = tmp_path / "by-prevalence.txt"
    path.write_text("".join(f"{d}:{c}\r\n" for d, c in by_count))
    with pytest.raises(PwnedSourceError, match="not sorted"):
        open_source(path)


def test_file_without_known_breached_hashes_fails_the_self_test(tmp_path: Path) -> None:
    corpus = breached_corpus({}, extra=500)
    del corpus[sha1("password")]
    with pytest.raises(PwnedSourceError, match="self-test failed"):
        open_source(write_sorted_file(tmp_path / "f.txt", corpus))
