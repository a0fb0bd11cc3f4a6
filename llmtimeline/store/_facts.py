"""What a column's bytes tell before its cells become Python strings.

The fast reader (:mod:`._csv`) holds each column as a pyarrow array for a moment;
numpy over the array's UTF-8 bytes (in the thread that prepares the next column)
answers there the questions the validator would otherwise ask of a million Python
strings: does any cell break a line or start or end with white space, is every cell
an address; and pyarrow gives the codes of a column's distinct values.  Each answer
is exact by the Python rule it stands for (the white space of :meth:`str.strip` is
listed character by character, and a character's UTF-8 bytes never occur inside
another's); when an answer is "no", the validator looks value by value as before,
so a problem is reported exactly as without these facts.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..expects import ONE_LINE_BREAKS, all_one_line
from ..validation import ColumnFacts

__all__ = ["SPACES", "column_facts"]


#: Every character :meth:`str.strip` and :meth:`str.split` take for white space (``str.isspace``;
#: tests/test_store_facts.py holds the list to the interpreter's).
SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
          "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
#: The UTF-8 bytes of each: a character's bytes never occur inside another's (UTF-8 synchronises).
_SPACE_BYTES = tuple(c.encode() for c in SPACES)
_BREAK_BYTES = tuple(c.encode() for c in ONE_LINE_BREAKS)
_ASCII_SPACE = np.zeros(256, dtype=bool)
_ASCII_SPACE[[b[0] for b in _SPACE_BYTES if len(b) == 1]] = True
#: The first byte of a white space of several bytes; the last byte of one.
_SPACE_LEAD = np.zeros(256, dtype=bool)
_SPACE_LEAD[[b[0] for b in _SPACE_BYTES if len(b) > 1]] = True
_SPACE_TAIL = np.zeros(256, dtype=bool)
_SPACE_TAIL[[b[-1] for b in _SPACE_BYTES if len(b) > 1]] = True


def _bytes(cells: Any) -> tuple[np.ndarray, np.ndarray, bytes]:
    """A string array's data buffer (uint8, no copy), each value's start and end in it (one more than
    values), and the bytes of the values together."""
    _, offsets, data = cells.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int32)[cells.offset:cells.offset + len(cells) + 1].astype(np.int64)
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
    return raw, bounds, raw[bounds[0]:bounds[-1]].tobytes()


def _stripped(cells: Any, rows: np.ndarray) -> bool:
    """True when none of the values at ``rows`` starts or ends with white space (asked of Python)."""
    values = cells.take(rows).to_pylist()
    return all(v == v.strip() for v in values)


def _one_line(cells: Any) -> bool:
    """No value holds a line break or starts or ends with white space (``all_one_line``), from the bytes:
    a line break is looked for in all of them at once, white space among each value's first and last
    bytes (Python is asked of the few values that end or start with a byte a white space may)."""
    raw, bounds, joined = _bytes(cells)
    if any(b in joined for b in _BREAK_BYTES):
        return False
    given = np.flatnonzero(bounds[1:] > bounds[:-1])
    first, last = raw[bounds[:-1][given]], raw[bounds[1:][given] - 1]
    if _ASCII_SPACE[first].any() or _ASCII_SPACE[last].any():
        return False
    maybe = given[_SPACE_LEAD[first] | _SPACE_TAIL[last]]
    return bool(maybe.size == 0 or _stripped(cells, maybe))


def _urls(cells: Any) -> bool:
    """Every non-empty value is an address by the rule of ``url``: the scheme, a first character of the
    host that is not ``/``, ``?`` or ``#``, and no white space anywhere."""
    raw, bounds, joined = _bytes(cells)
    if any(b in joined for b in _SPACE_BYTES if len(b) == 1 or b[:1] in joined):
        return False
    given = bounds[1:] > bounds[:-1]
    first, stop = bounds[:-1][given], bounds[1:][given]

    def scheme(text: bytes) -> np.ndarray:
        ok = stop - first > len(text)  # the scheme, and a host after it
        for k, byte in enumerate(text):
            ok &= raw[np.minimum(first + k, stop - 1)] == byte
        return np.asarray(ok, dtype=bool)

    https, http = scheme(b"https://"), scheme(b"http://")
    if not (https | http).all():
        return False
    host = raw[np.where(https, first + 8, first + 7)]
    return not np.isin(host, np.frombuffer(b"/?#", dtype=np.uint8)).any()


def column_facts(name: str, cells: Any) -> ColumnFacts:
    """The facts of a string array of cells (no header) under the column ``name`` (as written): the
    questions its rule (:data:`~llmtimeline.schema.CELL_RULES`) would ask of every value.

    Numpy over the array's bytes: call it where the GIL is not needed for long.
    """
    from ..schema import CELL_RULES

    rule = CELL_RULES.get(name)
    one_line = rule is not None and rule.batch is all_one_line and _one_line(cells)
    return ColumnFacts(one_line, _urls(cells) if name == "url" else None)
