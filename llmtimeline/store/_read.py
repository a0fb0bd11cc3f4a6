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
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from ..exceptions import ArgumentError, LoadError, Problem
from ..schema import COLUMNS, REQUIRED, cell_problem
from ._csv import Structure, printable, read_structure
from ._keep import Loaded, Validate, keep_file, keep_frame
from ._source import Source as Bytes
from ._source import sniff
from ._sources import frame_cells, open_source
from ._spreadsheet import delimiter_problem, encoding_problem
from ._validate import validate_columns
from ._write import unescape_cell

__all__ = ["ERRORS", "bundled_path", "check_errors", "collector_paused", "read", "read_bytes", "read_source",
           "read_structured"]

#: The values of ``errors``: refuse a file with any problem, or keep going past bad records.
ERRORS: tuple[str, ...] = ("raise", "keep")

_TOO_LARGE = "the file is too large for memory: split it, or load it on a machine with more memory"


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
    loaded = read_source(path)
    return loaded.cells, loaded.typed


def check_errors(errors: object) -> None:
    """Refuse a value of ``errors`` that is not one of :data:`ERRORS`."""
    if not isinstance(errors, str) or errors not in ERRORS:
        raise ArgumentError(f"Could not interpret value {errors!r} for 'errors': expected "
                            + " or ".join(map(repr, ERRORS)))


def read_source(source: Any, errors: str = "raise") -> Loaded:
    """Read and validate records from a path, a file object or a DataFrame.

    ``errors="raise"`` refuses a source with any problem (one LoadError listing
    them all); ``errors="keep"`` loads the good records and keeps the others as
    written (see :mod:`llmtimeline.store._keep`).
    """
    check_errors(errors)
    src = open_source(source)
    try:
        with collector_paused():
            if src.kind == "frame":
                assert src.frame is not None
                return _read_frame(src.frame, src.name, errors)
            if src.kind == "parquet":
                return _read_parquet(src.handle, src.name, errors)
            return _read_bytes(src.handle if src.handle is not None else src.raw, src.name, errors)
    except MemoryError:
        raise LoadError(src.name, [Problem(None, None, None, _TOO_LARGE)]) from None
    finally:
        if src.handle is not None:
            src.handle.close()


def _read_parquet(handle: BinaryIO | None, name: str, errors: str) -> Loaded:
    """A Parquet file (see :mod:`.parquet`): its typed columns trusted when this installation signed it."""
    from .parquet import load_parquet

    assert handle is not None
    loaded: Loaded = load_parquet(handle, name, errors)
    return loaded


def _validator(has_bad: bool, longest: int | None) -> Validate:
    """Validation of a subset of rows, with what is known of the whole file."""
    def validate(table: pd.DataFrame, lines: np.ndarray, problems: list[Problem]) -> pd.DataFrame | None:
        return validate_columns(table, lines, np.ones(len(table), dtype=bool), problems, has_bad, longest)

    return validate


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
    try:
        with collector_paused():
            loaded = _read_bytes(raw, name)
    except MemoryError:
        raise LoadError(name, [Problem(None, None, None, _TOO_LARGE)]) from None
    return loaded.cells, loaded.typed


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


def _read_bytes(data: bytes | BinaryIO, name: str, errors: str = "raise") -> Loaded:
    """A CSV file's bytes (or its open regular file, read without a copy in memory)."""
    src = Bytes(data)
    problems: list[Problem] = []
    if not sniff(src.head, problems):
        raise LoadError(name, problems)
    if src.is_blank():
        raise LoadError(name, [Problem(1, None, None, "the file is empty: expected a header row " + ",".join(COLUMNS))])
    structure = read_structure(src, problems)
    return _structured(structure, name, problems, errors, lambda: src.read_at(src.start, src.size - src.start))


def read_structured(structure: Structure, name: str, problems: list[Problem], errors: str = "raise") -> Loaded:
    """Validate the cells of a table read into a :class:`~._csv.Structure` (a Parquet file's): with
    ``errors="keep"``, a bad record is kept as its cells written as a CSV record."""
    return _structured(structure, name, problems, errors, None)


def _structured(structure: Structure, name: str, problems: list[Problem], errors: str,
                raw: Callable[[], bytes] | None) -> Loaded:
    """The header checked, the cells unescaped and validated; the bad records kept (``errors="keep"``)."""
    header = [unescape_cell(h.strip()) for h in structure.header]
    sheet = delimiter_problem(header)
    if sheet is not None:  # a spreadsheet's separator: one problem, not one per line
        raise LoadError(name, [sheet])
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
        _refuse_spreadsheet(name, problems, structure, raw)
        raise LoadError(name, problems)
    table = _contract_table(header, cells)
    unescaped = ([header[i] for i in sorted(structure.escaped) if i < width]
                 if structure.escaped is not None else list(table.columns))
    table = _unescape(table, unescaped)
    facts = {header[i]: known for i, known in structure.facts.items() if i < width and header[i] not in unescaped}
    has_bad = not structure.ok_utf8 or structure.has_control  # control characters are single bytes
    typed = validate_columns(table, structure.lines, ~ragged, problems, has_bad, structure.longest, facts=facts)
    if problems or typed is None:
        _refuse_spreadsheet(name, problems, structure, raw)
        if errors == "keep" and raw is None:
            return keep_frame(name, header, table, structure.lines, problems, _validator(has_bad, structure.longest))
        if errors == "keep" and raw is not None:
            return keep_file(name, raw(), header, table, structure.lines, problems, _validator(has_bad, structure.longest))
        raise LoadError(name, problems)
    return Loaded(name, table, typed, structure.lines)


def _refuse_spreadsheet(name: str, problems: list[Problem], structure: Structure,
                        raw: Callable[[], bytes] | None) -> None:
    """One LoadError when the bytes that are not UTF-8 look like a Windows-1252 or Latin-1 file."""
    if structure.ok_utf8 or raw is None:
        return
    sheet = encoding_problem(problems, raw)
    if sheet is not None:
        raise LoadError(name, [sheet])


def _unescape(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``table`` with :func:`unescape_cell` applied to the cells of ``columns`` (those that may hold one)."""
    for column in dict.fromkeys(c for c in columns if c in table.columns):
        values = table[column].to_numpy(dtype=object)
        table[column] = pd.Series([unescape_cell(v) for v in values], index=table.index, dtype=object)
    return table


def _read_frame(frame: pd.DataFrame, name: str, errors: str) -> Loaded:
    """A DataFrame's cells, held to the rules of a file's (row i is line i + 2: the header is line 1)."""
    source = frame_cells(frame)
    problems = [*source.problems, *_header_problems(source.header)]
    if len(source.cells) == 0:
        problems.append(Problem(None, None, None, "the DataFrame has no rows"))
    if any(p.line == 1 or p.line is None for p in problems):
        raise LoadError(name, problems)
    table = _contract_table(source.header, source.cells)
    lines = np.arange(2, len(table) + 2, dtype=np.int64)
    checked: list[Problem] = []
    typed = validate_columns(table, lines, np.ones(len(table), dtype=bool), checked)
    not_text = {(p.line, p.column) for p in source.problems}  # their cells hold the value's text: not judged
    problems += [p for p in checked if (p.line, p.column) not in not_text]
    if problems or typed is None:
        if errors == "keep":
            return keep_frame(name, source.header, table, lines, problems, _validator(True, None))
        raise LoadError(name, problems)
    return Loaded(name, table, typed, lines)


def _ranges(numbers: Sequence[int]) -> str:
    """'1-3, 7' for [1, 2, 3, 7]."""
    parts: list[str] = []
    start: int | None = numbers[0]
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
    for column in REQUIRED:
        if column not in seen:
            near = [h for h in header if h.lower() == column]
            hint = f" (found {near[0]!r}: names are lower case)" if near else ""
            yield Problem(1, column, None, f"missing column {column!r}{hint}; the columns are " + ",".join(COLUMNS))
