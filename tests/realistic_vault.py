"""A realistic 1,000-entry Bitwarden export and a Pwned Passwords file that matches it.

Shared by the report tests (the printed handout) and ``bench/run.py`` (report size and run
time): weak passwords from common lists, human word+digit patterns (near-reuse), exact
reuse, generated passwords, a tenth on plain http, the common ones in the breach file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import string
from pathlib import Path

HEADER = [
    "folder",
    "favorite",
    "type",
    "name",
    "notes",
    "fields",
    "reprompt",
    "login_uri",
    "login_username",
    "login_password",
    "login_totp",
]
COMMON = [
    "123456",
    "password",
    "qwerty123",
    "iloveyou",
    "dragon",
    "monkey",
    "sunshine",
    "princess",
    "football",
    "letmein",
    "baseball",
    "welcome1",
    "shadow",
    "master",
    "superman",
    "trustno1",
    "hello123",
    "freedom",
    "whatever",
    "charlie",
]
WORDS = ["summer", "library", "river", "tiger", "orange", "garden", "winter", "forest"]


def passwords(n: int, seed: int = 1000) -> list[str]:
    rnd = random.Random(seed)
    result: list[str] = []
    for _ in range(n):
        kind = rnd.random()
        if kind < 0.15:
            pw = rnd.choice(COMMON)
        elif kind < 0.35:
            pw = (
                rnd.choice(WORDS).capitalize()
                + str(rnd.randint(1980, 2025))
                + rnd.choice(["", "!", "?"])
            )
        elif kind < 0.45 and result:
            pw = result[rnd.randrange(len(result))]
        else:
            pw = "".join(
                rnd.choice(string.ascii_letters + string.digits + "!@#$%&*")
                for _ in range(rnd.randint(16, 22))
            )
        result.append(pw)
    return result


def vault_csv(n: int = 1000, seed: int = 1000) -> bytes:
    rnd = random.Random(seed + 1)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for number, pw in enumerate(passwords(n, seed), start=1):
        scheme = "http" if rnd.random() < 0.1 else "https"
        url = f"{scheme}://www.site{number}.example.com/login"
        if number == 1:
            url = "https://en.wikipedia.org/wiki/Special:UserLogin"
        writer.writerow(
            [
                "",
                "",
                "login",
                f"Account {number}",
                "",
                "",
                "0",
                url,
                f"user{number % 37}@mail.example",
                pw,
                "",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def pwned_file(path: Path, n: int = 1000, seed: int = 1000, filler: int = 20_000) -> Path:
    """A sorted HASH:COUNT file holding the common passwords, the self-test hashes and
    random filler (the real file's shape, small)."""
    rnd = random.Random(seed + 2)
    corpus: dict[str, int] = {}
    for pw in [*COMMON, "password", "123456"]:
        corpus[hashlib.sha1(pw.encode()).hexdigest().upper()] = rnd.randint(1_000, 9_000_000)
    for _ in range(filler):
        corpus[f"{rnd.getrandbits(160):040X}"] = rnd.randint(1, 5000)
    with path.open("w", encoding="ascii", newline="") as handle:
        for digest in sorted(corpus):
            handle.write(f"{digest}:{corpus[digest]}\r\n")
    return path
