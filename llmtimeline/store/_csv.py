"""Bytes to cells: the CSV structure of a file, each record with its physical line.

A well-formed file takes the fast path: a numpy structural scan beside pandas' C
reader.  Anything doubtful (stray quotes, ragged rows, an unclosed quote, a lone
CR) goes to the careful reader (the ``csv`` module), which explains every fault.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

import numpy as np
import pandas as pd

from ..exceptions import Problem

__all__ = ["Structure", "decode", "printable", "read_structure"]

_SURROGATE_RE = re.compile(r"[\udc80-\udcff]")




class Structure:
    """The cells of a file: header, rows as an object DataFrame, and each row's line."""

    def __init__(self, header: list[str], cells: pd.DataFrame, lines: np.ndarray, widths: np.ndarray,
                 longest: int | None = None) -> None:
        self.header = header
        self.cells = cells  # columns 0..n-1, object dtype, "" for empty; header row excluded
        self.lines = lines  # physical start line of each row
        self.widths = widths  # number of cells in each row
        self.longest = longest  # bytes of the longest record, when known: no cell is longer


def _scan(raw: bytes) -> tuple[np.ndarray, np.ndarray, bool, int] | None:
    """Fast structural scan: record start lines, cell counts, whether a quote is left open,
    and the length in bytes of the longest record.

    Returns None when the scan cannot be trusted (a lone carriage return as a line end).
    Works on the positions of quotes, line feeds and commas: a line feed or a comma
    is outside quotes when an even number of quotes comes before it, and the commas
    of a record are its commas less those inside its quoted spans.
    """
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        return None  # old Mac line ends: let the csv module read it
    arr = np.frombuffer(raw, dtype=np.uint8)
    if arr.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), False, 0
    quotes = np.flatnonzero(arr == 34)
    if _stray_quotes(arr, quotes):
        return None  # a quote inside an unquoted cell, or text after a closing quote
    nl_positions = np.flatnonzero(arr == 10)
    ends = nl_positions[(np.searchsorted(quotes, nl_positions) & 1) == 0]
    unclosed = bool(quotes.size & 1)
    if ends.size == 0 or ends[-1] != arr.size - 1:
        ends = np.append(ends, arr.size)
    starts = np.concatenate(([0], ends[:-1] + 1))
    length = ends - starts
    blank = (length == 0) | ((length == 1) & (arr[np.minimum(starts, arr.size - 1)] == 13))
    blank &= starts < arr.size
    blank |= starts >= arr.size
    starts = starts[~blank]
    if starts.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), unclosed, 0
    commas = np.flatnonzero(arr == 44)
    per_record = np.diff(np.searchsorted(commas, starts), append=commas.size)
    opening, closing = quotes[0::2], np.append(quotes[1::2], arr.size)[: (quotes.size + 1) // 2]
    quoted = np.searchsorted(commas, closing) - np.searchsorted(commas, opening)
    record_of_span = np.searchsorted(starts, opening, side="right") - 1
    inside = np.bincount(record_of_span, weights=quoted, minlength=starts.size).astype(np.int64)
    widths = per_record - inside + 1
    lines = np.searchsorted(nl_positions, starts) + 1
    longest = int(np.diff(starts, append=arr.size).max())
    return lines.astype(np.int64), widths, unclosed, longest


def _stray_quotes(arr: np.ndarray, quotes: np.ndarray) -> bool:
    """True when a quote opens anywhere but at a cell's start, or text follows a closing quote.

    ``quotes`` are the positions of the quotes: they open and close in turn.
    """
    if quotes.size == 0:
        return False
    opening, closing = quotes[0::2], quotes[1::2]
    before = arr[np.maximum(opening - 1, 0)]
    bad_open = (opening > 0) & (before != 44) & (before != 10) & (before != 34)
    after = arr[np.minimum(closing + 1, arr.size - 1)]
    bad_close = (closing + 1 < arr.size) & (after != 44) & (after != 10) & (after != 13) & (after != 34)
    return bool(bad_open.any() or bad_close.any())


def _read_fast(raw: bytes, ok_utf8: bool) -> Structure | None:
    """The structure from the scan, the cells from pandas; None when they disagree or the scan doubts.

    On a large file the two run side by side (numpy and the pandas tokenizer let
    go of the GIL): the scan costs little more than nothing on two cores.
    """
    if len(raw) >= _SIDE_BY_SIDE:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(_scan, raw)
            frame = _read_cells(raw, ok_utf8)
            scan = pending.result()
    else:
        scan = _scan(raw)
        frame = None if scan is None else _read_cells(raw, ok_utf8)
    if scan is None or frame is None:
        return None
    lines, widths, unclosed, longest = scan
    if unclosed or lines.size == 0 or (widths != widths[0]).any() or frame.shape[1] != widths[0]:
        return None  # let the careful reader find and explain the problem
    if len(frame) != lines.size:
        return None
    header = [str(h) for h in frame.iloc[0].tolist()]
    cells = frame.iloc[1:].reset_index(drop=True)
    return Structure(header, cells, lines[1:], widths[1:], longest)


_SIDE_BY_SIDE = 4 << 20  # bytes from which the scan runs beside pandas


def _read_cells(raw: bytes, ok_utf8: bool) -> pd.DataFrame | None:
    """Every cell as text ("" for empty), the header row first; None when pandas cannot read it."""
    try:
        return pd.read_csv(
            io.BytesIO(raw), header=None, dtype=object,
            na_filter=False, keep_default_na=False, skip_blank_lines=True, index_col=False,
            encoding="utf-8", encoding_errors="strict" if ok_utf8 else "surrogateescape",
            quoting=csv.QUOTE_MINIMAL, doublequote=True, engine="c", low_memory=True,  # chunks: faster, as every column is text
        )
    except (pd.errors.ParserError, ValueError, UnicodeDecodeError):
        return None


def _read_careful(text: str, problems: list[Problem]) -> Structure:
    """The csv module's reading, line by line: slower, but it explains every fault."""
    limit = csv.field_size_limit()
    csv.field_size_limit(2**31 - 1)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        previous = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                reason = str(exc)
                if "end of data" in reason or "EOF" in reason:
                    reason = 'a quoted cell is never closed: a " is missing (the rest of the file was read as one cell)'
                    problems.append(Problem(previous + 1, None, _physical_line(text, previous + 1), reason))
                    break
                line = previous + 1
                value = _physical_line(text, line)
                if "expected after" in reason:
                    reason = ('text after a closing quote ": a quoted cell must end with its quote; '
                              'write the whole cell in quotes and double the quotes inside it ("")')
                problems.append(Problem(line, None, value, f"malformed CSV: {reason}"))
                if reader.line_num <= previous:
                    break
                previous = reader.line_num
                continue
            start, previous = previous + 1, reader.line_num
            if not row:
                continue
            rows.append(row)
            lines.append(start)
    finally:
        csv.field_size_limit(limit)
    if not rows:
        return Structure([], pd.DataFrame(), np.zeros(0, np.int64), np.zeros(0, np.int64))
    header, body = rows[0], rows[1:]
    width = max([len(header), *map(len, body)])
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in body], columns=list(range(width)), dtype=object)
    return Structure(header, frame, np.asarray(lines[1:], np.int64), np.asarray([len(r) for r in body], np.int64))


def _physical_line(text: str, line: int, limit: int = 200) -> str:
    """The text of physical line ``line`` (1-based), cut to ``limit`` characters."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    end = text.find("\n", start)
    value = text[start:] if end < 0 else text[start:end]
    return printable(value.rstrip("\r")[:limit])


def printable(value: str) -> str:
    """``value`` with bytes that were not UTF-8 shown as ``\\xe9`` escapes."""
    if _SURROGATE_RE.search(value):
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return value


def decode(raw: bytes, name: str, problems: list[Problem]) -> tuple[bytes, str | None, bool]:
    """Drop a UTF-8 BOM and decode; bad bytes are kept as surrogates and reported per cell."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    for bom, label in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                       (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            problems.append(Problem(1, None, None, f"the file is {label}, not UTF-8: save it as 'CSV UTF-8'"))
            return raw, None, False
    head = raw[:4096]
    if head.count(0) * 4 >= len(head) > 0:  # NUL bytes between the characters of a text
        label = "UTF-32" if head.count(b"\x00\x00\x00") * 8 >= len(head) else "UTF-16"
        problems.append(Problem(1, None, None, f"the file looks like {label} (NUL bytes between characters), "
                                               "not UTF-8: save it as 'CSV UTF-8'"))
        return raw, None, False
    try:
        return raw, raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw, raw.decode("utf-8", errors="surrogateescape"), False


def read_structure(raw: bytes, text: str, ok_utf8: bool, problems: list[Problem]) -> Structure:
    """The header, cells, start lines and widths of a decoded file.

    The fast path when the scan and pandas agree; otherwise the careful reader,
    which appends a :class:`Problem` for every structural fault to ``problems``.
    """
    structure = _read_fast(raw, ok_utf8)
    if structure is None:
        structure = _read_careful(text, problems)
    return structure
