"""KeePass / KeePassXC databases read directly (pykeepass): no plaintext export needed.

Before any key is derived, the header is read here and refused when its key-derivation
parameters ask for more work than any real client writes (a crafted file asking for Argon2
with 1 TiB of memory or 2³²−1 iterations would otherwise hang the tool or exhaust memory):

* Argon2 (KDBX 4): memory ≤ 1 GiB, iterations ≤ 1,000, parallelism ≤ 64;
* AES-KDF (KDBX 3.1 and 4): rounds ≤ 200,000,000.

KeePassXC's and KeePass's own one-second benchmarks stay far below these on any machine
of today. KDBX 3.1 and 4 are read; the KDBX 2.0 format (KeePass 2.0 betas) and the KeePass 1
``.kdb`` format are refused with the way to convert them.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from hygiene_audit.i18n import _
from hygiene_audit.safety.secrets import reveal
from hygiene_audit.vault.entries import ImportError_, VaultEntry, VaultImport

KDBX_MAGIC = bytes.fromhex("03d9a29a")
SIG2_KDB1 = bytes.fromhex("65fb4bb5")

MAX_ARGON2_MEMORY = 1024 * 1024 * 1024
MAX_ARGON2_ITERATIONS = 1_000
MAX_ARGON2_PARALLELISM = 64
MAX_AES_ROUNDS = 200_000_000

_KDF_FIELD_V4 = 11
_TRANSFORM_ROUNDS_V3 = 6


class WrongMasterPassword(ImportError_):
    """The master password (or key file) does not open the database."""


@dataclass(frozen=True)
class KdbxHeader:
    major: int
    minor: int
    aes_rounds: int | None = None
    argon2_iterations: int | None = None
    argon2_memory: int | None = None
    argon2_parallelism: int | None = None


def _variant_dictionary(data: bytes) -> dict[str, int]:
    """The integer entries of a KDBX 4 VariantDictionary (the KDF parameters)."""
    values: dict[str, int] = {}
    pos = 2  # format version
    while pos < len(data):
        kind = data[pos]
        pos += 1
        if kind == 0:
            break
        (key_len,) = struct.unpack_from("<i", data, pos)
        pos += 4
        if key_len < 0:
            raise ValueError("negative length")
        key = data[pos : pos + key_len].decode("utf-8", "replace")
        pos += key_len
        (value_len,) = struct.unpack_from("<i", data, pos)
        pos += 4
        if value_len < 0:
            raise ValueError("negative length")
        value = data[pos : pos + value_len]
        pos += value_len
        if kind in (0x04, 0x0C) and len(value) == 4:  # UInt32, Int32
            values[key] = struct.unpack("<I", value)[0]
        elif kind in (0x05, 0x0D) and len(value) == 8:  # UInt64, Int64
            values[key] = struct.unpack("<Q", value)[0]
    return values


def read_header(data: bytes) -> KdbxHeader:
    """Version and key-derivation parameters; raises ``ValueError`` for a damaged header."""
    if len(data) < 12 or data[:4] != KDBX_MAGIC:
        raise ValueError("not a KeePass file")
    minor, major = struct.unpack_from("<HH", data, 8)
    if data[4:8] == SIG2_KDB1:
        return KdbxHeader(major=1, minor=0)
    pos = 12
    size_format = "<I" if major >= 4 else "<H"
    size_len = struct.calcsize(size_format)
    fields: dict[int, bytes] = {}
    while pos < len(data):
        field_id = data[pos]
        (size,) = struct.unpack_from(size_format, data, pos + 1)
        pos += 1 + size_len
        value = data[pos : pos + size]
        pos += size
        if field_id == 0:
            break
        fields[field_id] = value
    else:
        raise ValueError("header has no end")
    if major >= 4 and _KDF_FIELD_V4 in fields:
        params = _variant_dictionary(fields[_KDF_FIELD_V4])
        return KdbxHeader(
            major=major,
            minor=minor,
            aes_rounds=params.get("R"),
            argon2_iterations=params.get("I"),
            argon2_memory=params.get("M"),
            argon2_parallelism=params.get("P"),
        )
    rounds = fields.get(_TRANSFORM_ROUNDS_V3)
    return KdbxHeader(
        major=major,
        minor=minor,
        aes_rounds=struct.unpack("<Q", rounds)[0] if rounds and len(rounds) == 8 else None,
    )


def _refuse_unsafe(header: KdbxHeader, source: str) -> None:
    def refuse(what: str) -> ImportError_:
        return ImportError_(
            _(
                "{path}: refused before deriving any key: the file asks for {what}, more than any "
                "real KeePass client writes (a damaged or crafted file)"
            ).format(path=source, what=what)
        )

    if header.major == 1:
        raise ImportError_(
            _(
                "{path} is a KeePass 1 (.kdb) database; open it in KeePassXC or "
                "KeePass 2 and save it as .kdbx, then audit that file"
            ).format(path=source)
        )
    if header.major < 3:
        raise ImportError_(
            _(
                "{path} is in the old KDBX {version} format; open it in KeePassXC "
                "or KeePass 2 and save it once (that writes KDBX 4), then audit "
                "it again"
            ).format(path=source, version=f"{header.major}.{header.minor}")
        )
    if header.argon2_memory is not None and header.argon2_memory > MAX_ARGON2_MEMORY:
        raise refuse(_("{mb} MB of Argon2 memory").format(mb=header.argon2_memory // (1024 * 1024)))
    if header.argon2_iterations is not None and header.argon2_iterations > MAX_ARGON2_ITERATIONS:
        raise refuse(_("{n} Argon2 iterations").format(n=header.argon2_iterations))
    if header.argon2_parallelism is not None and header.argon2_parallelism > MAX_ARGON2_PARALLELISM:
        raise refuse(_("{n} Argon2 lanes").format(n=header.argon2_parallelism))
    if header.aes_rounds is not None and header.aes_rounds > MAX_AES_ROUNDS:
        raise refuse(_("{n} AES-KDF rounds").format(n=header.aes_rounds))


def _open(data: bytes, password: str | None, keyfile: Path | None) -> object:
    from pykeepass import PyKeePass

    return PyKeePass(
        io.BytesIO(data), password=password, keyfile=str(keyfile) if keyfile is not None else None
    )


def read_kdbx(
    data: bytes, source: str, master_password: SecretStr | None, keyfile: Path | None
) -> VaultImport:
    from pykeepass.exceptions import CredentialsError

    try:
        header = read_header(data)
    except (ValueError, struct.error, IndexError) as exc:
        raise ImportError_(
            _("{path} is not a readable KeePass database ({error})").format(
                path=source, error=_("damaged header")
            )
        ) from exc
    _refuse_unsafe(header, source)
    typed = reveal(master_password) if master_password is not None else ""
    # Enter at the prompt means "no password" (a key file only) or, rarely, a password that
    # is the empty string: pykeepass tells them apart (None vs ""), so try both.
    attempts: list[str | None] = [typed] if typed else [None, ""]
    db: object = None
    for attempt in attempts:
        try:
            db = _open(data, attempt, keyfile)
            break
        except CredentialsError:
            continue
        except FileNotFoundError as exc:
            raise ImportError_(
                _("File not found: {path}").format(path=exc.filename or keyfile)
            ) from exc
        except Exception as exc:  # pykeepass raises construct/zlib errors for damaged files
            raise ImportError_(
                _("{path} is not a readable KeePass database ({error})").format(
                    path=source, error=type(exc).__name__
                )
            ) from exc
    if db is None:
        raise WrongMasterPassword(
            _(
                "{path}: wrong master password or key file (a key file is "
                "given with --kdbx-keyfile)"
            ).format(path=source)
        )
    return _entries(db, source)


def _entries(db: object, source: str) -> VaultImport:
    recycle = getattr(db, "recyclebin_group", None)
    entries = []
    non_login = 0
    for number, entry in enumerate(getattr(db, "entries", []), start=1):
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
                source=source,
                row=number,
            )
        )
    return VaultImport(
        format="KeePass database",
        source=source,
        entries=tuple(entries),
        non_login_rows=non_login,
    )


def _inside(group: object, ancestor: object) -> bool:
    current = group
    while current is not None:
        if current == ancestor:
            return True
        current = getattr(current, "parentgroup", None)
    return False
