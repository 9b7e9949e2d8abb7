"""hygiene-audit: audit your own digital hygiene as a Wikimedia editor."""

from __future__ import annotations

from functools import cache

TOOL_NAME = "hygiene-audit"
PROJECT_URL = "https://github.com/hygiene-audit/hygiene-audit"

__all__ = ["PROJECT_URL", "TOOL_NAME", "__version__", "version"]


@cache
def version() -> str:
    """The installed version (importlib.metadata costs ~70 ms: read only when needed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("hygiene-audit")
    except PackageNotFoundError:  # pragma: no cover - a source tree without install
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(name)
