"""Each user-page detector, with the cases that tell a real leak from a look-alike."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hygiene_audit.core.profile import UserProfile
from hygiene_audit.detectors.pii import (
    Detection,
    DetectionKind,
    Hints,
    detect_affiliations,
    detect_all,
    detect_birth,
    detect_emails,
    detect_home,
    detect_links,
    detect_names,
    detect_phones,
    detect_work,
)
from hygiene_audit.detectors.platforms import platform_hosts
from hygiene_audit.detectors.profile_terms import personal_terms
from hygiene_audit.detectors.wikitext import parse_wikitext

ANA = UserProfile(
    real_name="Ana María López",
    other_names=("Ана Лопес",),
    birth_year=1987,
    city="Valencia",
    country="Spain",
    employer="Universitat de València",
    emails=("ana.lopez87@example.org",),
    handles=("analopez87",),
)


def hints(profile: UserProfile = UserProfile(), region: str | None = None) -> Hints:
    return Hints(
        terms=tuple(personal_terms(profile, "AnaL")),
        username="AnaL",
        region=region,
        platform_hosts=platform_hosts(),
    )


def values(detections: list[Detection], kind: DetectionKind | None = None) -> list[str]:
    return [d.value for d in detections if kind is None or d.kind is kind]


# ------------------------------------------------------------------ wikitext


def test_parser_finds_file_uses_in_every_form_and_local_namespace_names() -> None:
    page = parse_wikitext(
        "[[Datei:Ich.jpg|mini|hochkant|Ich im Urlaub]] [[Image:Old.png|thumb|200px]]\n"
        "<gallery>\nFile:A.jpg|me\nB_photo.jpg\n</gallery>\n"
        "{{Infobox user|image=Portrait.JPG|caption=x}} [[:Category:Foo]] [[Valencia|my city]]",
        frozenset({"datei", "bild"}),
    )
    names = {f.name: f.caption for f in page.files}
    assert names == {
        "Ich.jpg": "Ich im Urlaub",
        "Old.png": "",
        "A.jpg": "me",
        "B photo.jpg": "",
        "Portrait.JPG": "",
    }
    assert "my city" in page.text and "Urlaub" in page.text


def test_parser_keeps_template_parameters_apart_and_skips_identifiers() -> None:
    page = parse_wikitext("{{cite book|isbn=978-84-376-0494-7|title=Libro}} {{User lives in|Lyon}}")
    wheres = {s.where: s.text for s in page.segments}
    assert "template 'User lives in', parameter '1'" in wheres
    assert not any("isbn" in w for w in wheres)


# ------------------------------------------------------------------ e-mail


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Write to ana.lopez87@example.org today.", "ana.lopez87@example.org"),
        ("ana.lopez87 [at] example [dot] org", "ana.lopez87@example.org"),
        ("ana(at)example.org", "ana@example.org"),
        ("ana at example dot org", "ana@example.org"),
        ("correo: ana {arroba} ejemplo [punto] es", "ana@ejemplo.es"),
    ],
)
def test_email_plain_and_obfuscated(text: str, expected: str) -> None:
    assert values(detect_emails(parse_wikitext(text), hints())) == [expected]


def test_email_in_a_template_parameter_and_the_email_template() -> None:
    page = parse_wikitext("{{Userbox|contact=ana@example.org}} {{email|ana.l|example.net}}")
    assert set(values(detect_emails(page, hints()))) == {"ana@example.org", "ana.l@example.net"}


@pytest.mark.parametrize(
    "text",
    [
        "We meet at school.org events",
        "see the article at Example.org",
        "version 2.0 at 10.5",
        "@everyone please help",
    ],
)
def test_email_look_alikes_are_not_reported(text: str) -> None:
    assert detect_emails(parse_wikitext(text), hints()) == []


# ------------------------------------------------------------------ phone


def test_international_phone_number_is_found_without_a_region() -> None:
    page = parse_wikitext("Call me: +34 612 345 678 or +7 912 345-67-89")
    assert values(detect_phones(page, hints())) == ["+34 612 345 678", "+7 912 345-67-89"]


def test_national_number_needs_the_region_hint() -> None:
    page = parse_wikitext("Mi móvil: 612 345 678")
    assert detect_phones(page, hints()) == []
    assert values(detect_phones(page, hints(region="ES"))) == ["612 345 678"]


@pytest.mark.parametrize(
    "text",
    [
        "ISBN 978-84-376-0494-7",
        "ISBN: 9780306406157",
        "Born on 14.07.1987, written 2015-2019",
        "{{cite book|isbn=978-3-16-148410-0}}",
        "Edits: 12,345 since 2010",
        "doi:10.1000/182",
    ],
)
def test_isbns_dates_and_counts_are_not_phone_numbers(text: str) -> None:
    assert detect_phones(parse_wikitext(text), hints(region="DE")) == []


# ------------------------------------------------------------------ name


def test_real_name_from_the_profile_in_any_spelling() -> None:
    assert values(detect_names(parse_wikitext("Hola, soy ana maria lopez."), hints(ANA))) == [
        "Ana María López"
    ]
    assert (
        values(detect_names(parse_wikitext("Меня зовут Ана Лопес."), hints(ANA)))[0] == "Ана Лопес"
    )


def test_name_statement_without_profile() -> None:
    found = detect_names(parse_wikitext("Hi! My name is John Smith and I edit maps."), hints())
    assert values(found) == ["John Smith"]


def test_a_single_common_given_name_is_not_the_real_name() -> None:
    assert detect_names(parse_wikitext("Ana Frank wrote a diary."), hints(ANA)) == []


# ------------------------------------------------------------------ birth / age


@pytest.mark.parametrize(
    "text,value",
    [
        ("I was born in 1987 in a small town.", "1987"),
        ("Nací en 1990.", "1990"),
        ("Geboren am 3. Mai 1979 in Köln", "1979"),
        ("{{User born|1987}}", "1987"),
        ("I am 34 years old.", "34"),
        ("Tengo 29 años", "29"),
    ],
)
def test_birth_year_and_age_statements(text: str, value: str) -> None:
    assert values(detect_birth(parse_wikitext(text), hints())) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "This article was written in 2015.",
        "The city was founded in 1987.",
        "Active since 2009, 1,500 edits.",
        "Born This Way (2011 album) is a favourite.",
    ],
)
def test_years_that_are_not_a_birth_year(text: str) -> None:
    assert detect_birth(parse_wikitext(text), hints()) == []


# ------------------------------------------------------------------ place / work


@pytest.mark.parametrize(
    "text,place",
    [
        ("I live in San Sebastián de los Reyes.", "San Sebastián de los Reyes"),
        ("Vivo en Valencia desde 2010.", "Valencia"),
        ("Ich wohne in Köln.", "Köln"),
        ("J'habite à Lyon.", "Lyon"),
        ("Я живу в Казани.", "Казани"),
        ("{{User lives in|Porto}}", "Porto"),
    ],
)
def test_place_of_residence(text: str, place: str) -> None:
    assert place in values(detect_home(parse_wikitext(text), hints()), DetectionKind.HOME)


def test_profile_city_and_country_anywhere() -> None:
    found = detect_home(parse_wikitext("Editing from sunny valencia, spain."), hints(ANA))
    assert values(found, DetectionKind.HOME) == ["Valencia"]
    assert values(found, DetectionKind.COUNTRY) == ["Spain"]


def test_interest_in_a_place_is_not_residence() -> None:
    assert detect_home(parse_wikitext("I write about the history of Valencia."), hints()) == []


def test_employer_and_school() -> None:
    found = detect_work(
        parse_wikitext("I work at Acme Robotics. I study at University of Leeds."), hints()
    )
    assert values(found) == ["Acme Robotics", "University of Leeds"]
    assert values(
        detect_work(parse_wikitext("Docente en la Universitat de València"), hints(ANA))
    ) == ["Universitat de València"]


# ------------------------------------------------------------------ links / affiliations


def test_links_to_own_accounts_and_personal_site_not_references() -> None:
    page = parse_wikitext(
        "[https://twitter.com/analopez87 me] [https://analopez.es blog] "
        "[https://www.bbc.com/news/world-1 source] https://github.com/analopez87 "
        "[https://en.wikipedia.org/wiki/X wiki] [https://mastodon.example/@ana m]"
    )
    found = values(detect_links(page, hints(ANA)))
    assert found == [
        "https://twitter.com/analopez87",
        "https://analopez.es",
        "https://github.com/analopez87",
        "https://mastodon.example/@ana",
    ]


def test_affiliations_in_userboxes_and_first_person_only() -> None:
    page = parse_wikitext(
        "{{User Muslim}} {{Userbox LGBT}} I am a member of the Green Party. "
        "Soy católica. I edit articles about Christianity and the Kurds."
    )
    found = detect_affiliations(page, hints())
    assert {d.detail for d in found} == {"religion", "sexual_orientation", "politics"}
    assert not any("Christianity" in d.value for d in found)


def test_no_false_alarm_on_an_ordinary_user_page() -> None:
    text = (
        "== About ==\nI edit articles about medieval history and translate from Latin.\n"
        "{{User en-N}} {{User la-2}} {{Babel|en|de-2}}\nThis user has made 5,000 edits "
        "since 2012. See [https://www.jstor.org/stable/123 this paper]. ISBN 978-0-19-953556-9."
    )
    assert detect_all(parse_wikitext(text), hints(region="DE")) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=400))
def test_detectors_never_raise_on_arbitrary_wikitext(text: str) -> None:
    for detection in detect_all(parse_wikitext(text), hints(ANA, region="ES")):
        assert detection.value


def test_catalan_userboxes_without_a_user_prefix_give_birth_year_and_affiliation() -> None:
    # Tried on a real Catalan user page: bare userboxes ({{Ateu}}) and a birth-year userbox
    # named in Catalan passed as "no findings" before.
    page = parse_wikitext(
        "{{Babel|ca|es-3|en-2}}\n{{any de naixement|1990}}\n"
        "{{Viquipedista de Girona}}\n{{Ateu}}\n{{Viquipedista independentista}}\n"
        "{{Lector Tolkien}}\n{{Reflist}}\n"
    )
    assert "1990" in values(detect_birth(page, hints()))
    categories = {d.detail for d in detect_affiliations(page, hints())}
    assert categories == {"religion", "politics"}


def test_short_ordinary_templates_are_not_affiliations() -> None:
    page = parse_wikitext(
        "{{Reflist}} {{Clear}} {{Cite web|title=Christian history|url=x}} "
        "{{Lector Tolkien}} {{Infobox Christian denomination of the world}}"
    )
    assert detect_affiliations(page, hints()) == []


def test_a_rejected_at_candidate_never_hides_the_real_address() -> None:
    # Issue 17: "me at marta.k.ilunga" was rejected as a false alarm and swallowed the address.
    page = parse_wikitext(
        "You can reach me at marta.k.ilunga@example.org, or meet me at school.org events."
    )
    assert values(detect_emails(page, hints())) == ["marta.k.ilunga@example.org"]


@pytest.mark.parametrize(
    ("text", "employer"),
    [
        (
            "I live in Gdańsk and work at the Gdańsk Maritime Institute.",
            "Gdańsk Maritime Institute",
        ),
        ("I am a Cairo University student.", "Cairo University"),
        ("I'm a student of Lund University.", "Lund University"),
        ("PhD candidate at Tallinn University of Technology.", "Tallinn University"),
    ],
)
def test_employer_and_school_in_the_forms_people_write(text: str, employer: str) -> None:
    found = values(detect_work(parse_wikitext(text), hints()))
    assert any(employer in value for value in found), found


def test_an_english_student_is_not_a_school() -> None:
    assert detect_work(parse_wikitext("I am an English student and I read a lot."), hints()) == []


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        (
            "en",
            "Hi! I'm '''Marta Kowalczyk-Ilunga''', an amateur botanist…",
            "Marta Kowalczyk-Ilunga",
        ),
        ("en", "Hello, I am [[w:Daniel|Daniel]] Okafor and I edit bridges.", "Daniel Okafor"),
        ("es", "¡Hola! Soy Lucía Fernández y vivo en Sevilla.", "Lucía Fernández"),
        ("de", "Mein Name ist Bärbel Steiner.", "Bärbel Steiner"),
        ("fr", "Bonjour, je m’appelle Camille.", "Camille"),
        ("ru", "Привет! Я Ольга Смирнова, живу в Тарту.", "Ольга Смирнова"),
        ("pt", "Olá! Meu nome é João Pedro Silva.", "João Pedro Silva"),
        ("ar", "مرحبا، أنا أحمد فاروق محمد.", "أحمد فاروق محمد"),
        ("ar", "اسمي سارة الخطيب.", "سارة الخطيب"),
    ],
)
def test_a_real_name_introduced_in_the_wikis_language(language: str, text: str, name: str) -> None:
    found = values(detect_names(parse_wikitext(text), Hints(language=language)))
    assert found == [name]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "I'm Polish and I read Czech."),
        ("en", "I'm Rose."),  # a given name alone after a bare "I'm" says little
        ("en", "I am Jane Austen's biggest fan."),
        ("en", "I am interested in Marie Curie and Lise Meitner."),
        ("fr", "Je suis Charlie."),
        ("de", "Ich bin Berliner Student."),
        ("es", "Soy de los que prefieren las fuentes primarias."),
        ("ar", "أنا مهتم بالتاريخ فقط."),
    ],
)
def test_statements_that_name_nobody(language: str, text: str) -> None:
    assert detect_names(parse_wikitext(text), Hints(language=language)) == []


@pytest.mark.parametrize(
    "invisible", ["\u00ad", "\u200b", "\u200f", "\u202e", "\u2066", "\ufeff", "\x07"]
)
def test_a_name_with_invisible_characters_inside_is_read_as_shown(invisible: str) -> None:
    """Copied text carries soft hyphens, zero-width spaces and direction marks; on screen
    the name reads whole, and so it is found."""
    text = f"Hi, I'm Marta{invisible} Kowal{invisible}czyk and I work at the Mari{invisible}time Institute."
    page = parse_wikitext(text)
    assert values(detect_names(page, hints())) == ["Marta Kowalczyk"]
    assert any("Maritime Institute" in v for v in values(detect_work(page, hints())))


def test_other_languages_statements_apply_on_their_own_wiki_only() -> None:
    page = parse_wikitext("Soy Lucía Fernández.")
    assert values(detect_names(page, Hints(language="de"))) == []
    assert values(detect_names(page, Hints(language="es"))) == ["Lucía Fernández"]
    assert values(detect_names(page, Hints(language=None))) == ["Lucía Fernández"]


def test_third_person_births_are_about_the_articles_subjects() -> None:
    page = parse_wikitext(
        "Theophanu, born in 955, married Otto II. Robespierre, né en 1758 à "
        "Arras. Margarita Salas, nacida en 1938."
    )
    assert detect_birth(page, hints()) == []
    assert values(detect_birth(parse_wikitext("Je suis née en 1985 à Lyon."), hints())) == ["1985"]


def test_an_interest_in_islamic_art_is_not_a_religion() -> None:
    page = parse_wikitext(
        "I'm interested in the Mamluk Sultanate and the architecture of Islamic Cairo."
    )
    assert detect_affiliations(page, hints()) == []
    assert detect_affiliations(parse_wikitext("I am a practising Muslim."), hints()) != []
