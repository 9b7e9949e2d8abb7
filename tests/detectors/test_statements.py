"""What real editors write about themselves, in the shapes real pages use (issue 27; the texts
are invented, the shapes are those of ../shared/real-userpages): apposition and participles,
occupations, organisations by their head nouns, places the lists know after a statement, birth
in other forms, statements in the third person about the owner; and the false alarms real
pages trigger."""

from __future__ import annotations

import pytest

from hygiene_audit.core.profile import UserProfile
from hygiene_audit.detectors.pii import DetectionKind, Hints, detect_all
from hygiene_audit.detectors.profile_terms import personal_terms
from hygiene_audit.detectors.wikitext import parse_wikitext


def found(text: str, language: str = "en", username: str | None = None) -> set[tuple[str, str]]:
    """What HA-W finds without a profile: the username and the wiki's language are known."""
    terms = tuple(personal_terms(UserProfile(), username))
    hints = Hints(terms=terms, username=username, language=language)
    return {(d.kind.value, d.value) for d in detect_all(parse_wikitext(text), hints)}


def kinds(
    text: str, kind: DetectionKind, language: str = "en", username: str | None = None
) -> set[str]:
    return {v for k, v in found(text, language, username) if k == kind.value}


PLACE = (DetectionKind.HOME, DetectionKind.COUNTRY)


def places(text: str, language: str = "en", username: str | None = None) -> set[str]:
    return {v for k, v in found(text, language, username) if k in {p.value for p in PLACE}}


def test_apposition_and_participle_give_occupation_city_and_country() -> None:
    text = "Hello! I am a retired nurse living in Tampere, Finland, and I edit articles on birds."
    assert kinds(text, DetectionKind.WORK) == {"retired nurse"}
    assert places(text) >= {"Tampere", "Finland"}


def test_occupation_with_a_region_the_lists_do_not_know() -> None:
    text = "I'm a newspaper reporter in the Upper Midwest in the United States."
    assert kinds(text, DetectionKind.WORK) == {"newspaper reporter"}
    assert places(text) >= {"Upper Midwest", "United States"}


def test_an_organisation_by_its_head_noun_after_the_occupation() -> None:
    text = "I am a researcher in the Quillon Lab at the University of Tartu, studying mosses."
    assert kinds(text, DetectionKind.WORK) >= {"researcher", "University of Tartu"}


def test_study_at_a_university_in_a_city() -> None:
    text = "My name is Oskar. I study law at the University of Oulu in Oulu, Finland."
    assert "University of Oulu" in kinds(text, DetectionKind.WORK)
    assert places(text) >= {"Oulu", "Finland"}


def test_a_country_after_the_city_of_a_from_statement() -> None:
    assert places("I'm from Tartu, Estonia. I edit about ferns.") == {"Tartu", "Estonia"}


@pytest.mark.parametrize(
    ("text", "language", "place"),
    [
        ("Vivo desde hace ya veinte años en Zaragoza.", "es", "Zaragoza"),
        ("Me crié en Teruel, pero ahora estudio.", "es", "Teruel"),
        ("Je suis étudiante et j'habite à Rennes, dans l'ouest de la France.", "fr", "Rennes"),
        ("Nascido em Curitiba em 1979, formado em Letras.", "pt", "Curitiba"),
        ("Mieszkam w Krakowie od dziesięciu lat.", "pl", "Krakowie"),
        ("Abito a Bergamo con due gatti.", "it", "Bergamo"),
        ("Ich lebe und arbeite in Leipzig.", "de", "Leipzig"),
    ],
)
def test_where_one_lives_in_other_languages(text: str, language: str, place: str) -> None:
    assert place in places(text, language)


@pytest.mark.parametrize(
    ("text", "language", "year"),
    [
        ("Zur Person: Ich bin Jahrgang 1971 und lebe im Norden.", "de", "1971"),
        ("Nascido em Curitiba em 1979, formado em Letras.", "pt", "1979"),
        ("Urodziłam się w 1990 r. w małym mieście.", "pl", "1990"),
        ("Sono nato nel 1985 a Bergamo.", "it", "1985"),
    ],
)
def test_birth_in_other_forms(text: str, language: str, year: str) -> None:
    assert year in kinds(text, DetectionKind.BIRTH, language)


def test_third_person_about_the_owner() -> None:
    text = (
        "Bluefinch is Tomas Ekdahl from Uppsala, Sweden. "
        "Tomas is a freelance translator at the Nordic Language Institute."
    )
    got = found(text, username="Bluefinch")
    assert ("name", "Tomas Ekdahl") in got
    assert places(text, username="Bluefinch") >= {"Uppsala", "Sweden"}
    work = kinds(text, DetectionKind.WORK, username="Bluefinch")
    assert work >= {"freelance translator", "Nordic Language Institute"}


def test_an_occupation_alone_is_not_reported() -> None:
    """Said with where ("a nurse in Tampere") it narrows; alone it does not."""
    assert not kinds("I am a retired nurse and I love birds.", DetectionKind.WORK)


def test_polish_statements() -> None:
    text = "Nazywam się Anna Wiśniewska. Pracuję w Instytucie Badań Literackich w Warszawie."
    got = found(text, "pl")
    assert ("name", "Anna Wiśniewska") in got
    assert any(k == "work" and v.startswith("Instytucie") for k, v in got)


# ------------------------------------------------------------------ false alarms


@pytest.mark.parametrize(
    "text",
    [
        "My grandfather left school early. At age 15, he worked in a mine.",
        "I am a member of the Counter Vandalism Unit and of WikiProject Birds.",
        "I am a teacher of English and I write about poetry.",
        "I write about people living in Gaza and articles on Kraków.",
        "I am interested in the history of Lyon, France.",
    ],
)
def test_what_real_pages_say_that_is_not_about_the_owner(text: str) -> None:
    got = found(text)
    assert not {(k, v) for k, v in got if k in ("birth", "affiliation", "home", "country")}, got
    assert ("work", "English") not in got


# ------------------------------------------------------------------ userboxes


@pytest.mark.parametrize(
    ("wikitext", "kind", "value"),
    [
        ("{{User Kraków}}", "home", "Kraków"),
        ("{{Benutzer Estland}}", "country", "Estland"),
        ("{{User ORCID|0000-0002-1825-0097}}", "link", "ORCID: 0000-0002-1825-0097"),
        ("{{Usuari last.fm|quorrin}}", "link", "last.fm: quorrin"),
        ("{{User Wikipedia/Bot operator|QuorrinBot}}", "link", "QuorrinBot"),
        ("{{Infobox Wikipedia user\n| name = Q\n| country = [[Estonia]]\n}}", "home", "Estonia"),
    ],
)
def test_a_userbox_whose_name_is_the_fact(wikitext: str, kind: str, value: str) -> None:
    assert (kind, value) in found(wikitext)


@pytest.mark.parametrize(
    "wikitext",
    [
        "{{User en-2}}",
        "{{User WikiProject Birds}}",
        "{{User Wikipedia/Rollback}}",
        "{{Infobox Wikipedia user\n| location = [[Earth]]\n}}",
        "{{User Reading}}",
    ],
)
def test_userboxes_that_say_nothing_personal(wikitext: str) -> None:
    assert not found(wikitext)


# ------------------------------------------------------------------ other accounts


def test_other_accounts_the_page_names() -> None:
    text = (
        "== Other accounts ==\n"
        "I own and use [[User:QuillTest]] for testing scripts.\n"
        "{| class=wikitable\n|+On other wikis\n|[[:w:de:Benutzer:Quillon|De Quillon]]\n|}\n"
        "My bot is [[User:QuillonBOT|QuillonBOT]].\n"
        "My blog: [https://blog.example.net/users/quillon/ here]\n"
    )
    got = {v for k, v in found(text, username="Quillon") if k == "link"}
    assert {"QuillTest", "QuillonBOT", "https://blog.example.net/users/quillon/"} <= got
    assert "Quillon" not in got  # the owner's own page on another wiki is no other account


def test_signatures_and_people_the_page_links_are_not_accounts() -> None:
    text = (
        "== Barnstars ==\n"
        "For your work. [[User:Sb101|Sb101]] ([[User talk:Sb101|talk]]) 20:03, 1 May 2013\n"
        "I thank [[User:Jkatsis2]] for the opossum photo.\n"
    )
    assert not found(text, username="Quillon")


# ------------------------------------------------------------------ your own name


ILSE = UserProfile(real_name="Ilse Marvin Quorrin")


@pytest.mark.parametrize(
    "text",
    [
        "Ilse Quorrin here, editing moths.",
        "Photos by I. Quorrin, 2019.",
        "Contact: Quorrin, Ilse (see below).",
        "Find me as IlseQuorrin on the forums.",
        "Marvin Quorrin is the name on my diploma.",
        "I. M. Quorrin wrote the first draft.",
        "Ilse Quorrín, con tilde.",
    ],
)
def test_your_name_every_way_it_is_written(text: str) -> None:
    hints = Hints(terms=tuple(personal_terms(ILSE, "Mothwing")), username="Mothwing")
    got = [d for d in detect_all(parse_wikitext(text), hints) if d.kind is DetectionKind.NAME]
    assert got, text


@pytest.mark.parametrize(
    "text",
    ["I met Ilse at the meetup.", "Quorrin is a village I write about.", "I quote a Quorrin."],
)
def test_one_part_of_your_name_alone_is_not_your_name(text: str) -> None:
    hints = Hints(terms=tuple(personal_terms(ILSE, "Mothwing")), username="Mothwing")
    assert not [d for d in detect_all(parse_wikitext(text), hints) if d.kind is DetectionKind.NAME]
