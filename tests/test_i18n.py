"""Spanish for every user-facing string, and right-to-left text that stays readable."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from hygiene_audit import i18n
from hygiene_audit.cli.commands import app

from .cli_helpers import runner
from .conftest import REPO


def _catalog_tool() -> Any:  # scripts/update_catalogs.py, the code that writes the catalogs
    spec = importlib.util.spec_from_file_location(
        "update_catalogs", REPO / "scripts" / "update_catalogs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_spanish_catalog_translates_every_string_and_is_compiled() -> None:
    tool = _catalog_tool()
    assert tool.problems("es") == []
    assert len(list(tool.template())) > 400


def test_spanish_placeholders_match_the_english_ones() -> None:
    import re

    from babel.messages.pofile import read_po

    with tool_po().open("rb") as handle:
        catalog = read_po(handle, locale="es")
    field = re.compile(r"(?<!\{)\{[a-z_]*(?::[^}]*)?\}(?!\})")
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert isinstance(text, str) and isinstance(ids[0], str)
            assert sorted(set(field.findall(text))) == sorted(set(field.findall(ids[0]))), ids


def tool_po() -> Path:
    return REPO / "src" / "hygiene_audit" / "locale" / "es" / "LC_MESSAGES" / "hygiene_audit.po"


ENGLISH_LABELS = (
    "What to do",
    "Evidence",
    "Where",
    "Checks",
    "Score",
    "Ready to send",
    "Read more",
    "Critical",
    "Password found in known data breaches",
    "time to crack",
    "minutes",
    "Add another word",
)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_demo_in_spanish_has_no_english_left(fmt: str) -> None:
    result = runner.invoke(app, ["demo", "--lang", "es", "-f", fmt])
    assert result.exit_code == 0
    for label in ENGLISH_LABELS:
        assert label not in result.stdout, label
    assert "Contraseña encontrada en filtraciones de datos conocidas" in result.stdout


def test_language_comes_from_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "es_ES.UTF-8")
    result = runner.invoke(app, ["demo", "-f", "json"])
    report = json.loads(result.stdout)
    assert report["language"] == "es"
    assert (
        report["findings"][0]["title"] == "Contraseña encontrada en filtraciones de datos conocidas"
    )
    assert i18n.activate("fr") == "en"  # no French catalog: English, never a crash


def test_questions_and_answers_in_spanish(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text("", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "run",
            "--lang",
            "es",
            "--only",
            "HA-S",
            "--offline",
            "-f",
            "json",
            "--profile",
            str(profile),
        ],
        input="s\nno\n",
    )
    assert "¿Tienes activada la autenticación en dos pasos" in result.stderr
    report = json.loads(result.stdout)
    assert [f["id"] for f in report["findings"]] == ["HA-S002"]


def test_the_accepted_answer_words_come_from_the_catalog() -> None:
    from hygiene_audit.core.profile import Answer
    from hygiene_audit.core.questionnaire import parse_answer

    i18n.activate("en")
    assert parse_answer("yes") is Answer.YES and parse_answer("sí") is None
    i18n.activate("es")
    assert parse_answer("Sí") is Answer.YES and parse_answer("no sé") is Answer.UNKNOWN
    assert parse_answer("yes") is Answer.YES  # English words are always understood
    assert parse_answer("oui") is None  # no French catalog, no French words
    i18n.activate("en")


ARABIC_PAGE = """== عني ==
أنا أعيش في بغداد. بريدي: ali.hassan@example.org
[[ملف:علي في الحديقة.jpg|تصغير|أنا]]
"""


def test_arabic_user_page_evidence_renders_right_to_left(tmp_path: Path) -> None:
    page = tmp_path / "user.wiki"
    page.write_text(ARABIC_PAGE, encoding="utf-8")
    profile = tmp_path / "p.toml"
    profile.write_text('real_name = "علي حسن"\ncity = "بغداد"\n', encoding="utf-8")
    args = [
        "run",
        "--offline",
        "--only",
        "HA-W",
        "--no-input",
        "--userpage-file",
        str(page),
        "--profile",
        str(profile),
    ]
    report = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    home = next(f for f in report["findings"] if f["id"] == "HA-W004")
    assert "بغداد" in home["evidence"]
    assert any(f["id"] == "HA-W001" for f in report["findings"])
    terminal = runner.invoke(app, [*args, "-f", "terminal"]).stdout
    line = next(ln for ln in terminal.splitlines() if "بغداد" in ln)
    assert "\u2068" in line and "\u2069" in line  # first-strong isolate around the evidence
    html = runner.invoke(app, [*args, "-f", "html"]).stdout
    assert "<bdi>" in html and 'dir="auto"' in html


def test_catalog_check_ignores_the_babel_version_but_not_a_changed_translation(
    tmp_path: Path,
) -> None:
    """A fresh clone compiles with whatever Babel it installs: the committed .mo must compare
    by meaning (messages, plurals), while a stale translation is still caught."""
    from babel.messages.mofile import read_mo, write_mo
    from babel.messages.pofile import read_po

    tool = _catalog_tool()
    with tool_po().open("rb") as handle:
        catalog = read_po(handle, locale="es")
    catalog.version = "999"  # another Project-Id-Version, as another tool writes
    other_babel = tmp_path / "other.mo"
    with other_babel.open("wb") as handle:
        write_mo(handle, catalog)
    raw = other_babel.read_bytes()
    assert raw != tool_po().with_suffix(".mo").read_bytes()  # the bytes do differ
    with tool_po().open("rb") as handle:
        assert tool.stale(read_po(handle, locale="es"), other_babel) == []

    with other_babel.open("rb") as handle:
        changed = read_mo(handle)
    first = next(m for m in changed if m.id and isinstance(m.id, str))
    first.string = "otra cosa"
    with other_babel.open("wb") as handle:
        write_mo(handle, changed)
    with tool_po().open("rb") as handle:
        found = tool.stale(read_po(handle, locale="es"), other_babel)
    assert found == [f"translation differs from the .po: {first.id!r}"]


@pytest.mark.parametrize(
    "where", [["pwned", "--lang", "es"], ["--lang", "es", "pwned"]], ids=["after", "before"]
)
def test_pwned_speaks_spanish_with_lang_before_or_after_the_command(
    where: list[str], tmp_path: Path
) -> None:
    """`pwned --lang es` was English throughout (the flag never reached the settings), and
    `hygiene-audit --lang es pwned` was "No such option"."""
    hibp = REPO / "src" / "hygiene_audit" / "demo" / "data" / "pwned-subset.txt"
    result = runner.invoke(
        app, [*where, "--offline", "--hibp-file", str(hibp)], input="una frase que nadie usa\n"
    )
    assert result.exit_code == 0, result.output
    assert "no se encontró" in result.stdout and "not found" not in result.stdout
    assert "comprobando" in result.stderr and "subconjunto" in result.stderr
    i18n.activate("en")
