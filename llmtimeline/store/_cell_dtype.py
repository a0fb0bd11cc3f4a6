"""The dtype of the cells a Timeline holds: pandas' Arrow-backed ``str``, as ``pandas.read_csv`` gives text.

The fast reader keeps pyarrow's strings as they are (no Python string per cell); cells
read another way (the careful reader, a DataFrame, records built in code) are made
into the same dtype once, when a Timeline takes them.  A column whose text no Arrow
string can hold (a lone surrogate: bytes that were not UTF-8, decoded with
surrogateescape) stays an object column, so nothing is lost; a valid table never
holds one (the rules refuse such a cell), only the records kept with problems may.

>>> import pandas as pd
>>> frame = text_frame(pd.DataFrame({"id": ["a", "b"]}, dtype=object))
>>> str(frame["id"].dtype), frame["id"].tolist()
('str', ['a', 'b'])
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from ..validation import is_text

__all__ = ["TEXT", "is_text", "same_cells", "text_frame"]

#: pandas' ``str`` dtype backed by Arrow, "" for an empty cell (never missing).
TEXT = pd.StringDtype("pyarrow", na_value=float("nan"))


def text_frame(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with each column of text as :data:`TEXT` (those already so are kept as they are)."""
    changed = {}
    for column in table.columns:
        series = table[column]
        if is_text(series):
            continue
        try:
            changed[column] = pd.Series(pd.array(series.to_numpy(dtype=object), dtype=TEXT), index=table.index,
                                        copy=False)
        except (UnicodeEncodeError, pa.ArrowException, TypeError, ValueError):
            continue  # a lone surrogate (or no text): kept as it is, losslessly
    if not changed:
        return table
    return pd.DataFrame({c: changed.get(c, table[c]) for c in table.columns}, index=table.index, copy=False)


def same_cells(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Whether two tables of cells hold the same texts under the same column names, in the same order."""
    if list(a.columns) != list(b.columns) or a.shape != b.shape:
        return False
    for column in a.columns:
        x, y = a[column], b[column]
        if is_text(x) and is_text(y):
            if not x.array.__arrow_array__().equals(y.array.__arrow_array__()):
                return False
        elif not bool((x.to_numpy(dtype=object) == y.to_numpy(dtype=object)).all()):
            return False
    return True
