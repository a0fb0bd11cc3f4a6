"""What a valid record is: the events.csv columns and every rule, defined once, as data.

A rule is data: the column it is reported on, the reason, and a test.  Cell rules
(:data:`CELL_RULES`) test one text at a time (and, where it pays, a whole column at
once); record rules (:data:`RECORD_RULES`) test whole columns at once and return the
rows that break them.  :mod:`llmtimeline.store` applies both to the columns of a
file, and :mod:`llmtimeline.model` applies the very same code to the one-row
table of an object built in code, so a file and an object are held to exactly the
same rules and report the same problems.

>>> [rule.column for rule in RECORD_RULES][:5]
['id', 'type', 'date', 'title', 'source']
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .dates import parse_date
from .exceptions import DateError
from .expects import ONE_LINE_BREAKS, Expectation, all_one_line, breaks_line, kind_problem, name_problem
from .facts import parse_facts
from .names import normalise_column
from .status import statuses_of

__all__ = [
    "CELL_RULES",
    "COLUMNS",
    "MAX_CELL",
    "RECORD_RULES",
    "RECORD_TYPES",
    "REQUIRED",
    "RULING_VERDICTS",
    "CellRule",
    "ColumnMasks",
    "RecordRule",
    "cell_problem",
    "is_missing",
]

#: The events.csv columns, in the order they are written.
COLUMNS: tuple[str, ...] = (
    "id", "type", "date", "actor", "speaker", "kind", "subject", "title", "expects",
    "deadline", "facts", "quote", "lang", "source", "url", "published", "notes", "claim", "verdict",
)
#: Columns a file must have (the others may be left out and read as empty), and cells every record must fill.
REQUIRED: tuple[str, ...] = ("id", "type", "date", "title", "source")
#: The types of record: what happened, what was said (claims), what subjects are called, what was ruled.
RECORD_TYPES: tuple[str, ...] = ("event", "prediction", "statement", "subject", "ruling")
#: The verdicts a ruling may give a prediction, and a statement ("partly": partly kept).
RULING_VERDICTS: Mapping[str, tuple[str, ...]] = {kind: statuses_of(kind) for kind in ("prediction", "statement")}
def is_missing(value: object) -> bool:
    """A value that stands for an empty cell: None, ``pd.NA``, NaT or NaN.

    >>> [is_missing(v) for v in (None, float("nan"), pd.NaT, "", 0)]
    [True, True, True, False, False]
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    return isinstance(value, (float, np.floating)) and bool(np.isnan(value))


#: Longest cell accepted, in characters: a long quote fits, a pasted file does not.
MAX_CELL = 100_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


# -- cell rules: each test returns None when the value is fine, else the reason -------


def _date_problem(value: str) -> str | None:
    try:
        parse_date(value)
    except DateError as exc:
        return exc.reason
    return None


def _type_problem(value: str) -> str | None:
    if value not in RECORD_TYPES:
        return "expected one of " + ", ".join(map(repr, RECORD_TYPES))
    return None


def _expects_problem(value: str) -> str | None:
    try:
        Expectation.parse(value)
    except ValueError as exc:
        return str(exc)
    return None


def _facts_problem(value: str) -> str | None:
    try:
        parse_facts(value)
    except ValueError as exc:
        return str(exc)
    return None


def _one_line(what: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if breaks_line(value):
            return f"{what} must fit on one line (it holds a line break: {_first_break(value)})"
        if value != value.strip():
            return f"{what} has spaces at its start or end"
        return None

    return check


def _first_break(value: str) -> str:
    char = min((c for c in ONE_LINE_BREAKS if c in value), key=value.index)
    return {"\n": "LF", "\r": "CR"}.get(char, f"U+{ord(char):04X}")


def _name_problem(what: str) -> Callable[[str], str | None]:
    """Ids and subjects: the name rule of :mod:`~llmtimeline.expects`, with every Unicode line break."""
    line = _one_line(what)

    def check(value: str) -> str | None:
        return line(value) if breaks_line(value) else name_problem(value, what)

    return check


def _lang_problem(value: str) -> str | None:
    if not _LANG.fullmatch(value):
        return "expected a lowercase ISO 639 language code such as 'fr' or 'en'"
    return None


def _url_problem(value: str) -> str | None:
    """``http(s)://``, a host (a first character that is not ``/``, ``?`` or ``#``), no
    space anywhere.  Plain code, one pass: a failing 100 kB cell costs what a good one does."""
    rest = value[8:] if value.startswith("https://") else value[7:] if value.startswith("http://") else None
    if rest is None or not rest or rest[0] in "/?#" or rest.split() != [rest]:
        return "expected an address starting with http:// or https://, without spaces"
    return None


_AFTER_SCHEME = re.compile(r"://[/?#\x00]")
_STARTS_AS_URL = operator.methodcaller("startswith", ("http://", "https://"))


def _all_urls(values: list[str]) -> bool:
    """True when every value is an address by the rule of ``url`` (no space, a host after the scheme)."""
    joined = "\x00".join(values) + "\x00"
    return all(map(_STARTS_AS_URL, values)) and len(joined.split()) == 1 and not _AFTER_SCHEME.search(joined)


#: Every character Python's ``str.isspace`` (so ``str.strip`` and ``str.split``) reads as a space, as
#: a class of an RE2 pattern (Arrow's regular expressions): tests/test_store_text.py holds it to Python's.
_SPACES = (r"\t\n\x0b\x0c\r\x1c-\x20\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}"
           r"\x{205f}\x{3000}")
#: A value that :func:`~llmtimeline.expects.all_one_line` refuses: a line break, or a space at an end.
_NOT_ONE_LINE = rf"[\n\r\x{{85}}\x{{2028}}\x{{2029}}]|^[{_SPACES}]|[{_SPACES}]$"
#: A value that :func:`_all_urls` refuses, beside one not starting with the scheme: a space, or no host.
_NOT_URL = rf"[{_SPACES}]|://(?:[/?#\x00]|$)"


def _arrow_one_line(values: pa.Array) -> bool:
    """:func:`~llmtimeline.expects.all_one_line` of an Arrow string array's values, without a Python string."""
    return not pc.any(pc.match_substring_regex(values, _NOT_ONE_LINE)).as_py()


def _arrow_urls(values: pa.Array) -> bool:
    """:func:`_all_urls` of an Arrow string array's values, without a Python string."""
    scheme = pc.or_(pc.starts_with(values, "http://"), pc.starts_with(values, "https://"))
    return bool(pc.all(scheme).as_py() is not False) and not pc.any(pc.match_substring_regex(values, _NOT_URL)).as_py()


@attrs.frozen
class CellRule:
    """The rule of one column's cells.

    ``check`` reads one non-empty text and returns the reason it is wrong, or None.
    ``batch``, when given, tests a whole column's non-empty values at once: True
    means every value passes ``check``; False means "look closer", value by value.
    ``arrow`` is the same test as ``batch`` over the values as one Arrow string array
    (the cells as the reader holds them: no Python string is made).
    """

    column: str
    check: Callable[[str], str | None]
    batch: Callable[[list[str]], bool] | None = None
    arrow: Callable[[pa.Array], bool] | None = None


#: Rules for single cells, by column (empty cells are never tested; see RECORD_RULES).
CELL_RULES: Mapping[str, CellRule] = {rule.column: rule for rule in (
    CellRule("id", _name_problem("id"), all_one_line, _arrow_one_line),
    CellRule("type", _type_problem),
    CellRule("date", _date_problem),
    CellRule("published", _date_problem),
    CellRule("actor", _one_line("actor"), all_one_line, _arrow_one_line),
    CellRule("speaker", _one_line("speaker"), all_one_line, _arrow_one_line),
    CellRule("kind", kind_problem),
    CellRule("subject", _name_problem("subject"), all_one_line, _arrow_one_line),
    CellRule("title", _one_line("title"), all_one_line, _arrow_one_line),
    CellRule("expects", _expects_problem),
    CellRule("facts", _facts_problem),
    CellRule("lang", _lang_problem),
    CellRule("source", _one_line("source"), all_one_line, _arrow_one_line),
    CellRule("url", _url_problem, _all_urls, _arrow_urls),
)}


def cell_problem(value: str) -> str | None:
    """Problems any cell may have: bytes that were not UTF-8, control characters, size."""
    bad = _SURROGATE.search(value)
    if bad:
        code = ord(bad.group())
        if 0xDC80 <= code <= 0xDCFF:  # a byte the reader could not decode (kept by surrogateescape)
            return f"the file is not UTF-8: byte 0x{code - 0xDC00:02X} here (save the file as UTF-8)"
        return f"lone surrogate U+{code:04X} is not text: it cannot be saved as UTF-8"
    bad = _CONTROL.search(value)
    if bad:
        return f"control character {bad.group()!r} (U+{ord(bad.group()):04X}) is not allowed in a cell"
    if len(value) > MAX_CELL:
        return f"cell is {len(value):,} characters long; the limit is {MAX_CELL:,}"
    return None


# -- record rules: each test takes the columns and returns the rows that break it -------

#: The columns a record rule reads: every contract column as an object array of text
#: ("" for empty), plus ``expects:subject``, the subject of each valid expectation (None
#: where the cell is empty or wrong).
Columns = Mapping[str, np.ndarray]


@attrs.frozen
class RecordRule:
    """A rule over a whole record: the column a problem is reported on, its reason, its test.

    ``test`` takes the :data:`Columns` and returns a boolean array, True for each
    row that breaks the rule.  ``reason`` is a text, or a function of the columns
    and a row giving the text for that row.
    """

    column: str
    reason: str | Callable[[Columns, int], str]
    test: Callable[[Columns], np.ndarray]
    #: True when the rule compares a record with the others of its file (a ruling's claim):
    #: it is not applied to a record checked alone.
    across: bool = False

    def reason_for(self, columns: Columns, row: int) -> str:
        """The reason for ``row`` (which breaks the rule)."""
        return self.reason if isinstance(self.reason, str) else self.reason(columns, row)


class ColumnMasks(dict):  # type: ignore[type-arg]
    """:data:`Columns` that keep the masks the record rules ask for (``type == "event"``, an empty
    ``kind``...): some thirty rules compare the same few columns, and each comparison of a column
    of a million texts takes tens of milliseconds. A plain mapping works too, without the memo.

    ``encoded`` may give, for some columns, each row's code and the distinct values: a mask is
    then made by comparing the few distinct values and the integer codes. ``arrow`` may give
    columns as Arrow string arrays (the cells as the reader holds them): a mask is then made by
    Arrow, and a rule that reads the texts gets an object array made on first use (from the
    codes and distinct values when there are some), kept for the next rule.
    """

    def __init__(self, *args: Any, encoded: Mapping[str, tuple[np.ndarray, np.ndarray]] | None = None,
                 arrow: Mapping[str, pa.Array] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.masks: dict[tuple[str, str], np.ndarray] = {}
        self.encoded = dict(encoded or {})
        self.arrow = dict(arrow or {})

    def __missing__(self, column: str) -> np.ndarray:
        """A column held as Arrow text, made an object array of Python strings (once)."""
        if column not in self.arrow:
            raise KeyError(column)
        if column in self.encoded:
            codes, uniques = self.encoded[column]
            values: np.ndarray = np.asarray(uniques, dtype=object)[codes]
        else:
            values = np.asarray(self.arrow[column].to_numpy(zero_copy_only=False), dtype=object)
        self[column] = values
        return values

    def __contains__(self, column: object) -> bool:
        return super().__contains__(column) or column in self.arrow

    def equal(self, column: str, value: str) -> np.ndarray:
        """``self[column] == value`` as a boolean array, made once (from the codes or Arrow when there are)."""
        return _equal(self, column, value)

    def texts(self, column: str, rows: np.ndarray) -> np.ndarray:
        """The texts of ``column`` at ``rows`` (an object array), without making the rest of the column."""
        if super().__contains__(column):
            return np.asarray(self[column][rows])
        if column in self.encoded:
            codes, uniques = self.encoded[column]
            return np.asarray(np.asarray(uniques, dtype=object)[codes[rows]], dtype=object)
        if column in self.arrow:
            return np.asarray(self.arrow[column].take(pa.array(rows, pa.int64())).to_numpy(zero_copy_only=False),
                              dtype=object)
        raise KeyError(column)


def _equal(c: Columns, column: str, value: str) -> np.ndarray:
    """``c[column] == value`` as a boolean array, computed once per :class:`ColumnMasks`."""
    if not isinstance(c, ColumnMasks):
        return np.asarray(c[column] == value, dtype=bool)
    key = (column, value)
    if key not in c.masks:
        if column in c.encoded:
            codes, uniques = c.encoded[column]
            at = np.flatnonzero(uniques == value)  # distinct values: at most one
            c.masks[key] = codes == at[0] if at.size else np.zeros(codes.size, dtype=bool)
        elif column in c.arrow and not dict.__contains__(c, column):
            c.masks[key] = pc.equal(c.arrow[column], value).to_numpy(zero_copy_only=False)
        else:
            c.masks[key] = np.asarray(c[column] == value, dtype=bool)
    return c.masks[key]


def _at(c: Columns, column: str, rows: np.ndarray) -> np.ndarray:
    """``c[column][rows]``, without making the rest of a column held as Arrow text."""
    return c.texts(column, rows) if isinstance(c, ColumnMasks) else np.asarray(c[column][rows])


def _empty(column: str) -> Callable[[Columns], np.ndarray]:
    return lambda c: _equal(c, column, "")


def _of_type(kind: str, column: str, need: bool) -> Callable[[Columns], np.ndarray]:
    return lambda c: _equal(c, "type", kind) & (_equal(c, column, "") == need)


def _claim_without_actor(c: Columns) -> np.ndarray:
    claims = _equal(c, "type", "prediction") | _equal(c, "type", "statement")
    return np.asarray(claims & _equal(c, "actor", "") & _equal(c, "speaker", ""), dtype=bool)


def _quote_without_lang(c: Columns) -> np.ndarray:
    return np.asarray(~_equal(c, "quote", "") & _equal(c, "lang", ""), dtype=bool)


def _subject_differs(c: Columns) -> np.ndarray:
    """Predictions whose subject is not the one in expects, after normalisation ("Llama 3" = "llama-3")."""
    expected = c["expects:subject"]
    rows = np.flatnonzero(_equal(c, "type", "prediction") & ~_equal(c, "subject", "") & pd.notna(expected))
    out = np.zeros(c["type"].size, dtype=bool)
    subjects = _at(c, "subject", rows)
    differ = subjects != expected[rows]  # the same text is the same name: only the others are read
    rows, subjects = rows[differ], subjects[differ]
    if rows.size:
        out[rows] = normalise_column(subjects) != normalise_column(expected[rows].astype(object))
    return out


def _subject_mismatch(c: Columns, row: int) -> str:
    return f"differs from the subject in expects ({c['expects:subject'][row]!r}); leave it empty or make them equal"



# Which cells each type of record must fill (True) or leave empty (False), and why.
_BY_TYPE: tuple[tuple[str, str, bool, str], ...] = (
    ("event", "actor", True, "an event needs the organisation it is about"),
    ("event", "kind", True, "an event needs a kind such as 'release' or 'partnership'"),
    ("event", "subject", True, "an event needs the slug of what it is about, e.g. 'llama-3'"),
    ("event", "expects", False, "only predictions have 'expects'"),
    ("event", "deadline", False, "only predictions have a deadline"),
    ("prediction", "expects", True,
     "a prediction needs 'expects': 'KIND SUBJECT' or 'not KIND SUBJECT', e.g. 'release llama-3'"),
    ("prediction", "kind", False, "'kind' is for events; a prediction says what it expects in 'expects'"),
    ("statement", "subject", True, "a statement needs the slug of what it is about, e.g. 'llama-3'"),
    ("statement", "kind", False, "'kind' is for events"),
    ("statement", "expects", False, "only predictions have 'expects'; a statement states facts"),
    ("statement", "deadline", False, "only predictions have a deadline"),
    ("subject", "subject", True, "a subject record needs the canonical name of the subject, e.g. 'llama-3'"),
    ("subject", "kind", False, "'kind' is for events"),
    ("subject", "expects", False, "only predictions have 'expects'"),
    ("subject", "deadline", False, "only predictions have a deadline"),
    ("ruling", "claim", True, "a ruling needs the id of the claim it rules on in 'claim'"),
    ("ruling", "verdict", True, "a ruling needs its verdict in 'verdict', e.g. 'partly' or 'missed'"),
    ("ruling", "kind", False, "'kind' is for events"),
    ("ruling", "subject", False, "a ruling is about its claim: leave 'subject' empty"),
    ("ruling", "expects", False, "only predictions have 'expects'"),
    ("ruling", "deadline", False, "only predictions have a deadline"),
    ("ruling", "facts", False, "a ruling states no facts: give its reasoning in 'title'"),
    *((kind, column, False, f"only rulings have '{column}'")
      for kind in ("event", "prediction", "statement", "subject") for column in ("claim", "verdict")),
)

def _compares(text: str) -> bool:
    if "<" not in text and ">" not in text:
        return False
    try:
        return parse_facts(text).compares
    except ValueError:
        return False  # reported by the cell rule


def _comparing_facts(c: Columns) -> np.ndarray:
    """Events and subject records whose facts compare (``>=``...): they state, they do not compare."""
    states = (_equal(c, "type", "event") | _equal(c, "type", "subject")) & ~_equal(c, "facts", "")
    rows = np.flatnonzero(states)
    out = np.zeros(states.size, dtype=bool)
    if isinstance(c, ColumnMasks) and "facts" in c.encoded:  # each distinct text read once
        codes, uniques = c.encoded["facts"]
        compares = np.fromiter((_compares(v) for v in np.asarray(uniques, dtype=object).tolist()), dtype=bool,
                               count=len(uniques))
        out[rows] = compares[codes[rows]]
        return out
    bad = np.fromiter((_compares(v) for v in _at(c, "facts", rows).tolist()), dtype=bool, count=rows.size)
    out[rows[bad]] = True
    return out


def _ruled_claims(c: Columns) -> tuple[np.ndarray, np.ndarray]:
    """For each row: whether it is a ruling, and the type of the record its ``claim`` names ("" if none)."""
    is_ruling = _equal(c, "type", "ruling")
    types = np.full(c["type"].size, "", dtype=object)
    if is_ruling.any():
        of_id = pd.Series(c["type"], index=c["id"], dtype=object)
        of_id = of_id[~of_id.index.duplicated()]  # a duplicate id is reported by its own rule
        types[is_ruling] = of_id.reindex(_at(c, "claim", np.flatnonzero(is_ruling))).fillna("").to_numpy(dtype=object)
    return is_ruling, types


def _unknown_claim(c: Columns) -> np.ndarray:
    is_ruling, types = _ruled_claims(c)
    return np.asarray(is_ruling & ~_equal(c, "claim", "") & (types != "prediction") & (types != "statement"), dtype=bool)


def _unknown_claim_reason(c: Columns, row: int) -> str:
    _, types = _ruled_claims(c)
    if types[row]:
        return f"names a record of type {types[row]!r}; a ruling rules on a claim (a prediction or a statement)"
    return f"no claim of the file has the id {c['claim'][row]!r}"


def _wrong_verdict(c: Columns) -> np.ndarray:
    is_ruling, types = _ruled_claims(c)
    bad = np.zeros(c["type"].size, dtype=bool)
    rows = np.flatnonzero(is_ruling & ~_equal(c, "verdict", ""))  # the rulings' verdicts: the rest is fine
    verdict, kind_of = _at(c, "verdict", rows), types[rows]
    allowed = sorted({v for vs in RULING_VERDICTS.values() for v in vs})
    wrong = (kind_of == "") & ~np.isin(verdict, allowed)
    for kind, verdicts in RULING_VERDICTS.items():
        wrong |= (kind_of == kind) & ~np.isin(verdict, verdicts)
    bad[rows[wrong]] = True
    return bad


def _wrong_verdict_reason(c: Columns, row: int) -> str:
    _, types = _ruled_claims(c)
    verdicts = RULING_VERDICTS.get(str(types[row]), tuple(sorted({v for vs in RULING_VERDICTS.values() for v in vs})))
    what = f"a {types[row]}" if types[row] else "a claim"
    return f"{c['verdict'][row]!r} is no verdict for {what}: expected one of " + ", ".join(verdicts)


#: Every record rule, in the order problems are listed for one row.
RECORD_RULES: tuple[RecordRule, ...] = (
    *(RecordRule(column, f"{column} is required", _empty(column)) for column in REQUIRED),
    *(RecordRule(column, why, _of_type(kind, column, need)) for kind, column, need, why in _BY_TYPE),
    RecordRule("actor", "a claim needs an actor (organisation) or a speaker", _claim_without_actor),
    RecordRule("lang", "a quote needs the code of its language, e.g. 'fr'", _quote_without_lang),
    RecordRule("subject", _subject_mismatch, _subject_differs),
    RecordRule("facts", "events and subject records state facts as key=value; comparisons (>=, <=, >, <) "
               "are for predictions and statements", _comparing_facts),
    RecordRule("verdict", _wrong_verdict_reason, _wrong_verdict),
    RecordRule("claim", _unknown_claim_reason, _unknown_claim, across=True),
)
