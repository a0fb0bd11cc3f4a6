"""Loading that keeps going: the good records load, the bad ones are kept as written.

With ``errors="keep"`` a problem of one record no longer refuses the file: the
records without problems are validated and typed as usual, and each record with a
problem is kept whole, as the bytes it was written with, with its problems listed.
Saving writes every record back in file order, so nothing is lost.  A problem of
the whole file (not UTF-8, no header, a bad header, no records) still raises.

A record's bytes run from the line it starts on to the line the next record starts
on, blank lines and its line end left out; lines are counted as the reader counts
them (a line feed, and a lone carriage return if the reader counts one).
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Sequence

import attrs
import numpy as np
import pandas as pd

from ..exceptions import LoadError, Problem
from ..safe_text import printable
from ._csv import read_structure
from ._source import Source as Bytes
from ._write import spreadsheet_safe, unescape_cell

__all__ = ["PROBLEM_COLUMNS", "Kept", "Loaded", "keep_file", "keep_frame", "no_problems"]

#: The columns of :attr:`llmtimeline.Timeline.problems`.
PROBLEM_COLUMNS: tuple[str, ...] = ("line", "id", "column", "value", "reason")

#: Validates a table of rows (with their lines), appending problems; the typed columns, or None.
Validate = Callable[[pd.DataFrame, np.ndarray, list[Problem]], "pd.DataFrame | None"]


@attrs.frozen(eq=False)
class Kept:
    """The records a load kept as written because they have problems.

    ``header`` is the header they were written under; ``records`` their bytes
    (without line end), in file order; ``before`` how many loaded (good) records
    come before each; ``cells`` their cells as far as they could be read (index
    ``line``, the contract columns then any extras); ``problems`` one row per
    problem (:data:`PROBLEM_COLUMNS`).
    """

    header: tuple[str, ...]
    records: tuple[bytes, ...]
    before: np.ndarray
    cells: pd.DataFrame
    problems: pd.DataFrame

    def same(self, other: Kept) -> bool:
        """The same records, written the same, at the same places."""
        return (self.header == other.header and self.records == other.records
                and bool(np.array_equal(self.before, other.before)))


@attrs.frozen(eq=False)
class Loaded:
    """What a read gives: the good records' cells, typed columns and lines, and the kept ones."""

    name: str
    cells: pd.DataFrame
    typed: pd.DataFrame
    lines: np.ndarray
    kept: Kept | None = None
    #: Row positions in date order (earliest day, latest day, then id), when the reader had them
    #: (None: the Timeline sorts).
    order: np.ndarray | None = None


def no_problems() -> pd.DataFrame:
    """An empty problems table."""
    return pd.DataFrame({c: pd.Series([], dtype=np.int64 if c == "line" else object) for c in PROBLEM_COLUMNS})


def _split(name: str, table: pd.DataFrame, lines: np.ndarray, problems: list[Problem],
           validate: Validate) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """The rows without problems, the start lines of the records with some, the typed columns.

    Problems of the whole file (no line, or the header's) raise.  The good rows are
    validated again on their own (a row may have been judged beside a bad one: a
    duplicate of a bad record's id is itself a duplicate, and stays one).
    """
    if any(p.line is None or p.line <= 1 for p in problems):
        raise LoadError(name, problems)
    bad = np.zeros(len(table), dtype=bool)
    orphans: set[int] = set()
    pending = problems
    while True:
        wanted = np.unique(np.array([p.line for p in pending], dtype=np.int64))
        at = np.minimum(np.searchsorted(lines, wanted), max(len(lines) - 1, 0))
        hit = (at < len(lines)) & (lines[at] == wanted) if len(lines) else np.zeros(wanted.size, dtype=bool)
        bad[at[hit]] = True
        orphans.update(wanted[~hit].tolist())  # records the reader could not split into cells
        good = np.flatnonzero(~bad)
        more: list[Problem] = []
        typed = validate(table.take(good).reset_index(drop=True), lines[good], more)
        if typed is not None and not more:
            break
        if not more:  # pragma: no cover  # validation refuses only with a problem
            raise LoadError(name, problems)
        problems.extend(more)
        pending = more
    starts = np.union1d(lines[bad], np.array(sorted(orphans), dtype=np.int64))
    return good, starts, typed


def _problem_frame(problems: Sequence[Problem], ids: dict[int, str]) -> pd.DataFrame:
    ordered = sorted(problems, key=lambda p: (p.line or 0, p.column or ""))
    return pd.DataFrame({
        "line": np.array([p.line for p in ordered], dtype=np.int64),
        "id": np.array([printable(ids.get(p.line or 0, "")) for p in ordered], dtype=object),
        "column": np.array([p.column or "" for p in ordered], dtype=object),
        "value": np.array(["" if p.value is None else printable(p.value) for p in ordered], dtype=object),
        "reason": np.array([printable(p.reason) for p in ordered], dtype=object),
    })


@functools.cache
def _lone_cr_ends_lines() -> bool:
    """Whether the reader counts a lone carriage return as a line end (asked once, of the reader itself)."""
    probe = b'a\n"x\ry"\nb\n'
    structure = read_structure(Bytes(probe), [])
    return int(structure.lines[-1]) == 4


def _line_starts(raw: bytes) -> np.ndarray:
    """The byte offset where each line starts (index 0: line 1), lines ending as the reader counts them."""
    arr = np.frombuffer(raw, dtype=np.uint8)
    breaks = np.flatnonzero(arr == 10)
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n") and _lone_cr_ends_lines():
        cr = np.flatnonzero(arr == 13)
        lone = cr[(cr + 1 >= arr.size) | (arr[np.minimum(cr + 1, arr.size - 1)] != 10)]
        breaks = np.sort(np.concatenate((breaks, lone)))
    return np.concatenate(([0], breaks + 1)).astype(np.int64)


def _record_bytes(raw: bytes, all_starts: np.ndarray, wanted: np.ndarray) -> list[bytes]:
    """The bytes of each record starting on a line of ``wanted`` (all records start on ``all_starts``)."""
    offsets = _line_starts(raw)

    def offset(line: int) -> int:
        return int(offsets[line - 1]) if line - 1 < offsets.size else len(raw)

    out = []
    for line in wanted.tolist():
        k = int(np.searchsorted(all_starts, line))
        end = offset(int(all_starts[k + 1])) if k + 1 < all_starts.size else len(raw)
        out.append(raw[offset(line):end].strip(b"\r\n"))
    return out


def _cells_of(header: Sequence[str], text: bytes) -> dict[str, str]:
    """The cells of one malformed record, as well as a lenient reading can tell."""
    try:
        row = next(csv.reader(io.StringIO(text.decode("utf-8", "surrogateescape"), newline="")), [])
    except csv.Error:
        row = []
    return {h: unescape_cell(v) for h, v in zip(header, row, strict=False)}


def _kept_cells(table: pd.DataFrame, rows: np.ndarray, lines: np.ndarray, orphans: dict[int, dict[str, str]],
                starts: np.ndarray) -> pd.DataFrame:
    columns = list(table.columns)
    by_line = {int(lines[r]): k for k, r in enumerate(rows.tolist())}  # the bad rows' cells only are read
    values = {c: table[c].iloc[rows].to_numpy(dtype=object) for c in columns}
    data: dict[str, list[str]] = {c: [] for c in columns}
    for line in starts.tolist():
        k = by_line.get(line)
        for c in columns:
            data[c].append(values[c][k] if k is not None else orphans[line].get(c, ""))
    # shown, never saved (a save writes the record's bytes): bytes that were not UTF-8 as \xe9 escapes,
    # so every view and export can encode them
    shown = {c: np.array([printable(v) for v in vals], dtype=object) for c, vals in data.items()}
    frame = pd.DataFrame(shown, columns=columns, dtype=object)
    frame.index = pd.Index(starts, name="line")
    return frame


def _finish(name: str, header: Sequence[str], table: pd.DataFrame, lines: np.ndarray, problems: list[Problem],
            good: np.ndarray, starts: np.ndarray, typed: pd.DataFrame, records: list[bytes],
            orphans: dict[int, dict[str, str]]) -> Loaded:
    bad_rows = np.setdiff1d(np.arange(len(table)), good)
    cells = _kept_cells(table, bad_rows, lines, orphans, starts)
    ids = dict(zip(starts.tolist(), cells["id"].tolist(), strict=True))
    kept = Kept(tuple(header), tuple(records), np.searchsorted(lines[good], starts).astype(np.int64), cells,
                _problem_frame(problems, ids))
    return Loaded(name, table.take(good).reset_index(drop=True), typed, lines[good], kept)


def keep_file(name: str, raw: bytes, header: Sequence[str], table: pd.DataFrame, lines: np.ndarray,
              problems: list[Problem], validate: Validate) -> Loaded:
    """Split a file's records into the good ones (validated, typed) and the kept ones (their bytes)."""
    good, starts, typed = _split(name, table, lines, problems, validate)
    all_starts = np.union1d(lines, starts)
    records = _record_bytes(raw, all_starts, starts)
    row_lines = set(lines.tolist())
    orphans = {line: _cells_of(header, text) for line, text in zip(starts.tolist(), records, strict=True)
               if line not in row_lines}
    return _finish(name, header, table, lines, problems, good, starts, typed, records, orphans)


def keep_frame(name: str, header: Sequence[str], table: pd.DataFrame, lines: np.ndarray,
               problems: list[Problem], validate: Validate) -> Loaded:
    """Split a DataFrame's rows; a kept row's bytes are its cells written as a CSV record."""
    good, starts, typed = _split(name, table, lines, problems, validate)
    rows = np.searchsorted(lines, starts)
    columns = [table[h].iloc[rows].to_numpy(dtype=object) if h in table.columns else np.full(rows.size, "", dtype=object)
               for h in header]
    records = [_csv_record([column[k] for column in columns]) for k in range(rows.size)]
    return _finish(name, header, table, lines, problems, good, starts, typed, records, {})


def _csv_record(cells: Sequence[str]) -> bytes:
    """One record as the writer writes it (spreadsheet-safe, quoted where needed), without its line end."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([spreadsheet_safe(c) for c in cells])
    text = buffer.getvalue()[:-2]
    try:
        return text.encode("utf-8", "surrogateescape")  # bytes that were not UTF-8 come back as they were
    except UnicodeEncodeError:  # a lone surrogate made in code (not an escaped byte): kept as its code point
        return text.encode("utf-8", "surrogatepass")

