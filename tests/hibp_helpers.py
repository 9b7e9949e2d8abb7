"""Test data in the real Pwned Passwords shapes, generated per test."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import httpx


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest().upper()


def breached_corpus(known: dict[str, int], extra: int = 2000, seed: int = 7) -> dict[str, int]:
    """Full hash → count: the given passwords, the self-test ones, and random filler."""
    rnd = random.Random(seed)
    corpus = {sha1(p): c for p, c in known.items()}
    corpus.setdefault(sha1("password"), 9_545_824)
    corpus.setdefault(sha1("123456"), 37_359_195)
    for _ in range(extra):
        corpus[f"{rnd.getrandbits(160):040X}"] = rnd.randint(1, 5000)
    return corpus


def write_sorted_file(path: Path, corpus: dict[str, int], newline: str = "\r\n") -> Path:
    with path.open("w", encoding="ascii", newline="") as handle:
        for digest in sorted(corpus):
            handle.write(f"{digest}:{corpus[digest]}{newline}")
    return path


def write_range_dir(path: Path, corpus: dict[str, int]) -> Path:
    path.mkdir()
    by_prefix: dict[str, list[str]] = {}
    for digest, count in corpus.items():
        by_prefix.setdefault(digest[:5], []).append(f"{digest[5:]}:{count}")
    for prefix, lines in by_prefix.items():
        (path / f"{prefix}.txt").write_text("\r\n".join(sorted(lines)) + "\r\n")
    return path


def range_body(corpus: dict[str, int], prefix: str, padding: int = 5, lower: bool = False) -> str:
    rnd = random.Random(prefix)
    lines = [f"{d[5:]}:{c}" for d, c in corpus.items() if d.startswith(prefix)]
    lines += [f"{rnd.getrandbits(140):035X}:0" for _ in range(padding)]
    rnd.shuffle(lines)
    text = "\r\n".join(lines)
    return text.lower() if lower else text


class FakeRangeApi:
    """A transport-level fake of api.pwnedpasswords.com that records every request."""

    def __init__(self, corpus: dict[str, int]) -> None:
        self.corpus = corpus
        self.requests: list[httpx.Request] = []
        self.faults: dict[str, list[httpx.Response | Exception]] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        prefix = request.url.path.rsplit("/", 1)[-1]
        queue = self.faults.get(prefix)
        if queue:
            fault = queue.pop(0)
            if isinstance(fault, Exception):
                raise fault
            return fault
        assert request.headers.get("Add-Padding") == "true"
        return httpx.Response(200, text=range_body(self.corpus, prefix.upper()))

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)
