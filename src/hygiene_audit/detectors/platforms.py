"""The curated list of platforms for the handle-reuse check, validated when loaded.

Also the source of the social-platform hosts the user-page link detector knows, so the two
never disagree.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from urllib.parse import quote, urlsplit

from pydantic import Field, ValidationError, field_validator, model_validator

from hygiene_audit.core.errors import PluginError
from hygiene_audit.core.models import Frozen


class Platform(Frozen):
    name: str = Field(min_length=1)
    probe: str = Field(pattern=r"^https://[^/]+/.*\{handle\}")
    profile: str = Field(pattern=r"^https://[^/]+/.*\{handle\}")
    exists_status: tuple[int, ...] = Field(min_length=1)
    absent_status: tuple[int, ...] = ()
    absent_bodies: tuple[str, ...] = ()
    # An "exists" answer must prove it: a JSON object (or the first item of a JSON list) with
    # this key, or, for an HTML page, this text ({handle} replaced). Otherwise: unknown.
    exists_key: str | None = None
    exists_marker: str | None = None
    handle_pattern: str

    @field_validator("handle_pattern")
    @classmethod
    def _regex(cls, value: str) -> str:
        re.compile(value)
        return value

    @model_validator(mode="after")
    def _proof(self) -> Platform:
        if (self.exists_key is None) == (self.exists_marker is None):
            raise ValueError(f"{self.name}: give exactly one of exists_key, exists_marker")
        return self

    @property
    def probe_host(self) -> str:
        return (urlsplit(self.probe).hostname or "").lower()

    @property
    def profile_host(self) -> str:
        return (urlsplit(self.profile).hostname or "").lower().removeprefix("www.")

    def accepts(self, handle: str) -> bool:
        return re.fullmatch(self.handle_pattern, handle) is not None

    def probe_url(self, handle: str) -> str:
        return self.probe.replace("{handle}", quote(handle, safe=""))

    def profile_url(self, handle: str) -> str:
        return self.profile.replace("{handle}", quote(handle, safe=""))


class SocialHosts(Frozen):
    hosts: tuple[str, ...] = Field(min_length=1)


class PlatformList(Frozen):
    platforms: tuple[Platform, ...] = Field(min_length=1)
    social: SocialHosts


@cache
def _platform_list() -> PlatformList:
    raw = resources.files("hygiene_audit.data").joinpath("platforms.toml").read_text("utf-8")
    try:
        return PlatformList.model_validate(tomllib.loads(raw))
    except (ValidationError, tomllib.TOMLDecodeError) as exc:  # a packaging defect: fail loudly
        raise PluginError(f"bundled platforms.toml is invalid: {exc}") from exc


def platforms() -> tuple[Platform, ...]:
    return _platform_list().platforms


@cache
def platform_hosts() -> frozenset[str]:
    """Every social platform's host: the looked-up platforms' profile pages and the others
    of the same file (for recognising links to them on a user page)."""
    listed = _platform_list()
    return frozenset(p.profile_host for p in listed.platforms) | frozenset(
        h.lower() for h in listed.social.hosts
    )
