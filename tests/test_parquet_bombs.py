"""Hostile Parquet files: bombs, odd markers, odd names, damaged bytes, special files.

Every case ends in a Timeline or one LoadError, and a Timeline that loads never
carries typed columns that disagree with its cells (a verdict only ever comes from
what the cells say). Time and memory per case are measured by
``benchmarks/hostile.py``, each case in a process of its own with limits.
"""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline.schema import COLUMNS
from llmtimeline.store import _bounds

SMALL = 12  # records of the file the mutations start from


@pytest.fixture(scope="module")
def small() -> lt.Timeline:
    return lt.Timeline(list(lt.load())[:SMALL])


@pytest.fixture(scope="module")
def small_bytes(small: lt.Timeline, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("small") / "small.parquet"
    small.save(path)
    return path.read_bytes()


def _load(data: bytes, errors: str = "raise") -> lt.Timeline | lt.LoadError:
    """A load of ``data`` as a file: the Timeline, or the LoadError (anything else fails the test)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.parquet"
        path.write_bytes(data)
        try:
            return lt.load(path, errors=errors)
        except lt.LoadError as exc:
            assert len(str(exc)) < 100_000
            return exc


def _consistent(tl: lt.Timeline) -> None:
    """The typed columns are those the cells give (none when every record was kept with problems)."""
    if len(tl.cells) == 0:  # errors="keep" on a file none of whose records holds: no good record to type
        assert len(tl.typed) == 0 and len(tl.problems) > 0
        return
    pd.testing.assert_frame_equal(tl.typed, lt.load(tl.cells).typed)


def _dictionary(value: str, n: int) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, np.int32)), pa.array([value]))  # no list of n ints


def _records(n: int, **cells: str) -> pa.Table:
    """``n`` events with distinct ids, every other column one shared value (dictionary-encoded)."""
    base = {"type": "event", "date": "2024-01-01", "actor": "A", "kind": "release", "subject": "s", "title": "t",
            "source": "wire"}
    base.update(cells)
    return pa.table({c: pa.array([f"e{i}" for i in range(n)]) if c == "id" else _dictionary(base.get(c, ""), n)
                     for c in COLUMNS})


# -- bombs -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1_000_000, pytest.param(10_000_000, marks=pytest.mark.slow)])  # 10M: writing takes seconds
def test_a_tiny_file_declaring_millions_of_rows_is_refused_from_its_footer(tmp_path, rows):
    table = pa.table({c: _dictionary("e1" if c == "id" else "event" if c == "type" else "2024", rows)
                      for c in COLUMNS})
    path = tmp_path / "rows.parquet"
    pq.write_table(table, path, compression="zstd")
    assert path.stat().st_size < 1_000_000
    with pytest.raises(lt.LoadError, match=f"declares {rows:,} rows") as caught:
        lt.load(path)
    assert "decompression bomb" in str(caught.value) and str(path) in str(caught.value)


def test_rows_sharing_a_huge_value_are_refused_before_they_are_expanded(tmp_path):
    path = tmp_path / "shared.parquet"
    pq.write_table(_records(8_000, notes="x" * 120_000), path, compression="zstd")
    assert path.stat().st_size < 100_000
    with pytest.raises(lt.LoadError, match=r"decode to more than .* bytes of text"):
        lt.load(path)


def test_pages_declaring_more_than_the_bound_are_refused(tmp_path, monkeypatch):
    path = tmp_path / "pages.parquet"
    pq.write_table(_records(50), path)
    monkeypatch.setattr(_bounds, "MAX_DECODED_FLOOR", 0)  # the bounds live in store._bounds (parquet re-exports them)
    monkeypatch.setattr(_bounds, "MAX_RATIO", 0)
    with pytest.raises(lt.LoadError, match="once decompressed"):
        lt.load(path)


def test_a_file_within_the_bounds_loads(tmp_path):
    path = tmp_path / "fine.parquet"
    pq.write_table(_records(2_000, notes="y" * 1_000), path)
    assert len(lt.load(path)) == 2_000


# -- odd markers and names ---------------------------------------------------------------------------


def _with_marker(small: lt.Timeline, tmp_path: Path, marker: bytes) -> Path:
    path = tmp_path / "marked.parquet"
    small.save(path)
    table = pq.read_table(path)
    pq.write_table(table.replace_schema_metadata({b"llmtimeline": marker}), path)
    return path


def _good_marker(small: lt.Timeline, tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "good.parquet"
    small.save(path)
    return json.loads(pq.read_schema(path).metadata[b"llmtimeline"])


ODD_MARKERS = {
    "nested": b"[" * 100_000 + b"]" * 100_000,
    "nested-object": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "not-json": b"\xff\xfe not json",
    "a-list": b"[1, 2, 3]",
    "a-number": b"4",
    "empty": b"",
}


@pytest.mark.parametrize("marker", list(ODD_MARKERS))
def test_an_odd_marker_is_ignored_and_the_cells_are_validated(small, tmp_path, marker):
    tl = lt.load(_with_marker(small, tmp_path, ODD_MARKERS[marker]))
    assert tl.cells["id"].tolist() == small.cells["id"].tolist()
    _consistent(tl)


@pytest.mark.parametrize("change", [
    {"cells": "id"}, {"cells": [1, 2]}, {"typed": ["x"]}, {"typed": {"lt_earliest": 3}}, {"binary": "id"},
    {"plain": [None]}, {"rows": "12"}, {"rows": 10**30}, {"format": "4"}, {"cells": ["id", "nope"]},
    {"typed": {"lt_earliest": "earliest"}}, {"typed": {"notes": "earliest", "lt_earliest": "earliest"}},
])
def test_a_marker_with_parts_of_the_wrong_type_or_missing_columns_is_never_trusted(small, tmp_path, change):
    marker = {**_good_marker(small, tmp_path), **change}
    result = _load(_with_marker(small, tmp_path, json.dumps(marker).encode()).read_bytes())
    if isinstance(result, lt.Timeline):
        _consistent(result)
        assert result.cells["id"].tolist() == small.cells["id"].tolist()
        assert set(small.cells.columns) <= set(result.cells.columns)  # no column of cells dropped


def _footer_renamed(data: bytes, old: bytes, new: bytes) -> bytes:
    footer = len(data) - 8 - int.from_bytes(data[-8:-4], "little")
    tail = data[footer:]
    assert old in tail
    return data[:footer] + tail.replace(old, new)


def test_column_names_that_are_not_utf8_are_one_load_error(small_bytes):
    result = _load(_footer_renamed(small_bytes, b"notes", b"no\xfftes"[:5]))
    assert isinstance(result, (lt.LoadError, lt.Timeline))


def test_duplicate_column_names_are_one_load_error(tmp_path):
    table = _records(5)
    table = table.rename_columns([("title" if c == "notes" else c) for c in table.column_names])
    path = tmp_path / "dup.parquet"
    pq.write_table(table, path)
    with pytest.raises(lt.LoadError, match="duplicate column 'title'"):
        lt.load(path)


def test_duplicate_names_made_in_the_footer_of_a_signed_file_are_one_load_error(small_bytes):
    result = _load(_footer_renamed(small_bytes, b"notes", b"title"))
    assert isinstance(result, lt.LoadError) or _consistent(result) is None


# -- damaged bytes -----------------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_byte_changed_gives_a_consistent_timeline_or_one_load_error(small_bytes, data):
    raw = bytearray(small_bytes)
    footer = len(raw) - 8 - int.from_bytes(raw[-8:-4], "little")
    where = data.draw(st.one_of(st.integers(0, len(raw) - 1), st.integers(max(footer - 8, 0), len(raw) - 1)),
                      label="offset")
    raw[where] = data.draw(st.integers(0, 255).filter(lambda b: b != raw[where]), label="byte")
    result = _load(bytes(raw), errors=data.draw(st.sampled_from(["raise", "keep"]), label="errors"))
    if isinstance(result, lt.Timeline):
        _consistent(result)


@pytest.mark.slow
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(key=st.sampled_from(["format", "fingerprint", "rows", "cells", "typed", "binary", "plain"]),
       value=st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                          lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                                        max_size=4), max_leaves=12))
def test_any_marker_value_gives_a_consistent_timeline_or_one_load_error(small, tmp_path, key, value):
    marker = {**_good_marker(small, tmp_path), key: value}
    result = _load(_with_marker(small, tmp_path, json.dumps(marker).encode()).read_bytes())
    if isinstance(result, lt.Timeline):
        _consistent(result)


@pytest.mark.parametrize("cut", [1, 8, 12, 100])
def test_a_truncated_file_is_one_load_error(small_bytes, cut):
    assert isinstance(_load(small_bytes[:-cut]), lt.LoadError)


# -- special files -----------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path, suffix):
    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    outcome: list[object] = []

    def load() -> None:
        try:
            lt.load(path)
        except lt.LoadError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(20)
    if thread.is_alive():  # unblock the reader before failing
        with open(path, "wb"):
            pass
        pytest.fail("lt.load waited on a FIFO")
    assert len(outcome) == 1 and "FIFO" in str(outcome[0])


def test_a_folder_named_parquet_is_one_load_error(tmp_path):
    (tmp_path / "x.parquet").mkdir()
    with pytest.raises(lt.LoadError, match="folder"):
        lt.load(tmp_path / "x.parquet")


def test_a_file_object_of_parquet_bytes_is_read_as_parquet(small_bytes, small):
    cells, typed = lt.store.read_parquet(io.BytesIO(small_bytes), "bytes")
    pd.testing.assert_frame_equal(cells, small.cells)
    pd.testing.assert_frame_equal(typed, small.typed)


def test_the_bytes_of_a_parquet_file_as_a_file_object_load_as_parquet(small_bytes, small):
    assert lt.load(io.BytesIO(small_bytes)) == small


def test_a_column_of_lists_is_refused_by_name(small, tmp_path):
    table = pa.Table.from_pandas(small.cells, preserve_index=False)
    path = tmp_path / "lists.parquet"
    pq.write_table(table.append_column("tags", pa.array([["a", "b"]] * len(table))), path)
    with pytest.raises(lt.LoadError, match="column 'tags' holds list"):
        lt.load(path)


def test_a_file_of_one_row_per_row_group_loads_in_one_pass_per_column(tmp_path):
    path = tmp_path / "groups.parquet"
    pq.write_table(_records(300), path, row_group_size=1)
    assert pq.ParquetFile(path).num_row_groups == 300
    assert len(lt.load(path)) == 300


@pytest.mark.parametrize("mode", [0o666, 0o620])
def test_a_key_file_others_may_write_is_never_used(tmp_path, monkeypatch, mode):
    from llmtimeline.store import _key

    path = tmp_path / "parquet.key"
    path.write_bytes(b"k" * 32)
    path.chmod(mode)
    monkeypatch.setenv("LLMTIMELINE_KEY_FILE", str(path))
    assert _key.secret() is None
