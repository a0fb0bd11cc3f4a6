"""The cells' text columns as the engine reads them, whatever their storage.

A timeline's cells may hold Python strings (object dtype) or Arrow strings
(pandas' ``str`` dtype, or an ``ArrowDtype``).  The engine never converts a
whole column from one to the other: it asks for what it needs, and each helper
does it the cheap way for either storage:

* :func:`texts`: the cells at some rows, as an Arrow ``large_string`` array (an
  Arrow column is *taken*; only object cells are converted, and only those rows);
* :func:`codes`: a column factorized, each distinct text once (what the facts,
  the record types and the rulings are compared by);
* :func:`pick`: the cells at a few rows as Python strings.

>>> import numpy as np, pandas as pd
>>> column = pd.Series(["a", "b", "a"], dtype=object)
>>> texts(column, np.array([2, -1, 1])).to_pylist()
['a', '', 'b']
>>> c, distinct = codes(column)
>>> c.tolist(), distinct
([0, 1, 0], ['a', 'b'])
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..validation import is_text

_T = TypeVar("_T")
_R = TypeVar("_R")

__all__ = ["POOL", "STRING", "Gather", "arrow", "codes", "in_threads", "pick", "texts"]

#: The storage of pandas' Arrow-backed ``str`` dtype, and of every text the check makes.
STRING = pa.large_string()

#: Where the check's Arrow arrays are allocated: the C library's malloc.  pyarrow's default pool
#: (mimalloc) gives freed memory back to the system at once, so the next array of a check faults
#: its pages in again: at 1M records that cost a third of the check's CPU time (2.6 s against
#: 3.4-3.8 s on 2 cores under load) and 60 MB more memory.
POOL = pa.system_memory_pool()


def in_threads(work: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
    """``[work(item) for item in items]``, on as many threads as there are CPUs (at most 4).

    pyarrow's kernels (take, filter, joins of strings) let go of the interpreter
    while they run, so independent columns are made side by side.  On one CPU,
    or for one item, the work is done here, in order.
    """
    workers = min(len(items), os.cpu_count() or 1, 4)
    if workers <= 1:
        return [work(item) for item in items]
    with ThreadPoolExecutor(workers, thread_name_prefix="llmtimeline-check") as pool:
        return list(pool.map(work, items))


def arrow(column: pd.Series) -> pa.ChunkedArray | None:
    """The column's Arrow strings when it is Arrow-backed (``str`` or ``ArrowDtype``), else None."""
    dtype = column.dtype
    arrow_strings = isinstance(dtype, pd.ArrowDtype) and (pa.types.is_string(dtype.pyarrow_dtype)
                                                           or pa.types.is_large_string(dtype.pyarrow_dtype))
    if is_text(column) or arrow_strings:
        data = column.array.__arrow_array__()
        return data if isinstance(data, pa.ChunkedArray) else pa.chunked_array([data])
    return None


def texts(column: pd.Series, at: np.ndarray, empty: str | None = "") -> pa.Array:
    """``column[at]`` as an Arrow ``large_string`` array, ``empty`` where ``at`` is -1 (None: null).

    An Arrow column is taken (no string is converted); object cells are converted
    for the rows wanted only.
    """
    missing = at < 0
    any_missing = bool(missing.any())
    if at.size == 0 or len(column) == 0 or (any_missing and missing.all()):
        none = pa.nulls(at.size, STRING, memory_pool=POOL)
        return none if empty is None else pc.coalesce(none, pa.scalar(empty, STRING), memory_pool=POOL)
    safe = np.where(missing, 0, at) if any_missing else at
    data = arrow(column)
    if data is not None:
        taken = _take(data, safe)
        if taken.type != STRING:
            taken = pc.cast(taken, STRING, memory_pool=POOL)
        if any_missing:
            taken = pc.if_else(pa.array(missing), pa.scalar(None, STRING), taken, memory_pool=POOL)
    else:
        taken = pa.array(np.asarray(column.array, dtype=object)[safe], type=STRING, from_pandas=True,
                         mask=missing if any_missing else None, memory_pool=POOL)
    if empty is not None and taken.null_count:
        taken = pc.coalesce(taken, pa.scalar(empty, STRING), memory_pool=POOL)
    return taken


def _take(data: pa.ChunkedArray, at: np.ndarray) -> pa.Array:
    """``data[at]`` as one array.  A column of many chunks (as a CSV reader leaves it) is not taken
    from as it is (pyarrow's take resolves the chunk of every position, slowly): rows in increasing
    order are filtered out chunk by chunk, others taken from the chunks combined."""
    if data.num_chunks == 1:
        return pc.take(data.chunk(0), pa.array(at, pa.int64()), memory_pool=POOL)
    if at.size and bool(np.all(at[1:] > at[:-1])):
        keep = np.zeros(len(data), dtype=bool)
        keep[at] = True
        return pc.filter(data, pa.array(keep), memory_pool=POOL).combine_chunks(memory_pool=POOL)
    return pc.take(data.combine_chunks(memory_pool=POOL), pa.array(at, pa.int64()), memory_pool=POOL)


def codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """The column factorized: each cell's code (int64, in order of first appearance) and the distinct
    texts the codes index.  A missing cell (None, NaN) reads as ""."""
    if len(column) == 0:
        return np.zeros(0, dtype=np.int64), []
    found, distinct = pd.factorize(column.array, use_na_sentinel=True)
    found = np.asarray(found, dtype=np.int64)
    names = [str(v) for v in np.asarray(distinct, dtype=object).tolist()]
    if (found < 0).any():  # a missing cell: the code of ""
        if "" not in names:
            names.append("")
        found[found < 0] = names.index("")
    return found, names


def pick(column: pd.Series, at: np.ndarray) -> np.ndarray:
    """``column[at]`` as an object array of Python strings ("" for a missing cell): for a few rows."""
    data = arrow(column)
    if data is not None:
        values = pc.take(data, pa.array(np.asarray(at, dtype=np.int64))).to_pylist() if len(at) else []
        return np.array(["" if v is None else v for v in values], dtype=object)
    picked = np.asarray(column.array, dtype=object)[at]
    return np.array([v if isinstance(v, str) else "" if v is None or pd.isna(v) else v for v in picked.tolist()],
                    dtype=object)


class Gather:
    """The cells of many rows (positions in the cells, in any order), read in file order.

    Reading a column at scattered rows jumps around memory (a cache and TLB miss a
    cell at millions of rows); reading them in file order walks it forward.  So the
    cells are read at the rows sorted, then put in the rows' order by one take of
    the compact result.

    >>> g = Gather(np.array([2, 0]), 3)
    >>> g.texts(pd.Series(["a", "b", "c"], dtype=object)).to_pylist()
    ['c', 'a']
    """

    def __init__(self, rows: np.ndarray, n_records: int) -> None:
        self.rows = rows
        if rows.size == 0:
            self.sorted, self.identity = rows, True
            return
        wanted = np.zeros(n_records, dtype=bool)
        wanted[rows] = True
        self.sorted = np.flatnonzero(wanted)
        self.identity = self.sorted.size == rows.size and bool(np.array_equal(self.sorted, rows))
        if self.sorted.size != rows.size:  # a row wanted twice: read each row in place
            self.sorted = rows
            self.identity = True
        rank = np.empty(n_records, dtype=np.int64)
        rank[self.sorted] = np.arange(self.sorted.size)
        self._perm = pa.array(rank[rows], pa.int64())

    def texts(self, column: pd.Series) -> pa.Array:
        """``texts(column, rows)``: the cells at the rows, in the rows' order."""
        found = texts(column, self.sorted)
        return found if self.identity else pc.take(found, self._perm, memory_pool=POOL)
