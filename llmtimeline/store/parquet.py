"""Parquet files: the cells as written beside the typed columns, so a load skips parsing.

:func:`write_parquet` stores every cell as text (dictionary-encoded, but for
columns of mostly distinct values) and the typed columns made when the records
were validated, LZ4 compressed, in a layout other tools read as it is:

- typed dates (``lt_earliest``, ``lt_latest``, ``lt_deadline``, ``lt_horizon``) are
  Arrow ``date32`` with nulls where there is no day, so pandas, polars and duckdb
  read them as dates (``WHERE lt_deadline < DATE '2025-01-01'`` counts only the
  rows that have a deadline);
- the typed columns are named ``lt_<name>`` (``_lt_`` ... when a column of the
  cells already has such a name), which SQL reads without quoting;
- a marker in the schema's metadata (:data:`MARKER`: the format, the
  llmtimeline version, a fingerprint of the code that parses cells into typed
  columns, the column lists) and, in the footer's key-value metadata
  (:data:`DIGEST`), an HMAC-SHA256 of the whole file (the digest's own 64
  characters read as zeros) under this installation's secret key
  (:mod:`._key`).

**Trust.** A verdict only ever comes from what the cells say. :func:`read_parquet`
trusts the typed columns only when the file is signed with this installation's
key, so they cannot disagree with the cells: the marker, the schema, the row
groups' layout and every byte of data are all under the signature, and a forged
file (typed columns from another file, a recomputed SHA-256, an edited marker,
swapped column chunks) is not trusted. Any other Parquet file (written by another
tool, another installation, another version, an earlier format, or edited) is
validated from its cells like a CSV: every column of cells must hold text, every
rule applies, the typed columns are derived again, nothing is lost, and
``errors="keep"`` keeps its bad records as it does a CSV's. A problem's ``line``
is the record's row number plus one, as if the file had a header line (the first
record is line 2, as in a CSV).

**Bounds.** A Parquet file is small for what it holds; a hostile one can hold
far more. Before a column is decoded, the footer is read and the file refused
with a :class:`~llmtimeline.LoadError` when it declares more than
:data:`MAX_ROWS_FLOOR` rows plus one per :data:`BYTES_PER_ROW` bytes of the
file, or pages that decode to more than :data:`MAX_RATIO` times the file's size
plus :data:`MAX_DECODED_FLOOR` bytes; the text of the cells, counted as each
column is read (a value shared by many rows counts once per row), is held to
the same bound. Time and memory stay linear in the file's size.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import queue
import re
from collections.abc import Iterable, Mapping
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from ..dates import NO_DAY
from ..exceptions import LoadError, Problem
from ..validation import arrow_text
from ._bounds import BYTES_PER_ROW, MAX_DECODED_FLOOR, MAX_RATIO, MAX_ROWS_FLOOR, _bounded, _Budget, _refuse
from ._cell_dtype import TEXT
from ._csv import beside, strings
from ._files import atomic_write, open_regular
from ._key import secret
from ._signature import _PLACEHOLDER, DIGEST, _footer_start, _signature, _Signing, fingerprint
from ._structure import Structure

__all__ = ["BYTES_PER_ROW", "DIGEST", "MARKER", "MAX_DECODED_FLOOR", "MAX_RATIO", "MAX_ROWS_FLOOR",
           "TYPED", "load_parquet", "read_parquet", "signed", "write_parquet"]

#: The key of llmtimeline's marker in a Parquet file's key-value metadata.
MARKER = b"llmtimeline"
_FORMAT = 4  # 2: text columns of mostly distinct values stored without a dictionary ("plain");
# 3: a digest of the bytes before the footer; LZ4. 4: dates as date32 with nulls, lt_ names, an HMAC of the whole file
_ROW_GROUP = 1 << 20  # rows per row group: each has its own dictionaries
_PREFIX = "lt_"  # the prefix of a typed column's name in the file
_OLD_PREFIX = re.compile(r"_*(?:lt_|llmtimeline:)\Z")  # what a typed column's name starts with, in any format
_CONTROL = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"  # C0 controls but tab, LF and CR; DEL

_DATES = ("earliest", "latest", "deadline", "horizon")
_NULLABLE = ("deadline", "horizon")
#: The typed columns and their Arrow types, in the file's order.
TYPED: dict[str, str] = {
    "earliest": "date32[day]", "latest": "date32[day]", "precision": "string", "approximate": "bool",
    "exp_kind": "string", "exp_subject": "string", "exp_negated": "bool", "deadline": "date32[day]",
    "vague": "bool", "horizon": "date32[day]", "kind_code": "int64", "subject_code": "int64",
}


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


def _arrow_typed(name: str, values: np.ndarray) -> Any:
    """A typed column as the file holds it (dates: date32, null for no day)."""
    import pyarrow as pa

    if name in _DATES:
        days = np.asarray(values, dtype=np.int64)
        missing = days == NO_DAY
        return pa.array(np.where(missing, 0, days).astype(np.int32), type=pa.date32(),
                        mask=missing if missing.any() else None)
    if values.dtype == object:
        return _text_array(values)[0]
    return pa.array(values)


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

    if list(typed.columns) != list(TYPED):
        raise ValueError(f"typed columns {list(typed.columns)}, expected {list(TYPED)}")
    n = len(cells)
    names = [str(c) for c in cells.columns]
    prefix = _PREFIX
    while any(c.startswith(prefix) for c in names):
        prefix = "_" + prefix
    arrays, binary = [], []
    for name in names:
        text = arrow_text(cells[name])  # pandas' Arrow-backed str: its strings as they are
        array, as_bytes = (text.cast(pa.string()), False) if text is not None else _text_array(
            cells[name].to_numpy(dtype=object))
        arrays.append(array)
        if as_bytes:
            binary.append(name)
    typed_names = list(TYPED)
    for name in typed_names:
        arrays.append(_arrow_typed(name, typed[name].to_numpy()))
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
    key = secret()

    def write(handle: BinaryIO) -> None:
        sink = _Signing(handle, hmac.new(key or b"", digestmod=hashlib.sha256))
        with pq.ParquetWriter(sink, table.schema, use_dictionary=dictionary, dictionary_pagesize_limit=1 << 30,
                              compression="lz4") as writer:
            writer.write_table(table, row_group_size=_ROW_GROUP)
            sink.record()  # the footer follows
            if key is not None:
                writer.add_key_value_metadata({DIGEST: _PLACEHOLDER})
        if key is None:
            return
        footer = bytes(sink.recorded or b"")
        if footer.count(_PLACEHOLDER) != 1:
            raise RuntimeError("the footer holds the signature's place more than once: it cannot be signed")
        handle.seek(sink.recorded_from + footer.index(_PLACEHOLDER))
        handle.write(sink.mac.hexdigest().encode())
        handle.seek(0, os.SEEK_END)

    atomic_write(path, write)


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _marker(metadata: Mapping[bytes, bytes] | None) -> dict[str, Any] | None:
    """The marker, when it is a JSON object whose parts have the types they must have (else None)."""
    try:
        raw = metadata.get(MARKER) if metadata else None
        marker = json.loads(raw) if isinstance(raw, bytes) and len(raw) < (16 << 20) else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(marker, dict):
        return None
    typed = marker.get("typed")
    if not (_is_str_list(marker.get("cells")) and isinstance(typed, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in typed.items())
            and _is_str_list(marker.get("binary", [])) and _is_str_list(marker.get("plain", []))):
        return None
    return marker


def _typed_in_file(schema: Any, marker: dict[str, Any] | None) -> set[str]:
    """The columns of ``schema`` that are llmtimeline's typed columns (of this format or an earlier
    one), left out when the cells are validated again: named ``lt_<name>`` (or ``llmtimeline:<name>``,
    with any ``_`` before) for a typed column's name, and either listed so by the marker or not text."""
    import pyarrow as pa

    typed = marker["typed"] if marker is not None else {}
    cells = set(marker["cells"]) if marker is not None else set()
    out = set()
    for field in schema:
        c, kind = field.name, field.type
        base = next((t for t in TYPED if c.endswith(t) and _OLD_PREFIX.match(c[: len(c) - len(t)])), None)
        if base is None or c in cells:
            continue
        text = pa.types.is_string(kind) or pa.types.is_large_string(kind) or (
            pa.types.is_dictionary(kind) and pa.types.is_string(kind.value_type))
        if typed.get(c) == base or not text:
            out.add(c)
    return out


def _duplicates(names: list[str]) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for position, column in enumerate(names):
        if column in seen:
            problems.append(Problem(1, column, column, f"duplicate column {column!r} (columns {seen[column] + 1} "
                                                       f"and {position + 1})"))
        seen.setdefault(column, position)
    return problems


def _column(chunks: Iterable[Any], as_bytes: bool, budget: _Budget, utf8: bool = False) -> Any:
    """A column's cells, "" for a null: pandas' Arrow-backed ``str`` array (no Python string per cell), or
    for a column of bytes (cells that held bytes that were not UTF-8) an object array of their texts,
    decoded with surrogateescape (equal strings shared: one object per dictionary entry).

    ``utf8``: check that the text is UTF-8 (pyarrow.ArrowInvalid when not), for a file this
    installation did not sign (a signed file's bytes are those written, or it is read again so)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not as_bytes:
        parts = []
        for chunk in chunks:
            if isinstance(chunk, pa.DictionaryArray):
                lengths = pc.binary_length(chunk.dictionary).to_numpy(zero_copy_only=False)
                indices = pc.fill_null(chunk.indices, 0).to_numpy(zero_copy_only=False)
                budget.spend(int(lengths[indices].sum()) if len(lengths) else 0)
                chunk = chunk.dictionary_decode()
            else:
                budget.spend(int(pc.sum(pc.binary_length(chunk)).as_py() or 0))
            if utf8:
                chunk.validate(full=True)
            parts.append(pc.fill_null(chunk, "") if chunk.null_count else chunk)
        kind = pa.large_string() if any(pa.types.is_large_string(p.type) for p in parts) else pa.string()
        array = pa.chunked_array([p.cast(kind) for p in parts], type=kind)
        return pd.array(array, dtype=TEXT)
    return _objects(chunks, as_bytes, budget)


def _objects(chunks: Iterable[Any], as_bytes: bool, budget: _Budget) -> np.ndarray:
    """A column's values as an object array, equal strings shared (one object per dictionary entry)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    parts: list[np.ndarray] = []
    previous, values = None, np.zeros(0, dtype=object)
    for chunk in chunks:
        if isinstance(chunk, pa.DictionaryArray):
            key = _dictionary_key(chunk.dictionary)
            if key != previous:  # chunks of one row group share its dictionary: made into objects once
                lengths = pc.binary_length(chunk.dictionary).to_numpy(zero_copy_only=False)
                values = strings(chunk.dictionary, as_bytes)
                previous = key
            indices = pc.fill_null(chunk.indices, 0).to_numpy(zero_copy_only=False)
            budget.spend(int(lengths[indices].sum()) if len(lengths) else 0)
            part = values[indices] if len(values) else np.full(len(chunk), "", dtype=object)
            if chunk.null_count:
                part[chunk.is_null().to_numpy(zero_copy_only=False)] = ""
            parts.append(part)
        else:
            budget.spend(int(pc.sum(pc.binary_length(chunk)).as_py() or 0))
            part = strings(chunk, as_bytes)
            if chunk.null_count:
                part[chunk.is_null().to_numpy(zero_copy_only=False)] = ""
            parts.append(part)
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


def _trusted(handle: BinaryIO, file: Any, marker: dict[str, Any], name: str, size: int,
             footer_at: int, footer: bytes) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Cells and typed columns of a file this installation wrote and signed, or None when any check fails.

    Each column is made into objects while the next ones are read in another thread, and the
    file is signed again in a third: at 1M records the reading and the signature take about as
    long as the conversion, so they are hidden.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    key = secret()
    cells, typed_map, binary, plain = marker["cells"], marker["typed"], marker.get("binary", []), marker.get("plain", [])
    stored = (file.metadata.metadata or {}).get(DIGEST)
    names = [*cells, *typed_map]
    if (key is None or marker.get("format") != _FORMAT or marker.get("fingerprint") != fingerprint()
            or not isinstance(stored, bytes) or re.fullmatch(rb"[0-9a-f]{64}", stored) is None
            or footer.count(stored) != 1 or list(typed_map.values()) != list(TYPED)
            or file.schema_arrow.names != names or len(set(names)) != len(names)
            or file.metadata.num_rows != marker.get("rows")):
        return None
    schema = file.schema_arrow
    for column in cells:
        kind = schema.field(column).type
        if not (pa.types.is_string(kind) or (column in binary and pa.types.is_binary(kind))):
            return None
    for column, typed_name in typed_map.items():
        if str(schema.field(column).type) != TYPED[typed_name]:
            return None
    source: int | bytes
    try:
        source = handle.fileno()
        if not hasattr(os, "pread"):
            raise io.UnsupportedOperation("no pread")
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        handle.seek(0)
        source = handle.read(footer_at)  # a file object in memory: its bytes are read once more
    n = int(marker["rows"])
    index = pd.RangeIndex(n)
    order = ([i for i, c in enumerate(cells) if c not in plain] + [i for i, c in enumerate(cells) if c in plain]
             + list(range(len(cells), len(names))))
    # the cells' text is read through its dictionaries (one object per distinct value); typed text as it is
    reader = pq.ParquetFile(handle, read_dictionary=[c for c in cells if c not in plain])
    from concurrent.futures import ThreadPoolExecutor

    out: queue.SimpleQueue[Any] = queue.SimpleQueue()
    made: dict[int, Any] = {}
    budget = _Budget(name, size)
    with ThreadPoolExecutor(max_workers=2) as pool:  # one thread reads, one signs, this one converts
        signing = beside(pool, _signature, source, footer_at, footer, stored, key)
        reading = beside(pool, _read_columns, reader, names, order, out)
        item = None
        try:
            while (item := out.get()) is not None:
                i, chunks = item
                if i >= len(cells):
                    typed_name = typed_map[names[i]]
                    if typed_name not in _NULLABLE and any(c.null_count for c in chunks):
                        return None
                    made[i] = _typed(typed_name, chunks)
                else:
                    made[i] = _column(chunks, names[i] in binary, budget)
                del chunks
            reading.result()  # raises the reader's error, if any
        finally:
            while item is not None:  # an early return or error: let the reader finish
                item = out.get()
        if not hmac.compare_digest(signing.result().encode(), stored):
            return None
    return (pd.DataFrame({c: made[i] for i, c in enumerate(cells)}, index=index, copy=False),
            pd.DataFrame({typed_map[c]: made[i] for i, c in enumerate(names) if i >= len(cells)},
                         index=index, copy=False))


def _typed(name: str, chunks: list[Any]) -> Any:
    """A typed column as the engine reads it: dates as day numbers (``NO_DAY`` for none), text
    through pandas' str dtype (no object per cell)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    column = pa.chunked_array(chunks, type=pa.from_numpy_dtype(np.int64) if not chunks else None)
    if name in _DATES:
        days = pc.fill_null(column.cast(pa.int32()).cast(pa.int64()), pa.scalar(NO_DAY, pa.int64()))
        return days.to_numpy()
    if pa.types.is_string(column.type):
        return pd.array(column, dtype="str")
    return column.to_numpy()


def _foreign(file: Any, name: str, marker: dict[str, Any] | None, size: int, errors: str) -> Any:
    """Validate a Parquet file's columns like a CSV's cells (typed columns llmtimeline wrote are left out)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from ._contract import read_structured

    schema = file.schema_arrow
    ours = _typed_in_file(schema, marker)
    header = [c for c in schema.names if c not in ours]
    binary = set(marker.get("binary", [])) if marker else set()
    problems = []
    for column in header:
        kind = schema.field(column).type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)
                or (column in binary and (pa.types.is_binary(kind) or pa.types.is_large_binary(kind)))):
            problems.append(Problem(None, column, str(kind),
                                    f"column {column!r} holds {kind}, not text: every column of events must be text "
                                    "(strings), as in a CSV"))
    if problems:
        raise LoadError(name, problems)
    n = int(file.metadata.num_rows)
    budget = _Budget(name, size)
    values = {}
    control, longest = False, 0
    for i, column in enumerate(header):
        chunks = file.read(columns=[column], use_threads=False).column(0).chunks
        if len(chunks) > 1:  # one array (dictionaries unified): a file of many small row groups costs no call per group
            chunks = [pa.concat_arrays(chunks)]
        chunks = [c.dictionary_encode() if not isinstance(c, pa.DictionaryArray) else c for c in chunks]
        for c in chunks:  # what the cell rules would look for in every cell, found once per distinct value
            used = c.dictionary
            if len(used):
                control = control or bool(pc.any(pc.match_substring_regex(used.cast(pa.binary()), _CONTROL)).as_py())
                longest = max(longest, int(pc.max(pc.binary_length(used)).as_py() or 0))
        values[i] = _column(chunks, column in binary, budget, utf8=True)
        if len(values[i]) != n:
            raise _refuse(name, f"column {column!r} holds {len(values[i]):,} values for {n:,} rows")
    cells = pd.DataFrame(values, index=pd.RangeIndex(n), copy=False)
    structure = Structure(list(header), cells, np.arange(2, n + 2, dtype=np.int64),
                          np.full(n, len(header), dtype=np.int64), longest, ok_utf8=not binary, has_control=control,
                          escaped=set())
    return read_structured(structure, name, [], errors)


def read_parquet(path: str | os.PathLike[str] | BinaryIO, name: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cells and typed columns of a Parquet file, as :func:`~llmtimeline.store.read` gives a CSV's.

    ``path`` is a path or a binary file opened for reading. Raises LoadError
    when the file cannot be read as Parquet, is past the bounds (see the
    module's notes), a column is not text, or (for a file this installation did
    not sign) a rule is broken.
    """
    loaded = load_parquet(path, name)
    return loaded.cells, loaded.typed


def load_parquet(path: str | os.PathLike[str] | BinaryIO, name: str | None = None, errors: str = "raise") -> Any:
    """A Parquet file read as :func:`llmtimeline.load` reads it: a :class:`~llmtimeline.store.Loaded`.

    With ``errors="keep"`` the records of an unsigned file that break a rule are
    kept as written (their cells as a CSV record), as a CSV's are.
    """
    return _load(path, name, errors)[0]


def signed(path: str | os.PathLike[str] | BinaryIO) -> bool:
    """Whether this installation signed the file: its typed columns are then used as written.

    >>> import tempfile, llmtimeline as lt
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     lt.load().save(f"{folder}/events.parquet")
    ...     signed(f"{folder}/events.parquet") == (secret() is not None)
    True
    """
    return _load(path, None, "raise")[1]


def _load(path: str | os.PathLike[str] | BinaryIO, name: str | None, errors: str) -> tuple[Any, bool]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ._keep import Loaded

    label = name if name is not None else str(path) if isinstance(path, (str, os.PathLike)) else "<stream>"
    handle: BinaryIO = open_regular(path, label) if isinstance(path, (str, os.PathLike)) else path
    try:
        try:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(size - 8, 0))
            footer_at = _footer_start(size, handle.read(8))
            if footer_at < 0:
                raise _refuse(label, "not a Parquet file (it does not end with a Parquet footer)")
            handle.seek(footer_at)
            footer = handle.read(size - footer_at)
            handle.seek(0)
            file = pq.ParquetFile(handle)
            _bounded(file, label, size)
            marker = _marker(file.schema_arrow.metadata)
            found = _trusted(handle, file, marker, label, size, footer_at, footer) if marker else None
            if found is not None:
                cells, typed = found
                return Loaded(label, cells, typed, np.arange(2, len(cells) + 2, dtype=np.int64)), True
            duplicates = _duplicates(file.schema_arrow.names)
            if duplicates:
                raise LoadError(label, duplicates)
            handle.seek(0)
            text = [f.name for f in file.schema_arrow if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)
                    or pa.types.is_binary(f.type)]
            return _foreign(pq.ParquetFile(handle, read_dictionary=text), label, marker, size, errors), False
        except LoadError:
            raise
        except MemoryError:
            raise _refuse(label, "the file is too large for memory") from None
        except (pa.ArrowException, OSError, ValueError, KeyError, IndexError, TypeError, UnicodeError,
                RecursionError, OverflowError) as exc:
            raise _refuse(label, f"not a readable Parquet file: {type(exc).__name__}: {str(exc)[:300]}") from None
    finally:
        if handle is not path:
            handle.close()
