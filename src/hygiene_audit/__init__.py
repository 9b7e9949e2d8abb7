"""hygiene-audit: audit your own digital hygiene as a Wikimedia editor."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hygiene-audit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

TOOL_NAME = "hygiene-audit"
PROJECT_URL = "https://github.com/hygiene-audit/hygiene-audit"

__all__ = ["PROJECT_URL", "TOOL_NAME", "__version__"]
