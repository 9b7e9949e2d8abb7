"""A Rich progress display on stderr for network phases (the CLI's, never a check's)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from hygiene_audit.safety.neutralise import neutralise

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from hygiene_audit.plugin import Progress as Progress_


class _Display:
    """The one live display of the run: checks that run side by side each add a line to it
    (Rich allows one live display at a time); it is drawn while any line is shown."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._lines = 0

    def add(self, description: str, total: int | None) -> tuple[Progress, TaskID]:
        from rich.console import Console  # Rich only when a display is drawn (not --quiet)
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
        )

        with self._lock:
            if self._progress is None:
                self._progress = Progress(
                    SpinnerColumn(),
                    TextColumn("{task.description}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    console=Console(stderr=True),
                    transient=True,
                )
                self._progress.start()
            self._lines += 1
            return self._progress, self._progress.add_task(description, total=total)

    def remove(self, task: TaskID) -> None:
        with self._lock:
            if self._progress is None:
                return
            self._progress.remove_task(task)
            self._lines -= 1
            if not self._lines:
                self._progress.stop()
                self._progress = None


_DISPLAY = _Display()


class RichProgress:
    """One check's line on the run's display."""

    def __init__(self, title: str) -> None:
        self._title = title
        self._shown: tuple[Progress, TaskID] | None = None

    def start(self, description: str, total: int | None = None) -> None:
        from rich.markup import escape

        self.finish()
        self._shown = _DISPLAY.add(escape(neutralise(f"{self._title}: {description}")), total)

    def advance(self, amount: int = 1) -> None:
        shown = self._shown
        if shown is not None:
            shown[0].advance(shown[1], amount)

    def finish(self) -> None:
        shown, self._shown = self._shown, None
        if shown is not None:
            _DISPLAY.remove(shown[1])


def progress_factory(quiet: bool) -> Callable[[str], Progress_]:
    """A live display on a terminal's stderr; nothing with --quiet or when stderr is not a
    terminal (a log, a pipe)."""
    from hygiene_audit.plugin import NullProgress

    if quiet or not sys.stderr.isatty():
        return lambda _title: NullProgress()
    return RichProgress
