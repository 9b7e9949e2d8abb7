"""Statements about the page's owner, by language, from the data files in data/languages/.

A sentence is read as being about the owner when it says so (a cue of the language's ``self``
list: "I", "my", "this user", the username, a name the page introduced) and no ``topic`` cue
("I write about", "interested in", "at age") comes before the fact. After a fact's cue:

* a place: the capitalised phrase right after it ("in the Upper Midwest"), and further on in
  the sentence every phrase the gazetteer knows as a city or a country in any language
  ("… the town Malmö in Sweden"), so "I'm from Tartu, Estonia" gives both;
* an employer or school: a capitalised phrase right after the cue, and any phrase holding
  (or followed by) a head noun of an organisation (University, Museum, Lab, GmbH, …);
* an occupation: after "I am a" (and its equivalents) the words up to a known head noun
  ("a retired nurse", "a newspaper reporter"); the rest of that sentence is then read as a
  place or an employer statement, so "a technical writer in New Hampshire" gives both;
* a birth year: a year within 40 characters of the cue ("Ich bin Jahrgang 1968",
  "Nascido em Campinas em 1982").

What a page says of somebody else is left alone: the subject must be the owner.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from hygiene_audit.detectors.profile_terms import fold

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐЎ"
_LINK = r"(?:of|of the|de|del|de la|des|du|di|della|do|da|dos|das|für|der|und|e|y|et|and)"
# A capitalised phrase: words starting with a capital (an elided "d'" / "l'" dropped), linked
# by small words ("University of Tartu", "Technischen Museum Wien", "Es Castell").
_WORD = rf"(?:[dlDL]['’])?[{_UPPER}][\w.’'-]*"
PHRASE = re.compile(rf"(?<!\w)(?-i:{_WORD}(?:\s+(?:{_LINK}\s+)?{_WORD})*)")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_CLAUSE_END = re.compile(r"[.!?;:()\[\]\n]")
NEAR = 14  # characters between a cue and the phrase it introduces ("in the ", "à l'aire ")
YEAR = re.compile(r"\b(1[89]\d\d|20[0-2]\d)\b")
BIRTH_REACH = 40
OCCUPATION_WORDS = 4
# What a statement can reach after its cue: bounded, so a hostile page of one endless sentence
# full of cues is read in linear time.
CLAUSE_REACH = 240
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "pl", "ru")


@dataclass(frozen=True)
class Language:
    code: str
    raw: dict[str, object]

    def cues(self, key: str, username: str | None, names: tuple[str, ...]) -> list[re.Pattern[str]]:
        return [_compile(p, username, names) for p in _strings(self.raw.get(key))]

    def words(self, key: str) -> frozenset[str]:
        return frozenset(fold(w) for w in _strings(self.raw.get(key)))

    def text(self, key: str) -> str:
        value = self.raw.get(key)
        return value if isinstance(value, str) else ""


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _compile(pattern: str, username: str | None, names: tuple[str, ...]) -> re.Pattern[str]:
    never = "(?!)"
    pattern = pattern.replace("{username}", re.escape(username) if username else never)
    pattern = pattern.replace("{names}", "|".join(re.escape(n) for n in names) if names else never)
    return re.compile(pattern, re.IGNORECASE | re.MULTILINE)


@cache
def language(code: str) -> Language | None:
    """The statement data of one language, None when there is no file for it."""
    if code not in LANGUAGES:
        return None
    folder = resources.files("hygiene_audit.data").joinpath("languages")
    raw = tomllib.loads(folder.joinpath(f"{code}.toml").read_text("utf-8"))
    return Language(code, raw)


@dataclass(frozen=True)
class Stated:
    kind: str  # "home", "country", "work", "birth"
    value: str


def sentences(text: str) -> Iterator[str]:
    for sentence in _SENTENCE_END.split(text):
        if sentence.strip():
            yield sentence.strip()


class Reader:
    """The statements of one language, compiled for one page's username and names."""

    def __init__(self, lang: Language, username: str | None, names: tuple[str, ...]) -> None:
        self.self_cues = lang.cues("self", username, names)
        self.topic = lang.cues("topic", username, names)
        self.facts = {
            key: lang.cues(key, username, names) for key in ("home", "work", "birth", "occupation")
        }
        self.if_self = {
            key: lang.cues(f"{key}_if_self", username, names) for key in ("home", "work", "birth")
        }
        self.occupations = lang.words("occupations")
        self.org_heads = lang.words("org_heads")
        self.place_words = lang.words("place_words")
        self.group_tails = lang.words("group_tails")
        self.articles = lang.words("articles")

    def owned_at(self, sentence: str) -> int | None:
        """Where the first cue that makes the sentence about the owner ends, or None."""
        ends = [m.end() for p in self.self_cues for m in [p.search(sentence)] if m]
        return min(ends) if ends else None

    def topic_at(self, sentence: str) -> int:
        """Where the first topic cue starts (len(sentence) when there is none)."""
        starts = [m.start() for p in self.topic for m in [p.search(sentence)] if m]
        return min(starts, default=len(sentence))

    def cue_ends(self, sentence: str, key: str, owned: int | None) -> Iterator[int]:
        topic = self.topic_at(sentence)
        for pattern in self.facts.get(key, []):
            for m in pattern.finditer(sentence):
                if m.start() <= topic:
                    yield m.end()
        if owned is None:
            return
        for pattern in self.if_self.get(key, []):
            for m in pattern.finditer(sentence):
                if owned - 1 <= m.start() <= topic:
                    yield m.end()

    def read(self, sentence: str) -> list[Stated]:
        owned = self.owned_at(sentence)
        found: list[Stated] = []
        for end in self.cue_ends(sentence, "birth", owned):
            year = YEAR.search(sentence, end, end + BIRTH_REACH)
            if year:
                found.append(Stated("birth", year.group(1)))
        statements: list[tuple[int, str, str | None]] = [
            (end, "home", None) for end in self.cue_ends(sentence, "home", owned)
        ]
        statements += [(end, "work", None) for end in self.cue_ends(sentence, "work", owned)]
        for end in self.cue_ends(sentence, "occupation", None):
            occupation, after = self._occupation(sentence, end)
            if occupation:
                statements.append((after, "either", occupation))
        for start, what, occupation in sorted(statements):
            facts = self._after(sentence[start : start + CLAUSE_REACH], what)
            # an occupation alone narrows little ("Soy bibliotecario"): said with where
            if occupation and facts:
                facts.insert(0, Stated("work", occupation))
            found += facts
        return found

    def _after(self, clause: str, what: str) -> list[Stated]:
        """The places and organisations a statement names, up to the end of its clause (or
        the next statement: "J'habite à Toulouse et je travaille à …")."""
        from hygiene_audit.detectors.gazetteer import gazetteer

        cut = _CLAUSE_END.search(clause)
        clause = clause[: cut.start()] if cut else clause
        for pattern in self.self_cues:
            m = pattern.search(clause, 1)
            if m and m.start() > 0:
                clause = clause[: m.start()]
        gz = gazetteer()
        found: list[Stated] = []
        for m in PHRASE.finditer(clause):
            phrase = re.sub(r"['’]s$", "", _elided(m.group(0)).rstrip(".,'’"))
            following = clause[m.end() :].split()
            next_word = fold(following[0].strip(".,")) if following else ""
            if next_word in self.group_tails:
                continue  # "the Historic Houses project": a group of the wiki
            first = m.start() == _first(clause)
            near = first and m.start() <= NEAR
            near = near and (what != "either" or self._placed(clause[: m.start()]))
            if self._organisation(phrase, next_word):
                if what in ("work", "either"):
                    found.append(Stated("work", phrase))
                continue
            known = list(_known_places(phrase, gz))
            if known:
                found += known
            elif near and what in ("home", "either"):
                found.append(Stated("home", phrase))
            elif near and what == "work":
                found.append(Stated("work", phrase))
        return found

    def _placed(self, between: str) -> bool:
        """ "in the" before "Upper Midwest" (after an occupation), not "of" before "English"."""
        words = [fold(w) for w in between.split()]
        return bool(words) and words[0] in self.place_words

    def _organisation(self, phrase: str, next_word: str) -> bool:
        words = {fold(w.strip(".,")) for w in phrase.split()} | {fold(next_word.strip(".,"))}
        return bool(words & self.org_heads)

    def _occupation(self, sentence: str, end: int) -> tuple[str | None, int]:
        taken: list[str] = []
        for m in re.finditer(r"[^\W\d_][\w'’-]*", sentence[end : end + CLAUSE_REACH]):
            if len(taken) >= OCCUPATION_WORDS or m.group(0)[:1].isupper():
                break
            if not taken and fold(m.group(0)) in self.articles:
                continue
            taken.append(m.group(0))
            if fold(m.group(0)) in self.occupations:
                return " ".join(taken), end + m.end()
        return None, end


def _surely_a_place(value: str, gz: object) -> bool:
    """A city named without a statement: not when it is also an everyday word or a given
    name ("Green", "Martin") or an abbreviation ("UTC")."""
    from hygiene_audit.detectors.gazetteer import Gazetteer

    assert isinstance(gz, Gazetteer)
    if value.isupper() or gz.is_big_place(value):
        return gz.is_big_place(value) and not value.isupper()
    words = value.split()
    common = value.isascii() and gz.is_common_word(value)  # "Kraków" is no English word
    return not (len(words) == 1 and (common or gz.is_given(value)))


def _first(clause: str) -> int:
    m = PHRASE.search(clause)
    return m.start() if m else -1


def _elided(phrase: str) -> str:
    return re.sub(r"^[dlDL]['’]", "", phrase)


def _known_places(phrase: str, gz: object) -> Iterator[Stated]:
    """The longest runs of the phrase's words that are a known city or country."""
    from hygiene_audit.detectors.gazetteer import Gazetteer

    assert isinstance(gz, Gazetteer)
    words = [_elided(w).strip(".,") for w in phrase.split()]
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            candidate = " ".join(words[i:j])
            if gz.is_region(candidate):
                yield Stated("country", candidate)
                break
            common = candidate.isascii() and gz.is_common_word(candidate)  # not "Kraków"
            if gz.is_place(candidate) and not (
                j - i == 1 and common and not gz.is_big_place(candidate)
            ):
                yield Stated("home", candidate)
                break
        else:
            i += 1
            continue
        i = j


def read_statements(
    text: str, codes: list[str], username: str | None, names: tuple[str, ...]
) -> list[Stated]:
    readers = [
        Reader(lang, username, names) for code in codes if (lang := language(code)) is not None
    ]
    found: list[Stated] = []
    for sentence in sentences(text):
        for reader in readers:
            found += reader.read(sentence)
    return found


def mentions(text: str, codes: list[str]) -> list[str]:
    """Cities, countries and organisations the text names, whoever they are about: what a
    reader should look over once (the statements above say which are the owner's)."""
    from hygiene_audit.detectors.gazetteer import gazetteer

    heads = frozenset().union(
        *(lang.words("org_heads") for code in codes if (lang := language(code)) is not None)
    )
    gz = gazetteer()
    found: list[str] = []
    for sentence in sentences(text):
        for m in PHRASE.finditer(sentence):
            if m.start() == 0 and " " not in m.group(0):
                continue  # a capital that only starts the sentence
            phrase = re.sub(r"['’]s$", "", _elided(m.group(0)).rstrip(".,'’"))
            words = {fold(w.strip(".,")) for w in phrase.split()}
            if words & heads and len(phrase.split()) > 1:
                found.append(phrase)
                continue
            found += [
                stated.value
                for stated in _known_places(phrase, gz)
                if stated.kind == "country" or _surely_a_place(stated.value, gz)
            ]
    return list(dict.fromkeys(found))
