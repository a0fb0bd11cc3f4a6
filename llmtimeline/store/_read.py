"""Reading a file: bytes → structure → contract table → validated columns and typed columns.

The loader reports *every* problem of a file in one :class:`~llmtimeline.LoadError`
(line, column, value and reason each) and drops or guesses nothing.  The line of
a problem is the physical line where its record starts: the header is line 1, and
a quoted cell may span lines.  Files are UTF-8; a UTF-8 byte-order mark (which
spreadsheets write) is accepted and dropped.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from ..exceptions import LoadError, Problem
from ..schema import COLUMNS, REQUIRED_HEADER, cell_problem
from ._csv import Structure, printable, read_structure
from ._source import Source, sniff
from ._validate import validate_columns
from ._write import unescape_cell

__all__ = ["bundled_path", "collector_paused", "read", "read_bytes", "read_structured"]

def bundled_path() -> Path:
    """The events.csv that ships with the package.

    An installed wheel carries it as ``llmtimeline/data/events.csv``; a source
    checkout (or an editable install) reads the project's top-level ``events.csv``.
    """
    packaged = Path(__file__).parent.parent / "data" / "events.csv"
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "events.csv"


def read(path: str | os.PathLike[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and validate a file: its cells and its typed columns.

    The cells (object dtype, "" for empty) are in file order, with every contract
    column (absent ones filled with "") then any extra columns in file order;
    the typed columns are those of :func:`~llmtimeline.store.typed_columns`,
    parsed while validating.  Raises LoadError listing every problem.
    """
    name = str(path)
    if Path(path).suffix.lower() == ".parquet":
        return _read_parquet(path, name)
    try:
        with open(path, "rb") as handle:
            return _read_guarded(handle, name)
    except OSError as exc:
        raise LoadError(name, [Problem(None, None, None, f"cannot read the file: {exc.strerror or exc}")]) from None


def _contract_table(header: list[str], cells: pd.DataFrame) -> pd.DataFrame:
    """The cells under their column names: every contract column (absent ones empty), then the extras."""
    n = len(cells)
    if header[:len(COLUMNS)] == list(COLUMNS) and list(cells.columns) == list(range(len(header))):
        return cells.set_axis(header, axis=1)  # the usual layout: the cells as they are, no copy
    given = {h: cells[i].to_numpy(dtype=object) if i in cells.columns else np.full(n, "", dtype=object)
             for i, h in enumerate(header)}
    extras = [h for h in header if h not in COLUMNS]
    return pd.DataFrame({c: given[c] if c in given else np.full(n, "", dtype=object) for c in [*COLUMNS, *extras]},
                        copy=False, dtype=object)


def read_bytes(raw: bytes, name: str = "<bytes>") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Like :func:`read` for the bytes of a file."""
    return _read_guarded(raw, name)


def _read_parquet(path: str | os.PathLike[str], name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A Parquet file (see :mod:`.parquet`), with the collector paused; too large for memory is a LoadError."""
    from .parquet import read_parquet

    with collector_paused():
        try:
            return read_parquet(path, name)
        except MemoryError:
            raise LoadError(name, [Problem(None, None, None, _TOO_LARGE)]) from None


_TOO_LARGE = "the file is too large for memory: split it, or load it on a machine with more memory"


def _read_guarded(data: bytes | BinaryIO, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read with the cycle collector paused; a file too large for memory is a LoadError."""
    with collector_paused():
        try:
            return _read_bytes(Source(data), name)
        except MemoryError:
            raise LoadError(name, [Problem(None, None, None, _TOO_LARGE)]) from None


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while reading: a file makes millions of objects and no
    cycles, and a collection walks all of them (a tenth of the time of a million rows)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_bytes(src: Source, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    problems: list[Problem] = []
    if not sniff(src.head, problems):
        raise LoadError(name, problems)
    if src.is_blank():
        raise LoadError(name, [Problem(1, None, None, "the file is empty: expected a header row " + ",".join(COLUMNS))])
    return read_structured(read_structure(src, problems), name, problems)


def read_structured(structure: Structure, name: str, problems: list[Problem]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate the cells of a file read into a :class:`~._csv.Structure` (a CSV's, or a Parquet file's)."""
    header = [unescape_cell(h.strip()) for h in structure.header]
    problems.extend(_header_problems(header))
    width = len(header)
    cells = structure.cells
    if len(cells) == 0 and not any(p.line and p.line > 1 for p in problems):
        problems.append(Problem(None, None, None, "the file has a header but no records"))
    ragged = structure.widths != width
    for r in np.flatnonzero(ragged):
        n = int(structure.widths[r])
        problems.append(Problem(int(structure.lines[r]), None, f"{n} cells",
                                f"expected {width} cells as in the header, found {n}"))
    if any(p.line == 1 for p in problems):  # a bad header: the rows cannot be read against it
        raise LoadError(name, problems)
    table = _contract_table(header, cells)
    table = _unescape(table, [header[i] for i in sorted(structure.escaped) if i < width]
                      if structure.escaped is not None else list(table.columns))
    has_bad = not structure.ok_utf8 or structure.has_control  # control characters are single bytes
    typed = validate_columns(table, structure.lines, ~ragged, problems, has_bad, structure.longest)
    if problems or typed is None:
        raise LoadError(name, problems)
    return table, typed


def _unescape(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``table`` with :func:`unescape_cell` applied to the cells of ``columns`` (those that may hold one)."""
    for column in dict.fromkeys(c for c in columns if c in table.columns):
        values = table[column].to_numpy(dtype=object)
        table[column] = pd.Series([unescape_cell(v) for v in values], index=table.index, dtype=object)
    return table


def _ranges(numbers: Sequence[int]) -> str:
    """'1-3, 7' for [1, 2, 3, 7]."""
    parts, start = [], numbers[0]
    for prev, n in zip(numbers, [*numbers[1:], None], strict=True):
        if n != prev + 1 if n is not None else True:
            parts.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = n
    return ", ".join(parts)


def _header_problems(header: Sequence[str]) -> Iterable[Problem]:
    seen: dict[str, int] = {}
    empty = [i + 1 for i, h in enumerate(header) if not h]
    if empty:
        which = f"column {empty[0]}" if len(empty) == 1 else f"{len(empty)} columns: {_ranges(empty)}"
        yield Problem(1, None, "", f"empty column name ({which}): every column needs a name")
    for i, h in enumerate(header):
        reason = cell_problem(h) if h else None
        if reason:
            yield Problem(1, None, printable(h), f"column name {i + 1}: {reason}")
        elif not h:
            continue
        elif h in seen:
            yield Problem(1, h, h, f"duplicate column {h!r} (columns {seen[h] + 1} and {i + 1})")
        else:
            seen[h] = i
    for column in REQUIRED_HEADER:
        if column not in seen:
            near = [h for h in header if h.lower() == column]
            hint = f" (found {near[0]!r}: names are lower case)" if near else ""
            yield Problem(1, column, None, f"missing column {column!r}{hint}; the columns are " + ",".join(COLUMNS))
