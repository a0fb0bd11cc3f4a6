"""Where records come from: a path, a file object or a DataFrame, made ready for the reader.

:func:`open_source` turns what :func:`llmtimeline.load` was given into a
:class:`Source`: the bytes of a CSV file with the name to show in errors, the
path of a Parquet file, or the text cells of a DataFrame.  Nothing is guessed:
a DataFrame cell that is not text (a number, a timestamp) is a problem naming
its row and column, never turned into text such as ``"nan"``.

>>> import io
>>> source = open_source(io.StringIO("id,type\\n"))
>>> source.kind, source.name, source.raw
('csv', '<stream>', b'id,type\\n')
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, BinaryIO, Literal

import attrs
import numpy as np
import pandas as pd

from ..exceptions import ArgumentTypeError, LoadError, Problem
from ..schema import is_missing
from ._cell_dtype import is_text
from ._files import open_regular

__all__ = ["FrameCells", "Source", "frame_cells", "open_source"]

_ACCEPTED = "a path (str or os.PathLike), a text or binary file object, or a pandas DataFrame"


@attrs.frozen
class Source:
    """A source made ready: ``kind`` says which of ``raw``, ``path`` or ``frame`` is set."""

    kind: Literal["csv", "parquet", "frame"]
    name: str
    raw: bytes = b""
    path: Path | None = None
    frame: pd.DataFrame | None = None
    #: A regular file opened for reading (a path's CSV: read without a copy of its bytes in memory).
    handle: BinaryIO | None = None


def open_source(source: Any) -> Source:
    """Read a path or a file object into bytes (once), or take a DataFrame as it is.

    A path ending in ``.parquet`` is left for the Parquet reader; any other path
    is read as CSV.  A file object is read once, from where it stands; its name is
    its ``name`` when that is text, else ``<stream>``; bytes that begin and end
    with Parquet's magic ``PAR1`` are read as a Parquet file.
    """
    if isinstance(source, pd.DataFrame):
        return Source("frame", "<DataFrame>", frame=source)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.suffix.lower() == ".parquet":
            return Source("parquet", str(source), path=path, handle=open_regular(source, str(source)))
        return Source("csv", str(source), handle=_open_path(source, path))
    if callable(getattr(source, "read", None)):
        name = getattr(source, "name", None)
        name = name if isinstance(name, str) and name else "<stream>"
        raw = _read_stream(source, name)
        if raw[:4] == b"PAR1" and raw[-4:] == b"PAR1":  # the bytes of a Parquet file: read as one
            return Source("parquet", name, handle=io.BytesIO(raw))
        return Source("csv", name, raw=raw)
    hint = " (wrap CSV bytes in io.BytesIO)" if isinstance(source, (bytes, bytearray, memoryview)) else ""
    raise ArgumentTypeError(f"cannot load a {type(source).__name__}{hint}: expected {_ACCEPTED}")


def _open_path(source: str | os.PathLike[str], path: Path) -> BinaryIO:
    """A regular file opened for reading (anything else is refused before a byte is read)."""
    name = str(source)
    if isinstance(source, str) and ("\n" in source or ("," in source and not path.exists())):
        reason = "no such file; this looks like CSV text: pass it as io.StringIO(text)"
        raise LoadError(name, [Problem(None, None, None, reason)])
    return open_regular(source, name)


def _read_stream(stream: Any, name: str) -> bytes:
    try:
        data = stream.read()
    except OSError as exc:
        raise LoadError(name, [Problem(None, None, None, f"cannot read the stream: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError as exc:
        reason = (f"the stream is not UTF-8 ({exc.reason} at byte {exc.start}): open the file in binary mode "
                  "('rb') or with encoding='utf-8'")
        raise LoadError(name, [Problem(None, None, None, reason)]) from None
    if isinstance(data, str):
        try:
            return data.encode("utf-8", "surrogateescape")  # bytes a text stream kept as surrogates come back
        except UnicodeEncodeError:
            return data.encode("utf-8", "surrogatepass")  # a lone surrogate: reported as bad bytes, per cell
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise ArgumentTypeError(f"cannot load {name}: its read() gave a {type(data).__name__}, expected text or bytes")


@attrs.frozen
class FrameCells:
    """A DataFrame's cells as text: the header, columns by position (pandas' Arrow-backed ``str`` as they
    were given, other columns as object arrays of text), problems found."""

    header: list[str]
    cells: pd.DataFrame
    problems: list[Problem]


def frame_cells(frame: pd.DataFrame) -> FrameCells:
    """The cells of a DataFrame as text, "" for a missing value (None, NaN, NA, NaT).

    A value of another type is a problem on the line the row would have in a CSV
    file (its position + 2: the header is line 1), naming the row label; its cell
    holds the value's text so a row kept by ``errors="keep"`` is written as shown.

    >>> import pandas as pd
    >>> fc = frame_cells(pd.DataFrame({"id": ["a", None], "date": ["2024", 2024]}))
    >>> fc.cells[0].tolist(), [str(p) for p in fc.problems]
    (['a', ''], ["line 3, column 'date': '2024': row 1: expected text, found int 2024 (a number or date is not read as text; convert the column with .astype(str) where that is what you mean)"])
    """
    problems: list[Problem] = []
    header = []
    for i, name in enumerate(frame.columns):
        if isinstance(name, str):
            header.append(name)
        else:
            header.append(str(name))
            problems.append(Problem(1, None, str(name), f"column name {i + 1} is a {type(name).__name__}, expected text"))
    labels = frame.index
    columns: dict[int, np.ndarray | pd.Series] = {}
    for i in range(frame.shape[1]):
        series = frame.iloc[:, i]
        if is_text(series):  # pandas' Arrow-backed str: text already, kept as Arrow text ("" for missing)
            columns[i] = pd.Series(series.fillna("").array, index=pd.RangeIndex(len(frame)), copy=False)
            continue
        values = series.to_numpy(dtype=object)
        if pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty"):
            out = values.copy()
            out[series.isna().to_numpy()] = ""  # the usual case: text, with some missing values
            columns[i] = out
            continue
        out = np.empty(values.size, dtype=object)
        for r, value in enumerate(values.tolist()):
            if type(value) is str:
                out[r] = value
            elif isinstance(value, str):
                out[r] = str(value)
            elif is_missing(value):
                out[r] = ""
            else:
                out[r] = str(value)
                problems.append(Problem(r + 2, header[i], out[r],
                                        f"row {labels[r]!r}: expected text, found {type(value).__name__} {value!r} "
                                        "(a number or date is not read as text; convert the column with "
                                        ".astype(str) where that is what you mean)"))
        columns[i] = out
    index = pd.RangeIndex(len(frame))
    cells = pd.DataFrame({i: c if isinstance(c, pd.Series) else pd.Series(c, index=index, dtype=object, copy=False)
                          for i, c in columns.items()}, index=index, copy=False)
    return FrameCells(header, cells, problems)
