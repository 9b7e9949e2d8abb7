"""The faster dictionary matcher gives zxcvbn's own results, whole (score, guesses, crack
times, feedback and every match of the sequence), for real and generated passwords, and it
is only installed over the zxcvbn version it was checked against."""

from __future__ import annotations

import random
import re
import string
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from zxcvbn import matching, zxcvbn

from hygiene_audit.vault import strength, zxcvbn_matching
from hygiene_audit.vault.entries import VaultEntry

from ..realistic_vault import passwords

L33T = "4@8({[<3691!|70$5+%2"
PERSONAL = ["Ana", "López", "ana.lopez", "Tallinn", "1987", "marta"]


@pytest.fixture(autouse=True)
def _own_matcher_after() -> Iterator[None]:
    yield
    zxcvbn_matching.uninstall()


def comparable(value: Any) -> Any:
    """The result with its regex match objects (equal only to themselves) as their text and
    span."""
    if isinstance(value, re.Match):
        return value.group(0), value.span()
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [comparable(item) for item in value]
    return value


def whole(password: str, inputs: list[str]) -> dict[str, Any]:
    result = dict(zxcvbn(password, user_inputs=list(inputs)))
    result.pop("calc_time")
    return dict(comparable(result))


def both(password: str, inputs: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    zxcvbn_matching.uninstall()
    own = whole(password, inputs)
    assert zxcvbn_matching.install()
    return own, whole(password, inputs)


def generated(count: int, seed: int) -> list[str]:
    """Password-manager strings heavy in l33t characters, words with l33t and digits,
    keyboard walks, dates, repeats and non-ASCII text."""
    rnd = random.Random(seed)
    words = ["password", "dragon", "monkey", "summer", "tallinn", "lopez", "marta", "qwerty"]
    made = []
    for _ in range(count):
        kind = rnd.randrange(6)
        if kind == 0:
            made.append(
                "".join(
                    rnd.choice(string.ascii_letters + string.digits + L33T)
                    for _ in range(rnd.randint(8, 30))
                )
            )
        elif kind == 1:
            word = rnd.choice(words)
            made.append(
                "".join(rnd.choice([c, *matching.L33T_TABLE.get(c, [])]) for c in word)
                + str(rnd.randint(0, 9999))
            )
        elif kind == 2:
            made.append(
                rnd.choice(["qwertyuiop", "zxcvbnm", "1qaz2wsx", "asdfgh"])
                + rnd.choice(["!", "", "12"])
            )
        elif kind == 3:
            made.append(f"{rnd.randint(1, 28)}.{rnd.randint(1, 12)}.{rnd.randint(1950, 2030)}")
        elif kind == 4:
            made.append(rnd.choice(words) * rnd.randint(2, 3) + rnd.choice(["abc", "xyz", "987"]))
        else:
            made.append(
                rnd.choice(["İstanbul", "Straße", "Ωmega", "Смирнова", "مرحبا"])
                + rnd.choice(words)
                + str(rnd.randint(0, 99))
            )
    return made


@pytest.mark.parametrize("inputs", [[], PERSONAL], ids=["no inputs", "personal words"])
def test_every_result_equals_zxcvbns_own(inputs: list[str]) -> None:
    samples = sorted(set(passwords(400)) | set(generated(400, seed=7)))
    differing = [p for p in samples if (pair := both(p, inputs))[0] != pair[1]]
    assert differing == []


@settings(max_examples=300, deadline=None)
@given(
    password=st.lists(
        st.sampled_from(
            [
                *string.ascii_letters,
                *string.digits,
                *L33T,
                *"İßΩé -_",
                "pass",
                "word",
                "ana",
                "1987",
            ]
        ),
        min_size=1,
        max_size=30,
    ).map("".join),
    inputs=st.lists(st.sampled_from([*PERSONAL, "x", "", "İ"]), max_size=4),
)
def test_any_text_gets_zxcvbns_own_result(password: str, inputs: list[str]) -> None:
    own, fast = both(password, inputs)
    assert own == fast


LONGEST_WORD = max((w for d in matching.RANKED_DICTIONARIES.values() for w in d), key=len)


@pytest.mark.parametrize(
    "password", ["P4$$w0rdAnaLopez1987drowssap", f"x{LONGEST_WORD}", LONGEST_WORD.upper()[::-1]]
)
def test_the_matcher_finds_what_zxcvbns_finds_in_the_same_order(password: str) -> None:
    dictionaries = {
        **matching.RANKED_DICTIONARIES,
        "user_inputs": matching.build_ranked_dict(["ana", "lopez"]),
    }
    zxcvbn_matching.uninstall()
    own = matching.dictionary_match(password, dictionaries)
    assert own  # the example has matches to compare
    assert zxcvbn_matching.dictionary_match(password, dictionaries) == own


def test_rating_a_vault_installs_it() -> None:
    zxcvbn_matching.uninstall()
    entry = VaultEntry(
        title="bank",
        url="https://bank.example",
        username="ana",
        password=SecretStr("Summer2019!"),
        source="v.csv",
        row=2,
    )
    strength.strengths([entry], ["ana"], workers=1)
    assert matching.dictionary_match is zxcvbn_matching.dictionary_match


def test_another_zxcvbn_version_keeps_its_own_matcher(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    zxcvbn_matching.uninstall()
    own = matching.dictionary_match
    monkeypatch.setattr(importlib.metadata, "version", lambda _name: "4.6.0")
    assert not zxcvbn_matching.install()
    assert matching.dictionary_match is own


def test_each_rating_sees_its_own_personal_words() -> None:
    """The words given to one rating never leak into the next (the matcher caches them)."""
    assert zxcvbn_matching.install()
    results = [
        whole("kowalczyk1987", inputs) for inputs in (["Kowalczyk"], [], ["Kowalczyk"], ["other"])
    ]
    zxcvbn_matching.uninstall()
    assert results == [
        whole("kowalczyk1987", inputs) for inputs in (["Kowalczyk"], [], ["Kowalczyk"], ["other"])
    ]
    assert results[0]["guesses"] < results[1]["guesses"]
