"""What a reader makes of a file's bytes: the header, the cells, each record's physical line.

Both readers make one: the fast path (:mod:`._csv`) and the careful reader
(:mod:`._careful`); a Parquet file's cells are read into one too (:mod:`.parquet`).
"""

from __future__ import annotations

from concurrent.futures import Future

import numpy as np
import pandas as pd

from ..validation import Encoded

__all__ = ["SortedIds", "Structure"]


class SortedIds:
    """The id column sorted by the reader, in another thread while the rules run (pyarrow's sort lets
    go of the GIL): the rows in id order (UTF-8 bytes sort as code points, so as Python sorts
    texts) and whether no id is there twice (ASCII ids that all differ: NFKC and invisible
    characters cannot make two of them one)."""

    def __init__(self, column: int, pending: Future[tuple[np.ndarray, bool]]) -> None:
        self.column = column  # the id column's position
        self._pending = pending

    def sorted(self) -> np.ndarray:
        """The row positions in id order (waits for the sort)."""
        return self._pending.result()[0]

    def distinct(self) -> bool:
        """Whether no two ids are the same, even as :func:`~llmtimeline.safe_text.id_key` reads them (waits)."""
        return self._pending.result()[1]


class Structure:
    """The cells of a file: header, rows as a DataFrame of text, and each row's line.

    ``cells`` has as many columns as the header (a longer row's extra cells are
    in ``ragged``, by row position, as written; a shorter row is padded with "").
    Its columns are pandas' Arrow-backed ``str`` arrays when the file was read by
    pyarrow (the fast path, a Parquet file's text) and object arrays of Python
    strings when the careful reader read it (they may then hold bytes that were
    not UTF-8, decoded with surrogateescape: no Arrow string can hold those).
    """

    def __init__(self, header: list[str], cells: pd.DataFrame, lines: np.ndarray, widths: np.ndarray,
                 longest: int | None = None, *, ok_utf8: bool = True, has_control: bool = True,
                 escaped: set[int] | None = None, ragged: dict[int, list[str]] | None = None,
                 encoded: dict[int, Encoded] | None = None, ids: SortedIds | None = None) -> None:
        self.header = header
        self.cells = cells  # columns 0..n-1, text ("str" or object dtype), "" for empty; header row excluded
        self.lines = lines  # physical start line of each row
        self.widths = widths  # number of cells in each row
        self.longest = longest  # bytes of the longest record, when known: no cell is longer
        self.ok_utf8 = ok_utf8  # every byte was UTF-8
        self.has_control = has_control  # a control byte may be in a cell
        self.escaped = escaped  # columns where a cell starts with "'" (None: any may)
        self.ragged = ragged or {}  # every cell of the rows whose width differs from the header's
        self.encoded = encoded or {}  # codes and distinct values of some columns, by position
        self.ids = ids  # the id column as the reader sorts it (None: the Timeline sorts)
