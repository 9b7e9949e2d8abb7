"""A Rich progress display on stderr for network phases (the CLI's, never a check's)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from hygiene_audit.safety.neutralise import neutralise

if TYPE_CHECKING:
    from rich.progress import Progress

    from hygiene_audit.plugin import Progress as Progress_


class RichProgress:
    def __init__(self, title: str) -> None:
        self._title = title
        self._progress: Progress | None = None
        self._task: int | None = None

    def start(self, description: str, total: int | None = None) -> None:
        from rich.console import Console  # Rich only when a display is drawn (not --quiet)
        from rich.markup import escape
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
        )

        self.finish()
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(
            escape(neutralise(f"{self._title}: {description}")), total=total
        )

    def advance(self, amount: int = 1) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, amount)  # type: ignore[arg-type]

    def finish(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def progress_factory(quiet: bool) -> Callable[[str], Progress_]:
    """A live display on a terminal's stderr; nothing with --quiet or when stderr is not a
    terminal (a log, a pipe)."""
    from hygiene_audit.plugin import NullProgress

    if quiet or not sys.stderr.isatty():
        return lambda _title: NullProgress()
    return RichProgress
