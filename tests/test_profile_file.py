"""The profile the wizard writes is TOML the tool reads back, whatever was typed: one DEL
character typed into a field used to make every later run exit 2."""

from __future__ import annotations

import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from hygiene_audit.cli.commands import app
from hygiene_audit.cli.profile_wizard import FIELDS, ask_profile, to_toml
from hygiene_audit.core.profile import Answer, UserProfile
from hygiene_audit.core.settings import default_profile_file

from .cli_helpers import invoke, runner

# Every code point but surrogates (which no UTF-8 file can hold): C0 and C1 controls, DEL,
# quotes, backslashes, line and paragraph separators, bidi controls.
TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x9F).filter(
    lambda c: c < " " or c >= "\x7f"
)
HOSTILE = st.one_of(TEXT, st.builds(lambda a, c, b: a + c + b, TEXT, CONTROL, TEXT))


@settings(max_examples=300, deadline=None)
@given(
    names=st.fixed_dictionaries(
        {
            f.name: HOSTILE
            for f in FIELDS
            if not f.many and f.name not in ("birth_year", "phone_region", "country")
        }
    ),
    lists=st.fixed_dictionaries({f.name: st.lists(HOSTILE, max_size=3) for f in FIELDS if f.many}),
    answers=st.dictionaries(HOSTILE, st.sampled_from(list(Answer)), max_size=3),
)
def test_every_profile_round_trips_through_the_writer_and_tomllib(
    names: dict[str, str], lists: dict[str, list[str]], answers: dict[str, Answer]
) -> None:
    profile = UserProfile.model_validate({**names, **lists, "answers": answers})
    assert UserProfile.model_validate(tomllib.loads(to_toml(profile))) == profile


def test_a_control_character_typed_into_a_field_is_refused_and_asked_again(
    tmp_path: Path,
) -> None:
    """Delete or an arrow key where the terminal does not edit lines types \\x7f or ESC [ D."""
    typed = "Ana\x7f López\nAna López\n\x1b[D\n\n\n\n\n\n\n\n\n\n"
    result = runner.invoke(app, ["profile"], input=typed)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Not accepted: it holds a control character") == 2
    text = default_profile_file().read_text(encoding="utf-8")
    assert UserProfile.model_validate(tomllib.loads(text)).real_name == "Ana López"
    run = invoke("run", "--offline", "--no-input", "-f", "json", "--only", "HA-U", "--user", "A")
    assert run.exit_code != 2, run.stderr


def test_bytes_that_are_not_text_are_refused_at_the_prompt() -> None:
    """Under a C locale an invalid byte arrives as a lone surrogate, which no file can hold."""
    lines = iter(["Ana \udcff", "Ana", *[""] * len(FIELDS)])
    said: list[str] = []
    profile = ask_profile(lambda _label: next(lines), said.append)
    assert profile.real_name == "Ana"
    assert any("not text in your terminal's encoding" in line for line in said)
