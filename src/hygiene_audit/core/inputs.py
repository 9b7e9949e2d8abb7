"""The inputs of one audit, gathered once by the CLI and handed out by the engine.

Expensive or fallible inputs (vault files) are loaded on first use and the outcome, value or
error, is kept: two checks that read the vault parse it once and fail with the same message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import SecretStr

from hygiene_audit.core.profile import UserProfile
from hygiene_audit.vault.entries import VaultImport
from hygiene_audit.vault.model import Vault

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
    answers_not_asked: str | None = None  # why the questions were not asked, if they were not
    _vault: Lazy[Vault] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        loader = self.vault_loader
        object.__setattr__(self, "_vault", Lazy(lambda: Vault(loader())))

    @property
    def vault(self) -> Vault:
        return self._vault.get()

    def vault_handle(self) -> Callable[[], Vault]:
        """The vault's loader alone (what a check that declared the passwords is given)."""
        return self._vault.get
