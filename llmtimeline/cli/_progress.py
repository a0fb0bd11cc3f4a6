"""A progress bar for long work, on a terminal only.

A command on a large input (over :data:`LARGE_BYTES`, about 50,000 records)
shows its steps ("loading", "checking"...) as a rich progress bar on standard
error, and removes it when done.  Nothing is shown when standard error is not
a terminal (a pipe, a file, a CI log), when ``CI`` is set, or when
``TERM=dumb``: the output of a script never holds progress text.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

__all__ = ["LARGE_BYTES", "Steps", "shows_progress", "steps"]

#: Inputs larger than this many bytes get a progress bar (5 MB: about 50,000 records).
LARGE_BYTES = 5 << 20


def shows_progress(size: int | None, stream: TextIO | None = None) -> bool:
    """True when an input of ``size`` bytes gets a progress bar on ``stream`` (standard error)."""
    stream = sys.stderr if stream is None else stream
    if size is None or size <= LARGE_BYTES:
        return False
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


class Steps:
    """The steps of one command; call :meth:`next` as each begins (does nothing when hidden)."""

    def __init__(self, names: Sequence[str], progress: Progress | None, task: TaskID | None) -> None:
        self._names, self._progress, self._task, self._done = list(names), progress, task, 0

    def next(self) -> None:
        """The current step is done: the bar moves on and names the next one."""
        self._done += 1
        if self._progress is None or self._task is None:
            return
        label = self._names[self._done] if self._done < len(self._names) else "done"
        self._progress.update(self._task, completed=self._done, description=label)


@contextmanager
def steps(size: int | None, names: Sequence[str], what: str = "") -> Iterator[Steps]:
    """A bar over ``names`` for an input of ``size`` bytes, shown only where :func:`shows_progress` says."""
    if not shows_progress(size):
        yield Steps(names, None, None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    assert size is not None
    console = Console(file=sys.stderr)
    title = f"{what} ({size / (1 << 20):,.0f} MB)" if what else f"{size / (1 << 20):,.0f} MB"
    with Progress(SpinnerColumn(), TextColumn(title), TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                  console=console, transient=True, redirect_stdout=False, redirect_stderr=False) as progress:
        task = progress.add_task(names[0], total=len(names))
        yield Steps(names, progress, task)
