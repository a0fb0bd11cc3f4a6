"""Cells to a file: spreadsheet-safe escaping (reversible) and the atomic write.

A cell a spreadsheet would run as a formula gets one ``'`` in front when written;
the reader takes it off again, so load → save → load is lossless.  A save writes a
temporary file in the target's folder, syncs it, renames it over the target and
syncs the folder: a crash at any point leaves the old file or the new one, whole.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import pandas as pd

__all__ = ["atomic_write", "spreadsheet_safe", "unescape_cell", "unescape_table", "write_table"]

# Spreadsheet formula injection: a cell starting with one of these runs as a formula.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")  # -3 is a number, not a formula
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_MAYBE_ESCAPED = re.compile(r"(?:^|[,\n\"])'+[=+\-@\t\r]")
_ESCAPE_HINT = re.compile(rb"'[=+\-@\t\r]")  # bytes any escaped cell holds


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


def atomic_write(path: str | os.PathLike[str], write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` on a temporary binary file beside ``path``, sync it, then rename it over ``path``.

    A crash at any point leaves the previous file whole.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
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


def write_table(table: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write cells to ``path`` atomically (:func:`atomic_write`): a temporary file, then a rename.

    A crash at any point leaves the previous file whole.
    """
    # the csv module quotes a cell holding "\r" only when "\r" ends lines too
    ending = "\r\n" if any(table[c].str.contains("\r", regex=False).any() for c in table.columns) else "\n"

    def write(handle: BinaryIO) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        try:
            writer = csv.writer(text, lineterminator=ending)
            writer.writerow([spreadsheet_safe(c) for c in table.columns])
            writer.writerows(_safe_rows(table))
            text.flush()
        finally:
            text.detach()  # the handle is atomic_write's to close

    atomic_write(path, write)


def unescape_table(table: pd.DataFrame, raw: bytes, text: str) -> pd.DataFrame:
    """``table`` with :func:`unescape_cell` applied to every cell, when the file may hold an escaped one."""
    if not (_ESCAPE_HINT.search(raw) and _MAYBE_ESCAPED.search(text)):
        return table
    for column in table.columns:
        values = table[column].to_numpy(dtype=object)
        table[column] = pd.Series([unescape_cell(v) for v in values], index=table.index, dtype=object)
    return table
