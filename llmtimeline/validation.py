"""The rules of :mod:`llmtimeline.schema` applied over whole columns.

Each distinct value of a column is tested once (a million rows share a few
thousand dates and phrases), record rules test whole columns at once, and what
is parsed on the way (dates, expectations, deadline windows) becomes the typed
columns (:mod:`llmtimeline.typed`), so nothing is parsed twice.  Cells held as
Arrow text (pandas' ``str`` dtype, as the reader reads them) stay Arrow text: a
column whose rule has an Arrow test (ids, titles, addresses) is tested by Arrow,
beside the other rules, and only the distinct values a rule reads become Python
strings.  The same function
checks a file's table (the store reads files and calls it) and the one-row table
of a record built in code (:mod:`llmtimeline.model`): records know no files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .dates import NO_DAY, When, day_number, parse_date
from .deadlines import parse_deadline, read_days
from .exceptions import DateError, DeadlineError, LoadError, Problem
from .expects import Expectation, read_expectations
from .safe_text import id_key, printable
from .schema import CELL_RULES, COLUMNS, MAX_CELL, RECORD_RULES, ColumnMasks, cell_problem
from .typed import typed_from_parsed

T = TypeVar("T")

__all__ = ["BY_VALUE", "Encoded", "arrow_text", "dictionary_codes", "typed_columns", "validate_columns"]

@attrs.frozen
class Encoded:
    """A column's cells as the reader already holds them: each cell's code (an integer array) and the
    distinct values (an object array), so that the rules read each distinct value once without
    hashing a million texts again.
    """

    codes: np.ndarray
    uniques: np.ndarray


#: The columns whose rules read each distinct value as a Python string (not only whole columns at once):
#: a reader that holds the cells as Arrow text encodes these as it reads them (:class:`Encoded`).
BY_VALUE = frozenset({"type", "date", "published", "actor", "speaker", "kind", "subject", "expects", "deadline",
                      "facts", "lang", "source"})
_BAD_CELL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_CONTROL_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # _BAD_CELL's control characters, for Arrow text
#: A deadline written as an ISO date, month, quarter or year ("2026-03-31", "2026-Q1"): most distinct
#: phrases of a large file. Read by :func:`~llmtimeline.dates.parse_date`, it ends on that date's last
#: day, as the grammar reads it (tests/test_store_deadlines.py holds the two to the same answers).
_ISO_DEADLINE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?|-Q[0-9])?")
_DAYS = 4_000_000  # more than the ordinals of years 1..9999
_EPOCH_ORDINAL = dt.date.min.toordinal() - day_number(dt.date.min)  # a day's ordinal less its day number


def _factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values (pandas for columns, a dict for the few rows of one record)."""
    if values.size > 32:
        codes, uniques = pd.factorize(values)
        return codes, np.asarray(uniques, dtype=object)
    seen: dict[object, int] = {}
    codes = np.fromiter((seen.setdefault(v, len(seen)) for v in values), dtype=np.int64, count=values.size)
    return codes, np.array(list(seen), dtype=object)


def is_text(column: pd.Series) -> bool:
    """Whether ``column`` is of the cells' dtype: pandas' Arrow-backed ``str``."""
    dtype = column.dtype
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


def arrow_text(column: pd.Series) -> pa.ChunkedArray | None:
    """The Arrow strings under a column of pandas' Arrow-backed ``str`` dtype ("" for a missing value),
    or None for a column of another dtype (object): the cells as the reader holds them."""
    if not is_text(column):
        return None
    chunked = column.array.__arrow_array__()
    if not isinstance(chunked, pa.ChunkedArray):
        chunked = pa.chunked_array([chunked])
    return pc.fill_null(chunked, "") if chunked.null_count else chunked


def dictionary_codes(encoded: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Each row's code and the dictionary of a dictionary-encoded chunked array (pyarrow's encoding of a
    chunked array gives its chunks one dictionary; they are unified when they do not share it)."""
    chunks = encoded.chunks
    if not chunks:
        return np.zeros(0, dtype=np.int32), pa.array([], pa.string())
    first = chunks[0].dictionary

    def where(dictionary: pa.Array) -> tuple[int, ...]:
        return (*(0 if b is None else b.address for b in dictionary.buffers()[1:]), len(dictionary))

    if any(where(c.dictionary) != where(first) for c in chunks[1:]):
        encoded = encoded.unify_dictionaries()
        chunks, first = encoded.chunks, encoded.chunks[0].dictionary
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
    return codes, first


def _encoded(cols: ColumnMasks, name: str, rows: np.ndarray, known: Encoded | None) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of the column ``name`` at ``rows``: the reader's (``known``) when the
    rows are the whole column, Arrow's dictionary for text the reader holds as Arrow (no Python
    string but the distinct values), else :func:`_factorize`'s."""
    whole = rows.size == _length(cols)
    if known is not None and whole:
        return known.codes, known.uniques
    if name in cols.encoded and whole:
        codes, uniques = cols.encoded[name]
        return codes, np.asarray(uniques, dtype=object)
    if name in cols.arrow and not dict.__contains__(cols, name):
        array = cols.arrow[name] if whole else cols.arrow[name].take(pa.array(rows, pa.int64()))
        codes, dictionary = dictionary_codes(pc.dictionary_encode(array))
        return codes, np.asarray(dictionary.to_numpy(zero_copy_only=False), dtype=object)
    values = cols[name]
    return _factorize(values if whole else values[rows])


def _length(cols: ColumnMasks) -> int:
    """How many rows the columns hold."""
    for array in cols.arrow.values():
        return len(array)
    for values in dict.values(cols):
        return len(values)
    return 0


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


def _report(bad: dict[int, str], codes: np.ndarray, uniques: np.ndarray, rows: np.ndarray, lines: np.ndarray,
            name: str, problems: list[Problem]) -> None:
    """A problem for each row whose distinct value (by code) is in ``bad``."""
    if bad:
        for r in np.flatnonzero(np.isin(codes, list(bad))):
            problems.append(Problem(int(lines[rows[r]]), name, uniques[codes[r]], bad[codes[r]]))


def _parse_column(name: str, cols: ColumnMasks, rows: np.ndarray, lines: np.ndarray,
                  problems: list[Problem], known: Encoded | None = None) -> tuple[np.ndarray, list[object]]:
    """Parse each distinct value of the rows selected once; report the bad ones.

    Returns the code of each row (-1 for rows not selected or empty) and the
    parsed value of each code (None when it is bad).
    """
    codes, uniques = _encoded(cols, name, rows, known)
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
    _report(bad, codes, uniques, rows, lines, name, problems)
    full = np.full(_length(cols), -1, dtype=np.int64)
    empty = np.flatnonzero(uniques == "")
    full[rows] = np.where(codes == empty[0], -1, codes) if empty.size else codes
    return full, parsed


def _by_arrow(name: str, cols: ColumnMasks, rows: np.ndarray, known: Encoded | None) -> pa.ChunkedArray | None:
    """The cells of ``name`` at ``rows`` as Arrow text, when its rule is tested on them at once by Arrow
    (a column held as Arrow text, without the reader's distinct values); else None."""
    rule = CELL_RULES.get(name)
    if rule is None or rule.arrow is None or name not in cols.arrow or dict.__contains__(cols, name):
        return None
    whole = rows.size == _length(cols)
    if known is not None and whole:
        return None  # the distinct values are fewer
    return cols.arrow[name] if whole else cols.arrow[name].take(pa.array(rows, pa.int64()))


def _arrow_passes(name: str, array: pa.ChunkedArray) -> bool:
    """Whether every non-empty cell of ``array`` passes the rule of ``name`` (its Arrow test: no GIL held)."""
    rule = CELL_RULES[name]
    assert rule.arrow is not None
    filled = pc.not_equal(array, "")
    return rule.arrow(array if pc.all(filled).as_py() is not False else array.filter(filled))


def _check_column(name: str, cols: ColumnMasks, rows: np.ndarray, lines: np.ndarray, problems: list[Problem],
                  known: Encoded | None = None, tested: bool = False) -> None:
    """Apply the cell rule of ``name`` to each distinct value of the rows selected (``tested``: the
    whole-column test of the rule was made already, and failed)."""
    rule = CELL_RULES.get(name)
    if rule is None:
        return
    whole = rows.size == _length(cols)
    arrow = None if tested else _by_arrow(name, cols, rows, known)
    if tested:
        pass
    elif rule.batch is not None and known is not None and whole:
        if rule.batch(known.uniques[known.uniques != ""].tolist()):
            return  # every value passes: no need to look at each
    elif arrow is not None:
        if _arrow_passes(name, arrow):
            return
    elif rule.batch is not None:
        subset = cols[name] if whole else cols[name][rows]
        if rule.batch(subset[subset != ""].tolist()):
            return
    codes, uniques = _encoded(cols, name, rows, known)
    bad = {}
    for i, value in enumerate(uniques):
        if value != "":
            reason = rule.check(value)
            if reason:
                bad[i] = reason
    _report(bad, codes, uniques, rows, lines, name, problems)


class _Beside:
    """Work run in one other thread, for a table of at least :data:`_BESIDE_ROWS` rows (else, or when no
    thread is to be had, at once in this one): pyarrow lets go of the GIL."""

    def __init__(self, rows: int) -> None:
        self._pool: ThreadPoolExecutor | None = ThreadPoolExecutor(max_workers=1) if rows >= _BESIDE_ROWS else None

    def __enter__(self) -> _Beside:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    def run(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self._pool is not None:
            try:
                return self._pool.submit(fn, *args)
            except RuntimeError:  # no thread to be had (memory is short): the work is done here
                pass
        done: Future[T] = Future()
        done.set_result(fn(*args))
        return done


_BESIDE_ROWS = 1 << 16


def _all_clean(cells: list[object], chunk: int = 2048) -> bool:
    """True when no cell is too long or holds a control character or a lone surrogate (bytes that were
    not UTF-8): the cells are joined a chunk at a time and searched at once (a chunk no longer than a
    cell may be holds no cell that is too long)."""
    for start in range(0, len(cells), chunk):
        part = cells[start:start + chunk]
        try:
            joined = "".join(part)  # type: ignore[arg-type]
        except TypeError:  # not text
            return False
        if len(joined) > MAX_CELL and max(map(len, part)) > MAX_CELL:  # type: ignore[arg-type]
            return False
        if _BAD_CELL.search(joined):
            return False
    return True


def _suspect_rows(cols: ColumnMasks, name: str, rows: np.ndarray) -> np.ndarray:
    """The rows of ``rows`` whose cell of ``name`` may hold a control character, a lone surrogate or too
    many characters (every one of ``rows`` when the column must be looked at cell by cell)."""
    if name in cols.arrow and not dict.__contains__(cols, name):  # UTF-8 already: no lone surrogate
        array = cols.arrow[name]
        suspect = pc.or_(pc.match_substring_regex(array, _CONTROL_RE2), pc.greater(pc.utf8_length(array), MAX_CELL))
        if not pc.any(suspect).as_py():
            return rows[:0]
        return np.asarray(rows[suspect.to_numpy(zero_copy_only=False)[rows]])
    values = cols[name]
    if _all_clean((values if rows.size == values.size else values[rows]).tolist()):
        return rows[:0]
    return rows


def _bad_cells(cols: ColumnMasks, names: list[str], rows: np.ndarray, lines: np.ndarray,
               problems: list[Problem]) -> dict[str, np.ndarray]:
    """Report cells with bytes that were not UTF-8, control characters or too many characters.

    Returns, per column that has any, the mask of its bad cells: the other rules
    skip those cells (not their rows, so a row's other problems are all reported).
    """
    bad: dict[str, np.ndarray] = {}
    n = _length(cols)
    for name in names:
        suspects = _suspect_rows(cols, name, rows)
        if suspects.size == 0:
            continue
        for r, value in zip(suspects.tolist(), cols.texts(name, suspects).tolist(), strict=True):
            if value and (len(value) > MAX_CELL or _BAD_CELL.search(value)):
                reason = cell_problem(value)
                if reason:
                    problems.append(Problem(int(lines[r]), name, printable(value), reason))
                    bad.setdefault(name, np.zeros(n, dtype=bool))[r] = True
    return bad


def _repeated(keys: np.ndarray) -> np.ndarray:
    """Which of ``keys`` (strings) occur more than once. Their hashes are sorted and only the strings
    whose hash repeats are compared: a hash table of ten million string objects spends its time
    waiting on memory (pandas' ``duplicated`` took 33x as long for 10x the ids), a sort of integers
    does not."""
    hashes = np.fromiter(map(hash, keys), dtype=np.int64, count=keys.size)
    ordered = np.sort(hashes)
    twice = ordered[1:][ordered[1:] == ordered[:-1]]
    repeated = np.zeros(keys.size, dtype=bool)
    if twice.size:
        candidates = np.flatnonzero(np.isin(hashes, twice))  # equal hashes: the strings decide
        repeated[candidates] = pd.Series(keys[candidates], dtype=object).duplicated(keep=False).to_numpy()
    return repeated


def _check_ids(ids: np.ndarray, rows: np.ndarray, lines: np.ndarray, problems: list[Problem]) -> None:
    """Report every id used before, compared as a reader sees them (:func:`~llmtimeline._text.id_key`:
    NFKC, invisible characters removed), so ``llama-3`` and ``llama\u200b-3`` are one id."""
    values = ids[rows]
    keys = values
    if not all(map(str.isascii, values)):  # only ids with other characters need folding
        keys = np.array([id_key(v) for v in values.tolist()], dtype=object)
    dup = _repeated(keys) & (values != "")
    if not dup.any():
        return
    first: dict[str, tuple[int, str]] = {}
    for r, key in zip(rows[dup].tolist(), keys[dup].tolist(), strict=True):
        value = ids[r]
        if key in first:
            line, seen = first[key]
            same = "" if seen == value else f" as {seen!r} (the same id once NFKC and invisible characters are set aside)"
            problems.append(Problem(int(lines[r]), "id", value, f"duplicate id: already used on line {line}{same}"))
        else:
            first[key] = (int(lines[r]), value)


def _date_deadline(phrase: str) -> dt.date | None:
    """The last day of a deadline that names a date whatever the day said ("2026-03-31", "by 2026"), else None.

    An ISO date is read by :func:`~llmtimeline.dates.parse_date` (a thousandth of the grammar's
    time); any other phrase, and an ISO-looking one that is not a date, by the grammar.
    """
    if _ISO_DEADLINE.fullmatch(phrase):
        try:
            return parse_date(phrase).latest
        except DateError:
            pass  # the grammar says why (or reads it otherwise)
    try:
        alone = parse_deadline(phrase)
    except DeadlineError:
        return None
    return alone.latest if alone.latest is not None and not alone.vague else None


def _ordinal(day: dt.date | None) -> int:
    return -1 if day is None else day.toordinal()


def _read_windows(phrases: np.ndarray | None, said: np.ndarray, encoded: tuple[np.ndarray, np.ndarray] | None = None,
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, str], np.ndarray]:
    """Read each distinct (phrase, day said) once: a phrase that names a date once, the others
    from all their days said at once (:func:`~llmtimeline.deadlines.read_days`).

    Every phrase is read with its day said (a soft horizon counts from it, and
    so do spans).  Returns each row's last day (NO_DAY when open), vague flag,
    soft horizon (NO_DAY when none), the reasons of the bad readings by code,
    and each row's code.
    """
    if encoded is None:
        assert phrases is not None
        phrase_codes, uniques = _factorize(phrases)
    else:
        phrase_codes, uniques = encoded
    codes, pairs = _factorize(phrase_codes.astype(np.int64) * _DAYS + said)
    ends = np.full(len(pairs), NO_DAY, dtype=np.int64)
    horizons = np.full(len(pairs), NO_DAY, dtype=np.int64)
    is_vague = np.zeros(len(pairs), dtype=bool)
    bad: dict[int, str] = {}
    pairs = pairs.astype(np.int64)
    phrase_of, said_of = pairs // _DAYS, pairs % _DAYS
    # a phrase that names a date ends on it whatever the day said, but is refused when said after it
    # (read below, with its reason): one reading per phrase, the days compared at once
    used = np.unique(phrase_of)
    last = np.array([_ordinal(_date_deadline(uniques[p])) for p in used.tolist()], dtype=np.int64)
    last_of = np.full(int(used.max()) + 1 if used.size else 0, -1, dtype=np.int64)
    last_of[used] = last
    pair_last = last_of[phrase_of]
    dated = (pair_last >= 0) & (said_of <= pair_last)
    ends[dated] = pair_last[dated] - _EPOCH_ORDINAL
    left = np.flatnonzero(~dated)  # relative phrases, and dates said after them
    order = left[np.argsort(phrase_of[left], kind="stable")]
    starts = np.flatnonzero(np.r_[True, phrase_of[order][1:] != phrase_of[order][:-1]]) if order.size else order
    for group in np.split(order, starts[1:]) if order.size else ():
        phrase = uniques[int(phrase_of[group[0]])]
        ends[group], is_vague[group], horizons[group], refused = read_days(phrase, said_of[group] - _EPOCH_ORDINAL)
        for k, reason in refused.items():
            bad[int(group[k])] = reason
    return ends[codes], is_vague[codes], horizons[codes], bad, codes


def _check_deadlines(cols: ColumnMasks, rows: np.ndarray, lines: np.ndarray, problems: list[Problem],
                     dates: tuple[np.ndarray, list[object]], known: Encoded | None = None,
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Read the deadline of each prediction of ``rows``; report the phrases that cannot be read.

    A phrase is read from the latest day its claim may have been said, so
    claims dated "2024-04" and "2024-04-30" share one reading.  Returns the last
    day of each row's window (NO_DAY when open or none), whether it is vague,
    and its soft horizon (NO_DAY when none).
    """
    n = _length(cols)
    deadline = np.full(n, NO_DAY, dtype=np.int64)
    horizon = np.full(n, NO_DAY, dtype=np.int64)
    vague = np.zeros(n, dtype=bool)
    date_codes, whens = dates
    said_day = np.array([-1 if w is None else w.latest.toordinal() for w in whens] + [-1], dtype=np.int64)  # type: ignore[attr-defined]
    rows = rows[~cols.equal("deadline", "")[rows]]
    said = said_day[date_codes[rows]]
    rows, said = rows[said >= 0], said[said >= 0]  # a bad date is reported already
    if rows.size == 0:
        return deadline, vague, horizon
    encoded = None if known is None else (known.codes[rows], known.uniques)
    phrases = cols.texts("deadline", rows) if encoded is None else None
    ends, is_vague, horizons, bad, codes = _read_windows(phrases, said, encoded)
    for k in np.flatnonzero(np.isin(codes, list(bad))) if bad else ():
        r = rows[k]
        problems.append(Problem(int(lines[r]), "deadline", cols.texts("deadline", rows[k:k + 1])[0], bad[int(codes[k])]))
    deadline[rows], vague[rows], horizon[rows] = ends, is_vague, horizons
    return deadline, vague, horizon


def _columns(table: pd.DataFrame | Mapping[str, np.ndarray], encoded: Mapping[str, Encoded]) -> ColumnMasks:
    """The columns of ``table`` for the rules: Arrow-backed text as Arrow arrays (made into Python
    strings only where a rule reads them), the rest as object arrays."""
    if not isinstance(table, pd.DataFrame):  # the columns of one record built in code: no DataFrame to make
        return ColumnMasks({c: np.asarray(v, dtype=object) for c, v in table.items()},
                           encoded={name: (e.codes, e.uniques) for name, e in encoded.items()})
    plain, arrow = {}, {}
    for c in table.columns:
        array = arrow_text(table[c])
        if array is None:
            plain[c] = table[c].to_numpy(dtype=object)
        else:
            arrow[c] = array
    return ColumnMasks(plain, encoded={name: (e.codes, e.uniques) for name, e in encoded.items()}, arrow=arrow)


def validate_columns(table: pd.DataFrame | Mapping[str, np.ndarray], lines: np.ndarray, valid: np.ndarray,
                     problems: list[Problem],
                     text_has_bad: bool = True, longest: int | None = None, alone: bool = False,
                     encoded: Mapping[str, Encoded] | None = None, distinct_ids: Callable[[], bool] | None = None,
                     ) -> pd.DataFrame | None:
    """Apply every cell and record rule of :mod:`~llmtimeline.schema` to whole columns.

    Parameters
    ----------
    table:
        The contract columns (and any extras): text, "" for empty, as pandas' Arrow-backed
        ``str`` dtype (read with Arrow: only the distinct values some rules read become Python
        strings) or as object arrays.
    lines:
        The physical line each row starts on (reported with each problem).
    valid:
        The rows worth checking (a ragged row is reported already).
    problems:
        Every problem found is appended here.
    text_has_bad:
        False when the caller knows no cell holds a control character or a byte
        that was not UTF-8 (spares looking at every cell).
    longest:
        The length of the longest record when known: no cell can be longer.
    alone:
        True for the table of one record checked on its own (an object built in
        code): the rules that compare a record with the rest of its file (a
        ruling's claim) wait for the timeline it joins, and only the problems
        are wanted (None is returned).
    encoded:
        The codes and distinct values of some columns as they are in ``table``, when the
        reader has them (:class:`Encoded`): their distinct values are not found again.
    distinct_ids:
        Tells whether the reader found no id twice, even once NFKC and invisible
        characters are set aside (it sorts the ids in another thread: asked once the
        other rules have run); when it did, duplicates are not looked for again.

    Returns
    -------
    The typed columns (see :func:`llmtimeline.store.typed_columns`), or None when
    a problem was found.
    """
    rows = np.flatnonzero(valid)
    known: Mapping[str, Encoded] = encoded or {}
    cols = _columns(table, known)
    names = list(table.columns) if isinstance(table, pd.DataFrame) else list(table)
    n = len(valid)
    for column in COLUMNS:  # a table made before a column existed (claim, verdict) reads it as empty
        if column not in cols:
            cols[column] = np.full(n, "", dtype=object)
    may_be_long = longest is None or longest > MAX_CELL  # a cell of n characters takes n bytes or more
    bad = _bad_cells(cols, names, rows, lines, problems) if text_has_bad or may_be_long else {}

    def fine(name: str) -> np.ndarray:
        return rows if name not in bad else rows[~bad[name][rows]]

    parsed = {}
    with _Beside(n) as beside:  # the rules Arrow tests at once run in another thread beside the others
        by_arrow = {}
        for name in names:
            array = None if name in _PARSERS else _by_arrow(name, cols, fine(name), known.get(name))
            if array is not None:
                by_arrow[name] = beside.run(_arrow_passes, name, array)
        for name in names:
            if name in _PARSERS:
                parsed[name] = _parse_column(name, cols, fine(name), lines, problems, known.get(name))
            elif name not in by_arrow:
                _check_column(name, cols, fine(name), lines, problems, known.get(name))
        for name, passes in by_arrow.items():
            if not passes.result():
                _check_column(name, cols, fine(name), lines, problems, known.get(name), tested=True)
    exp_codes, expectations = parsed["expects"]
    subjects = np.array([None if e is None else e[1] for e in expectations] + [None], dtype=object)  # type: ignore[index, type-var]
    cols["expects:subject"] = subjects[exp_codes]
    for rule in RECORD_RULES:
        if alone and rule.across:
            continue
        broken = rule.test(cols)
        for r in rows[broken[rows]]:
            problems.append(Problem(int(lines[r]), rule.column, cols.texts(rule.column, np.array([r]))[0],
                                    rule.reason_for(cols, int(r))))
    if distinct_ids is None or fine("id").size != n or not distinct_ids():
        _check_ids(cols["id"], fine("id"), lines, problems)
    candidates = fine("deadline")
    predictions = candidates[cols.equal("type", "prediction")[candidates]]
    windows = _check_deadlines(cols, predictions, lines, problems, parsed["date"],
                               known.get("deadline") if "deadline" not in bad else None)
    if problems or rows.size != n:
        return None
    if alone:  # one record checked on its own: only its problems are wanted
        return None
    about = {name: _encoded(cols, name, np.arange(n), known.get(name)) for name in ("kind", "subject")}
    return typed_from_parsed(cols, parsed["date"], parsed["expects"], windows, about)


def typed_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The typed columns of a valid table made in code, one row per record.

    Dates as integer days since 1970-01-01 (``earliest``, ``latest``,
    ``precision``, ``approximate``), expectations (``exp_kind``, ``exp_subject``,
    ``exp_negated``), deadlines (``deadline``, the last day of the window, or
    :data:`~llmtimeline.dates.NO_DAY`; ``vague``) and what each record is about as
    integers (``kind_code``, ``subject_code``: an event's or statement's, a
    prediction's expected ones, one numbering for all, -1 for none).  A loaded
    file gets them from :func:`validate_columns`; this makes them for a table
    built in code, and raises LoadError if a rule is broken.
    """
    problems: list[Problem] = []
    n = len(table)
    typed = validate_columns(table, np.arange(2, n + 2, dtype=np.int64), np.ones(n, dtype=bool), problems)
    if typed is None:
        raise LoadError("<records>", problems)
    return typed
