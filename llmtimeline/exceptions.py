"""Every exception llmtimeline raises.

All of them derive from :class:`Error`, so ``except lt.Error`` catches anything
the library raises on bad input; each also derives from the matching built-in
(``ValueError`` or ``KeyError``) so generic handlers keep working.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "DateError",
    "DeadlineError",
    "Error",
    "LoadError",
    "MergeError",
    "Problem",
    "RecordError",
    "SaveError",
    "UnknownRecordError",
]


class Error(Exception):
    """Base class of every error raised by llmtimeline."""


class DateError(Error, ValueError):
    """A text is not an uncertain date.

    Attributes
    ----------
    text:
        The text that was given.
    reason:
        What was expected instead.
    """

    def __init__(self, text: object, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"{text!r} is not a date: {reason}")

    def __reduce__(self) -> tuple[object, ...]:  # pickled with its fields (a process pool sends it back)
        return type(self), (self.text, self.reason)


class DeadlineError(Error, ValueError):
    """A deadline phrase cannot be read.

    Attributes
    ----------
    phrase:
        The phrase that was given.
    reason:
        Why it could not be read.
    """

    def __init__(self, phrase: object, reason: str) -> None:
        self.phrase = phrase
        self.reason = reason
        super().__init__(f"deadline {phrase!r}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.phrase, self.reason)


class RecordError(Error, ValueError):
    """A record (event or claim) is invalid: raised when building one."""


class SaveError(Error, OSError):
    """A file could not be written; the previous file, if any, is unchanged.

    Also an :class:`OSError` (``errno`` is the system's error number when the system
    refused, None when llmtimeline did).  The message names the file asked for,
    never a temporary file.

    Attributes
    ----------
    path:
        The file that was to be written.
    reason:
        Why it was not written.

    >>> str(SaveError("out/events.csv", "the folder 'out' does not exist", 2))
    "cannot save 'out/events.csv': the folder 'out' does not exist"
    >>> isinstance(SaveError("x", "y"), OSError)
    True
    """

    def __init__(self, path: object, reason: str, errno: int | None = None) -> None:
        super().__init__(errno, reason)
        self.path = str(path)
        self.reason = reason
        self.filename = self.path

    def __str__(self) -> str:
        return f"cannot save {self.path!r}: {self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.path, self.reason, self.errno)


class UnknownRecordError(Error, KeyError):
    """No record has the id or subject that was asked for."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0]) if self.args else ""


@attrs.frozen
class Problem:
    """One problem found in a file.

    ``line`` is the physical line where the record starts (the header is line
    1); ``column`` is the CSV column's name, or ``None`` for a problem of the
    whole row or file; ``value`` is the offending text.
    """

    line: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "file"
        if self.column is not None:
            where += f", column {self.column!r}"
        if self.value is None:
            return f"{where}: {self.reason}"
        return f"{where}: {_short(self.value)}: {self.reason}"


def _short(value: str, limit: int = 80) -> str:
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 14] + f"...' ({len(value):,} chars)"
    return text


#: Problems listed in a LoadError's message (all of them are in ``problems`` and ``frame()``).
SHOWN_PROBLEMS = 1_000


class LoadError(Error, ValueError):
    """A file could not be loaded; ``problems`` lists every problem found.

    ``str(error)`` names the file and lists each problem on its own line, the first
    :data:`SHOWN_PROBLEMS` of them and then how many more there are (a million bad
    lines give a message of a thousand); ``problems`` and :meth:`frame` hold them
    all.

    Attributes
    ----------
    path:
        The file (or a description of the input) that was read.
    problems:
        Every :class:`Problem`, in file order.
    """

    def __init__(self, path: object, problems: Iterable[Problem]) -> None:
        self.path = str(path)
        self.problems: tuple[Problem, ...] = tuple(
            sorted(problems, key=lambda p: (p.line or 0, p.column or ""))
        )
        super().__init__(self._message())

    def __reduce__(self) -> tuple[object, ...]:  # pickled with its fields (a process pool sends it back)
        return type(self), (self.path, self.problems)

    _NOUN = "problem"

    def _shown(self, problem: Problem) -> str:
        return f"  {problem}"

    def _message(self) -> str:
        n = len(self.problems)
        noun = self._NOUN
        head = f"{self.path}: {n:,} {noun}{'s' if n != 1 else ''}"
        lines = [head + ":", *(self._shown(p) for p in self.problems[:SHOWN_PROBLEMS])]
        if n > SHOWN_PROBLEMS:
            rest = n - SHOWN_PROBLEMS
            lines.append(f"  ... and {rest:,} more {noun}{'s' if rest != 1 else ''} (error.problems lists them all)")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._message()

    def frame(self):  # type: ignore[no-untyped-def]  # pandas is imported lazily
        """The problems as a DataFrame with columns line, column, value, reason."""
        import pandas as pd

        return pd.DataFrame(
            [attrs.asdict(p) for p in self.problems],
            columns=["line", "column", "value", "reason"],
        )



class MergeError(LoadError):
    """Timelines cannot be merged: records with the same id differ.

    Each :class:`Problem` names both places (each source and line) in its reason;
    every conflict is in ``problems``; the message lists the first
    :data:`SHOWN_PROBLEMS` and counts the rest, as a LoadError's does.
    """

    _NOUN = "conflict"

    def _shown(self, problem: Problem) -> str:
        if problem.line is not None:
            return f"  {problem}"
        return f"  {problem.column or 'record'} {_short(problem.value or '', 200)}: {problem.reason}"


class ArgumentError(Error, ValueError):
    """An argument has a value the function does not accept; the message names the
    argument, the value and the values accepted."""


class ArgumentTypeError(Error, TypeError):
    """An argument is of a type the function does not accept; the message says what it accepts."""
