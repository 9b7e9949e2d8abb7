"""Settings: flags, then ``HYGIENE_AUDIT_*`` environment variables, then a TOML file.

The file is ``config.toml`` in the user config directory (platformdirs), or the one named by
``--config`` / ``HYGIENE_AUDIT_CONFIG``. Keys are the field names below; per-check options live
in a ``[checks."ID"]`` table. Every remote endpoint is a setting, so the tool works against any
MediaWiki and against local test servers.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit, urlunsplit

import platformdirs
from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    InitSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from pydantic_settings.sources.utils import parse_env_vars

from hygiene_audit import TOOL_NAME
from hygiene_audit.core.errors import ConfigError, InputFileError, first_validation_error
from hygiene_audit.i18n import _
from hygiene_audit.safety.bounded_io import READ_DEADLINE, is_regular_file, read_bounded
from hygiene_audit.safety.hosts import ascii_host, is_loopback
from hygiene_audit.safety.permissions import planted_by_others

ENV_PREFIX = "HYGIENE_AUDIT_"
DEFAULT_WIKI = "https://en.wikipedia.org/w/api.php"
DEFAULT_COMMONS = "https://commons.wikimedia.org/w/api.php"
DEFAULT_META = "https://meta.wikimedia.org/w/api.php"
DEFAULT_HIBP = "https://api.pwnedpasswords.com"
WIKI_MODES = frozenset({"home", "all"})
WIKI_ID = re.compile(
    r"[a-z][a-z0-9_]*(?:wiki|wiktionary|wikibooks|wikinews|wikiquote|wikisource|"
    r"wikiversity|wikivoyage)"
)
DEFAULT_HIBP_ACCOUNTS = "https://haveibeenpwned.com/api/v3"
CONFIG_LIMIT = 1024 * 1024  # bytes: a real configuration file is a few hundred


def default_config_file() -> Path:
    return platformdirs.user_config_path(TOOL_NAME) / "config.toml"


def default_profile_file() -> Path:
    """Where ``hygiene-audit profile`` saves the profile and ``run`` finds it."""
    return default_config_file().with_name("profile.toml")


def default_checks_dir() -> Path:
    return platformdirs.user_config_path(TOOL_NAME) / "checks"


# "javascript:…", "data:…", "mailto:…": a scheme without "//" (a port after a host is digits)
_OTHER_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")


def _http_parts(value: str, text: str) -> tuple[str, str, str, str]:
    """Scheme, netloc (host in punycode, valid port), path and query of an http(s) address;
    ``ValueError`` with one clear line for anything else."""
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(_("not an http(s) address: {value}").format(value=value))
    if parts.username is not None or parts.password is not None:
        raise ValueError(_("a wiki or service address must not hold a user name or password"))
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError(_("not a valid port (1–65535) in {value}").format(value=value)) from exc
    if port == 0:
        raise ValueError(_("not a valid port (1–65535) in {value}").format(value=value))
    try:
        host = ascii_host(parts.hostname)
    except ValueError as exc:
        raise ValueError(_("not a valid host name in {value}").format(value=value)) from exc
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return parts.scheme.lower(), netloc, parts.path, parts.query


def normalize_api_url(value: str) -> str:
    """``en.wikipedia.org`` → ``https://en.wikipedia.org/w/api.php``; full URLs are kept, with
    the host in punycode (``вики.example`` and ``xn--b1amah.example`` are one wiki). Other
    schemes (``javascript:``, ``data:``), invalid ports and hosts are a ``ValueError``."""
    text = value.strip()
    if not text:
        raise ValueError(_("empty wiki address"))
    if "://" not in text:
        if _OTHER_SCHEME.match(text):
            raise ValueError(_("not an http(s) address: {value}").format(value=value))
        text = "https://" + text
    scheme, netloc, path, query = _http_parts(value, text)
    if not path.endswith(".php"):
        path = path.rstrip("/") + "/w/api.php" if path.rstrip("/") in ("", "/w") else path
        if path.endswith("/w/w/api.php"):
            path = path.replace("/w/w/", "/w/")
    return urlunsplit((scheme, netloc, path, query, ""))


def normalize_base_url(value: str) -> str:
    text = value.strip().rstrip("/")
    scheme, netloc, path, query = _http_parts(value, text)
    return urlunsplit((scheme, netloc, path, query, ""))


PathList = Annotated[tuple[Path, ...], NoDecode]
NameList = Annotated[tuple[str, ...], NoDecode]


class Settings(BaseSettings):
    """Every setting of a run. ``Settings(...)`` validates what it is given; only
    :func:`load_settings` adds the environment and the configuration file (pydantic-settings
    sources, in that order of precedence after the flags)."""

    model_config = SettingsConfigDict(
        frozen=True,
        extra="forbid",
        env_prefix=ENV_PREFIX,
        env_ignore_empty=True,
        populate_by_name=True,
    )

    offline: bool = False
    wiki: str = Field(
        DEFAULT_WIKI,
        validation_alias=AliasChoices("wiki", ENV_PREFIX + "WIKI_API", ENV_PREFIX + "WIKI"),
    )
    wikis: NameList = ()  # "home", "all", or wiki ids and api.php URLs
    commons_api: str = Field(
        DEFAULT_COMMONS, validation_alias=AliasChoices("commons_api", ENV_PREFIX + "COMMONS_API")
    )
    meta_api: str = Field(
        DEFAULT_META, validation_alias=AliasChoices("meta_api", ENV_PREFIX + "META_API")
    )
    hibp_api: str = Field(
        DEFAULT_HIBP, validation_alias=AliasChoices("hibp_api", ENV_PREFIX + "HIBP_API")
    )
    hibp_accounts_api: str = Field(
        DEFAULT_HIBP_ACCOUNTS,
        validation_alias=AliasChoices("hibp_accounts_api", ENV_PREFIX + "HIBP_ACCOUNTS_API"),
    )
    username: str | None = None
    profile: Path | None = None
    passwords: Annotated[tuple[str, ...], NoDecode] = ()  # paths, or - for standard input
    kdbx_keyfile: Path | None = None
    passwords_format: str | None = None  # a layout name for header-less exports (Keeper…)
    hibp_file: Path | None = None
    hibp_api_key: SecretStr | None = None
    userpage_file: PathList = ()  # several: the user page, subpages, other wikis
    photos_dir: Path | None = None
    timeout: float = Field(20.0, gt=0, le=600)
    check_timeout: float = Field(300.0, gt=0)
    run_timeout: float = Field(600.0, gt=0)  # one budget for the whole run, all checks
    history_limit: int = Field(500, ge=1, le=5000)
    handle_reuse: bool = False
    checks_dirs: PathList = ()
    only: NameList = ()
    skip: NameList = ()
    ignore: NameList = ()
    fail_under: int | None = Field(None, ge=0, le=100)
    lang: str | None = None
    redact: bool | None = None
    no_input: bool = False
    allow_http: bool = False
    proxy: str | None = None  # scheme://host:port; else HTTPS_PROXY & co. (safety/route.py)
    tor: bool = False
    checks: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources = _SOURCES.get()
        if sources is None:  # Settings(...) outside load_settings: what it is given, only
            return (init_settings,)
        chain: list[PydanticBaseSettingsSource] = [
            init_settings,
            _EnvironSource(settings_cls, sources.environ),
        ]
        if sources.config is not None:  # what TomlConfigSettingsSource does, minus its read
            chain.append(InitSettingsSource(settings_cls, init_kwargs=sources.config))
        return tuple(chain)

    @field_validator("passwords", "userpage_file", "checks_dirs", mode="before")
    @classmethod
    def _path_list(cls, value: object) -> object:
        """An environment variable holds a list as paths joined by the OS path separator."""
        return (
            [p.strip() for p in value.split(os.pathsep) if p.strip()]
            if isinstance(value, str)
            else value
        )

    @field_validator("only", "skip", "ignore", mode="before")
    @classmethod
    def _name_list(cls, value: object) -> object:
        return (
            [p.strip() for p in value.split(",") if p.strip()] if isinstance(value, str) else value
        )

    @model_validator(mode="after")
    def _no_plain_http(self) -> Settings:
        """Plain http:// would carry the username, page requests and an API key in clear:
        only loopback (a local test wiki) may use it, unless the user says so explicitly."""
        if self.allow_http:
            return self
        urls = [
            getattr(self, name)
            for name in ("wiki", "commons_api", "meta_api", "hibp_api", "hibp_accounts_api")
        ]
        for url in [*urls, *(w for w in self.wikis if "://" in w)]:
            parts = urlsplit(url)
            if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
                raise ValueError(
                    _(
                        "{url} is plain http: what is sent and received there can be read and "
                        "changed on the way; use https, or pass --allow-http if you really "
                        "mean it"
                    ).format(url=url)
                )
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
        items: list[object] = (
            list(value.split(","))
            if isinstance(value, str)
            else list(value)
            if isinstance(value, (list, tuple))
            else []
        )
        words = [str(item).strip() for item in items if str(item).strip()]
        if len(words) == 1 and words[0].lower() in WIKI_MODES:
            return (words[0].lower(),)
        result = []
        for word in words:
            if word.lower() in WIKI_MODES:
                raise ValueError(_("--wikis takes 'home', 'all' or a list of wikis, not both"))
            result.append(
                word.lower()
                if WIKI_ID.fullmatch(word.lower()) and "." not in word
                else normalize_api_url(word)
            )
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


# --- the three sources, merged by pydantic-settings ----------------------------------------


@dataclass(frozen=True)
class _Sources:
    environ: Mapping[str, str]
    config: dict[str, Any] | None  # the configuration file's table, read once


_SOURCES: ContextVar[_Sources | None] = ContextVar("hygiene_audit_settings_sources", default=None)


class _EnvironSource(EnvSettingsSource):
    """``HYGIENE_AUDIT_*`` from the environment given to :func:`load_settings`."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]) -> None:
        self._environ = environ
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(
            self._environ, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str
        )


def _read_config(path: Path, *, required: bool, deadline: float) -> dict[str, Any] | None:
    """The configuration file, read once (bounded in bytes and seconds, like every input: a
    pipe has nothing left for a second read, ``/dev/zero`` has no end) with the errors a
    person understands: missing, unreadable, too large, not TOML, unknown keys."""
    try:
        raw = read_bounded(path, CONFIG_LIMIT, deadline=deadline)
    except InputFileError as exc:
        if not path.exists():
            if not required:
                return None
            raise ConfigError(_("Configuration file not found: {path}").format(path=path)) from exc
        raise ConfigError(
            _("Cannot read the configuration file {path}: {error}").format(path=path, error=exc)
        ) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("Cannot read the configuration file {path}: {error}").format(path=path, error=exc)
        ) from exc
    unknown = sorted(set(data) - set(Settings.model_fields))
    if unknown:
        raise ConfigError(
            _("Unknown setting(s) in {path}: {names}").format(path=path, names=", ".join(unknown))
        )
    exposure = planted_by_others(path) if data and is_regular_file(path) else None
    if exposure is not None:  # an empty one changes nothing; the CLI still says to fix it
        raise ConfigError(
            _(
                "Refusing the configuration file {path}: {problem}, so another user could "
                "have changed where this run sends your data; fix that with: {fix}"
            ).format(path=path, problem=exposure.problem, fix=exposure.fix)
        )
    return data


# Variables read outside the settings: the configuration file's name, the language, --debug.
OTHER_VARIABLES = frozenset({"CONFIG", "LANG", "DEBUG"})
# The test tier's own (.ci/run, tests/integration): no setting, never read by the tool.
TEST_VARIABLES = frozenset({"TEST_WIKI", "TEST_WIKI_PORT", "TEST_WIKI_PORT_2"})


def known_variables() -> frozenset[str]:
    """Every ``HYGIENE_AUDIT_*`` name the tool or its test tier reads, in upper case."""
    known = set(OTHER_VARIABLES | TEST_VARIABLES)
    for name, field in Settings.model_fields.items():
        known.add(name.upper())
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            known |= {str(a).removeprefix(ENV_PREFIX).upper() for a in alias.choices}
    return frozenset(ENV_PREFIX + name for name in known)


def _unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """``HYGIENE_AUDIT_OFLINE=1`` must not pass for offline: a variable whose name starts with
    the prefix in any case (``hygiene_audit_oflline``) and is not one the tool reads, spelt
    exactly so, is an error. A known name in another case is one too: the settings would read
    it but ``HYGIENE_AUDIT_CONFIG`` and ``HYGIENE_AUDIT_DEBUG`` are read by their exact name, so
    it would work for some variables and silently not for others. Each problem names the
    variable and the closest known name."""
    known = known_variables()
    problems = []
    for name in sorted(environ):
        if not name.upper().startswith(ENV_PREFIX) or environ[name] == "" or name in known:
            continue
        if name.upper() in known:
            problems.append(
                _("{name} (names are upper case: {known})").format(name=name, known=name.upper())
            )
            continue
        closest = difflib.get_close_matches(name.upper(), sorted(known), n=1, cutoff=0.0)
        problems.append(_("{name} (did you mean {known}?)").format(name=name, known=closest[0]))
    return problems


def _explicit_config_file(config_file: Path | None, environ: Mapping[str, str]) -> Path | None:
    return config_file or (
        Path(environ[ENV_PREFIX + "CONFIG"]) if environ.get(ENV_PREFIX + "CONFIG") else None
    )


def config_file_in_use(config_file: Path | None, env: Mapping[str, str] | None = None) -> Path:
    """The configuration file :func:`load_settings` reads (it may not exist)."""
    environ = os.environ if env is None else env
    return _explicit_config_file(config_file, environ) or default_config_file()


def load_settings(
    flags: Mapping[str, Any],
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
    *,
    read_deadline: float = READ_DEADLINE,
) -> Settings:
    """Flags (only what the user actually gave) > environment > file."""
    environ = os.environ if env is None else env
    unknown = _unknown_variables(environ)
    if unknown:
        raise ConfigError(
            _("Unknown environment variable(s): {names} (README: Settings)").format(
                names="; ".join(unknown)
            )
        )
    explicit = _explicit_config_file(config_file, environ)
    data = _read_config(
        explicit or default_config_file(), required=explicit is not None, deadline=read_deadline
    )
    token = _SOURCES.set(_Sources(environ, data))
    try:
        return Settings(**{k: v for k, v in flags.items() if v is not None})
    except ValidationError as exc:
        where, problem = first_validation_error(exc)
        raise ConfigError(
            _("Invalid setting '{name}': {problem}").format(name=where, problem=problem)
        ) from exc
    finally:
        _SOURCES.reset(token)
