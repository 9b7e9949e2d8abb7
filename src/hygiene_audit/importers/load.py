"""Reading every password source the user named, each with the right importer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from pydantic import SecretStr

from hygiene_audit.i18n import _
from hygiene_audit.importers.csv_exports import MAX_BYTES, parse_csv
from hygiene_audit.importers.interface import ImportError_, VaultEntry, VaultImport
from hygiene_audit.importers.kdbx import looks_like_kdbx, read_kdbx

STDIN = "-"


def is_kdbx(source: str) -> bool:
    return source != STDIN and (source.lower().endswith(".kdbx") or looks_like_kdbx(Path(source)))


def read_source(
    source: str,
    *,
    stdin_data: bytes | None = None,
    master_passwords: Mapping[str, SecretStr] | None = None,
    keyfile: Path | None = None,
) -> VaultImport:
    if source == STDIN:
        return parse_csv(stdin_data or b"", _("standard input"))
    path = Path(source)
    if is_kdbx(source):
        return read_kdbx(path, (master_passwords or {}).get(source), keyfile)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportError_(
                _("{source} is {size} MB: too large to be a password-manager export").format(
                    source=source, size=size // (1024 * 1024)
                )
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportError_(_("File not found: {path}").format(path=source)) from None
    except IsADirectoryError:
        raise ImportError_(_("{path} is a directory, not an export file").format(
            path=source)) from None
    except OSError as exc:
        raise ImportError_(
            _("Cannot read {path}: {error}").format(path=source, error=exc.strerror)
        ) from None
    result = parse_csv(data, source)
    return result.model_copy(update={"plaintext_file": path})


def prompt_import(entries: list[tuple[str, SecretStr]]) -> VaultImport:
    """Entries typed at the hidden prompt: (label, password)."""
    items = []
    for number, (label, password) in enumerate(entries, start=1):
        url = label if "." in label and " " not in label else ""
        items.append(
            VaultEntry(title=label, url=url, username="", password=password,
                       source=_("prompt"), row=number)
        )
    return VaultImport(format="prompt", source=_("prompt"), entries=tuple(items))


def make_loader(
    sources: tuple[str, ...],
    *,
    stdin_data: bytes | None,
    master_passwords: Mapping[str, SecretStr],
    keyfile: Path | None,
    typed: list[tuple[str, SecretStr]],
    on_secret: Callable[[list[SecretStr]], None],
) -> Callable[[], tuple[VaultImport, ...]]:
    """A loader for :class:`~hygiene_audit.inputs.AuditInputs`; registers every secret read."""

    def load() -> tuple[VaultImport, ...]:
        imports = []
        if typed:
            imports.append(prompt_import(typed))
        for source in sources:
            imported = read_source(
                source, stdin_data=stdin_data, master_passwords=master_passwords,
                keyfile=keyfile,
            )
            on_secret([e.password for e in imported.entries])
            imports.append(imported)
        return tuple(imports)

    return load
