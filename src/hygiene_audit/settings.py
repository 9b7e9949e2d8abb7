"""Settings: flags, then ``HYGIENE_AUDIT_*`` environment variables, then a TOML file.

The file is ``config.toml`` in the user config directory (platformdirs), or the one named by
``--config`` / ``HYGIENE_AUDIT_CONFIG``. Keys are the field names below; per-check options live
in a ``[checks."ID"]`` table. Every remote endpoint is a setting, so the tool works against any
MediaWiki and against local test servers.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import platformdirs
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator

from hygiene_audit import TOOL_NAME
from hygiene_audit.errors import ConfigError
from hygiene_audit.http import is_loopback
from hygiene_audit.i18n import _
from hygiene_audit.models import Frozen

ENV_PREFIX = "HYGIENE_AUDIT_"
DEFAULT_WIKI = "https://en.wikipedia.org/w/api.php"
DEFAULT_COMMONS = "https://commons.wikimedia.org/w/api.php"
DEFAULT_META = "https://meta.wikimedia.org/w/api.php"
DEFAULT_HIBP = "https://api.pwnedpasswords.com"
WIKI_MODES = frozenset({"home", "all"})
WIKI_ID = re.compile(r"[a-z][a-z0-9_]*(?:wiki|wiktionary|wikibooks|wikinews|wikiquote|wikisource|"
                     r"wikiversity|wikivoyage)")
DEFAULT_HIBP_ACCOUNTS = "https://haveibeenpwned.com/api/v3"

# Environment variable names that differ from HYGIENE_AUDIT_<FIELD>.
ENV_ALIASES: dict[str, tuple[str, ...]] = {
    "wiki": ("WIKI_API", "WIKI"),
    "commons_api": ("COMMONS_API",),
    "meta_api": ("META_API",),
    "hibp_api": ("HIBP_API",),
    "hibp_accounts_api": ("HIBP_ACCOUNTS_API",),
}
LIST_FIELDS = frozenset({"passwords", "checks_dirs", "only", "skip", "ignore",
                         "userpage_file", "wikis"})


def default_config_file() -> Path:
    return platformdirs.user_config_path(TOOL_NAME) / "config.toml"


def default_checks_dir() -> Path:
    return platformdirs.user_config_path(TOOL_NAME) / "checks"


def normalize_api_url(value: str) -> str:
    """``en.wikipedia.org`` → ``https://en.wikipedia.org/w/api.php``; full URLs are kept."""
    text = value.strip()
    if not text:
        raise ValueError(_("empty wiki address"))
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(_("not an http(s) address: {value}").format(value=value))
    path = parts.path
    if not path.endswith(".php"):
        path = path.rstrip("/") + "/w/api.php" if path.rstrip("/") in ("", "/w") else path
        if path.endswith("/w/w/api.php"):
            path = path.replace("/w/w/", "/w/")
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def normalize_base_url(value: str) -> str:
    text = value.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(_("not an http(s) address: {value}").format(value=value))
    return text


class Settings(Frozen):
    offline: bool = False
    wiki: str = DEFAULT_WIKI
    wikis: tuple[str, ...] = ()  # "home", "all", or wiki ids and api.php URLs
    commons_api: str = DEFAULT_COMMONS
    meta_api: str = DEFAULT_META
    hibp_api: str = DEFAULT_HIBP
    hibp_accounts_api: str = DEFAULT_HIBP_ACCOUNTS
    username: str | None = None
    profile: Path | None = None
    passwords: tuple[str, ...] = ()
    kdbx_keyfile: Path | None = None
    passwords_format: str | None = None  # a layout name for header-less exports (Keeper…)
    hibp_file: Path | None = None
    hibp_api_key: SecretStr | None = None
    userpage_file: tuple[Path, ...] = ()  # several: the user page, subpages, other wikis
    photos_dir: Path | None = None
    timeout: float = Field(20.0, gt=0, le=600)
    check_timeout: float = Field(300.0, gt=0)
    concurrency: int = Field(16, ge=1, le=64)
    history_limit: int = Field(500, ge=1, le=5000)
    handle_reuse: bool = False
    checks_dirs: tuple[Path, ...] = ()
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_under: int | None = Field(None, ge=0, le=100)
    lang: str | None = None
    redact: bool | None = None
    no_input: bool = False
    allow_http: bool = False
    checks: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _no_plain_http(self) -> Settings:
        """Plain http:// would carry the username, page requests and an API key in clear:
        only loopback (a local test wiki) may use it, unless the user says so explicitly."""
        if self.allow_http:
            return self
        urls = [getattr(self, name) for name in ("wiki", "commons_api", "meta_api",
                                                  "hibp_api", "hibp_accounts_api")]
        for url in [*urls, *(w for w in self.wikis if "://" in w)]:
            parts = urlsplit(url)
            if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
                raise ValueError(
                    _("{url} is plain http: what is sent and received there can be read and "
                      "changed on the way; use https, or pass --allow-http if you really "
                      "mean it").format(url=url))
        return self

    @field_validator("wiki", "commons_api", "meta_api")
    @classmethod
    def _api(cls, value: str) -> str:
        return normalize_api_url(value)

    @field_validator("wikis", mode="before")
    @classmethod
    def _wikis(cls, value: object) -> tuple[str, ...]:
        """``home``, ``all``, or a list of wiki ids (``etwiki``), hosts or api.php URLs, which
        become api.php URLs."""
        items: list[object] = (list(value.split(",")) if isinstance(value, str)
                               else list(value) if isinstance(value, (list, tuple)) else [])
        words = [str(item).strip() for item in items if str(item).strip()]
        if len(words) == 1 and words[0].lower() in WIKI_MODES:
            return (words[0].lower(),)
        result = []
        for word in words:
            if word.lower() in WIKI_MODES:
                raise ValueError(_("--wikis takes 'home', 'all' or a list of wikis, not both"))
            result.append(word.lower() if WIKI_ID.fullmatch(word.lower()) and "." not in word
                          else normalize_api_url(word))
        return tuple(dict.fromkeys(result))

    @field_validator("hibp_api", "hibp_accounts_api")
    @classmethod
    def _base(cls, value: str) -> str:
        return normalize_base_url(value)

    @field_validator("username")
    @classmethod
    def _username(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().removeprefix("User:").replace("_", " ").strip()
        return value or None


def _env_values(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        if name == "checks":
            continue
        for suffix in ENV_ALIASES.get(name, (name.upper(),)):
            raw = env.get(ENV_PREFIX + suffix)
            if raw is None or raw == "":
                continue
            if name in LIST_FIELDS:
                sep = (os.pathsep if name in ("checks_dirs", "passwords", "userpage_file")
                       else ",")
                values[name] = [item.strip() for item in raw.split(sep) if item.strip()]
            else:
                values[name] = raw
            break
    return values


def _file_values(path: Path, *, required: bool) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as exc:
        if required:
            raise ConfigError(
                _("Configuration file not found: {path}").format(path=path)
            ) from exc
        return {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("Cannot read the configuration file {path}: {error}").format(path=path, error=exc)
        ) from exc
    unknown = sorted(set(data) - set(Settings.model_fields))
    if unknown:
        raise ConfigError(
            _("Unknown setting(s) in {path}: {names}").format(path=path, names=", ".join(unknown))
        )
    return data


def load_settings(
    flags: Mapping[str, Any],
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Merge the three sources; ``flags`` holds only what the user actually gave."""
    environ = os.environ if env is None else env
    explicit = config_file or (
        Path(environ[ENV_PREFIX + "CONFIG"]) if environ.get(ENV_PREFIX + "CONFIG") else None
    )
    merged: dict[str, Any] = {}
    merged.update(_file_values(explicit or default_config_file(), required=explicit is not None))
    merged.update(_env_values(environ))
    merged.update({k: v for k, v in flags.items() if v is not None})
    try:
        return Settings.model_validate(merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "?"
        problem = first["msg"].removeprefix("Value error, ")
        raise ConfigError(
            _("Invalid setting '{name}': {problem}").format(name=where, problem=problem)
        ) from exc
