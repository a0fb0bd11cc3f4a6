"""events.csv ⇄ Timeline: read and validate a whole file at once, save atomically.

The loader reports *every* problem of a file in one :class:`~llmtimeline.LoadError`
(line, column, value and reason each) and drops or guesses nothing.  The line of
a problem is the physical line where its record starts: the header is line 1, and
a quoted cell may span lines.  Files are UTF-8; a UTF-8 byte-order mark (which
spreadsheets write) is accepted and dropped.

Validation runs over columns: each distinct date, deadline phrase (with the day
it was said) or facts text is parsed once, and what is parsed is kept as the
typed columns of the Timeline (:func:`read`), so a million rows load in a few
seconds.  A well-formed file takes a fast path (:func:`_read_clean`); a file with
any problem is read again, carefully, to explain every problem with its line.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import gc
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .dates import When, parse_date
from .deadlines import parse_deadline
from .exceptions import DateError, DeadlineError, LoadError, Problem
from .schema import (
    BATCH_RULES,
    CELL_RULES,
    COLUMNS,
    MAX_CELL,
    NEEDS_ACTOR,
    NEEDS_LANG,
    REQUIRED_CELLS,
    REQUIRED_HEADER,
    RULES,
    WHY,
    Expectation,
    cell_problem,
    read_expectations,
    required,
    subject_mismatch,
)

__all__ = ["bundled_path", "read", "read_table", "spreadsheet_safe", "typed_columns", "unescape_cell", "write_table"]

_SURROGATE_RE = re.compile(r"[\udc80-\udcff]")
_BAD_CELL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\udc80-\udcff]")
# Spreadsheet formula injection: a cell starting with one of these runs as a formula.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")  # -3 is a number, not a formula
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_MAYBE_ESCAPED = re.compile(r"(?:^|[,\n\"])'+[=+\-@\t\r]")
# Byte-level tests of a whole file (fast: a literal to look for, or C loops over bytes).
_ESCAPE_HINT = re.compile(rb"'[=+\-@\t\r]")  # needed for any escaped cell
_CONTROL_BYTES = bytes(b for b in range(256) if (b < 32 and b not in (9, 10, 13)) or b == 127)
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_EPOCH = dt.date(1970, 1, 1).toordinal()
_NO_DAY = np.iinfo(np.int64).min  # "no date" in the integer day columns
_DAYS = 4_000_000  # more than the ordinals of years 1..9999


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


def _read_fast(raw: bytes, ok_utf8: bool) -> _Structure | None:
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
    return _Structure(header, cells, lines[1:], widths[1:], longest)


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


def _read_date(value: str) -> tuple[When | None, str | None]:
    try:
        return parse_date(value), None
    except DateError as exc:
        return None, exc.reason


def _read_expects(value: str) -> tuple[tuple[str, str, bool] | None, str | None]:
    try:
        e = Expectation.parse(value)
    except ValueError as exc:
        return None, str(exc)
    return (e.kind, e.subject, e.negated), None


#: Columns whose parsed values are kept (the same rules as CELL_RULES, keeping the result).
_PARSERS = {"date": _read_date, "expects": _read_expects}


def _parse_column(name: str, values: np.ndarray, rows: np.ndarray, lines: np.ndarray,
                  problems: list[Problem]) -> tuple[np.ndarray, list[object]]:
    """Parse each distinct value of the rows selected once; report the bad ones.

    Returns the code of each row (-1 for rows not selected or empty) and the
    parsed value of each code (None when it is bad).
    """
    subset = values if rows.size == values.size else values[rows]
    codes, uniques = pd.factorize(subset)
    parsed: list[object] = []
    bad = {}
    quick = read_expectations([u for u in uniques if u]) if name == "expects" else None
    if quick is not None:  # every expectation is valid
        it = iter(quick)
        parsed = [next(it) if u else None for u in uniques]
    else:
        for i, value in enumerate(uniques):
            result, reason = _PARSERS[name](value) if value != "" else (None, None)
            parsed.append(result)
            if reason:
                bad[i] = reason
    _report(bad, codes, subset, rows, lines, name, problems)
    full = np.full(values.size, -1, dtype=np.int64)
    full[rows] = np.where(subset == "", -1, codes)
    return full, parsed


def _report(bad: dict[int, str], codes: np.ndarray, subset: np.ndarray, rows: np.ndarray, lines: np.ndarray,
            name: str, problems: list[Problem]) -> None:
    """A problem for each row whose distinct value (by factorize code) is in ``bad``."""
    if bad:
        for r in np.flatnonzero(np.isin(codes, list(bad))):
            problems.append(Problem(int(lines[rows[r]]), name, subset[r], bad[codes[r]]))


def _check_column(name: str, values: np.ndarray, rows: np.ndarray, lines: np.ndarray, problems: list[Problem]) -> None:
    """Apply the cell rule of ``name`` to each distinct value of the rows selected."""
    rule = CELL_RULES.get(name)
    if rule is None:
        return
    subset = values if rows.size == values.size else values[rows]
    batch = BATCH_RULES.get(name)
    if batch is not None and batch(subset[subset != ""].tolist()):
        return  # every value passes: no need to look at each
    codes, uniques = pd.factorize(subset)
    bad = {}
    for i, value in enumerate(uniques):
        if value != "":
            reason = rule(value)
            if reason:
                bad[i] = reason
    _report(bad, codes, subset, rows, lines, name, problems)


def validate_cells(table: pd.DataFrame, lines: np.ndarray, valid: np.ndarray, problems: list[Problem],
                   text_has_bad: bool, longest: int | None = None) -> pd.DataFrame | None:
    """Every cell and record rule of :mod:`schema`, over whole columns.

    ``table`` has the contract columns (and extras) as object arrays of text;
    ``valid`` marks the rows still worth checking (not ragged).  Returns the
    typed columns (see :func:`typed_columns`) made from what was parsed, or None
    when there are problems.  ``longest``, the bytes of the longest record when
    known, spares measuring every cell when no cell can be too long.
    """
    rows = np.flatnonzero(valid)
    cols = {c: table[c].to_numpy(dtype=object) for c in table.columns}
    bad_cell = np.zeros(len(table), dtype=bool)
    every = rows.size == len(table)
    may_be_long = longest is None or longest > MAX_CELL  # a cell of n characters takes n bytes or more
    if text_has_bad or (may_be_long and any(len(v) > 0 and _long_cells(v if every else v[rows]) for v in cols.values())):
        for name, values in cols.items():
            for r in rows:
                value = values[r]
                if value and (_BAD_CELL.search(value) or len(value) > 100_000):
                    reason = cell_problem(value)
                    if reason:
                        problems.append(Problem(int(lines[r]), name, printable(value), reason))
                        bad_cell[r] = True
    rows = rows[~bad_cell[rows]]
    parsed = {}
    for name in table.columns:
        if name in _PARSERS:
            parsed[name] = _parse_column(name, cols[name], rows, lines, problems)
        else:
            _check_column(name, cols[name], rows, lines, problems)
    types = cols["type"]
    filled = {c: _nonempty(cols[c]) for c in cols}
    for column in REQUIRED_CELLS:
        for r in rows[~filled[column][rows]]:
            problems.append(Problem(int(lines[r]), column, "", required(column)))
    for kind, rules in RULES.items():
        of_kind = rows[types[rows] == kind]
        for column, need in rules.items():
            wrong = of_kind[filled[column][of_kind] != (need == "required")]
            for r in wrong:
                problems.append(Problem(int(lines[r]), column, cols[column][r], WHY[(kind, column)]))
    claims = rows[(types[rows] == "prediction") | (types[rows] == "statement")]
    for r in claims[~filled["actor"][claims] & ~filled["speaker"][claims]]:
        problems.append(Problem(int(lines[r]), "actor", "", NEEDS_ACTOR))
    for r in rows[filled["quote"][rows] & ~filled["lang"][rows]]:
        problems.append(Problem(int(lines[r]), "lang", "", NEEDS_LANG))
    _check_ids(cols["id"], rows, lines, problems)
    windows = _check_deadlines(cols, rows[types[rows] == "prediction"], lines, problems, parsed["date"])
    exp_codes, expectations = parsed["expects"]
    preds = rows[(types[rows] == "prediction") & filled["subject"][rows] & (exp_codes[rows] >= 0)]
    subjects = np.array([None if e is None else e[1] for e in expectations] + [None], dtype=object)
    expected = subjects[exp_codes[preds]]  # None where expects is bad: already reported
    known = np.array([e is not None for e in expected], dtype=bool)
    for r, subject in zip(preds[known], expected[known], strict=True):
        if cols["subject"][r] != subject:
            problems.append(Problem(int(lines[r]), "subject", cols["subject"][r], subject_mismatch(subject)))
    if problems or rows.size != len(table):
        return None
    return _typed(cols, parsed["date"], parsed["expects"], windows)


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


def _check_deadlines(cols: Mapping[str, np.ndarray], rows: np.ndarray, lines: np.ndarray, problems: list[Problem],
                     dates: tuple[np.ndarray, list[object]]) -> tuple[np.ndarray, np.ndarray]:
    """Read each distinct (deadline phrase, day said) once; report the phrases that cannot be read.

    A phrase is read from the latest day its claim may have been said, so
    claims dated "2024-04" and "2024-04-30" share one reading.  Returns the last
    day of each row's window (``_NO_DAY`` when open or none) and whether it is vague.
    """
    n = cols["deadline"].size
    deadline = np.full(n, _NO_DAY, dtype=np.int64)
    vague = np.zeros(n, dtype=bool)
    date_codes, whens = dates
    said_day = np.array([-1 if w is None else w.latest.toordinal() for w in whens] + [-1], dtype=np.int64)
    rows = rows[(cols["deadline"][rows] != "")]
    said = said_day[date_codes[rows]]
    rows, said = rows[said >= 0], said[said >= 0]  # a bad date is reported already
    if rows.size == 0:
        return deadline, vague
    phrase_codes, phrases = pd.factorize(cols["deadline"][rows])
    # a phrase that needs no day said (a date, a vague phrase) is read once for all its rows
    fixed_end = np.full(len(phrases), _NO_DAY, dtype=np.int64)
    fixed_vague = np.zeros(len(phrases), dtype=bool)
    fixed = np.zeros(len(phrases), dtype=bool)
    for i, phrase in enumerate(phrases):
        try:
            window = parse_deadline(phrase)
        except DeadlineError:
            continue  # read with each day said, below
        fixed[i], fixed_vague[i] = True, window.vague
        if window.latest is not None:
            fixed_end[i] = window.latest.toordinal() - _EPOCH
    is_fixed = fixed[phrase_codes]
    deadline[rows[is_fixed]] = fixed_end[phrase_codes[is_fixed]]
    vague[rows[is_fixed]] = fixed_vague[phrase_codes[is_fixed]]
    rows, said, phrase_codes = rows[~is_fixed], said[~is_fixed], phrase_codes[~is_fixed]
    codes, pairs = pd.factorize(phrase_codes.astype(np.int64) * _DAYS + said)
    ends = np.full(len(pairs), _NO_DAY, dtype=np.int64)
    is_vague = np.zeros(len(pairs), dtype=bool)
    bad = {}
    for i, pair in enumerate(pairs.tolist()):
        phrase, day = phrases[pair // _DAYS], dt.date.fromordinal(pair % _DAYS)
        try:
            window = parse_deadline(phrase, said=day)
        except DeadlineError as exc:
            bad[i] = exc.reason
            continue
        if window.latest is not None:
            ends[i] = window.latest.toordinal() - _EPOCH
        is_vague[i] = window.vague
    for k in np.flatnonzero(np.isin(codes, list(bad))) if bad else ():
        r = rows[k]
        problems.append(Problem(int(lines[r]), "deadline", cols["deadline"][r], bad[codes[k]]))
    deadline[rows] = ends[codes]
    vague[rows] = is_vague[codes]
    return deadline, vague


def _typed(cols: Mapping[str, np.ndarray], dates: tuple[np.ndarray, list[object]],
           expects: tuple[np.ndarray, list[object]], windows: tuple[np.ndarray, np.ndarray]) -> pd.DataFrame:
    """The typed columns, from the values parsed while validating (every row valid)."""
    date_codes, whens = dates
    exp_codes, exps = expects
    w: list[When] = whens  # type: ignore[assignment]  # every date is valid here
    e: list[tuple[str, str, bool] | None] = [*exps, None]  # type: ignore[list-item]  # code -1: no expects
    exp_kind = np.array([x[0] if x else "" for x in e], dtype=object)[exp_codes]
    exp_subject = np.array([x[1] if x else "" for x in e], dtype=object)[exp_codes]
    # what each record is about, as integers: an event's or statement's kind and subject, a
    # prediction's expected ones, in one numbering (-1: none), so the checker joins integers
    is_prediction = cols["type"] == "prediction"
    codes = {}
    for name, own, expected in (("kind", cols["kind"], exp_kind), ("subject", cols["subject"], exp_subject)):
        about = np.where(is_prediction, expected, own)
        code, uniques = pd.factorize(about)
        blank = np.flatnonzero(uniques == "")
        codes[name] = np.where(code == blank[0], -1, code).astype(np.int64) if blank.size else code.astype(np.int64)
    n = date_codes.size
    return pd.DataFrame({
        "earliest": np.array([x.earliest.toordinal() - _EPOCH for x in w], dtype=np.int64)[date_codes],
        "latest": np.array([x.latest.toordinal() - _EPOCH for x in w], dtype=np.int64)[date_codes],
        "precision": np.array([x.precision.value for x in w], dtype=object)[date_codes],
        "approximate": np.array([x.approximate for x in w], dtype=bool)[date_codes],
        "exp_kind": exp_kind,
        "exp_subject": exp_subject,
        "exp_negated": np.array([bool(x and x[2]) for x in e], dtype=bool)[exp_codes],
        "deadline": windows[0],
        "vague": windows[1],
        "kind_code": codes["kind"],
        "subject_code": codes["subject"],
    }, index=pd.RangeIndex(n))


def typed_columns(table: pd.DataFrame) -> pd.DataFrame:
    """Typed columns of a valid table, one row per record: dates as integer days since
    1970-01-01 (``earliest``, ``latest``, ``precision``, ``approximate``), expectations
    (``exp_kind``, ``exp_subject``, ``exp_negated``), deadlines (``deadline``, the
    last day of the window, or ``_NO_DAY``; ``vague``) and what each record is about as
    integers (``kind_code``, ``subject_code``: an event's or statement's, a
    prediction's expected ones, one numbering for all, -1 for none).

    :func:`read` returns them with the table, parsed while validating; this
    reads them from a table made in code (LoadError if a date, an expectation
    or a deadline cannot be read).
    """
    n = len(table)
    rows, lines = np.arange(n), np.arange(2, n + 2, dtype=np.int64)
    cols = {c: table[c].to_numpy(dtype=object) for c in ("date", "expects", "deadline", "type")}
    problems: list[Problem] = []
    dates = _parse_column("date", cols["date"], rows, lines, problems)
    expects = _parse_column("expects", cols["expects"], rows, lines, problems)
    windows = _check_deadlines(cols, rows[cols["type"] == "prediction"], lines, problems, dates)
    if problems:
        raise LoadError("<records>", problems)
    return _typed({c: table[c].to_numpy(dtype=object) for c in ("type", "kind", "subject")}, dates, expects, windows)


# -- the public entry points -----------------------------------------------------------


def read_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and validate a file; return its cells (object dtype, "" for empty) in file order.

    The frame has every contract column (absent ones filled with ""), then any
    extra columns in file order.  Raises LoadError listing every problem.
    """
    return read(path)[0]


def read(path: str | os.PathLike[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Like :func:`read_table`, with the typed columns parsed while validating (:func:`typed_columns`)."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise LoadError(name, [Problem(None, None, None, f"cannot read the file: {exc.strerror or exc}")]) from None
    return read_bytes(raw, name)


def _contract_table(header: list[str], cells: pd.DataFrame) -> pd.DataFrame:
    """The cells under their column names: every contract column (absent ones empty), then the extras."""
    n = len(cells)
    if header[:len(COLUMNS)] == list(COLUMNS) and list(cells.columns) == list(range(len(header))):
        return cells.set_axis(header, axis=1)  # the usual layout: the cells as they are, no copy
    given = {h: cells[i].to_numpy(dtype=object) if i in cells.columns else np.full(n, "", dtype=object)
             for i, h in enumerate(header)}
    extras = [h for h in header if h not in COLUMNS]
    return pd.DataFrame({c: given[c] if c in given else np.full(n, "", dtype=object) for c in [*COLUMNS, *extras]},
                        copy=False)


def _unescape(table: pd.DataFrame) -> pd.DataFrame:
    for column in table.columns:
        values = table[column].to_numpy(dtype=object)
        table[column] = np.array([unescape_cell(v) for v in values], dtype=object)
    return table


def read_bytes(raw: bytes, name: str = "<bytes>") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Like :func:`read` for the bytes of a file."""
    with _collector_paused():
        return _read_bytes(raw, name)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while reading: a file makes millions of objects and no
    cycles, and a collection walks all of them (a tenth of the time of a million rows)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_bytes(raw: bytes, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    problems: list[Problem] = []
    raw, text, ok = _decode(raw, name, problems)
    if text is None:
        raise LoadError(name, problems)
    if not text or text.isspace():
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
    table = _contract_table(header, cells)
    if _ESCAPE_HINT.search(raw) and _MAYBE_ESCAPED.search(text):
        table = _unescape(table)
    has_bad = not ok or bool(raw.translate(None, _OTHER_BYTES))  # control characters are single bytes
    typed = validate_cells(table, structure.lines, ~ragged, problems, has_bad, structure.longest)
    if problems or typed is None:
        raise LoadError(name, problems)
    return table, typed


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
