"""Bytes to cells: the CSV structure of a file, each record with its physical line.

A well-formed UTF-8 file takes the fast path: pyarrow's CSV reader (values may
span lines) makes the cells, beside a numpy scan, chunk by chunk, of the quotes
and line ends that gives each record's physical line and refuses anything
pyarrow would read more leniently than the csv module (a quote inside an
unquoted cell, text after a closing quote, a lone CR outside quotes).  Anything
doubtful (those, ragged rows, an unclosed quote, bytes that are not UTF-8) goes to
the careful reader (:mod:`._careful`), which explains every fault.  Neither path
keeps a decoded copy of the whole file.  The fast path keeps pyarrow's strings as
the cells (pandas' ``str`` dtype: no Python string per cell), with Python strings
only for the distinct values of the columns whose rules read each one.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from ..exceptions import Problem
from ..validation import BY_VALUE, Encoded, dictionary_codes
from ._careful import read_careful
from ._source import CHUNK, Source, has_control
from ._structure import SortedIds, Structure

T = TypeVar("T")

__all__ = ["beside", "read_structure", "strings"]

_SIDE_BY_SIDE = 4 << 20  # bytes from which the scan runs beside pyarrow
_QUOTE, _LF, _CR, _COMMA, _APOSTROPHE = 34, 10, 13, 44, 39


class _Scan:
    """What the structural scan found: record start lines, longest record, control bytes, open quote, and
    whether an apostrophe may start a cell (a cell the writer escaped: see :mod:`._write`)."""

    def __init__(self, lines: np.ndarray, longest: int, control: bool, unclosed: bool, apostrophe: bool) -> None:
        self.lines, self.longest, self.control, self.unclosed = lines, longest, control, unclosed
        self.apostrophe = apostrophe


def _scan(src: Source) -> _Scan | None:
    """Record start lines from the positions of quotes and line feeds, a chunk at a time.

    A line feed ends a record when an even number of quotes comes before it.
    Returns None when pyarrow's reading could differ from the csv module's: a
    quote opening anywhere but at a cell's start, text after a closing quote, a
    lone carriage return outside quotes.
    """
    parity, n_lf, control, apostrophe = 0, 0, False, False
    ends: list[np.ndarray] = []
    end_lines: list[np.ndarray] = []
    cr_before: list[np.ndarray] = []
    before = -1  # the byte before the chunk (-1: the file's start)
    end = src.start
    for buf, own, offset in src.chunks(CHUNK, lookahead=1):
        mine = buf[:own]
        control = control or has_control(mine)
        quotes = np.flatnonzero(mine == _QUOTE)
        if quotes.size and _stray(buf, quotes, parity, before):
            return None
        apostrophe = apostrophe or _starts_cell(buf, np.flatnonzero(mine == _APOSTROPHE), before)
        crs = np.flatnonzero(mine == _CR)
        if crs.size:
            after = crs + 1
            lone = crs[(after >= buf.size) | (buf[np.minimum(after, buf.size - 1)] != _LF)]
            if lone.size and (((parity + np.searchsorted(quotes, lone)) & 1) == 0).any():
                return None  # a lone CR ends a record for the csv module
        lfs = np.flatnonzero(mine == _LF)
        outside = np.flatnonzero(((parity + np.searchsorted(quotes, lfs)) & 1) == 0)
        at = lfs[outside]
        ends.append(at + offset)
        end_lines.append(outside + n_lf)
        crb = buf[np.maximum(at - 1, 0)] == _CR
        if at.size and at[0] == 0:
            crb[0] = before == _CR
        cr_before.append(crb)
        n_lf += lfs.size
        parity = (parity + quotes.size) & 1
        before = int(mine[-1])
        end = offset + own
    stops = np.concatenate([*ends, [end]]).astype(np.int64)
    starts = np.concatenate([[src.start], stops[:-1] + 1]).astype(np.int64)
    lines = np.concatenate([[1], np.concatenate(end_lines) + 2]).astype(np.int64)
    length = stops - starts
    blank = (length == 0) | ((length == 1) & np.concatenate([*cr_before, [False]]))
    keep = ~blank
    longest = int(length[keep].max()) if keep.any() else 0
    return _Scan(lines[keep], longest, control, bool(parity), apostrophe)


def _starts_cell(buf: np.ndarray, at: np.ndarray, before: int) -> bool:
    """Whether a byte at one of the positions ``at`` of the chunk may start a cell: it follows a comma, a
    line end or a quote (or starts the file; ``before`` is the byte before the chunk, -1 at the start)."""
    if not at.size:
        return False
    prior = buf[np.maximum(at - 1, 0)]
    if at[0] == 0:
        prior[0] = _COMMA if before < 0 else before
    return bool(((prior == _COMMA) | (prior == _LF) | (prior == _CR) | (prior == _QUOTE)).any())


def _stray(buf: np.ndarray, quotes: np.ndarray, parity: int, before: int) -> bool:
    """True when a quote opens anywhere but at a cell's start, or text follows a closing quote.

    ``quotes`` are the positions of the chunk's quotes; ``parity`` is 1 when a
    quoted cell is open at the chunk's start; ``before`` the byte before it.
    """
    opening = quotes[(parity + np.arange(quotes.size)) & 1 == 0]
    closing = quotes[(parity + np.arange(quotes.size)) & 1 == 1]
    if opening.size:
        prior = buf[np.maximum(opening - 1, 0)]
        if opening[0] == 0:
            prior[0] = _COMMA if before < 0 else before
        if ((prior != _COMMA) & (prior != _LF) & (prior != _QUOTE)).any():
            return True
    if closing.size:
        after = closing + 1
        nxt = buf[np.minimum(after, buf.size - 1)]
        bad = (after < buf.size) & (nxt != _COMMA) & (nxt != _LF) & (nxt != _CR) & (nxt != _QUOTE)
        if bad.any():
            return True
    return False


def _read_arrow(src: Source, threads: bool = True) -> list[Any] | None:
    """Every column's cells as pyarrow strings, the header row first; None when pyarrow refuses the
    file (ragged rows, bytes that are not UTF-8...): the careful reader will say why.

    ``threads=False`` reads in this thread alone: beside the scan, on two cores, pyarrow's own
    threads (a file whose values may span lines is chunked serially) only contend with it (1M
    records: 1.0 s on one thread against 1.5-2 s on several)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    width = _header_width_bound(src)
    if width is None:
        return None  # a header of many thousand columns: the careful reader reads it
    given = src.arrow_input(native=not threads)  # beside the scan: pyarrow's own reads, without the GIL
    try:
        table = pcsv.read_csv(
            given,
            read_options=pcsv.ReadOptions(use_threads=threads, autogenerate_column_names=True, block_size=1 << 20),
            parse_options=pcsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pcsv.ConvertOptions(column_types={f"f{i}": pa.large_string() for i in range(width)},
                                                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except MemoryError:  # pyarrow's too (ArrowMemoryError): the file is too large, not malformed
        raise
    except (pa.ArrowInvalid, pa.ArrowException, UnicodeDecodeError):
        return None
    finally:
        if isinstance(given, pa.NativeFile):
            given.close()
    if any(not pa.types.is_large_string(t) for t in table.schema.types):
        return None  # a column past the width bound (empty lines first) read as bytes or numbers: be careful
    return list(table.columns)


def _header_width_bound(src: Source, limit: int = 10_000) -> int | None:
    """One more than the commas before the first line feed outside quotes: at least the header's
    width (a quoted comma only lowers it); None past ``limit`` columns."""
    commas, parity = 0, 0
    for buf, own, _ in src.chunks(1 << 16):
        mine = buf[:own]
        quotes = np.flatnonzero(mine == _QUOTE)
        lfs = np.flatnonzero(mine == _LF)
        outside = lfs[((parity + np.searchsorted(quotes, lfs)) & 1) == 0]
        stop = int(outside[0]) if outside.size else own
        commas += int(np.count_nonzero(mine[:stop] == _COMMA))
        if commas >= limit:
            return None
        if outside.size:
            break
        parity = (parity + quotes.size) & 1
    return commas + 1


_SLICE = 1 << 15  # values made into Python strings per call (see strings)


def beside(pool: Executor, fn: Callable[..., T], *args: Any) -> Future[T]:
    """``fn(*args)`` submitted to ``pool``, or run now in this thread when no thread is to be had
    (memory is short: a RuntimeError): the work is then done one part after the other."""
    try:
        return pool.submit(fn, *args)
    except RuntimeError:
        done: Future[T] = Future()
        done.set_result(fn(*args))
        return done


def _prepared(chunked: Any, apostrophe: bool) -> tuple[str, Any, bool, Any]:
    """A column's header cell, its cells (chunks as pyarrow read them), whether a cell starts with "'"
    (maybe escaped; looked for only when the scan saw ``apostrophe`` at a cell's start), and their
    dictionary encoding (only for the columns whose rules read each distinct value:
    :data:`~llmtimeline.validation.BY_VALUE`): pyarrow's work, without the GIL."""
    import pyarrow.compute as pc

    name, cells = chunked[0].as_py(), chunked.slice(1)
    escaped = apostrophe and bool(pc.any(pc.starts_with(cells, "'")).as_py())
    encoded = pc.dictionary_encode(cells) if name.strip() in BY_VALUE else None
    return name, cells, escaped, encoded


def _sorted_ids(cells: Any) -> tuple[np.ndarray, bool]:
    """The rows in id order, and whether the ids are ASCII and all differ (see :class:`SortedIds`)."""
    import pyarrow.compute as pc

    order = pc.sort_indices(cells)
    distinct = False
    if len(cells) > 1 and pc.all(pc.string_is_ascii(cells)).as_py():
        ordered = cells.take(order)
        distinct = not pc.any(pc.equal(ordered.slice(1), ordered.slice(0, len(cells) - 1))).as_py()
    return np.asarray(order.to_numpy(), dtype=np.int64), distinct


def strings(array: Any, as_bytes: bool = False) -> np.ndarray:
    """A string or binary array's values as Python strings (bytes decoded with surrogateescape when
    ``as_bytes``), made a slice at a time: each slice is one call holding the GIL, so a thread doing
    pyarrow's work on the next column gets it in between."""
    import pyarrow as pa

    values = np.empty(len(array), dtype=object)
    for start in range(0, len(array), _SLICE):
        try:
            part = array.slice(start, _SLICE).to_numpy(zero_copy_only=False)
        except pa.ArrowException as exc:  # a Python string that could not be made: memory ran out
            if "Wrapping" in str(exc):
                raise MemoryError from exc
            raise
        if as_bytes:
            part = np.array([v.decode("utf-8", "surrogateescape") for v in part.tolist()], dtype=object)
        values[start:start + len(part)] = part
    return values


class _Columns:
    """What :func:`_columns` makes of pyarrow's columns (see there)."""

    def __init__(self) -> None:
        self.header: list[str] = []
        self.columns: list[Any] = []
        self.escaped: set[int] = set()
        self.encodings: dict[int, Encoded] = {}
        self.ids: SortedIds | None = None


def _columns(arrow: list[Any], apostrophe: bool = True) -> _Columns:
    """The header and each column's cells as pandas' Arrow-backed ``str`` arrays (no Python string per
    cell), the columns where a cell starts with "'" (maybe escaped), the codes and distinct values
    (Python strings: the rules read them) of the columns that repeat, and the ids as they are being
    sorted (:class:`SortedIds`: in a thread of its own, which goes on while the rules run).  The
    columns are prepared (:func:`_prepared`) in two other threads while this one makes each prepared
    column's distinct values into Python strings."""
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow as pa

    pool = pa.default_memory_pool()
    out = _Columns()

    def take(i: int) -> Any:
        chunked, arrow[i] = arrow[i], None
        return _prepared(chunked, apostrophe)

    with ThreadPoolExecutor(max_workers=2) as workers:  # the scan is done: both cores encode columns
        pending = [beside(workers, take, i) for i in range(len(arrow))]
        for i, prepared in enumerate(pending):
            name, array, starts_quoted, encoded = prepared.result()
            if name.strip() == "id" and out.ids is None:  # sorted at once: the sort goes on while the rules run
                sorter = ThreadPoolExecutor(max_workers=1)
                out.ids = SortedIds(i, beside(sorter, _sorted_ids, array))
                sorter.shutdown(wait=False)  # its future is waited on
            if starts_quoted:
                out.escaped.add(i)
            if encoded is not None:  # a Python string for each distinct value: the rules read them
                codes, dictionary = dictionary_codes(encoded)
                out.encodings[i] = Encoded(codes, strings(dictionary))
            out.header.append(name)
            out.columns.append(pd.array(array, dtype="str"))
            del array, encoded
    pool.release_unused()
    return out


def _read_fast(src: Source) -> Structure | None:
    """The structure from the scan, the cells from pyarrow; None when they disagree or the scan doubts.

    On a large file the two run side by side (numpy and pyarrow let go of the GIL).
    """
    if src.size - src.start >= _SIDE_BY_SIDE:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = beside(pool, _scan, src)
            arrow = _read_arrow(src, threads=False)
            scan = pending.result()
    else:
        scan = _scan(src)
        arrow = None if scan is None or scan.unclosed else _read_arrow(src)
    if scan is None or not arrow or scan.unclosed or len(arrow[0]) != scan.lines.size:
        return None  # let the careful reader find and explain the problem
    made = _columns(arrow, scan.apostrophe)
    n = len(made.columns[0])
    cells = pd.DataFrame(dict(enumerate(made.columns)), index=pd.RangeIndex(n), copy=False)
    return Structure(made.header, cells, scan.lines[1:], np.full(n, len(made.header), dtype=np.int64), scan.longest,
                     ok_utf8=True, has_control=scan.control, escaped=made.escaped, encoded=made.encodings,
                     ids=made.ids)


def read_structure(src: Source, problems: list[Problem]) -> Structure:
    """The header, cells, start lines and widths of a file's bytes.

    The fast path when the scan and pyarrow agree; otherwise the careful reader,
    which appends a :class:`Problem` for every structural fault to ``problems``.
    """
    structure = _read_fast(src)
    if structure is None:
        structure = read_careful(src, problems)
    return structure
