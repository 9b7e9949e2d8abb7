"""LOCAL-EXPORTS: plaintext password-manager exports left lying in your folders.

A drop-in check written against the public contract only (hygiene_audit.plugin).
Load it with ``hygiene-audit run --checks-dir checks/`` or copy it into the ``checks/``
folder of your configuration directory. It reads only the first line of CSV files in the
folders it is given (default: Downloads, Documents and Desktop), never their contents beyond
that, and uses no network.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from hygiene_audit.plugin import (
    N_,
    Category,
    Check,
    CheckContext,
    CheckResult,
    FindingSpec,
    Severity,
    SkipCheck,
    _,
    catalogue,
    password_export_format,
)

# File names the products give their exports (lower-case glob patterns).
EXPORT_NAMES = (
    "bitwarden_export_*.csv",
    "bitwarden_export_*.json",
    "bitwarden_encrypted_export_*.json",
    "chrome passwords*.csv",
    "google passwords*.csv",
    "microsoft edge passwords*.csv",
    "brave passwords*.csv",
    "passwords.csv",
    "logins.csv",
    "*.1pux",
    "1password*.csv",
    "lastpass_export*.csv",
    "proton pass_export*",
    "proton_pass_export*",
    "keepassxc*.csv",
)
MAX_DEPTH = 2


def _usual_folders() -> tuple[Path, ...]:
    """Where plaintext exports usually end up: Downloads, Documents, Desktop."""
    import platformdirs

    return tuple(
        dict.fromkeys(
            Path(p)
            for p in (
                platformdirs.user_downloads_dir(),
                platformdirs.user_documents_dir(),
                platformdirs.user_desktop_dir(),
            )
        )
    )


class Options(BaseModel):
    """This check's own settings; it owns their defaults (no core setting knows them)."""

    model_config = ConfigDict(extra="forbid")

    scan_dirs: tuple[Path, ...] = Field(default_factory=_usual_folders)


MAX_FILES = 20_000


class LeftoverExportsCheck(Check):
    id = "LOCAL-EXPORTS"
    title = N_("Plaintext password exports left on disk")
    description = N_(
        "Looks in your Downloads, Documents and Desktop folders for password "
        "exports that were never deleted."
    )
    category = Category.PASSWORDS
    inputs = frozenset()
    options = Options  # [checks."LOCAL-EXPORTS"] scan_dirs = [...] in the configuration file
    codes = catalogue(
        FindingSpec(
            code="LOCAL-EXPORTS001",
            severity=Severity.HIGH,
            title=N_("A plaintext export of your passwords is still on disk"),
            remediation=(
                N_(
                    "Delete the file and empty the trash; on Linux 'shred -u FILE' overwrites "
                    "it first (on SSDs and cloud-synced folders overwriting is not reliable)."
                ),
                N_(
                    "If the folder is synced to a cloud service, delete the file there too, "
                    "including its version history."
                ),
                N_(
                    "Keep your disk encrypted (BitLocker, FileVault, LUKS): it protects what "
                    "deletion cannot."
                ),
                N_(
                    "Next time audit the encrypted .kdbx directly, or delete the export right "
                    "after 'hygiene-audit run'."
                ),
            ),
            references=("https://ssd.eff.org/module/keeping-your-data-safe",),
        ),
    )

    def run(self, ctx: CheckContext) -> CheckResult:
        folders = [d for d in ctx.options_as(Options).scan_dirs if d.is_dir()]
        if not folders:
            raise SkipCheck(_("None of the folders to scan exists."))
        findings = []
        for path in _candidates(folders):
            product = _export_product(path)
            if product is None:
                continue
            findings.append(
                self.finding(
                    "LOCAL-EXPORTS001",
                    evidence=_("{product} export").format(product=product),
                    location=str(path),
                )
            )
        reason = _("Scanned {folders}.").format(folders=", ".join(str(f) for f in folders))
        return CheckResult.of(findings, reason=reason)


def _candidates(folders: list[Path]) -> list[Path]:
    found: list[Path] = []
    seen = 0
    for folder in folders:
        stack = [(folder, 0)]
        while stack:
            current, depth = stack.pop()
            try:
                children = sorted(current.iterdir())
            except OSError:
                continue
            for child in children:
                seen += 1
                if seen > MAX_FILES:
                    return found
                if child.is_symlink():
                    continue
                if child.is_dir() and depth < MAX_DEPTH and not child.name.startswith("."):
                    stack.append((child, depth + 1))
                elif child.is_file():
                    found.append(child)
    return found


def _export_product(path: Path) -> str | None:
    name = path.name.lower()
    named = any(fnmatch.fnmatch(name, pattern) for pattern in EXPORT_NAMES)
    if name.endswith(".csv"):
        try:
            with path.open("r", encoding="utf-8-sig", errors="replace") as handle:
                first = handle.readline(4096)
        except OSError:
            return None
        product = password_export_format(first)
        if product is not None:
            return product
    return _("password manager") if named else None
