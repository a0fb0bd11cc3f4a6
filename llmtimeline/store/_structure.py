"""What a reader makes of a file's bytes: the header, the cells, each record's physical line.

Both readers make one: the fast path (:mod:`._csv`) and the careful reader
(:mod:`._careful`); a Parquet file's cells are read into one too (:mod:`.parquet`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..validation import Encoded

__all__ = ["Structure"]


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
                 encoded: dict[int, Encoded] | None = None, ranks: dict[int, np.ndarray] | None = None,
                 distinct: set[int] | None = None) -> None:
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
        self.ranks = ranks or {}  # each cell's rank in sorted order, for some columns (the ids), by position
        self.distinct = distinct or set()  # columns that hold no value twice, even as id_key reads them
