"""Cells to a file: spreadsheet-safe escaping (reversible) and the atomic write.

A cell a spreadsheet would run as a formula gets one ``'`` in front when written;
the reader takes it off again, so load → save → load is lossless.  A save writes a
temporary file beside the target, syncs it, renames it over the target and syncs
the folder: a crash at any point leaves the old file or the new one, whole (the
file system's side, links and refusals included, is :mod:`._files`).  Every test
of a cell's text is linear in its length.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

import pandas as pd

from ._files import atomic_write

__all__ = ["spreadsheet_safe", "unescape_cell", "write_table"]

# Spreadsheet formula injection: a cell starting with one of these runs as a formula.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
# -3 is a number, not a formula.  Each character can be read one way only (no two
# quantifiers share a digit), so a failing match costs one pass: "-111...1x" is linear.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")


def spreadsheet_safe(value: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula, reversibly.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    (after any apostrophes) gets one ``'`` in front, which spreadsheets read as
    text (a plain number such as ``-3`` is left alone: it is no formula);
    :func:`unescape_cell` takes it off again, so saving and loading keeps every
    value.  Linear in the length of the cell.

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


def _safe_rows(table: pd.DataFrame) -> Iterable[list[str]]:
    columns = [table[c].to_numpy(dtype=object) for c in table.columns]
    risky = [i for i, values in enumerate(columns) if any(v[:1] in "=+-@\t\r'" for v in values if v)]
    for cells in zip(*columns, strict=True):
        row = list(cells)
        for i in risky:
            row[i] = spreadsheet_safe(row[i])
        yield row


def write_table(table: pd.DataFrame, path: str | os.PathLike[str], verbatim: Sequence[tuple[int, bytes]] = ()) -> None:
    """Write cells to ``path`` atomically, through :func:`~llmtimeline.store._files.atomic_write`.

    Links are followed to the real file; a read-only, special or unreachable
    target is refused; any failure is a :class:`~llmtimeline.SaveError` naming
    ``path`` and leaves the previous file whole.  ``verbatim`` records (position,
    bytes) are written as they are, each before the row at that position (after the
    last row when it is ``len(table)``), in their order: the records a load with
    ``errors="keep"`` kept as written.
    """
    # the csv module quotes a cell holding "\r" only when "\r" ends lines too
    ending = "\r\n" if any(table[c].str.contains("\r", regex=False).any() for c in table.columns) else "\n"

    def write(handle: BinaryIO) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        try:
            writer = csv.writer(text, lineterminator=ending)
            writer.writerow([spreadsheet_safe(c) for c in table.columns])
            if verbatim:
                _write_with_verbatim(text, handle, writer, _safe_rows(table), verbatim, ending)
            else:
                writer.writerows(_safe_rows(table))
            text.flush()
        finally:
            text.detach()  # the handle is atomic_write's to close

    atomic_write(path, write)


def _write_with_verbatim(text: io.TextIOWrapper, handle: BinaryIO, writer: Any, rows: Iterable[list[str]],
                         verbatim: Sequence[tuple[int, bytes]], ending: str) -> None:
    """The rows, with each verbatim record (its bytes, then the line end) before the row of its position."""
    pending = iter(verbatim)
    upcoming = next(pending, None)
    for i, row in enumerate(itertools.chain(rows, [None])):
        while upcoming is not None and upcoming[0] <= i:
            text.flush()
            handle.write(upcoming[1] + ending.encode())
            upcoming = next(pending, None)
        if row is not None:
            writer.writerow(row)
