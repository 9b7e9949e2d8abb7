"""KeePass / KeePassXC databases read directly (pykeepass): no plaintext export needed."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from hygiene_audit.i18n import _
from hygiene_audit.importers.interface import ImportError_, VaultEntry, VaultImport
from hygiene_audit.sensitive import reveal

KDBX_MAGIC = bytes.fromhex("03d9a29a")


def looks_like_kdbx(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == KDBX_MAGIC
    except OSError:
        return False


def read_kdbx(path: Path, master_password: SecretStr | None, keyfile: Path | None) -> VaultImport:
    from pykeepass import PyKeePass
    from pykeepass.exceptions import CredentialsError

    try:
        db = PyKeePass(
            str(path),
            password=reveal(master_password) if master_password is not None else None,
            keyfile=str(keyfile) if keyfile is not None else None,
        )
    except CredentialsError:
        raise ImportError_(
            _("{path}: wrong master password or key file").format(path=path)
        ) from None
    except FileNotFoundError as exc:
        raise ImportError_(_("File not found: {path}").format(path=exc.filename or path)) from None
    except Exception as exc:  # pykeepass raises construct/zlib errors for damaged files
        raise ImportError_(
            _("{path} is not a readable KeePass database ({error})").format(
                path=path, error=type(exc).__name__
            )
        ) from None
    recycle = db.recyclebin_group
    entries = []
    non_login = 0
    for number, entry in enumerate(db.entries, start=1):
        if recycle is not None and _inside(entry.group, recycle):
            non_login += 1
            continue
        password = entry.password or ""
        if not (password or entry.username or entry.url):
            non_login += 1
            continue
        entries.append(
            VaultEntry(
                title=entry.title or "",
                url=entry.url or "",
                username=entry.username or "",
                password=SecretStr(password),
                source=str(path),
                row=number,
            )
        )
    return VaultImport(
        format="KeePass database", source=str(path), entries=tuple(entries),
        non_login_rows=non_login,
    )


def _inside(group: object, ancestor: object) -> bool:
    current = group
    while current is not None:
        if current == ancestor:
            return True
        current = getattr(current, "parentgroup", None)
    return False
