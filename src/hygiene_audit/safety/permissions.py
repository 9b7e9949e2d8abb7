"""Who else could have written or can read a file: code and settings another user could plant.

A drop-in check runs as you; a configuration file names the servers your username and API key
go to. Either is only yours if nobody else could have written it: not the file, not its
folder, not a folder above it (whoever can write a folder can replace what is in it). Owners
other than you and root, and write permission for group or others, are what this looks for.
A *sticky* folder that others may write (``/tmp``: mode 1777) is fine above the first levels:
there others can add entries but not rename or replace ours, and every entry on the way down
is checked for its owner.

POSIX only. On Windows the equivalent is each file's and folder's access control list: an
entry that grants write (``FILE_WRITE_DATA``, ``FILE_ADD_FILE``, ``WRITE_DAC``…) to a SID other
than the owner, SYSTEM and Administrators (``Everyone``, ``Users``, ``Authenticated Users``).
The standard library cannot read ACLs, so there these functions find nothing rather than
pretend to have looked (the README says so).
"""

from __future__ import annotations

import os
import shlex
import stat
from dataclasses import dataclass
from pathlib import Path

from hygiene_audit.i18n import _

OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
OTHERS_READ = stat.S_IRGRP | stat.S_IROTH


def checked_here() -> bool:
    """Whether this system's permissions are looked at (POSIX), see the module's docstring."""
    return os.name == "posix"


def _user_name(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


@dataclass(frozen=True)
class Exposure:
    """A file or folder another user could have written: which one, and how to fix it."""

    path: Path
    owner: int | None  # another user's id when that user owns it; None: writable by others

    @property
    def fix(self) -> str:
        """The exact command that takes it back (to paste at a shell)."""
        if self.owner is None:
            return f"chmod go-w {shlex.quote(str(self.path))}"
        return f"chown {shlex.quote(_user_name(os.getuid()))} {shlex.quote(str(self.path))}"

    @property
    def problem(self) -> str:
        if self.owner is None:
            return _("{path} can be written by other users (group or others)").format(
                path=self.path
            )
        return _("{path} belongs to another user ({owner})").format(
            path=self.path, owner=_user_name(self.owner)
        )


def _chain(path: Path) -> list[Path]:
    return [path, *path.parents]


def planted_by_others(path: Path, *, strict: int = 1) -> Exposure | None:
    """The first of ``path`` and the folders above it that another user owns or could write
    into, or None. The first ``strict`` levels (the file, then its folder, …) must not be
    writable by group or others at all; above them a sticky folder is fine. Both the path as
    given and the one its symbolic links lead to are walked."""
    if not checked_here():
        return None
    trusted = {os.getuid(), 0}
    seen: set[Path] = set()
    for chain in (_chain(Path(os.path.abspath(path))), _chain(path.resolve())):
        for depth, item in enumerate(chain):
            if item in seen:
                continue
            seen.add(item)
            try:
                info = os.lstat(item)
            except OSError:
                continue  # gone meanwhile: reading it fails on its own, with its own line
            if info.st_uid not in trusted:
                return Exposure(item, owner=info.st_uid)
            if stat.S_ISLNK(info.st_mode) or not info.st_mode & OTHERS_WRITE:
                continue
            if depth >= strict and stat.S_ISDIR(info.st_mode) and info.st_mode & stat.S_ISVTX:
                continue
            return Exposure(item, owner=None)
    return None


def open_to_others(path: Path) -> bool:
    """Whether ``path`` is a regular file that group or others may read or change (a pipe or
    ``/dev/fd/N`` is nobody else's to open, and is not looked at)."""
    if not checked_here():
        return False
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and bool(info.st_mode & (OTHERS_READ | OTHERS_WRITE))
