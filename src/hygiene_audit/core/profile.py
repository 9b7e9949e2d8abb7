"""The user's own profile: facts about themselves used only for matching, never sent anywhere.

Read from a local TOML file (``--profile FILE``) or typed at a prompt. Example::

    real_name = "Ana María López"
    other_names = ["Ана Лопес"]
    birth_year = 1987
    city = "Valencia"
    country = "Spain"
    phone_region = "ES"
    emails = ["ana.lopez87@example.org"]
    handles = ["analopez87"]
    employer = "Universitat de València"
    school = "IES Lluís Vives"

    [answers]            # self-assessment: yes / no / unknown
    two_factor = "no"
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from hygiene_audit.core.errors import InputFileError, first_validation_error
from hygiene_audit.core.models import Frozen
from hygiene_audit.i18n import N_, _
from hygiene_audit.safety.bounded_io import READ_DEADLINE, read_bounded

PROFILE_LIMIT = 1024 * 1024  # bytes: a real profile is a few hundred
LEGACY_ANSWER_KEYS = {"public_gender": "neutral_gender", "email_this_user": "email_off"}


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


ANSWER_LABELS = {Answer.YES: N_("yes"), Answer.NO: N_("no"), Answer.UNKNOWN: N_("don't know")}


class UserProfile(Frozen):
    real_name: str | None = None
    other_names: tuple[str, ...] = ()
    birth_year: int | None = Field(None, ge=1900, le=2100)
    birth_date: str | None = None
    city: str | None = None
    country: str | None = None
    phone_region: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    emails: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    employer: str | None = None
    school: str | None = None
    answers: dict[str, Answer] = Field(default_factory=dict)

    @field_validator("answers", mode="after")
    @classmethod
    def _legacy_answers(cls, answers: dict[str, Answer]) -> dict[str, Answer]:
        """Two questions were once asked so that "yes" was the risky answer; their old keys
        are still read, turned round (``public_gender = "yes"`` is ``neutral_gender = "no"``)."""
        turned = {Answer.YES: Answer.NO, Answer.NO: Answer.YES, Answer.UNKNOWN: Answer.UNKNOWN}
        result = dict(answers)
        for old, new in LEGACY_ANSWER_KEYS.items():
            if old in result:
                result.setdefault(new, turned[result.pop(old)])
        return result

    @field_validator("real_name", "city", "country", "employer", "school", "birth_date")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("country")
    @classmethod
    def _a_place_name(cls, value: str | None) -> str | None:
        if value is not None and any(c.isdigit() for c in value):
            raise ValueError(_("a place name has no digits"))
        return value

    @property
    def is_empty(self) -> bool:
        return self == UserProfile()

    @property
    def identifies(self) -> bool:
        """Whether it holds anything a username can be compared with (answers do not)."""
        return not self.model_copy(update={"answers": {}}).is_empty

    def name_variants(self) -> list[str]:
        """The real name and its other spellings, as given."""
        names = [n for n in (self.real_name, *self.other_names) if n]
        return list(dict.fromkeys(names))


def load_profile(path: Path, *, deadline: float = READ_DEADLINE) -> UserProfile:
    """The profile at ``path``, read like every input: bounded in bytes and seconds (a FIFO
    nobody writes to, ``/dev/zero``, a 1 GB file end in one line)."""
    try:
        raw = read_bounded(path, PROFILE_LIMIT, deadline=deadline)
    except InputFileError as exc:
        if not path.exists():
            raise InputFileError(_("Profile file not found: {path}").format(path=path)) from exc
        raise InputFileError(
            _("Cannot read the profile file {path}: {error}").format(path=path, error=exc)
        ) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputFileError(
            _("Cannot read the profile file {path}: {error}").format(path=path, error=exc)
        ) from exc
    try:
        return UserProfile.model_validate(data)
    except ValidationError as exc:
        where, problem = first_validation_error(exc)
        raise InputFileError(
            _("Profile file {path}: field '{field}': {problem}").format(
                path=path, field=where, problem=problem
            )
        ) from exc
