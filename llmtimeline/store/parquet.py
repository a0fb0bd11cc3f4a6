"""Parquet files: the cells as written beside the typed columns, so a load skips parsing.

:func:`write_parquet` stores every cell as text (dictionary-encoded: a column of a
million rows holds each distinct value once) and the typed columns made when the
records were validated, and puts a marker in the file's key-value metadata: the
format, the llmtimeline version, a fingerprint of the code that parses cells into
typed columns, the column lists and a digest of the stored values.
:func:`read_parquet` trusts the typed columns only when the marker is present,
every part of it matches and the digest of what was read equals the stored one;
any other Parquet file (written by another tool, edited, or by another version)
is validated like a CSV: every column must hold text, and every rule applies.
A problem's ``line`` is then the record's row number plus one, as if the file had
a header line (the first record is line 2, as in a CSV).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from ..exceptions import LoadError, Problem
from ..schema import COLUMNS
from ._csv import Structure
from ._files import atomic_write
from ._read import read_structured

__all__ = ["MARKER", "read_parquet", "write_parquet"]

#: The key of llmtimeline's marker in a Parquet file's key-value metadata.
MARKER = b"llmtimeline"
_FORMAT = 2  # 2: text columns of mostly distinct values are stored without a dictionary ("plain")
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


def _hash_text(digest: Any, array: Any, data_digest: Any = None) -> None:
    """Feed a string or binary array's lengths, then its bytes, to ``digest`` (or the bytes to
    ``data_digest``: fed chunk after chunk, the two then do not depend on where a column is cut)."""
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int32)[array.offset:array.offset + len(array) + 1]
    digest.update(np.diff(offsets).astype(np.int32).tobytes())
    data = array.buffers()[2]
    if data is not None and offsets.size:
        (digest if data_digest is None else data_digest).update(memoryview(data)[int(offsets[0]):int(offsets[-1])])


def _dictionary_key(dictionary: Any) -> tuple[int, int, int]:
    """Where a dictionary's bytes sit, and its length: equal for the chunks that share one."""
    offsets, data = dictionary.buffers()[1:3]
    return (0 if offsets is None else offsets.address, 0 if data is None else data.address, len(dictionary))


def _hash_column(digest: Any, chunks: Iterable[Any]) -> None:
    """Feed a column to ``digest``: for text, each run of chunks sharing one dictionary as that
    dictionary, then the indices; for numbers and booleans, the values."""
    import pyarrow as pa

    previous = None
    lengths: Any = None
    data: Any = None
    for chunk in chunks:
        if isinstance(chunk, pa.DictionaryArray):
            dictionary = chunk.dictionary
            key = _dictionary_key(dictionary)
            if key != previous:
                digest.update(b"dictionary")
                _hash_text(digest, dictionary)
                previous = key
            digest.update(chunk.indices.to_numpy().astype(np.int32).tobytes())
        elif pa.types.is_string(chunk.type) or pa.types.is_binary(chunk.type):
            if lengths is None:
                lengths, data = hashlib.sha256(b"plain lengths"), hashlib.sha256(b"plain bytes")
            _hash_text(lengths, chunk, data)
        else:
            digest.update(np.ascontiguousarray(chunk.to_numpy(zero_copy_only=False)).tobytes())
    if lengths is not None:
        digest.update(lengths.digest() + data.digest())


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
    digest = hashlib.sha256()
    columns = names + [prefix + t for t in typed_names]
    plain: list[str] = []  # text columns of mostly distinct values (ids, quotes): no dictionary, read as they are
    for name, array in zip(columns, arrays, strict=True):  # as read back: one dictionary per row group
        slices = [array.slice(start, _ROW_GROUP) for start in range(0, n, _ROW_GROUP)]
        if pa.types.is_string(array.type) or pa.types.is_binary(array.type):
            encoded = [pc.dictionary_encode(s) for s in slices]
            if any(2 * len(e.dictionary) > len(e) for e in encoded):
                plain.append(name)
            else:
                slices = encoded
        _hash_column(digest, slices)
    marker = {
        "format": _FORMAT, "fingerprint": fingerprint(), "rows": n, "cells": names,
        "typed": {prefix + t: t for t in typed_names}, "binary": binary, "plain": plain, "digest": digest.hexdigest(),
    }
    table = pa.Table.from_arrays(arrays, names=columns)
    table = table.replace_schema_metadata({MARKER: json.dumps(marker).encode()})
    dictionary = [c for c in columns if c not in plain]

    def write(handle: BinaryIO) -> None:
        pq.write_table(table, handle, row_group_size=_ROW_GROUP, use_dictionary=dictionary,
                       dictionary_pagesize_limit=1 << 30, compression="snappy")

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

    parts = []
    previous, values = None, np.zeros(0, dtype=object)
    for chunk in chunks:
        if isinstance(chunk, pa.DictionaryArray):
            key = _dictionary_key(chunk.dictionary)
            if key != previous:  # chunks of one row group share its dictionary: made into objects once
                values = chunk.dictionary.to_numpy(zero_copy_only=False)
                if as_bytes:
                    values = np.array([v.decode("utf-8", "surrogateescape") for v in values], dtype=object)
                previous = key
            parts.append(values[chunk.indices.to_numpy()])
        else:
            plain = np.asarray(chunk.to_numpy(zero_copy_only=False), dtype=object)
            if as_bytes:
                plain = np.array([v.decode("utf-8", "surrogateescape") for v in plain.tolist()], dtype=object)
            parts.append(plain)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=object)


def _trusted(handle: BinaryIO, marker: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Cells and typed columns of a file llmtimeline wrote, or None when any check fails."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cells, typed_map, binary = marker.get("cells"), marker.get("typed"), marker.get("binary", [])
    plain = marker.get("plain", [])
    if (marker.get("format") != _FORMAT or marker.get("fingerprint") != fingerprint()
            or not isinstance(cells, list) or not isinstance(typed_map, dict) or not isinstance(plain, list)):
        return None
    schema = pq.read_schema(handle)
    text = [f.name for f in schema if (pa.types.is_string(f.type) or pa.types.is_binary(f.type)) and f.name not in plain]
    handle.seek(0)
    table = pq.read_table(handle, read_dictionary=text)
    if table.column_names != [*cells, *typed_map] or table.num_rows != marker.get("rows"):
        return None
    columns = [table.column(i).chunks for i in range(table.num_columns)]
    del table

    def digest() -> str:
        h = hashlib.sha256()
        for chunks in columns:
            _hash_column(h, chunks)
        return h.hexdigest()

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:  # hashing lets go of the GIL: it runs beside the conversion
        pending = pool.submit(digest)
        n = int(marker["rows"])
        index = pd.RangeIndex(n)
        frame = {name: _objects(columns[i], name in binary) for i, name in enumerate(cells)}
        if pending.result() != marker.get("digest"):
            return None
    typed: dict[str, Any] = {}
    for chunks, name in zip(columns[len(cells):], typed_map.values(), strict=True):
        if chunks and (isinstance(chunks[0], pa.DictionaryArray) or pa.types.is_string(chunks[0].type)):
            # text the engine reads through pandas' str dtype: made from the Arrow strings, no object per cell
            whole = pa.chunked_array(chunks)
            typed[name] = pd.array(whole.cast(pa.string()) if pa.types.is_dictionary(whole.type) else whole, dtype="str")
        else:
            typed[name] = np.concatenate([c.to_numpy(zero_copy_only=False) for c in chunks]) if chunks else np.zeros(0)
    return (pd.DataFrame(frame, index=index, dtype=object, copy=False),
            pd.DataFrame(typed, index=index, copy=False))


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
