"""A file's cells held to the CSV contract: the header, each record's width, the cells unescaped, every rule.

Both readers' :class:`~._structure.Structure` (a CSV file's, a Parquet file's) and a
DataFrame's cells come here: the header is checked first (a bad header stops
there, as one LoadError), then the cells are put under their column names,
unescaped and validated as columns (:func:`llmtimeline.validation.validate_columns`).
With ``errors="keep"`` the records with problems are kept as written (:mod:`._keep`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..exceptions import LoadError, Problem
from ..safe_text import printable
from ..schema import COLUMNS, REQUIRED, cell_problem
from ..validation import arrow_text, validate_columns
from ._keep import Loaded, Validate, keep_file, keep_frame
from ._spreadsheet import delimiter_problem, encoding_problem
from ._structure import Structure
from ._write import unescape_cell

__all__ = ["contract_table", "date_order", "header_problems", "read_structured", "structured", "validator"]


def validator(has_bad: bool, longest: int | None) -> Validate:
    """Validation of a subset of rows, with what is known of the whole file."""
    def validate(table: pd.DataFrame, lines: np.ndarray, problems: list[Problem]) -> pd.DataFrame | None:
        return validate_columns(table, lines, np.ones(len(table), dtype=bool), problems, has_bad, longest)

    return validate


def contract_table(header: list[str], cells: pd.DataFrame) -> pd.DataFrame:
    """The cells under their column names: every contract column (absent ones empty), then the extras.

    The columns keep their dtype (pandas' ``str``, or object); an absent column is empty text of
    the first column's dtype."""
    n = len(cells)
    if header[:len(COLUMNS)] == list(COLUMNS) and list(cells.columns) == list(range(len(header))):
        return cells.set_axis(header, axis=1)  # the usual layout: the cells as they are, no copy
    given = {h: cells[i] for i, h in enumerate(header) if i in cells.columns}
    dtype = cells[0].dtype if 0 in cells.columns else np.dtype(object)
    extras = [h for h in header if h not in COLUMNS]
    data = {c: given[c].reset_index(drop=True) if c in given else _empty(n, dtype) for c in [*COLUMNS, *extras]}
    return pd.DataFrame(data, index=pd.RangeIndex(n), copy=False)


def _empty(n: int, dtype: object) -> pd.Series:
    """A column of ``n`` empty cells of ``dtype`` (pandas' Arrow-backed ``str``: one shared empty text)."""
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        offsets = pa.py_buffer(np.zeros(n + 1, dtype=np.int64).tobytes())
        array = pa.LargeStringArray.from_buffers(n, offsets, pa.py_buffer(b""))
        return pd.Series(pd.array(array, dtype=dtype), copy=False)
    return pd.Series(np.full(n, "", dtype=object), dtype=object, copy=False)


def date_order(earliest: np.ndarray, latest: np.ndarray, by_id: np.ndarray) -> np.ndarray:
    """The rows in date order (earliest day, then latest day, then id) given the rows in id order.

    The (earliest, latest) pairs are numbered in their order, and the rows in id order are sorted
    stably by that number: one sort of small integers, where ``np.lexsort`` of three keys sorts
    three times."""
    if by_id.size == 0:
        return by_id
    first = int(min(earliest.min(), latest.min()))
    pairs = ((earliest - first) << 32) | (latest - first)  # day numbers span fewer than 2**23 days
    codes, distinct = pd.factorize(pairs)  # a few thousand pairs: numbered, then ranked
    rank = np.empty(distinct.size, dtype=np.int64)
    rank[np.argsort(distinct)] = np.arange(distinct.size)
    number = rank[codes[by_id]].astype(np.int16 if distinct.size < 2**15 else np.int64)  # radix sort when small
    return np.asarray(by_id[np.argsort(number, kind="stable")], dtype=np.int64)


def read_structured(structure: Structure, name: str, problems: list[Problem], errors: str = "raise") -> Loaded:
    """Validate the cells of a table read into a :class:`~._csv.Structure` (a Parquet file's): with
    ``errors="keep"``, a bad record is kept as its cells written as a CSV record."""
    return structured(structure, name, problems, errors, None)


def structured(structure: Structure, name: str, problems: list[Problem], errors: str,
                raw: Callable[[], bytes] | None) -> Loaded:
    """The header checked, the cells unescaped and validated; the bad records kept (``errors="keep"``)."""
    header = [unescape_cell(h.strip()) for h in structure.header]
    sheet = delimiter_problem(header)
    if sheet is not None:  # a spreadsheet's separator: one problem, not one per line
        raise LoadError(name, [sheet])
    problems.extend(header_problems(header))
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
    table = contract_table(header, cells)
    unescaped = ([header[i] for i in sorted(structure.escaped) if i < width]
                 if structure.escaped is not None else list(table.columns))
    table = _unescape(table, unescaped)
    encoded = {header[i]: e for i, e in structure.encoded.items() if i < width and header[i] not in unescaped}
    has_bad = not structure.ok_utf8 or structure.has_control  # control characters are single bytes
    ids = structure.ids
    if ids is not None and (ids.column >= width or header[ids.column] != "id" or "id" in unescaped):
        ids = None  # the sorted column is not the ids as the rules read them
    typed = validate_columns(table, structure.lines, ~ragged, problems, has_bad, structure.longest, encoded=encoded,
                             distinct_ids=None if ids is None else ids.distinct)
    if problems or typed is None:
        _refuse_spreadsheet(name, problems, structure, raw)
        if errors == "keep" and raw is None:
            return keep_frame(name, header, table, structure.lines, problems, validator(has_bad, structure.longest))
        if errors == "keep" and raw is not None:
            return keep_file(name, raw(), header, table, structure.lines, problems, validator(has_bad, structure.longest))
        raise LoadError(name, problems)
    order = None
    if ids is not None:  # date order, ties by id: the ids sorted by the reader, without Python
        order = date_order(typed["earliest"].to_numpy(), typed["latest"].to_numpy(), ids.sorted())
    return Loaded(name, table, typed, structure.lines, order=order)


def _refuse_spreadsheet(name: str, problems: list[Problem], structure: Structure,
                        raw: Callable[[], bytes] | None) -> None:
    """One LoadError when the bytes that are not UTF-8 look like a Windows-1252 or Latin-1 file."""
    if structure.ok_utf8 or raw is None:
        return
    sheet = encoding_problem(problems, raw)
    if sheet is not None:
        raise LoadError(name, [sheet])


def _unescape(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``table`` with :func:`unescape_cell` applied to the cells of ``columns`` (those that may hold one):
    only the cells that start with "'" are read."""
    for column in dict.fromkeys(c for c in columns if c in table.columns):
        chunked = arrow_text(table[column])
        if chunked is None:
            values = table[column].to_numpy(dtype=object)
            table[column] = pd.Series([unescape_cell(v) for v in values], index=table.index, dtype=object)
            continue
        array = chunked.combine_chunks()
        quoted = pc.starts_with(array, "'")
        if not pc.any(quoted).as_py():
            continue
        rows = np.flatnonzero(quoted.to_numpy(zero_copy_only=False))
        taken = array.take(pa.array(rows, pa.int64())).to_pylist()
        replaced = pa.array([unescape_cell(v) for v in taken], type=array.type)
        table[column] = pd.Series(pd.array(pc.replace_with_mask(array, quoted, replaced), dtype=table[column].dtype),
                                  index=table.index, copy=False)
    return table


def _ranges(numbers: Sequence[int]) -> str:
    """'1-3, 7' for [1, 2, 3, 7]."""
    parts: list[str] = []
    start: int | None = numbers[0]
    for prev, n in zip(numbers, [*numbers[1:], None], strict=True):
        if n != prev + 1 if n is not None else True:
            parts.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = n
    return ", ".join(parts)


def header_problems(header: Sequence[str]) -> Iterable[Problem]:
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
