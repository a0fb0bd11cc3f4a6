"""Parquet files: the cells as written beside the typed columns, so a load skips parsing.

:func:`write_parquet` stores every cell as text (dictionary-encoded, but for
columns of mostly distinct values: a column of a million rows holds each distinct
value once) and the typed columns made when the records were validated, LZ4
compressed. It puts a marker in the schema's metadata (the format, the llmtimeline
version, a fingerprint of the code that parses cells into typed columns, the
column lists) and, as the file is closed, the SHA-256 of every byte before the
footer in the footer's key-value metadata (:data:`DIGEST`).
:func:`read_parquet` trusts the typed columns only when the marker is present,
every part of it matches and the file's bytes hash to the stored digest; any
other Parquet file (written by another tool, edited, or by another version) is
validated like a CSV: every column must hold text, and every rule applies. A
table read with pyarrow keeps the marker but not the digest, so a file written
back after an edit is always validated again.
A problem's ``line`` is then the record's row number plus one, as if the file had
a header line (the first record is line 2, as in a CSV).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import queue
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from ..exceptions import LoadError, Problem
from ..schema import COLUMNS
from ._csv import Structure, beside, strings
from ._files import atomic_write
from ._read import read_structured

__all__ = ["DIGEST", "MARKER", "read_parquet", "write_parquet"]

#: The key of llmtimeline's marker in a Parquet file's key-value metadata.
MARKER = b"llmtimeline"
#: The key of the digest of the file's bytes before its footer, in the footer's key-value metadata
#: (added as the file is closed; pyarrow does not carry it into a table read from the file).
DIGEST = b"llmtimeline:digest"
_FORMAT = 3  # 2: text columns of mostly distinct values are stored without a dictionary ("plain");
# 3: the digest is of the file's bytes before its footer; typed text is read without its dictionary; LZ4
_ROW_GROUP = 1 << 20  # rows per row group: each has its own dictionaries
_TYPED = "llmtimeline:"  # the prefix of a typed column's name in the file
_CONTROL = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"  # C0 controls but tab, LF and CR; DEL


@functools.cache
def fingerprint() -> str:
    """The version and a digest of the package's source: typed columns made by other code are not trusted."""
    from importlib import metadata

    try:
        version = metadata.version("llmtimeline")
    except metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256(",".join(COLUMNS).encode())
    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{version}:{digest.hexdigest()[:32]}"


def _text_array(values: np.ndarray) -> tuple[Any, bool]:
    """A pyarrow string array of ``values``; bytes (kept by surrogateescape) when a cell holds a lone surrogate."""
    import pyarrow as pa

    try:
        return pa.array(values, type=pa.string(), from_pandas=False), False
    except (UnicodeEncodeError, pa.ArrowException):
        return pa.array([v.encode("utf-8", "surrogateescape") for v in values], type=pa.binary()), True


def _dictionary_key(dictionary: Any) -> tuple[int, int, int]:
    """Where a dictionary's bytes sit, and its length: equal for the chunks that share one."""
    offsets, data = dictionary.buffers()[1:3]
    return (0 if offsets is None else offsets.address, 0 if data is None else data.address, len(dictionary))


class _Hashing(io.RawIOBase):
    """A write-only file passing its bytes to ``handle`` and hashing them, keeping the last eight
    (a Parquet file ends with its footer's length and ``PAR1``)."""

    def __init__(self, handle: BinaryIO) -> None:
        super().__init__()
        self._handle, self.digest, self.written, self.tail = handle, hashlib.sha256(), 0, b""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self.digest.update(view)
        self._handle.write(view)
        self.written += len(view)
        self.tail = (self.tail + bytes(view[-8:]))[-8:]
        return len(view)

    def tell(self) -> int:
        return self.written

    def close(self) -> None:  # the handle is atomic_write's to close
        self._handle.flush()
        super().close()


def _footer_start(size: int, tail: bytes) -> int:
    """Where a Parquet file's footer starts, from its size and last eight bytes (-1 if they are not Parquet's)."""
    if len(tail) != 8 or tail[4:] != b"PAR1":
        return -1
    return size - 8 - int.from_bytes(tail[:4], "little")


def write_parquet(cells: pd.DataFrame, typed: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write the cells and typed columns of a timeline to ``path`` as Parquet, atomically.

    >>> import tempfile, llmtimeline as lt
    >>> tl = lt.load()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     tl.save(f"{folder}/events.parquet")
    ...     lt.load(f"{folder}/events.parquet") == tl
    True
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    n = len(cells)
    names = [str(c) for c in cells.columns]
    prefix = _TYPED
    while any(c.startswith(prefix) for c in names):
        prefix = "_" + prefix
    arrays, binary = [], []
    for name in names:
        array, as_bytes = _text_array(cells[name].to_numpy(dtype=object))
        arrays.append(array)
        if as_bytes:
            binary.append(name)
    typed_names = [str(c) for c in typed.columns]
    for name in typed_names:
        values = typed[name].to_numpy()
        arrays.append(_text_array(values.astype(object))[0] if values.dtype == object else pa.array(values))
    columns = names + [prefix + t for t in typed_names]
    plain = [name for name, array in zip(columns, arrays, strict=True)  # as read back: a dictionary per row group
             if (pa.types.is_string(array.type) or pa.types.is_binary(array.type))
             and any(2 * pc.count_distinct(array.slice(start, _ROW_GROUP)).as_py() > min(_ROW_GROUP, n - start)
                     for start in range(0, n, _ROW_GROUP))]
    marker = {
        "format": _FORMAT, "fingerprint": fingerprint(), "rows": n, "cells": names,
        "typed": {prefix + t: t for t in typed_names}, "binary": binary, "plain": plain,
    }
    table = pa.Table.from_arrays(arrays, names=columns)
    table = table.replace_schema_metadata({MARKER: json.dumps(marker).encode()})
    dictionary = [c for c in columns if c not in plain]

    def write(handle: BinaryIO) -> None:
        sink = _Hashing(handle)
        with pq.ParquetWriter(sink, table.schema, use_dictionary=dictionary, dictionary_pagesize_limit=1 << 30,
                              compression="lz4") as writer:
            writer.write_table(table, row_group_size=_ROW_GROUP)
            hashed = sink.written  # every row group is written: the digest of all bytes before the footer
            writer.add_key_value_metadata({DIGEST: sink.digest.hexdigest()})
        if _footer_start(sink.written, sink.tail) != hashed:
            raise RuntimeError("pyarrow wrote data after the row groups: the digest would not cover it")

    atomic_write(path, write)


def _marker(metadata: Mapping[bytes, bytes] | None) -> dict[str, Any] | None:
    try:
        marker = json.loads(metadata[MARKER]) if metadata and MARKER in metadata else None
    except (ValueError, UnicodeDecodeError):
        return None
    return marker if isinstance(marker, dict) else None


def _objects(chunks: Iterable[Any], as_bytes: bool) -> np.ndarray:
    """A column's values as an object array, equal strings shared (one object per dictionary entry)."""
    import pyarrow as pa

    parts: list[np.ndarray] = []
    previous, values = None, np.zeros(0, dtype=object)
    for chunk in chunks:
        if isinstance(chunk, pa.DictionaryArray):
            key = _dictionary_key(chunk.dictionary)
            if key != previous:  # chunks of one row group share its dictionary: made into objects once
                values = strings(chunk.dictionary, as_bytes)
                previous = key
            parts.append(values[chunk.indices.to_numpy()])
        else:
            parts.append(strings(chunk, as_bytes))
    if len(parts) == 1:
        return parts[0]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=object)


def _read_columns(file: Any, names: list[str], order: list[int], out: queue.SimpleQueue[Any]) -> None:
    """Read the columns of ``names`` at ``order`` one after another, each as (position, chunks) into
    ``out``, then None (even on an error, which the future raises). Reading lets go of the GIL: it
    runs beside the conversion (or, with no thread to be had, before it: ``out`` holds every column)."""
    try:
        for i in order:
            out.put((i, file.read(columns=[names[i]], use_threads=False).column(0).chunks))
    finally:
        out.put(None)


def _region(handle: BinaryIO) -> tuple[int, Callable[[], str]]:
    """Where the footer of the file at ``handle`` starts, and a function giving the SHA-256 of every
    byte before it: read with ``os.pread`` from another thread when the handle is a file (its position
    is left to pyarrow), else read now."""
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    handle.seek(max(size - 8, 0))
    end = _footer_start(size, handle.read(8))
    try:
        fd = handle.fileno() if hasattr(os, "pread") else None
    except (AttributeError, OSError, ValueError):
        fd = None
    if fd is None or end < 0:
        handle.seek(0)
        data = handle.read(max(end, 0))
        return end, lambda: hashlib.sha256(data).hexdigest()

    def digest() -> str:
        h, offset = hashlib.sha256(), 0
        while offset < end:
            block = os.pread(fd, min(1 << 23, end - offset), offset)
            if not block:
                break
            h.update(block)
            offset += len(block)
        return h.hexdigest()

    return end, digest


def _trusted(handle: BinaryIO, marker: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Cells and typed columns of a file llmtimeline wrote, or None when any check fails.

    Each column is made into objects while the next ones are read in another thread, and the
    file's bytes before its footer are hashed in a third: at 1M records the reading and the digest
    take about as long as the conversion, so they are hidden. The cells read through a dictionary
    come first (quick to read, long to convert), so the reader is soon ahead and this thread does
    not wait.
    """
    import pyarrow.parquet as pq

    cells, typed_map, binary = marker.get("cells"), marker.get("typed"), marker.get("binary", [])
    plain = marker.get("plain", [])
    if (marker.get("format") != _FORMAT or marker.get("fingerprint") != fingerprint()
            or not isinstance(cells, list) or not isinstance(typed_map, dict) or not isinstance(plain, list)):
        return None
    names = [*cells, *typed_map]
    # the cells' text is read through its dictionaries (one object per distinct value); typed text as it is
    file = pq.ParquetFile(handle, read_dictionary=[c for c in cells if c not in plain])
    stored = (file.metadata.metadata or {}).get(DIGEST)
    if (stored is None or file.schema_arrow.names != names or len(set(names)) != len(names)
            or file.metadata.num_rows != marker.get("rows")):
        return None
    end, digest = _region(handle)
    if end < 0:
        return None
    n = int(marker["rows"])
    index = pd.RangeIndex(n)
    order = ([i for i, c in enumerate(cells) if c not in plain] + [i for i, c in enumerate(cells) if c in plain]
             + list(range(len(cells), len(names))))
    from concurrent.futures import ThreadPoolExecutor

    out: queue.SimpleQueue[Any] = queue.SimpleQueue()
    made: dict[int, Any] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:  # one thread reads, one hashes, this one converts
        hashing = beside(pool, digest)
        reading = beside(pool, _read_columns, file, names, order, out)
        while (item := out.get()) is not None:
            i, chunks = item
            made[i] = _typed(chunks) if i >= len(cells) else _objects(chunks, names[i] in binary)
            del item, chunks
        reading.result()  # raises the reader's error, if any
        if hashing.result().encode() != stored:
            return None
    return (pd.DataFrame({c: made[i] for i, c in enumerate(cells)}, index=index, dtype=object, copy=False),
            pd.DataFrame({typed_map[c]: made[i] for i, c in enumerate(names) if i >= len(cells)},
                         index=index, copy=False))


def _typed(chunks: list[Any]) -> Any:
    """A typed column as the engine reads it: text through pandas' str dtype (no object per cell)."""
    import pyarrow as pa

    if chunks and pa.types.is_string(chunks[0].type):
        return pd.array(pa.chunked_array(chunks), dtype="str")
    return np.concatenate([c.to_numpy(zero_copy_only=False) for c in chunks]) if chunks else np.zeros(0)


def _foreign(handle: BinaryIO, name: str, marker: dict[str, Any] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate a Parquet file's columns like a CSV's cells (typed columns llmtimeline wrote are left out)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.read_schema(handle)
    ours = set(marker.get("typed", {})) if marker and isinstance(marker.get("typed"), dict) else set()
    header = [c for c in schema.names if c not in ours]
    problems = []
    for column in header:
        kind = schema.field(column).type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            problems.append(Problem(None, column, str(kind),
                                    f"column {column!r} holds {kind}, not text: every column of events must be text "
                                    "(strings), as in a CSV"))
    if problems:
        raise LoadError(name, problems)
    handle.seek(0)
    table = pq.read_table(handle, columns=header)
    import pyarrow.compute as pc

    values = {}
    control, longest = False, 0
    for i, column in enumerate(header):
        array = table.column(column).cast(pa.string()) if pa.types.is_dictionary(table.column(column).type) \
            else table.column(column)
        array = array.fill_null("")
        # what the cell rules would otherwise look for in every cell, found by pyarrow over the column
        control = control or bool(pc.any(pc.match_substring_regex(array, _CONTROL)).as_py())
        longest = max(longest, int(pc.max(pc.binary_length(array)).as_py() or 0))
        values[i] = np.asarray(array.to_numpy(zero_copy_only=False), dtype=object)
    n = table.num_rows
    del table
    cells = pd.DataFrame(values, index=pd.RangeIndex(n), dtype=object, copy=False)
    structure = Structure(list(header), cells, np.arange(2, n + 2, dtype=np.int64),
                          np.full(n, len(header), dtype=np.int64), longest, ok_utf8=True, has_control=control,
                          escaped=set())
    return read_structured(structure, name, [])


def read_parquet(path: str | os.PathLike[str] | BinaryIO, name: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cells and typed columns of a Parquet file, as :func:`~llmtimeline.store.read` gives a CSV's.

    Raises LoadError when the file cannot be read as Parquet, a column is not
    text, or (for a file llmtimeline did not write) a rule is broken.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    label = name if name is not None else str(path)
    try:
        handle: BinaryIO = open(path, "rb") if isinstance(path, (str, os.PathLike)) else path
    except OSError as exc:
        raise LoadError(label, [Problem(None, None, None, f"cannot read the file: {exc.strerror or exc}")]) from None
    try:
        try:
            marker = _marker(pq.read_schema(handle).metadata)
            handle.seek(0)
            found = _trusted(handle, marker) if marker else None
        except (pa.ArrowException, OSError) as exc:
            raise LoadError(label, [Problem(None, None, None, f"not a readable Parquet file: {exc}")]) from None
        if found is not None:
            return found
        handle.seek(0)
        try:
            return _foreign(handle, label, marker)
        except (pa.ArrowException, OSError) as exc:
            raise LoadError(label, [Problem(None, None, None, f"not a readable Parquet file: {exc}")]) from None
    finally:
        if handle is not path:
            handle.close()
