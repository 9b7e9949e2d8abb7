"""Small detectors of personal information in a parsed user page.

Each detector is one function ``(page, hints) -> list[Detection]`` with its own tests. They
look for what leads to a person: contact details (e-mail, phone), the real name, birth date or
age, where the person lives, employer or school, links to accounts elsewhere, and sensitive
affiliations (religion, politics, sexual orientation, ethnicity, health). Statements are matched
in several languages; the user's own profile, when given, is matched anywhere on the page.
A detector that is unsure stays silent: a false alarm teaches users to ignore the tool.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from hygiene_audit.core.models import PersonalKind
from hygiene_audit.detectors.platforms import platform_hosts
from hygiene_audit.detectors.profile_terms import Term, TermKind, fold
from hygiene_audit.detectors.wikitext import ParsedPage, Segment, TemplateUse
from hygiene_audit.wiki.wikimedia import is_wikimedia_host


class DetectionKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    NAME = "name"
    BIRTH = "birth"
    HOME = "home"
    COUNTRY = "country"
    WORK = "work"
    LINK = "link"
    AFFILIATION = "affiliation"


PERSONAL_KIND = {
    DetectionKind.EMAIL: PersonalKind.EMAIL,
    DetectionKind.PHONE: PersonalKind.PHONE,
    DetectionKind.NAME: PersonalKind.NAME,
    DetectionKind.BIRTH: PersonalKind.DATE,
    DetectionKind.HOME: PersonalKind.PLACE,
    DetectionKind.COUNTRY: PersonalKind.PLACE,
    DetectionKind.WORK: PersonalKind.OTHER,
    DetectionKind.LINK: PersonalKind.HANDLE,
    DetectionKind.AFFILIATION: PersonalKind.OTHER,
}


@dataclass(frozen=True)
class Detection:
    kind: DetectionKind
    value: str  # as written on the page
    where: str
    detail: str = ""  # e.g. "religion", "instagram.com"

    @property
    def key(self) -> tuple[DetectionKind, str]:
        """Identity across revisions: the same fact written slightly differently is one."""
        return self.kind, re.sub(r"[^a-z0-9@]", "", fold(self.value))

    @property
    def personal_kind(self) -> PersonalKind:
        return PERSONAL_KIND[self.kind]


@dataclass(frozen=True)
class Hints:
    """What the detectors know about the user: profile terms, username, phone region."""

    terms: tuple[Term, ...] = ()
    username: str | None = None
    region: str | None = None  # ISO country for numbers written without +country code
    platform_hosts: frozenset[str] = field(default_factory=platform_hosts)  # data/platforms.toml
    language: str | None = None  # the wiki's content language; None: a local file

    def speaks(self, language: str) -> bool:
        """Whether statements in ``language`` apply: English everywhere, another language on
        its own wiki, every language when the page's language is unknown."""
        own = (self.language or "").split("-")[0].lower()
        return language == "en" or not own or own == language

    def of_kind(self, *kinds: str) -> list[Term]:
        return [t for t in self.terms if t.kind in kinds]


# Region guessed from the wiki's language, for numbers written without a country code. English
# and other languages spoken in many countries give no hint: only +CC numbers are matched then.
LANGUAGE_REGIONS = {
    "de": "DE",
    "es": "ES",
    "fr": "FR",
    "it": "IT",
    "ru": "RU",
    "uk": "UA",
    "pl": "PL",
    "nl": "NL",
    "tr": "TR",
    "fa": "IR",
    "he": "IL",
    "ja": "JP",
    "ko": "KR",
    "sv": "SE",
    "fi": "FI",
    "cs": "CZ",
    "hu": "HU",
    "el": "GR",
    "id": "ID",
    "vi": "VN",
    "be": "BY",
    "kk": "KZ",
    "az": "AZ",
    "ka": "GE",
    "hy": "AM",
    "uz": "UZ",
    "ro": "RO",
    "bg": "BG",
    "da": "DK",
    "nb": "NO",
    "no": "NO",
    "th": "TH",
    "ur": "PK",
    "bn": "BD",
    "my": "MM",
    "et": "EE",
    "lv": "LV",
    "lt": "LT",
    "sk": "SK",
    "sl": "SI",
    "hr": "HR",
    "sr": "RS",
    "is": "IS",
    "ga": "IE",
    "mt": "MT",
    "sq": "AL",
    "mk": "MK",
}

_YEAR = r"(1[89]\d\d|20[0-2]\d)"
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
# Capitalised words are matched case-sensitively even inside case-insensitive statements.
_NAME_WORD = rf"(?-i:[{_UPPER}][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)?)"
# Up to four capitalised words (with small linking words), e.g. "San Sebastián de los Reyes".
_LINK_WORDS = "de|del|de la|de los|la|le|el|am|an der|im|upon|on|sur|di|of|of the|for|für|do|da|dos"
_PLACE = rf"((?-i:[{_UPPER}]\w+(?:[ -](?:{_LINK_WORDS})?\s?[{_UPPER}]\w+){{0,4}}))"


def _compile(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE | re.UNICODE) for p in patterns)


# Birth statements in the first person, or a bare "Born: …" line: "Theophanu, born in 955" and
# "Robespierre, né en 1758" are about the people the editor writes about.
_LINE_START = r"(?:^|(?<=\n))\s*"
BIRTH_STATEMENTS = _compile(
    [
        rf"\b(?:I was|I'm|I am|this user was)\s+born\s+(?:on\s+|in\s+)?(?:[\w ,.]{{0,24}}?)"
        rf"\b{_YEAR}\b",
        rf"{_LINE_START}(?:born|b\.|geboren|nacid[oa]|n[ée]e?)\s*:?\s+(?:on\s+|am\s+|el\s+|le\s+)?"
        rf"[\w ,.]{{0,24}}?\b{_YEAR}\b",
        rf"\b(?:yo\s+)?nac[ií]\s+(?:el\s+[\w ]{{0,24}}?|en\s+(?:[\w ]{{0,24}}?)?){_YEAR}\b",
        rf"\bich\s+(?:bin|wurde)\s+(?:am\s+)?[\w .]{{0,30}}?\b{_YEAR}\b[\w .]{{0,30}}?geboren",
        rf"\bje\s+suis\s+n[ée]e?\s+(?:le\s+[\w ]{{0,24}}?|en\s+|à\s+[\w -]{{0,24}}?\s+en\s+)"
        rf"{_YEAR}\b",
        rf"\bя\s+родил(?:ся|ась)\s+(?:в\s+)?[\w ]{{0,24}}?\b{_YEAR}\b",
        rf"\b(?:eu\s+)?nasci\s+(?:em\s+|no\s+|na\s+|a\s+)?[\w ]{{0,24}}?\b{_YEAR}\b",
        r"\b(?:my birthday|mi cumpleaños|mein Geburtstag|mon anniversaire)\b[^.\n]{0,30}?"
        r"(\d{1,2}[./ ]\w+)",
    ]
)
AGE_STATEMENTS = _compile(
    [
        r"\bI(?:'m| am)\s+(\d{1,2})\s+(?:years?\s+old|yo)\b",
        r"\b(?:this user is|(?<!\bat )aged?)\s+(\d{1,2})(?:\s+years?\s+old)?\b",
        r"\btengo\s+(\d{1,2})\s+años\b",
        r"\bich bin\s+(\d{1,2})\s+Jahre\b",
        r"\bich bin\s+[^.\n]{0,40}?,\s+(\d{1,2})\s+Jahre\s+alt\b",
        r"\b(?:eu\s+)?tenho\s+(\d{1,2})\s+anos\b",
        r"\bj['’]ai\s+(\d{1,2})\s+ans\b",
        r"\bмне\s+(\d{1,2})\s+(?:лет|год|года)\b",
    ]
)
HOME_STATEMENTS = _compile(
    [
        rf"\bI\s+(?:currently\s+)?(?:live|reside|am based|'m based)\s+(?:in|at)\s+{_PLACE}",
        rf"\b(?:I'm|I am)\s+(?:from|living in|based in)\s+{_PLACE}",
        rf"\b(?:this user lives in|lives in|resident of|based in)\s+{_PLACE}",
        rf"\b(?:vivo|resido)\s+en\s+{_PLACE}",
        rf"\bsoy\s+de\s+{_PLACE}",
        rf"\b(?:ich|und)\s+(?:wohne|lebe)\s+in\s+{_PLACE}",
        rf"\bich\s+komme\s+aus\s+{_PLACE}",
        rf"\b(?:j'habite|je vis|je réside)\s+(?:à|a|en|au)\s+{_PLACE}",
        rf"\b(?:я\s+)?живу\s+в\s+{_PLACE}",
        rf"\b(?:moro|vivo|resido)\s+(?:em|no|na)\s+{_PLACE}",
        rf"\bsou\s+(?:de|do|da)\s+{_PLACE}",
    ]
)
_INSTITUTION = (
    r"(?:University|College|School|Institute|Academy|Polytechnic|Universidad|"
    r"Universitat|Universität|Université|Hochschule|Escuela|Instituto)"
)
WORK_STATEMENTS = _compile(
    [
        # "I work at X", and the coordinated "I live in Y and work at X"
        rf"\b(?:I|and)\s+(?:also\s+)?(?:work|am employed)\s+(?:at|for)\s+(?:the\s+)?{_PLACE}",
        rf"\b(?:I|and)\s+(?:also\s+)?(?:study|studied|teach)\s+at\s+(?:the\s+)?{_PLACE}",
        rf"\b(?:student|professor|lecturer|teacher|researcher)\s+at\s+(?:the\s+)?{_PLACE}",
        # "of" names a subject as often as a school: "a teacher of English"
        rf"\b(?:student|professor|lecturer|teacher|researcher)\s+of\s+(?:the\s+)?"
        rf"((?-i:(?:[{_UPPER}]\w+\s+){{0,3}}{_INSTITUTION}(?:\s+of\s+[{_UPPER}]\w+)?))",
        rf"\b(?:PhD|doctoral)\s+(?:candidate|student)\s+(?:at|in)\s+(?:the\s+)?{_PLACE}",
        # "I am a Cairo University student": only when the words name an institution
        rf"\bI(?:'m|’m|\s+am)\s+an?\s+((?-i:(?:[{_UPPER}]\w+\s+){{0,3}}{_INSTITUTION}"
        rf"(?:\s+of\s+[{_UPPER}]\w+)?))\s+(?:student|alumn\w*|graduate)",
        rf"\b(?:trabajo|estudio|estudié)\s+en\s+(?:la\s+|el\s+)?{_PLACE}",
        rf"\b(?:ich|und)\s+(?:arbeite|studiere)\s+(?:bei|an)\s+(?:der\s+|dem\s+)?{_PLACE}",
        rf"\bje\s+(?:travaille|étudie)\s+(?:à|chez|a)\s+(?:la\s+|l')?{_PLACE}",
        rf"\b(?:trabalho|estudo|leciono)\s+(?:na|no|em|para)\s+(?:a\s+|o\s+)?{_PLACE}",
        # Russian institutions: a capitalised adjective and a lower-case noun ("в Тартуском
        # университете"), or the noun and a capitalised name ("в университете Тарту")
        r"\b(?:работаю|учусь|преподаю)\s+(?:в|во|на)\s+((?:(?-i:[А-ЯЁ])\w+\s+)?(?:университет|"
        r"институт|школ|академи|колледж|библиотек|музе|больниц|редакци|компани)\w*"
        r"(?:\s+(?-i:[А-ЯЁ])\w+)*)",
        rf"\b(?:работаю|учусь|преподаю)\s+(?:в|во)\s+{_PLACE}",
    ]
)
# Arabic has no capital letters to tell a place or an employer from the next word: the words
# after the statement are taken up to punctuation (at most four), and a place must be one the
# gazetteer knows.
_AR_WORDS = r"((?:[\u0600-\u06FF]+\s*){1,4})"
AR_HOME_STATEMENTS = _compile(
    [
        rf"(?:أعيش|اعيش|أسكن|اسكن|أقيم|اقيم)\s+(?:في|فى)\s+{_AR_WORDS}",
        rf"(?:أنا|انا)\s+من\s+{_AR_WORDS}",
    ]
)
AR_WORK_STATEMENTS = _compile([rf"(?:أعمل|اعمل|أدرس|ادرس|أدرّس)\s+(?:في|فى|لدى|ب)\s+{_AR_WORDS}"])


# Introducing oneself, by language: the explicit forms ("my name is") and the bare ones ("I'm",
# "soy", "je suis"). What follows is a name only when its first word is a known given name
# (gazetteer) and, after a bare form, a surname follows: "I'm Polish", "je suis Charlie",
# "I'm Rose" say nothing. An explicit form followed by two capitalised words is a name even
# when the lists do not know it.
def _name_introductions() -> dict[str, tuple[str, str]]:
    """(explicit, bare) per language: the statement files' (data/languages/), and Arabic."""
    from hygiene_audit.detectors.statements import LANGUAGES, language

    found = {"ar": (r"اسمي", r"(?:أنا|انا)")}
    for code in LANGUAGES:
        lang = language(code)
        if lang is not None and lang.text("name_explicit"):
            found[code] = (lang.text("name_explicit"), lang.text("name_bare"))
    return found


NAME_INTRODUCTIONS = _name_introductions()
_INTRO_LOOKAHEAD = r"[\s,:]+((?:[^\W\d_]+(?:[-'’][^\W\d_]+)*[\s,]*){1,5})"
NAME_INTRO_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    language: (
        re.compile(rf"(?<!\w)(?:{explicit}){_INTRO_LOOKAHEAD}", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{bare}){_INTRO_LOOKAHEAD}", re.IGNORECASE),
    )
    for language, (explicit, bare) in NAME_INTRODUCTIONS.items()
}
MAX_NAME_WORDS = 4
# Userbox template names (several wikis' conventions) saying where one lives or works.
HOME_TEMPLATE = re.compile(
    r"(lives? in|resident|user (?:city|town|from)|wohnt in|benutzer aus|vive en|usuario de|"
    r"habite|живёт|живет|aus\b)",
    re.IGNORECASE,
)
BIRTH_TEMPLATE = re.compile(
    r"(born|birth|\bage\b|geburt|nacim|naissance|naixement|nascit|nascim|"
    r"edad|alter|возраст)",
    re.IGNORECASE,
)
WORK_TEMPLATE = re.compile(
    r"(works? (?:at|for)|employ|student|alumn|universit|arbeitet|estudia)", re.IGNORECASE
)
EMAIL_TEMPLATES = frozenset(
    {"email", "e-mail", "mail", "emailaddress", "e-mail address", "correo", "courriel"}
)
_SEP_AT = r"(?:\s*@\s*|\s*[\[({<]\s*(?:at|arroba|chez|ät)\s*[\])}>]\s*|\s+at\s+)"
_SEP_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|punto|point|punkt)\s*[\])}>]\s*|\s+dot\s+)"
EMAIL = re.compile(
    rf"(?<![\w.+-])([\w][\w.+-]{{0,63}}){_SEP_AT}([\w-]{{1,63}}(?:{_SEP_DOT}[\w-]{{1,63}})*"
    rf"{_SEP_DOT}[a-z]{{2,24}})\b",
    re.IGNORECASE | re.UNICODE,
)


def _clean_email(local: str, domain: str) -> str:
    domain = re.sub(_SEP_DOT, ".", domain, flags=re.IGNORECASE)
    return f"{local}@{domain}".lower()


def detect_emails(page: ParsedPage, hints: Hints) -> list[Detection]:
    found: list[Detection] = []
    for seg in page.segments:
        position = 0
        while (match := EMAIL.search(seg.text, position)) is not None:
            raw = match.group(0)
            if " at " in raw.lower() and " dot " not in raw.lower():
                # "meet at school.org" is not an address; and in "reach me at a.b@c.org" the
                # rejected candidate must not swallow the real address: look again from there
                position = match.start(2)
                continue
            found.append(Detection(DetectionKind.EMAIL, _clean_email(*match.groups()), seg.where))
            position = match.end()
    for link in page.external_links:
        if link.lower().startswith("mailto:"):
            found.append(Detection(DetectionKind.EMAIL, link[7:].split("?")[0].lower(), "link"))
    for template in page.templates:
        pos = template.positional
        if template.name.strip().lower() in EMAIL_TEMPLATES and len(pos) >= 2 and pos[0]:
            found.append(
                Detection(
                    DetectionKind.EMAIL, f"{pos[0]}@{pos[1]}".lower(), f"template '{template.name}'"
                )
            )
    return found


_ISBN_BEFORE = re.compile(r"(ISBN|ISSN|DOI|OCLC|PMID)[\s:-]*$", re.IGNORECASE)


def detect_phones(page: ParsedPage, hints: Hints) -> list[Detection]:
    import phonenumbers  # 90 ms at import: only where a page is read

    region = hints.region or "ZZ"
    found: list[Detection] = []
    for seg in page.segments:
        for match in phonenumbers.PhoneNumberMatcher(
            seg.text, region, leniency=phonenumbers.Leniency.VALID
        ):
            if _ISBN_BEFORE.search(seg.text[max(0, match.start - 8) : match.start]):
                continue
            found.append(Detection(DetectionKind.PHONE, match.raw_string.strip(), seg.where))
    return found


def _folded_words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", fold(text))) + " "


def _contains_term(haystack_folded: str, term: str) -> bool:
    needle = " ".join(re.findall(r"[a-z0-9]+", fold(term)))
    return bool(needle) and f" {needle} " in haystack_folded


def _profile_matches(
    page: ParsedPage,
    terms: Iterable[Term],
    kind: DetectionKind,
    detail: Callable[[Term], str] = lambda t: "",
) -> list[Detection]:
    found: list[Detection] = []
    for seg in page.segments:
        if seg.citation:
            continue
        hay = _folded_words(seg.text)
        for term in terms:
            if _contains_term(hay, term.original):
                found.append(Detection(kind, term.original, seg.where, detail(term)))
    return found


def detect_names(page: ParsedPage, hints: Hints) -> list[Detection]:
    """The real name (any spelling in the profile), two of its parts together, or a
    "my name is ..." statement."""
    found = _profile_matches(page, hints.of_kind(TermKind.NAME), DetectionKind.NAME)
    if not found:
        for term in hints.of_kind(TermKind.NAME):
            found += _name_forms(page, term.original)
    found += _introductions(page, hints)
    return found


def name_forms(name: str) -> list[str]:
    """The ways a full name is written with its surname (the last word): any of the given
    names before it ("Ilse Quorrin", "Marvin Quorrin"), "Quorrin, Ilse", joined
    ("IlseQuorrin"). Initials are matched apart (see ``_name_forms``)."""
    parts = name.split()
    if len(parts) < 2:
        return []
    given, surname = parts[:-1], parts[-1]
    forms = [
        " ".join([*chosen, surname])
        for size in range(len(given), 0, -1)
        for chosen in itertools.combinations(given, size)
    ]
    forms += [f"{surname}, {g}" for g in given]
    forms += ["".join([*given, surname]), f"{given[0]}{surname}"]
    return list(dict.fromkeys(forms))


def _name_forms(page: ParsedPage, name: str) -> list[Detection]:
    """Two parts or more of the user's name in any of their forms, and initials with the
    surname as written ("I. Quorrin", "I. M. Quorrin": a capital and a full stop each)."""
    parts = name.split()
    found: list[Detection] = []
    if len(parts) < 2:
        return found
    initials = "".join(rf"(?:{re.escape(g[0].upper())}\.\s*)?" for g in parts[:-1])
    first = re.escape(parts[0][0].upper())
    initial = re.compile(rf"(?<!\w)(?=[{first}]\.){initials}\s*({re.escape(parts[-1])})\b")
    for seg in page.segments:
        if seg.citation:
            continue
        hay = _folded_words(seg.text)
        for form in name_forms(name):
            if _contains_term(hay, form):
                found.append(Detection(DetectionKind.NAME, form, seg.where))
                break
        else:
            folded_text = fold(seg.text)
            match = initial.search(seg.text) or initial.search(folded_text.title())
            if match:
                found.append(Detection(DetectionKind.NAME, match.group(0).strip(), seg.where))
    return found


def _cased(word: str) -> bool:
    return word[:1].lower() != word[:1].upper()


def _arabic_family_name(word: str) -> bool:
    """ "الخطيب", "الحسيني": a family name with the article, rarely in any list."""
    return word.startswith("ال") and len(word) >= 4


def _introduced_name(words: list[str], explicit: bool) -> str | None:
    """The name in the words after "my name is" / "I'm" (see NAME_INTRODUCTIONS)."""
    from hygiene_audit.detectors.gazetteer import gazetteer

    cased = bool(words) and _cased(words[0])
    if not words or (cased and not words[0][:1].isupper()):
        return None  # "I'm working on…": no need to load the lists
    gz = gazetteer()
    taken: list[str] = []
    for word in words[:MAX_NAME_WORDS]:
        if re.search(r"['’]s$", word):
            return None  # "I'm Jane Austen's biggest fan": someone else's name
        if cased:
            if not word[:1].isupper() or (
                taken and gz.is_common_word(word) and not gz.is_name(word)
            ):
                break
        elif taken and not (gz.is_name(word) or _arabic_family_name(word)):
            break
        taken.append(word)
    if not taken:
        return None
    first = taken[0]
    known = gz.is_given(first) or gz.is_given(re.split(r"[-'’]", first)[0])
    if explicit:
        ok = known or (cased and len(taken) >= 2)
    else:
        ok = (
            known
            and len(taken) >= 2
            and not (gz.is_common_word(taken[1]) and not gz.is_surname(taken[1]))
        )
    return " ".join(taken) if ok else None


def _introductions(page: ParsedPage, hints: Hints) -> list[Detection]:
    found: list[Detection] = []
    patterns = [
        (explicit, pattern)
        for language, pair in NAME_INTRO_PATTERNS.items()
        if hints.speaks(language)
        for explicit, pattern in zip((True, False), pair, strict=True)
    ]
    if hints.username:
        own = re.compile(rf"(?<!\w){re.escape(hints.username)}\s+is{_INTRO_LOOKAHEAD}")
        patterns.append((True, own))
    for explicit, pattern in patterns:
        for seg, match in _matches(page, [pattern]):
            words = re.split(r"[,;:.!?()\[\]\n]", match.group(1))[0].split()
            name = _introduced_name(words, explicit)
            if name:
                found.append(Detection(DetectionKind.NAME, name, seg.where))
    return found


def _arabic(
    page: ParsedPage,
    hints: Hints,
    patterns: Iterable[re.Pattern[str]],
    kind: DetectionKind,
    *,
    place: bool,
) -> list[Detection]:
    """Arabic statements: a place must be one the gazetteer knows (longest first)."""
    if not hints.speaks("ar"):
        return []
    found: list[Detection] = []
    for seg, match in _matches(page, patterns):
        words = re.split(r"[،,.؛:!؟\n]", match.group(1))[0].split()
        if words and words[0].startswith("و") and len(words) > 1:
            words = words[:1]
        value = " ".join(words)
        if place:
            from hygiene_audit.detectors.gazetteer import gazetteer

            known = [
                " ".join(words[:n])
                for n in range(len(words), 0, -1)
                if gazetteer().is_place(" ".join(words[:n]))
            ]
            value = known[0] if known else ""
        if value:
            found.append(Detection(kind, value, seg.where))
    return found


def _matches(
    page: ParsedPage, patterns: Iterable[re.Pattern[str]]
) -> Iterator[tuple[Segment, re.Match[str]]]:
    """Every match of ``patterns`` in the page's own text (never in a citation's)."""
    for seg in page.segments:
        if seg.citation:
            continue
        for pattern in patterns:
            for match in pattern.finditer(seg.text):
                yield seg, match


def _statements(
    page: ParsedPage, patterns: Iterable[re.Pattern[str]], kind: DetectionKind, detail: str = ""
) -> list[Detection]:
    found: list[Detection] = []
    for seg, match in _matches(page, patterns):
        value = match.group(1).strip(" .,;:")
        if value:
            found.append(Detection(kind, value, seg.where, detail))
    return found


def _templates_matching(page: ParsedPage, name_pattern: re.Pattern[str]) -> list[TemplateUse]:
    return [t for t in page.templates if name_pattern.search(t.name)]


def detect_birth(page: ParsedPage, hints: Hints) -> list[Detection]:
    found = _statements(page, BIRTH_STATEMENTS, DetectionKind.BIRTH, "birth")
    found += _statements(page, AGE_STATEMENTS, DetectionKind.BIRTH, "age")
    for template in _templates_matching(page, BIRTH_TEMPLATE):
        for _name, value in template.params:
            if re.fullmatch(_YEAR, value.strip()):
                found.append(
                    Detection(
                        DetectionKind.BIRTH, value.strip(), f"template '{template.name}'", "birth"
                    )
                )
                break
    return found


def detect_home(page: ParsedPage, hints: Hints) -> list[Detection]:
    """Where the user lives: statements, userboxes, and the profile's city and country."""
    found = _statements(page, HOME_STATEMENTS, DetectionKind.HOME)
    found += _arabic(page, hints, AR_HOME_STATEMENTS, DetectionKind.HOME, place=True)
    for template in _templates_matching(page, HOME_TEMPLATE):
        value = next((v for v in template.positional if v), "")
        tail = HOME_TEMPLATE.split(template.name)[-1].strip(" /:-")
        place = value or tail
        if place:
            found.append(Detection(DetectionKind.HOME, place, f"template '{template.name}'"))
    found += _profile_matches(page, hints.of_kind(TermKind.PLACE), DetectionKind.HOME)
    found += _profile_matches(page, hints.of_kind(TermKind.COUNTRY), DetectionKind.COUNTRY)
    return found


def detect_work(page: ParsedPage, hints: Hints) -> list[Detection]:
    found = _statements(page, WORK_STATEMENTS, DetectionKind.WORK)
    found += _arabic(page, hints, AR_WORK_STATEMENTS, DetectionKind.WORK, place=False)
    for template in _templates_matching(page, WORK_TEMPLATE):
        value = next((v for v in template.positional if v), "")
        if value:
            found.append(Detection(DetectionKind.WORK, value, f"template '{template.name}'"))
    found += _profile_matches(
        page, hints.of_kind(TermKind.EMPLOYER, TermKind.SCHOOL), DetectionKind.WORK
    )
    return found


def detect_links(page: ParsedPage, hints: Hints) -> list[Detection]:
    """Links to the user's accounts on other platforms or to a personal site."""
    own = [
        t.folded
        for t in hints.of_kind(
            TermKind.NAME,
            TermKind.NAME_PART,
            TermKind.HANDLE,
            TermKind.USERNAME,
            TermKind.EMAIL_LOCAL,
        )
    ]
    found: list[Detection] = []
    for url in page.external_links:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
        if not host or is_wikimedia_host(host) or url.lower().startswith("mailto:"):
            continue
        path = urlsplit(url).path.strip("/")
        social = host in hints.platform_hosts or path.startswith("@")
        flat_host = re.sub(r"[^a-z0-9]", "", host)
        segments = {re.sub(r"[^a-z0-9]", "", fold(p)) for p in re.split(r"[/@~]", path)}
        personal = any(len(term) >= 4 and (term in flat_host or term in segments) for term in own)
        if (social and path) or personal:
            found.append(Detection(DetectionKind.LINK, url, "link", host))
    return found


@cache
def affiliation_terms() -> dict[str, tuple[str, ...]]:
    """Category → folded keyword stems, from the bundled data file."""
    raw = resources.files("hygiene_audit.data").joinpath("affiliations.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    return {
        category: tuple(fold(word) for word in words)
        for category, words in data["categories"].items()
    }


@cache
def wiki_groups() -> tuple[str, ...]:
    """Folded words of the wikis' own groups (data/affiliations.toml, ``wiki_groups``)."""
    raw = resources.files("hygiene_audit.data").joinpath("affiliations.toml").read_text("utf-8")
    return tuple(fold(word) for word in tomllib.loads(raw)["wiki_groups"]["words"])


AFFILIATION_WINDOW = 40  # characters after "I am": "a proud practising Catholic"
FIRST_PERSON = _compile(
    [
        r"\b(?:I am|I'm|I identify as|this user is|this user identifies as|as an?|proud)\b",
        r"\b(?:soy|yo soy|este usuario es|esta usuaria es)\b",
        r"\b(?:ich bin|dieser benutzer ist)\b",
        r"\b(?:je suis|cet utilisateur est)\b",
        r"\bя\b",
    ]
)
USERBOX = re.compile(
    r"^(user|usuario|usuari|utente|usuário|benutzer|utilisateur|участник|"
    r"wikipedia?n|wikipedista|viquipedista|ubx|userbox)|/ubx|userbox",
    re.IGNORECASE,
)
SHORT_TEMPLATE_WORDS = 3  # {{Ateu}}, {{Antifeixista}}: a bare userbox named by what it says


def _userbox(name: str) -> bool:
    return bool(USERBOX.search(name)) or len(name.split()) <= SHORT_TEMPLATE_WORDS


def _affiliation_in(text: str) -> str | None:
    folded = _folded_words(text)
    for category, stems in affiliation_terms().items():
        for stem in stems:
            if re.search(rf" {re.escape(stem)}", folded):
                return category
    return None


def detect_affiliations(page: ParsedPage, hints: Hints) -> list[Detection]:
    """Religion, politics, sexual orientation, ethnicity, health: in userboxes or in
    first-person sentences."""
    found: list[Detection] = []
    for template in page.templates:
        if not _userbox(template.name):
            continue
        text = (
            " ".join([template.name, *(v for _k, v in template.params)])
            if USERBOX.search(template.name)
            else template.name
        )
        category = _affiliation_in(text)
        if category:
            found.append(
                Detection(
                    DetectionKind.AFFILIATION,
                    template.name,
                    f"template '{template.name}'",
                    category,
                )
            )
    for seg in page.segments:
        for sentence in re.split(r"(?<=[.!?\n])\s+", seg.text):
            # what the person says they are: the few words right after "I am" / "as a",
            # not "I'm interested in the architecture of Islamic Cairo"
            said = [
                sentence[m.end() : m.end() + AFFILIATION_WINDOW]
                for p in FIRST_PERSON
                for m in p.finditer(sentence)
            ]
            category = next((c for c in map(_affiliation_in, said) if c), None)
            folded = _folded_words(sentence)
            if category and not any(f" {group}" in folded for group in wiki_groups()):
                found.append(
                    Detection(
                        DetectionKind.AFFILIATION, sentence.strip()[:120], seg.where, category
                    )
                )
    return found


@cache
def userbox_data() -> dict[str, frozenset[str]]:
    """data/userboxes.toml, each list folded."""
    raw = resources.files("hygiene_audit.data").joinpath("userboxes.toml").read_text("utf-8")
    return {key: frozenset(fold(v) for v in values) for key, values in tomllib.loads(raw).items()}


def detect_userboxes(page: ParsedPage, hints: Hints) -> list[Detection]:
    """Userboxes whose name is the fact ({{User Kraków}}, {{User ORCID|…}}, {{User Wikipedia/
    Bot operator|MyBot}}) and the parameters of a user infobox that say where the user is."""
    from hygiene_audit.detectors.gazetteer import gazetteer

    data = userbox_data()
    found: list[Detection] = []
    for template in page.templates:
        where = f"template '{template.name}'"
        words = template.name.replace("_", " ").split(None, 1)
        rest = words[1].strip() if len(words) == 2 and fold(words[0]) in data["prefixes"] else ""
        tail = fold(rest.rsplit("/", 1)[-1]).strip()
        first = next((v for v in template.positional if v.strip()), "").strip()
        if tail in data["profiles"] and first:
            found.append(Detection(DetectionKind.LINK, f"{rest}: {first}", where, rest))
        elif tail in data["accounts"] and first:
            found.append(Detection(DetectionKind.LINK, first, where, "other account"))
        elif rest and not first and "/" not in rest:
            gz = gazetteer()
            if gz.is_region(rest):
                found.append(Detection(DetectionKind.COUNTRY, rest, where))
            # "Reading" and "Bath" are words too; "Kraków" is not an English word
            elif gz.is_place(rest) and (rest.isascii() is False or not gz.is_common_word(rest)):
                found.append(Detection(DetectionKind.HOME, rest, where))
        if not (fold(template.name).startswith("infobox") and "user" in fold(template.name)):
            continue  # a citation's "location = New Brunswick" is the publisher's
        for name, value in template.params:
            value = value.strip()
            said = fold(name.strip()) in data["place_params"] and value
            if said and fold(value) not in data["nowhere"]:
                found.append(Detection(DetectionKind.HOME, value, f"{where}, '{name}'"))
    return found


def detect_accounts(page: ParsedPage, hints: Hints) -> list[Detection]:
    """Other accounts of the owner linked from the page: a user page whose name holds the
    username ("ChVABOT" on ChVA's page), or one the line or heading calls the owner's ("I own
    and use [[User:…]]", "my bot", "On other wikis"). Signatures and links to other people
    say nothing."""
    from hygiene_audit.detectors.profile_terms import flat
    from hygiene_audit.detectors.statements import LANGUAGES, language

    own = flat(hints.username or "")
    cues = [
        re.compile(p, re.IGNORECASE)
        for code in LANGUAGES
        if hints.speaks(code) and (lang := language(code)) is not None
        for p in _string_list(lang.raw.get("other_accounts"))
    ]
    found: list[Detection] = []
    for link in page.user_links:
        account = flat(link.account)
        if not account or account == own:
            continue
        holds_name = len(own) >= 4 and own in account
        if holds_name or any(cue.search(link.context) for cue in cues):
            found.append(Detection(DetectionKind.LINK, link.account, "link", "other account"))
    return found


def _string_list(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


STATED_KINDS = {
    "home": DetectionKind.HOME,
    "country": DetectionKind.COUNTRY,
    "work": DetectionKind.WORK,
    "birth": DetectionKind.BIRTH,
}


def detect_statements(page: ParsedPage, hints: Hints) -> list[Detection]:
    """Statements about the owner read from the language files (detectors/statements.py), in
    English and the wiki's language; in every language with a file when it is unknown."""
    from hygiene_audit.detectors.statements import LANGUAGES, read_statements

    codes = [code for code in LANGUAGES if hints.speaks(code)]
    names = tuple(d.value.split()[0] for d in _introductions(page, hints) if d.value.split())
    found: list[Detection] = []
    for seg in page.segments:
        if seg.citation:
            continue
        for stated in read_statements(seg.text, codes, hints.username, names):
            detail = "birth" if stated.kind == "birth" else ""
            found.append(Detection(STATED_KINDS[stated.kind], stated.value, seg.where, detail))
    return found


DETECTORS: tuple[Callable[[ParsedPage, Hints], list[Detection]], ...] = (
    detect_emails,
    detect_phones,
    detect_names,
    detect_birth,
    detect_home,
    detect_work,
    detect_links,
    detect_affiliations,
    detect_statements,
    detect_userboxes,
    detect_accounts,
)


MAX_MENTIONS = 20


def unattributed_mentions(page: ParsedPage, hints: Hints, stated: list[Detection]) -> list[str]:
    """Places and organisations the page's text names that no statement attributes to the
    owner ("articles on Kraków", "a trip to Lyon"): one low finding lists them, so nothing is
    lost and nothing shouts."""
    from hygiene_audit.detectors.statements import LANGUAGES, mentions

    codes = [code for code in LANGUAGES if hints.speaks(code)]
    said = [_folded_words(d.value) for d in stated]
    found: list[str] = []
    for seg in page.segments:
        if seg.where != "text":
            continue
        for value in mentions(seg.text, codes):
            folded = _folded_words(value)
            if not any(folded in s or s in folded for s in said):
                found.append(value)
    return list(dict.fromkeys(found))


def detect_all(page: ParsedPage, hints: Hints) -> list[Detection]:
    """Every detector's findings, one per (kind, value)."""
    unique: dict[tuple[DetectionKind, str], Detection] = {}
    for detector in DETECTORS:
        for detection in detector(page, hints):
            unique.setdefault(detection.key, detection)
    found = list(unique.values())
    # "Ольга" beside "Ольга Смирнова", "Тартуском" beside "Тартуском университете": one fact
    return [
        d
        for d in found
        if not any(
            o.kind is d.kind and o.value != d.value and f" {d.value} " in f" {o.value} "
            for o in found
        )
    ]
