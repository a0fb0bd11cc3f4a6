"""The careful reader: the csv module over a decoded stream, explaining every structural fault.

It runs when the fast path (:mod:`._csv`) doubts a file.  Time and memory stay linear in the
file's size whatever its faults: line numbers are counted in the one pass that
reads the records, the text of the lines a problem names is fetched in one more
pass at the end, rows are never padded to the widest, and the file is decoded
as a stream.  A physical line ends with LF (or CR LF); a lone CR is a line end
only in a file that has no LF at all (old Mac files), so a CR inside a quoted
cell never shifts later line numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import numpy as np
import pandas as pd

from ..exceptions import Problem
from ..safe_text import printable
from ._source import Source
from ._structure import Structure

__all__ = ["read_careful"]

_SURROGATE_RE = re.compile(r"[\udc80-\udcff]")
_BATCH = 1 << 16  # rows gathered before they become one block of cells
_SHOWN = 200  # characters of a line shown in a problem


class _Lines:
    """The pieces the csv module reads (split at LF, CR LF and CR), counting physical line ends."""

    def __init__(self, stream: io.TextIOBase, end: str) -> None:
        self._stream = stream
        self._end = end
        self.ends = 0  # physical line ends read so far
        self.pieces = 0  # pieces read so far
        self.chars = 0  # characters read so far
        self.surrogates = False  # a byte was not UTF-8

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        piece = self._stream.readline()
        if not piece:
            raise StopIteration
        self.pieces += 1
        self.chars += len(piece)
        if piece.endswith(self._end):
            self.ends += 1
        if not self.surrogates and _SURROGATE_RE.search(piece):
            self.surrogates = True
        return piece


def _fault(exc: csv.Error) -> tuple[str, bool]:
    """The reason for a csv module error, and whether the rest of the file is lost to it."""
    reason = str(exc)
    if "end of data" in reason or "EOF" in reason:
        return 'a quoted cell is never closed: a " is missing (the rest of the file was read as one cell)', True
    if "expected after" in reason:
        reason = ('text after a closing quote ": a quoted cell must end with its quote; '
                  'write the whole cell in quotes and double the quotes inside it ("")')
    return f"malformed CSV: {reason}", False


class _Blocks:
    """Rows gathered into blocks of cells as wide as the header, the full cells of the other rows aside."""

    def __init__(self) -> None:
        self.header: list[str] | None = None
        self.blocks: list[np.ndarray] = []
        self.batch: list[list[str]] = []
        self.widths: list[int] = []
        self.ragged: dict[int, list[str]] = {}

    def add(self, row: list[str]) -> None:
        if self.header is None:
            self.header = row
            return
        width = len(self.header)
        self.widths.append(len(row))
        if len(row) != width:
            self.ragged[len(self.widths) - 1] = row
            row = row[:width] + [""] * (width - len(row))
        self.batch.append(row)
        if len(self.batch) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if self.batch and self.header is not None:
            block = np.empty((len(self.batch), len(self.header)), dtype=object)
            block[:] = self.batch
            self.blocks.append(block)
        self.batch = []

    def frame(self) -> pd.DataFrame:
        self.flush()
        width = len(self.header or ())
        n = len(self.widths)
        cells = np.concatenate(self.blocks) if self.blocks else np.empty((0, width), dtype=object)
        return pd.DataFrame({i: cells[:, i].copy() for i in range(width)}, index=pd.RangeIndex(n), dtype=object)


def read_careful(src: Source, problems: list[Problem]) -> Structure:
    """The :class:`~._csv.Structure` of ``src`` as the csv module reads it; every fault in ``problems``."""
    end = "\n" if src.contains(b"\n") else "\r"
    stream = io.TextIOWrapper(src.stream(), encoding="utf-8", errors="surrogateescape", newline="")
    lines = _Lines(stream, end)
    blocks = _Blocks()
    starts: list[int] = []
    faults: list[tuple[int, str]] = []
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    try:
        reader = csv.reader(lines, strict=True)
        previous, pieces = 0, 0  # physical line ends and pieces read before the current record
        longest = chars = 0  # characters of the longest record, and read before the current one
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                reason, lost = _fault(exc)
                faults.append((previous + 1, reason))
                if lost or lines.pieces <= pieces:
                    break
                previous, pieces, chars = lines.ends, lines.pieces, lines.chars
                continue
            start, previous, pieces = previous + 1, lines.ends, lines.pieces
            longest, chars = max(longest, lines.chars - chars), lines.chars
            if not row:
                continue
            blocks.add(row)
            starts.append(start)
    finally:
        csv.field_size_limit(limit)
        stream.detach()
    shown = _physical_lines(src, end, sorted({line for line, _ in faults}))
    problems.extend(Problem(line, None, shown.get(line, ""), reason) for line, reason in faults)
    if blocks.header is None:
        return Structure([], pd.DataFrame(), np.zeros(0, np.int64), np.zeros(0, np.int64),
                         ok_utf8=not lines.surrogates)
    cells = blocks.frame()
    escaped = set()
    if _may_start_with_apostrophe(src):
        escaped = {i for i in cells.columns if any(v[:1] == "'" for v in cells[i].to_numpy())}
    return Structure(blocks.header, cells, np.asarray(starts[1:], np.int64), np.asarray(blocks.widths, np.int64),
                     longest, ok_utf8=not lines.surrogates, has_control=src.has_control(), escaped=escaped,
                     ragged=blocks.ragged)


def _may_start_with_apostrophe(src: Source) -> bool:
    """Whether a cell may start with "'": an apostrophe at the start, or after a comma, a line end or a quote."""
    if src.head.startswith(b"'"):
        return True
    for buf, _, _ in src.chunks(lookahead=1):
        data = buf.tobytes()
        if any(pair in data for pair in (b",'", b"\n'", b"\r'", b"\"'")):
            return True
    return False


def _physical_lines(src: Source, end: str, wanted: list[int]) -> dict[int, str]:
    """The text of each physical line in ``wanted`` (1-based, sorted), cut to a few hundred characters."""
    if not wanted:
        return {}
    mark = ord(end)
    positions: list[np.ndarray] = []
    for buf, own, offset in src.chunks():
        positions.append(np.flatnonzero(buf[:own] == mark) + offset)
    breaks = np.concatenate(positions) if positions else np.zeros(0, np.int64)
    out = {}
    for line in wanted:
        first = src.start if line == 1 else (int(breaks[line - 2]) + 1 if line - 2 < breaks.size else None)
        if first is None:
            out[line] = ""
            continue
        stop = int(breaks[line - 1]) if line - 1 < breaks.size else src.size
        raw = src.read_at(first, min(stop - first, 4 * _SHOWN))
        text = raw.decode("utf-8", "surrogateescape").rstrip("\r")[:_SHOWN]
        out[line] = printable(text)
    return out
