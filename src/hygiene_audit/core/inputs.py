"""The inputs of one audit: each declared once, gathered once, handed out by the engine.

:data:`DECLARATIONS` is the one place an input is declared: the :class:`Input` a check names,
the :class:`AuditInputs` fields that carry it, the setting it is read from (when it is read
straight from one), whether it is a yes/no switch that can turn an opt-in check on, and what
the ``checks`` listing says feeds it. The typed :class:`InputView`, :func:`inputs_from`, the
listing and the demo are derived from it.

Expensive or fallible inputs (vault files) are loaded on first use and the outcome, value or
error, is kept: two checks that read the vault parse it once and fail with the same message.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import SecretStr

from hygiene_audit.computer.state import ComputerState
from hygiene_audit.core.errors import UndeclaredError
from hygiene_audit.core.profile import Answer, UserProfile
from hygiene_audit.footprint.clocks import LocalClock, this_computer
from hygiene_audit.i18n import N_, _
from hygiene_audit.vault.entries import VaultImport
from hygiene_audit.vault.model import Vault

if TYPE_CHECKING:
    from hygiene_audit.core.settings import Settings


class Input(StrEnum):
    """What a check can ask the engine for (each is declared in :data:`DECLARATIONS`)."""

    WIKI_USERNAME = "wiki_username"
    PROFILE = "profile"
    PASSWORDS = "passwords"
    USERPAGE_FILE = "userpage_file"
    WIKIS = "wikis"
    PHOTOS_DIR = "photos_dir"
    HIBP_FILE = "hibp_file"
    HIBP_API_KEY = "hibp_api_key"
    HISTORY_LIMIT = "history_limit"
    HANDLE_REUSE = "handle_reuse"
    ANSWERS = "answers"
    COMPUTER = "computer"
    CLOCK = "clock"

    @property
    def sensitive(self) -> bool:
        """Inputs that carry secrets; third-party checks asking for them are flagged."""
        return DECLARATIONS[self].sensitive

    @property
    def declaration(self) -> InputDeclaration:
        return DECLARATIONS[self]


@dataclass(frozen=True)
class InputDeclaration:
    """One input: where its value lives and where it comes from."""

    fields: tuple[str, ...]  # the AuditInputs fields that carry it (a check sees only these)
    description: str  # what it is, in one line: the contract's documentation of the input
    setting: str | None = None  # the Settings field it is read from as is (None: gathered)
    fed_by: str | None = None  # what feeds a gathered input, for the listing (translatable)
    switch: bool = False  # a yes/no that can turn on an opt-in check (``enabled_by``)
    sensitive: bool = False  # carries secrets


DECLARATIONS: Mapping[Input, InputDeclaration] = {
    Input.WIKI_USERNAME: InputDeclaration(
        ("wiki_username",), "your wiki username", setting="username"
    ),
    Input.PROFILE: InputDeclaration(
        ("profile",),
        "your profile: real name, birth year, places, e-mails, handles",
        fed_by="--profile / --ask-profile",
    ),
    Input.PASSWORDS: InputDeclaration(
        ("vault_loader", "vault_sources"),
        "the entries of your password exports, and typed passwords",
        fed_by="--passwords / --ask-passwords",
        sensitive=True,
    ),
    Input.USERPAGE_FILE: InputDeclaration(
        ("userpage_files",), "user pages saved as files", setting="userpage_file"
    ),
    Input.WIKIS: InputDeclaration(
        ("wikis",), "which wikis of the global account to read", setting="wikis"
    ),
    Input.PHOTOS_DIR: InputDeclaration(
        ("photos_dir",), "a folder of photos to check for metadata", setting="photos_dir"
    ),
    Input.HIBP_FILE: InputDeclaration(
        ("hibp_file",), "the offline Pwned Passwords file", setting="hibp_file"
    ),
    Input.HIBP_API_KEY: InputDeclaration(
        ("hibp_api_key",),
        "the Have I Been Pwned API key",
        setting="hibp_api_key",
        sensitive=True,
    ),
    Input.HISTORY_LIMIT: InputDeclaration(
        ("history_limit",), "how many user-page revisions to read", setting="history_limit"
    ),
    Input.HANDLE_REUSE: InputDeclaration(
        ("handle_reuse",),
        "yes to asking other platforms about your handle",
        setting="handle_reuse",
        switch=True,
    ),
    Input.ANSWERS: InputDeclaration(
        ("answers", "answers_not_asked"),
        "your self-assessment answers",
        fed_by=N_("your answers (prompts, or [answers] in the profile)"),
    ),
    Input.COMPUTER: InputDeclaration(
        ("computer",),
        "this computer, as its probes see it (read-only, no admin rights)",
        fed_by=N_("this computer (read-only probes)"),
    ),
    Input.CLOCK: InputDeclaration(
        ("clock",),
        "this computer's clock: its time zone and summer-time rule, read locally",
        fed_by=N_("this computer's clock (its time zone, read here, never sent)"),
    ),
}
if set(DECLARATIONS) != set(Input):  # fail loudly at import, never silently at a run
    raise RuntimeError(f"inputs without a declaration: {sorted(set(Input) - set(DECLARATIONS))}")

T = TypeVar("T")
VaultLoader = Callable[[], tuple[VaultImport, ...]]


class Lazy(Generic[T]):
    """A value computed once, on first use, from a loader; errors are remembered too."""

    def __init__(self, loader: Callable[[], T]) -> None:
        self._loader = loader
        self._lock = threading.Lock()
        self._done = False
        self._value: T | None = None
        self._error: BaseException | None = None

    def get(self) -> T:
        with self._lock:
            if not self._done:
                try:
                    self._value = self._loader()
                except Exception as exc:
                    self._error = exc
                self._done = True
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


def _no_vault() -> tuple[VaultImport, ...]:
    return ()


@dataclass(frozen=True)
class AuditInputs:
    """All inputs a check may declare. ``None`` means the user did not provide it."""

    wiki_username: str | None = None
    profile: UserProfile = field(default_factory=UserProfile)
    vault_loader: VaultLoader = _no_vault
    vault_sources: tuple[str, ...] = ()
    userpage_files: tuple[Path, ...] = ()
    wikis: tuple[str, ...] = ()  # Settings.wikis: "home", "all", wiki ids, api.php URLs
    photos_dir: Path | None = None
    hibp_file: Path | None = None
    hibp_api_key: SecretStr | None = None
    history_limit: int = 500
    handle_reuse: bool = False
    answers: Mapping[str, Answer] = field(default_factory=dict)  # by question key
    answers_not_asked: str | None = None  # why the questions were not asked, if they were not
    computer: ComputerState = field(default_factory=ComputerState)  # probed on first use
    clock: Callable[[], LocalClock] = this_computer  # read when asked
    _vault: Lazy[Vault] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        loader = self.vault_loader
        object.__setattr__(self, "_vault", Lazy(lambda: Vault(loader())))

    @property
    def vault(self) -> Vault:
        return self._vault.get()

    def only(self, declared: frozenset[Input]) -> AuditInputs:
        """A copy holding only the declared inputs; every other field is back at its default,
        so a check that declared the profile has no path, private or not, to the vault or an
        API key."""
        keep = {name for which in declared for name in DECLARATIONS[which].fields}
        defaults = AuditInputs()
        copy = dataclasses.replace(
            self,
            **{
                f.name: getattr(defaults, f.name)
                for f in dataclasses.fields(self)
                if f.init and f.name not in keep
            },
        )
        if "vault_loader" in keep:  # the same vault, parsed once for every check that reads it
            object.__setattr__(copy, "_vault", self._vault)
        return copy


def inputs_from(settings: Settings, **gathered: Any) -> AuditInputs:
    """The inputs of a run: every input declared with a ``setting`` read from ``settings``,
    and the gathered ones (profile, vault, answers) as given. The run and the demo both use it."""
    direct = {
        decl.fields[0]: getattr(settings, decl.setting)
        for decl in DECLARATIONS.values()
        if decl.setting is not None
    }
    return AuditInputs(**{**direct, **gathered})


class InputView:
    """The inputs a check declared; asking for any other is a contract violation.

    The view holds a copy of the inputs with only the declared ones in it (:meth:`AuditInputs.
    only`); the vault is reachable only when the passwords were declared.
    """

    __slots__ = ("_check_id", "_declared", "_values")

    def __init__(self, inputs: AuditInputs, declared: frozenset[Input], check_id: str) -> None:
        self._values = inputs.only(declared)
        self._declared = declared
        self._check_id = check_id

    def _need(self, which: Input) -> AuditInputs:
        if which not in self._declared:
            raise UndeclaredError(
                _("check {check} used input '{input}' without declaring it").format(
                    check=self._check_id, input=which.value
                )
            )
        return self._values

    @property
    def wiki_username(self) -> str | None:
        return self._need(Input.WIKI_USERNAME).wiki_username

    @property
    def profile(self) -> UserProfile:
        return self._need(Input.PROFILE).profile

    @property
    def vault(self) -> Vault:
        """All password entries; loading errors surface here as InputFileError."""
        return self._need(Input.PASSWORDS).vault

    @property
    def has_passwords(self) -> bool:
        return bool(self._need(Input.PASSWORDS).vault_sources)

    @property
    def userpage_files(self) -> tuple[Path, ...]:
        return self._need(Input.USERPAGE_FILE).userpage_files

    @property
    def wikis(self) -> tuple[str, ...]:
        return self._need(Input.WIKIS).wikis

    @property
    def photos_dir(self) -> Path | None:
        return self._need(Input.PHOTOS_DIR).photos_dir

    @property
    def hibp_file(self) -> Path | None:
        return self._need(Input.HIBP_FILE).hibp_file

    @property
    def hibp_api_key(self) -> SecretStr | None:
        return self._need(Input.HIBP_API_KEY).hibp_api_key

    @property
    def history_limit(self) -> int:
        return self._need(Input.HISTORY_LIMIT).history_limit

    @property
    def handle_reuse(self) -> bool:
        return self._need(Input.HANDLE_REUSE).handle_reuse

    @property
    def answers(self) -> Mapping[str, Answer]:
        """Self-assessment answers (profile file, then prompts), by question key."""
        return self._need(Input.ANSWERS).answers

    @property
    def answers_not_asked(self) -> str | None:
        """Why no questions were asked at the prompt (None: they were, or none was due)."""
        return self._need(Input.ANSWERS).answers_not_asked

    @property
    def computer(self) -> ComputerState:
        """This computer's probes, run once for the whole run (on first use)."""
        return self._need(Input.COMPUTER).computer

    def clock(self) -> LocalClock:
        """This computer's clock (the demo's: her laptop's), read now, locally."""
        return self._need(Input.CLOCK).clock()
