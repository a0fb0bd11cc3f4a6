"""Reading a file: bytes → structure → contract table → validated columns and typed columns.

The loader reports *every* problem of a file in one :class:`~llmtimeline.LoadError`
(line, column, value and reason each) and drops or guesses nothing.  The line of
a problem is the physical line where its record starts: the header is line 1, and
a quoted cell may span lines.  Files are UTF-8; a UTF-8 byte-order mark (which
spreadsheets write) is accepted and dropped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import numpy as np
import pandas as pd

from ..collector import collector_paused
from ..exceptions import ArgumentError, LoadError, Problem
from ..schema import COLUMNS
from ..validation import validate_columns
from ._cell_dtype import text_frame
from ._contract import contract_table, header_problems, structured, validator
from ._csv import read_structure
from ._keep import Loaded, keep_frame
from ._source import Source as Bytes
from ._source import sniff
from ._sources import frame_cells, open_source
from .parquet import load_parquet

__all__ = ["ERRORS", "bundled_path", "check_errors", "read", "read_bytes", "read_source"]

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

    The cells (pandas' Arrow-backed ``str`` dtype, "" for empty: see
    :attr:`llmtimeline.Timeline.cells`) are in file order, with every contract
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
                return _as_text(_read_frame(src.frame, src.name, errors))
            if src.kind == "parquet":
                return _as_text(_read_parquet(src.handle, src.name, errors))
            return _as_text(_read_bytes(src.handle if src.handle is not None else src.raw, src.name, errors))
    except MemoryError:
        raise LoadError(src.name, [Problem(None, None, None, _TOO_LARGE)]) from None
    finally:
        if src.handle is not None:
            src.handle.close()


def _as_text(loaded: Loaded) -> Loaded:
    """``loaded`` with its cells as pandas' Arrow-backed ``str`` columns (the fast reader's already are)."""
    cells = text_frame(loaded.cells)
    return loaded if cells is loaded.cells else attrs.evolve(loaded, cells=cells)


def _read_parquet(handle: BinaryIO | None, name: str, errors: str) -> Loaded:
    """A Parquet file (see :mod:`.parquet`): its typed columns trusted when this installation signed it."""
    assert handle is not None
    loaded: Loaded = load_parquet(handle, name, errors)
    return loaded


def read_bytes(raw: bytes, name: str = "<bytes>") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Like :func:`read` for the bytes of a file."""
    try:
        with collector_paused():
            loaded = _as_text(_read_bytes(raw, name))
    except MemoryError:
        raise LoadError(name, [Problem(None, None, None, _TOO_LARGE)]) from None
    return loaded.cells, loaded.typed


def _read_bytes(data: bytes | BinaryIO, name: str, errors: str = "raise") -> Loaded:
    """A CSV file's bytes (or its open regular file, read without a copy in memory)."""
    src = Bytes(data)
    problems: list[Problem] = []
    if not sniff(src.head, problems):
        raise LoadError(name, problems)
    if src.is_blank():
        raise LoadError(name, [Problem(1, None, None, "the file is empty: expected a header row " + ",".join(COLUMNS))])
    structure = read_structure(src, problems)
    return structured(structure, name, problems, errors, lambda: src.read_at(src.start, src.size - src.start))


def _read_frame(frame: pd.DataFrame, name: str, errors: str) -> Loaded:
    """A DataFrame's cells, held to the rules of a file's (row i is line i + 2: the header is line 1)."""
    source = frame_cells(frame)
    problems = [*source.problems, *header_problems(source.header)]
    if len(source.cells) == 0:
        problems.append(Problem(None, None, None, "the DataFrame has no rows"))
    if any(p.line == 1 or p.line is None for p in problems):
        raise LoadError(name, problems)
    table = contract_table(source.header, source.cells)
    lines = np.arange(2, len(table) + 2, dtype=np.int64)
    checked: list[Problem] = []
    typed = validate_columns(table, lines, np.ones(len(table), dtype=bool), checked)
    not_text = {(p.line, p.column) for p in source.problems}  # their cells hold the value's text: not judged
    problems += [p for p in checked if (p.line, p.column) not in not_text]
    if problems or typed is None:
        if errors == "keep":
            return keep_frame(name, source.header, table, lines, problems, validator(True, None))
        raise LoadError(name, problems)
    return Loaded(name, table, typed, lines)


