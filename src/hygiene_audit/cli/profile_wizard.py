"""``hygiene-audit profile`` and ``--ask-profile``: the profile typed field by field.

Each field says what it is used for; each answer is checked as it is typed and asked again
when it does not fit (a typo in the birth year never ends the run); everything may be left
empty; a line holding a control character (Delete, an arrow key where the terminal does not
edit lines) or bytes that are not text is refused and asked again. The result is written as
TOML (every string escaped as TOML requires) readable by you only, in the configuration
folder, where ``--profile`` finds it by default. Nothing typed here leaves this computer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hygiene_audit.core.errors import first_validation_error
from hygiene_audit.core.profile import UserProfile
from hygiene_audit.i18n import N_, _

MAX_TRIES = 3


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # N_-marked
    purpose: str  # N_-marked: what the audit does with it
    many: bool = False  # comma-separated list
    expected: str | None = None  # N_-marked: what an answer must look like


FIELDS: tuple[Field, ...] = (
    Field(
        "real_name",
        N_("Your real name"),
        N_("to find it in your username, your passwords and your user page"),
    ),
    Field(
        "other_names",
        N_("Other spellings of your name (comma-separated)"),
        N_("e.g. in another script, or a nickname people know"),
        many=True,
    ),
    Field(
        "birth_year",
        N_("Birth year"),
        N_("to find it in your username and passwords"),
        expected=N_("a year of four digits, e.g. 1987"),
    ),
    Field("city", N_("City you live in"), N_("to find it on your user page and in photos")),
    Field("country", N_("Country"), N_("to find it on your user page")),
    Field(
        "phone_region",
        N_("Two-letter code of your phone's country (e.g. ES, EG, EE)"),
        N_("to recognise your phone numbers written without +country code"),
        expected=N_("two letters, e.g. ES"),
    ),
    Field(
        "emails",
        N_("Your e-mail addresses (comma-separated)"),
        N_("to find them on your pages and in your username"),
        many=True,
    ),
    Field(
        "handles",
        N_("Your usernames on other sites (comma-separated)"),
        N_("to find links between your accounts"),
        many=True,
    ),
    Field("employer", N_("Employer"), N_("to find it on your user page")),
    Field("school", N_("School or university"), N_("to find it on your user page")),
)


def _problem(exc: ValidationError) -> str:
    return first_validation_error(exc)[1]


def _not_text(raw: str) -> str | None:
    """What makes a typed line unusable as a name or an address, or None: a control character
    (Delete, or an arrow key where the terminal does not edit lines, types one) or a byte that
    is not text in the terminal's encoding (a lone surrogate, which no file can hold)."""
    for char in raw:
        category = unicodedata.category(char)
        if category == "Cs":
            return _("it holds bytes that are not text in your terminal's encoding")
        if category == "Cc":
            return _(
                "it holds a control character (U+{code:04X}; Delete and arrow keys type them "
                "where the terminal does not edit the line)"
            ).format(code=ord(char))
    return None


def _again(attempt: int) -> str:
    if attempt + 1 < MAX_TRIES:
        return " " + _("Try again, or press Enter to leave it empty.")
    return ""


def ask_profile(
    read: Callable[[str], str], say: Callable[[str], None], start: UserProfile | None = None
) -> UserProfile:
    """Ask every field; ``read`` shows a prompt and returns the typed line."""
    say(
        _(
            "These answers stay on this computer: they are used only to recognise your own data "
            "in your username, passwords, pages and photos. Press Enter to leave any empty."
        )
    )
    data: dict[str, Any] = {}
    for field in FIELDS:
        say(f"  ({_(field.purpose)})")
        for attempt in range(MAX_TRIES):
            raw = read(_(field.label)).strip()
            unusable = _not_text(raw)
            if unusable is not None:
                say(_("  Not accepted: {problem}.").format(problem=unusable) + _again(attempt))
                continue
            value: Any = (
                [v.strip() for v in raw.split(",") if v.strip()] if field.many else (raw or None)
            )
            if field.name == "phone_region" and isinstance(value, str):
                value = value.upper()
            try:
                UserProfile.model_validate({field.name: value})
            except ValidationError as exc:
                problem = _(field.expected) if field.expected else _problem(exc)
                say(_("  Not accepted: {problem}.").format(problem=problem) + _again(attempt))
                continue
            if value:
                data[field.name] = value
            break
    answers = (start or UserProfile()).answers
    return UserProfile.model_validate({**data, "answers": answers})


TOML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and every control character (C0,
    DEL, C1) escaped, which TOML requires (JSON, used before, leaves DEL raw). A lone
    surrogate has no TOML form: the prompts refuse it (:func:`_not_text`)."""
    out = []
    for char in text:
        if char in TOML_ESCAPES:
            out.append(TOML_ESCAPES[char])
        elif unicodedata.category(char) == "Cc":
            out.append(f"\\u{ord(char):04X}")
        elif unicodedata.category(char) == "Cs":
            raise ValueError(f"a lone surrogate (U+{ord(char):04X}) has no TOML form")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_key(key: str) -> str:
    return key if BARE_KEY.fullmatch(key) else toml_string(key)


def to_toml(profile: UserProfile) -> str:
    """The profile as TOML that ``tomllib`` reads back to the same profile."""
    lines = [
        "# Your profile for hygiene-audit: used only on this computer, never sent.",
        "# Edit it freely; 'hygiene-audit profile' asks again.",
    ]
    for field in FIELDS:
        value = getattr(profile, field.name)
        if value in (None, ()):
            continue
        if isinstance(value, int):
            lines.append(f"{field.name} = {value}")
        elif isinstance(value, tuple):
            items = ", ".join(toml_string(v) for v in value)
            lines.append(f"{field.name} = [{items}]")
        else:
            lines.append(f"{field.name} = {toml_string(value)}")
    if profile.answers:
        lines += ["", "[answers]"]
        lines += [
            f"{_toml_key(key)} = {toml_string(str(answer))}"
            for key, answer in sorted(profile.answers.items())
        ]
    return "\n".join(lines) + "\n"


def write_profile(
    path: Path, ask: Callable[[UserProfile | None], UserProfile], replace: Callable[[Path], bool]
) -> bool:
    """``hygiene-audit profile``: ask field by field (starting from the existing profile, if
    ``replace`` agrees to replace it) and save it readable by the user only. False when the
    user kept the existing one."""
    from hygiene_audit.core.profile import load_profile
    from hygiene_audit.safety.bounded_io import write_private

    existing = load_profile(path) if path.is_file() else None
    if existing is not None and not replace(path):
        return False
    typed = ask(existing)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private(path, to_toml(typed))
    return True
