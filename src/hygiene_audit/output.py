"""Writing reports to files: owner-only permissions, whole-file replace."""

from __future__ import annotations

import os
from pathlib import Path

from hygiene_audit.errors import InputFileError
from hygiene_audit.i18n import _


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable and writable by the owner only (0600)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise InputFileError(
            _("Cannot write {path}: {error}").format(path=path, error=exc.strerror)
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(text)
