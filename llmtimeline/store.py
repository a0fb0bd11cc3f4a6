"""events.csv ⇄ Timeline: read and validate a whole file at once, save atomically.

The loader reports *every* problem of a file in one :class:`~llmtimeline.LoadError`
(line, column, value and reason each) and drops or guesses nothing.  The line of
a problem is the physical line where its record starts: the header is line 1, and
a quoted cell may span lines.  Files are UTF-8; a UTF-8 byte-order mark (which
spreadsheets write) is accepted and dropped.

Validation runs over columns: each distinct date, deadline phrase or facts text
is parsed once, so a million rows load in a few seconds.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .exceptions import LoadError, Problem
from .schema import (
    CELL_RULES,
    COLUMNS,
    REQUIRED_CELLS,
    REQUIRED_HEADER,
    RULES,
    WHY,
    Expectation,
    cell_problem,
    deadline_problem,
)

__all__ = ["bundled_path", "read_table", "spreadsheet_safe", "unescape_cell", "write_table"]

_SURROGATE_RE = re.compile(r"[\udc80-\udcff]")
_BAD_CELL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\udc80-\udcff]")
# Spreadsheet formula injection: a cell starting with one of these runs as a formula.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")  # -3 is a number, not a formula
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_MAYBE_ESCAPED = re.compile(r"(?:^|[,\n\"])'+[=+\-@\t\r]")


def spreadsheet_safe(value: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula, reversibly.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    (after any apostrophes) gets one ``'`` in front, which spreadsheets read as
    text (a plain number such as ``-3`` is left alone: it is no formula)
; :func:`unescape_cell` takes it off again, so saving and loading keeps
    every value.

    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("'=x"), spreadsheet_safe("'Tis")
    ("'=HYPERLINK(1)", "''=x", "'Tis")
    """
    return "'" + value if _FORMULA.match(value) and not _NUMBER.fullmatch(value) else value


def unescape_cell(value: str) -> str:
    """Undo :func:`spreadsheet_safe`.

    >>> unescape_cell("'=HYPERLINK(1)"), unescape_cell("''=x"), unescape_cell("'Tis")
    ('=HYPERLINK(1)', "'=x", "'Tis")
    """
    return value[1:] if _ESCAPED.match(value) else value


def bundled_path() -> Path:
    """The events.csv that ships with the package.

    An installed wheel carries it as ``llmtimeline/data/events.csv``; a source
    checkout (or an editable install) reads the project's top-level ``events.csv``.
    """
    packaged = Path(__file__).with_name("data") / "events.csv"
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parent.parent / "events.csv"


# -- reading the CSV structure ----------------------------------------------------


class _Structure:
    """The cells of a file: header, rows as an object DataFrame, and each row's line."""

    def __init__(self, header: list[str], cells: pd.DataFrame, lines: np.ndarray, widths: np.ndarray) -> None:
        self.header = header
        self.cells = cells  # columns 0..n-1, object dtype, "" for empty; header row excluded
        self.lines = lines  # physical start line of each row
        self.widths = widths  # number of cells in each row


def _scan(raw: bytes) -> tuple[np.ndarray, np.ndarray, bool] | None:
    """Fast structural scan: record start lines, cell counts, and whether a quote is left open.

    Returns None when the scan cannot be trusted (a lone carriage return as a line end).
    """
    arr = np.frombuffer(raw, dtype=np.uint8)
    if arr.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), False
    quote = arr == 34
    outside = (np.cumsum(quote, dtype=np.uint8) & 1) == 0
    newline = arr == 10
    if (arr == 13).any() and np.count_nonzero(arr == 13) != np.count_nonzero(newline & np.roll(arr == 13, 1)):
        return None  # old Mac line ends: let the csv module read it
    if _stray_quotes(arr, quote, outside):
        return None  # a quote inside an unquoted cell, or text after a closing quote
    nl_positions = np.flatnonzero(newline)
    ends = np.flatnonzero(newline & outside)
    unclosed = not bool(outside[-1])
    if ends.size == 0 or ends[-1] != arr.size - 1:
        ends = np.append(ends, arr.size)
    starts = np.concatenate(([0], ends[:-1] + 1))
    length = ends - starts
    blank = (length == 0) | ((length == 1) & (arr[np.minimum(starts, arr.size - 1)] == 13))
    blank &= starts < arr.size
    blank |= starts >= arr.size
    starts = starts[~blank]
    if starts.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), unclosed
    comma = (arr == 44) & outside
    widths = np.add.reduceat(comma, starts, dtype=np.int64) + 1
    lines = np.searchsorted(nl_positions, starts) + 1
    return lines.astype(np.int64), widths, unclosed


def _stray_quotes(arr: np.ndarray, quote: np.ndarray, outside: np.ndarray) -> bool:
    """True when a quote opens anywhere but at a cell's start, or text follows a closing quote."""
    positions = np.flatnonzero(quote)
    if positions.size == 0:
        return False
    closes = outside[positions]
    opening = positions[~closes]
    before = arr[np.maximum(opening - 1, 0)]
    bad_open = (opening > 0) & (before != 44) & (before != 10) & (before != 34)
    closing = positions[closes]
    after = arr[np.minimum(closing + 1, arr.size - 1)]
    bad_close = (closing + 1 < arr.size) & (after != 44) & (after != 10) & (after != 13) & (after != 34)
    return bool(bad_open.any() or bad_close.any())


def _read_fast(raw: bytes, ok_utf8: bool) -> _Structure | None:
    scan = _scan(raw)
    if scan is None:
        return None
    lines, widths, unclosed = scan
    if unclosed or lines.size == 0 or (widths != widths[0]).any():
        return None  # let the careful reader find and explain the problem
    try:
        frame = pd.read_csv(
            io.BytesIO(raw), header=None, names=list(range(int(widths[0]))), dtype=object,
            na_filter=False, keep_default_na=False, skip_blank_lines=True, index_col=False,
            encoding="utf-8", encoding_errors="strict" if ok_utf8 else "surrogateescape",
            quoting=csv.QUOTE_MINIMAL, doublequote=True, engine="c", low_memory=False,
        )
    except (pd.errors.ParserError, ValueError, UnicodeDecodeError):
        return None
    if len(frame) != lines.size:
        return None
    header = [str(h) for h in frame.iloc[0].tolist()]
    cells = frame.iloc[1:].reset_index(drop=True)
    return _Structure(header, cells, lines[1:], widths[1:])


def _read_careful(text: str, problems: list[Problem]) -> _Structure:
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
        return _Structure([], pd.DataFrame(), np.zeros(0, np.int64), np.zeros(0, np.int64))
    header, body = rows[0], rows[1:]
    width = max([len(header), *map(len, body)])
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in body], columns=list(range(width)), dtype=object)
    return _Structure(header, frame, np.asarray(lines[1:], np.int64), np.asarray([len(r) for r in body], np.int64))


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


def _decode(raw: bytes, name: str, problems: list[Problem]) -> tuple[bytes, str | None, bool]:
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


# -- validating cells ------------------------------------------------------------


def _nonempty(values: np.ndarray) -> np.ndarray:
    return values != ""


def _check_column(name: str, values: np.ndarray, rows: np.ndarray, lines: np.ndarray, problems: list[Problem]) -> None:
    """Apply the cell rule of ``name`` to each distinct value of the rows selected."""
    rule = CELL_RULES.get(name)
    if rule is None:
        return
    subset = values[rows]
    codes, uniques = pd.factorize(subset)
    bad = {}
    for i, value in enumerate(uniques):
        if value != "":
            reason = rule(value)
            if reason:
                bad[i] = reason
    if bad:
        hit = np.isin(codes, list(bad))
        for r in np.flatnonzero(hit):
            problems.append(Problem(int(lines[rows[r]]), name, subset[r], bad[codes[r]]))


def validate_cells(table: pd.DataFrame, lines: np.ndarray, valid: np.ndarray, problems: list[Problem], text_has_bad: bool) -> None:
    """Every cell and record rule of :mod:`schema`, over whole columns.

    ``table`` has the contract columns (and extras) as object arrays of text;
    ``valid`` marks the rows still worth checking (not ragged).
    """
    rows = np.flatnonzero(valid)
    cols = {c: table[c].to_numpy(dtype=object) for c in table.columns}
    bad_cell = np.zeros(len(table), dtype=bool)
    if text_has_bad or any(len(v) > 0 and _long_cells(v[rows]) for v in cols.values()):
        for name, values in cols.items():
            for r in rows:
                value = values[r]
                if value and (_BAD_CELL.search(value) or len(value) > 100_000):
                    reason = cell_problem(value)
                    if reason:
                        problems.append(Problem(int(lines[r]), name, printable(value), reason))
                        bad_cell[r] = True
    rows = rows[~bad_cell[rows]]
    for name in table.columns:
        _check_column(name, cols[name], rows, lines, problems)
    types = cols["type"]
    filled = {c: _nonempty(cols[c]) for c in cols}
    for column in REQUIRED_CELLS:
        for r in rows[~filled[column][rows]]:
            problems.append(Problem(int(lines[r]), column, "", f"{column} is required"))
    for kind, rules in RULES.items():
        of_kind = rows[types[rows] == kind]
        for column, need in rules.items():
            wrong = of_kind[filled[column][of_kind] != (need == "required")]
            for r in wrong:
                problems.append(Problem(int(lines[r]), column, cols[column][r], WHY[(kind, column)]))
    claims = rows[(types[rows] == "prediction") | (types[rows] == "statement")]
    for r in claims[~filled["actor"][claims] & ~filled["speaker"][claims]]:
        problems.append(Problem(int(lines[r]), "actor", "", "a claim needs an actor (organisation) or a speaker"))
    for r in rows[filled["quote"][rows] & ~filled["lang"][rows]]:
        problems.append(Problem(int(lines[r]), "lang", "", "a quote needs the code of its language, e.g. 'fr'"))
    _check_ids(cols["id"], rows, lines, problems)
    _check_deadlines(cols, rows[types[rows] == "prediction"], lines, problems)
    preds = rows[(types[rows] == "prediction") & filled["subject"][rows] & filled["expects"][rows]]
    for r in preds:
        try:
            subject = Expectation.parse(cols["expects"][r]).subject
        except ValueError:
            continue  # already reported
        if cols["subject"][r] != subject:
            problems.append(Problem(int(lines[r]), "subject", cols["subject"][r],
                                    f"differs from the subject in expects ({subject!r}); leave it empty or make them equal"))


def _long_cells(values: np.ndarray) -> bool:
    return bool(values.size) and max(map(len, values)) > 100_000


def _check_ids(ids: np.ndarray, rows: np.ndarray, lines: np.ndarray, problems: list[Problem]) -> None:
    series = pd.Series(ids[rows])
    dup = series.duplicated(keep=False).to_numpy() & (series != "").to_numpy()
    if not dup.any():
        return
    first: dict[str, int] = {}
    for r in rows[dup]:
        value = ids[r]
        if value in first:
            problems.append(Problem(int(lines[r]), "id", value, f"duplicate id: already used on line {first[value]}"))
        else:
            first[value] = int(lines[r])


def _check_deadlines(cols: Mapping[str, np.ndarray], rows: np.ndarray, lines: np.ndarray, problems: list[Problem]) -> None:
    rows = rows[cols["deadline"][rows] != ""]
    if rows.size == 0:
        return
    pairs = pd.MultiIndex.from_arrays([cols["deadline"][rows], cols["date"][rows]])
    codes, uniques = pd.factorize(pairs)
    bad = {}
    for i, (deadline, date) in enumerate(uniques):
        if CELL_RULES["date"](date) is None:
            reason = deadline_problem(deadline, date)
            if reason:
                bad[i] = reason
    for k, r in enumerate(rows):
        if codes[k] in bad:
            problems.append(Problem(int(lines[r]), "deadline", cols["deadline"][r], bad[codes[k]]))


# -- the public entry points -----------------------------------------------------------


def read_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate a file; return its cells (object dtype, "" for empty) in file order.

    The frame has every contract column (absent ones filled with ""), then any
    extra columns in file order.  Raises LoadError listing every problem.
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise LoadError(name, [Problem(None, None, None, f"cannot read the file: {exc.strerror or exc}")]) from None
    return parse_bytes(raw, name)


def parse_bytes(raw: bytes, name: str = "<bytes>") -> pd.DataFrame:
    """Like :func:`read_table` for the bytes of a file."""
    problems: list[Problem] = []
    raw, text, ok = _decode(raw, name, problems)
    if text is None:
        raise LoadError(name, problems)
    if not text.strip():
        raise LoadError(name, [Problem(1, None, None, "the file is empty: expected a header row " + ",".join(COLUMNS))])
    structure = _read_fast(raw, ok)
    if structure is None:
        structure = _read_careful(text, problems)
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
    table = pd.DataFrame({h: cells[i] if i in cells.columns else pd.Series([""] * len(cells), dtype=object)
                          for i, h in enumerate(header)})
    for column in COLUMNS:
        if column not in table:
            table[column] = np.full(len(table), "", dtype=object)
    extras = [h for h in header if h not in COLUMNS]
    table = table[list(COLUMNS) + extras]
    if _MAYBE_ESCAPED.search(text):
        for column in table.columns:
            values = table[column].to_numpy(dtype=object)
            table[column] = np.array([unescape_cell(v) for v in values], dtype=object)
    validate_cells(table, structure.lines, ~ragged, problems, not ok or bool(_BAD_CELL.search(text)))
    if problems:
        raise LoadError(name, problems)
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


def _safe_rows(table: pd.DataFrame) -> Iterable[list[str]]:
    columns = [table[c].to_numpy(dtype=object) for c in table.columns]
    risky = [i for i, values in enumerate(columns) if any(v[:1] in "=+-@\t\r'" for v in values if v)]
    for row in zip(*columns, strict=True):
        if risky:
            row = list(row)
            for i in risky:
                row[i] = spreadsheet_safe(row[i])
        yield row


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system lets a folder be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_table(table: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write cells to ``path`` atomically: a temporary file in the same folder, then a rename.

    A crash at any point leaves the previous file whole.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            # the csv module quotes a cell holding "\r" only when "\r" ends lines too
            ending = "\r\n" if any(table[c].str.contains("\r", regex=False).any() for c in table.columns) else "\n"
            writer = csv.writer(handle, lineterminator=ending)
            writer.writerow([spreadsheet_safe(c) for c in table.columns])
            writer.writerows(_safe_rows(table))
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        _sync_folder(folder)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
