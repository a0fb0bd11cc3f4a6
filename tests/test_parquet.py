"""Parquet files: lossless round trips, typed columns trusted only when llmtimeline wrote them,
and every other Parquet file validated like a CSV."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import llmtimeline as lt

AS_OF = "2025-06-30"


@pytest.fixture(scope="module")
def bundled() -> lt.Timeline:
    return lt.load()


@pytest.fixture
def saved(bundled: lt.Timeline, tmp_path: Path) -> Path:
    path = tmp_path / "events.parquet"
    bundled.save(path)
    return path


def _report(tl: lt.Timeline) -> pd.DataFrame:
    return pd.DataFrame(tl.check(as_of=AS_OF))


def test_a_saved_timeline_loads_back_equal_with_the_same_typed_columns_and_report(bundled, saved):
    again = lt.load(saved)
    assert again == bundled
    pd.testing.assert_frame_equal(again.cells, bundled.cells)
    pd.testing.assert_frame_equal(again.typed, bundled.typed)
    pd.testing.assert_frame_equal(_report(again), _report(bundled))
    assert again.source == str(saved)


def test_the_file_holds_the_cells_as_written_and_a_marker(bundled, saved):
    table = pq.read_table(saved)
    marker = json.loads(table.schema.metadata[b"llmtimeline"])
    assert marker["cells"] == list(bundled.cells.columns)
    assert marker["rows"] == len(bundled)
    assert set(marker["typed"].values()) == set(bundled.typed.columns)
    assert table.column("id").to_pylist() == bundled.cells["id"].tolist()


def test_a_save_leaves_no_temporary_file_and_replaces_the_old_one(bundled, saved):
    small = lt.Timeline(list(bundled)[:3])
    small.save(saved)
    assert len(lt.load(saved)) == 3
    assert os.listdir(saved.parent) == [saved.name]


def test_extra_columns_even_named_like_the_typed_ones_survive(bundled, tmp_path):
    cells = bundled.cells.assign(**{"llmtimeline:earliest": "x", "reviewer": "alice"})
    path = tmp_path / "extra.parquet"
    pq.write_table(pa.Table.from_pandas(cells, preserve_index=False), path)  # another tool's file
    tl = lt.load(path)
    tl.save(tmp_path / "again.parquet")
    again = lt.load(tmp_path / "again.parquet")
    assert again == tl
    assert again.cells["llmtimeline:earliest"].eq("x").all()
    pd.testing.assert_frame_equal(again.typed, bundled.typed)


def test_a_parquet_file_from_another_tool_is_validated_and_loads_equal(bundled, tmp_path):
    path = tmp_path / "pandas.parquet"
    bundled.cells.to_parquet(path, index=False)
    tl = lt.load(path)
    assert tl == bundled
    pd.testing.assert_frame_equal(tl.typed, bundled.typed)


def test_a_parquet_file_from_another_tool_reports_every_problem_with_its_row(bundled, tmp_path):
    cells = bundled.cells.copy()
    cells.loc[0, "date"] = "2024-13-01"
    cells.loc[2, "lang"] = "French"
    path = tmp_path / "bad.parquet"
    cells.to_parquet(path, index=False)
    with pytest.raises(lt.LoadError) as caught:
        lt.load(path)
    found = {(p.line, p.column, p.value) for p in caught.value.problems}
    assert found == {(2, "date", "2024-13-01"), (4, "lang", "French")}  # row n is line n + 1, as in a CSV


def test_a_column_that_is_not_text_is_refused_by_name(bundled, tmp_path):
    cells = bundled.cells.assign(published=range(len(bundled)), notes=1.5)
    path = tmp_path / "numbers.parquet"
    cells.to_parquet(path, index=False)
    with pytest.raises(lt.LoadError) as caught:
        lt.load(path)
    named = {p.column for p in caught.value.problems}
    assert named == {"published", "notes"}
    assert all("not text" in p.reason for p in caught.value.problems)


@pytest.mark.parametrize("edit", ["valid", "invalid"])
def test_cells_edited_by_another_tool_with_the_marker_kept_are_validated_again(bundled, saved, edit):
    table = pq.read_table(saved)  # pyarrow keeps the schema's metadata through an edit
    dates = table.column("date").to_pylist()
    row = bundled.cells.index[bundled.cells["id"] == "llama-3-release"][0]
    dates[row] = "2024-03-01" if edit == "valid" else "2024-02-30"
    edited = table.set_column(table.column_names.index("date"), "date", pa.array(dates, pa.string()))
    assert edited.schema.metadata == table.schema.metadata
    pq.write_table(edited, saved)
    if edit == "invalid":
        with pytest.raises(lt.LoadError, match="2024-02-30"):
            lt.load(saved)
        return
    tl = lt.load(saved)
    assert str(tl["llama-3-release"].date) == "2024-03-01"
    assert tl.typed["earliest"].iloc[row] == (pd.Timestamp("2024-03-01") - pd.Timestamp("1970-01-01")).days


def test_a_marker_from_other_code_is_not_trusted(bundled, saved):
    table = pq.read_table(saved)
    marker = json.loads(table.schema.metadata[b"llmtimeline"])
    marker["fingerprint"] = "0.0.1:" + "0" * 32
    typed = {v: k for k, v in marker["typed"].items()}
    earliest = table.column(typed["earliest"]).to_numpy().copy()
    earliest[:] = 0  # stale typed columns: they must not be used
    table = table.set_column(table.column_names.index(typed["earliest"]), typed["earliest"], pa.array(earliest))
    pq.write_table(table.replace_schema_metadata({b"llmtimeline": json.dumps(marker).encode()}), saved)
    tl = lt.load(saved)
    assert tl == bundled
    pd.testing.assert_frame_equal(tl.typed, bundled.typed)


@pytest.mark.parametrize("content", [b"", b"PAR1 not really", b"id,type\n1,event\n"])
def test_a_file_that_is_not_parquet_is_a_load_error(tmp_path, content):
    path = tmp_path / "x.parquet"
    path.write_bytes(content)
    with pytest.raises(lt.LoadError, match="Parquet"):
        lt.load(path)


def test_a_missing_parquet_file_is_a_load_error(tmp_path):
    with pytest.raises(lt.LoadError, match="cannot read"):
        lt.load(tmp_path / "missing.parquet")


@pytest.mark.parametrize("rows_per_group", [7, 50])
def test_a_file_of_many_row_groups_is_trusted_and_equal(bundled, tmp_path, monkeypatch, rows_per_group):
    """Columns of mostly distinct values (ids, titles) are stored without a dictionary and read back in
    chunks that do not follow the row groups; the digest does not depend on where a column is cut."""
    import llmtimeline.store.parquet as store_parquet

    monkeypatch.setattr(store_parquet, "_ROW_GROUP", rows_per_group)
    path = tmp_path / "groups.parquet"
    bundled.save(path)
    marker = json.loads(pq.read_schema(path).metadata[b"llmtimeline"])
    assert "id" in marker["plain"] and "type" not in marker["plain"]
    assert pq.ParquetFile(path).num_row_groups > 1
    with open(path, "rb") as handle:
        assert store_parquet._trusted(handle, marker) is not None  # the typed columns are used as written
    tl = lt.load(path)
    assert tl == bundled
    pd.testing.assert_frame_equal(tl.typed, bundled.typed)
    pd.testing.assert_frame_equal(_report(tl), _report(bundled))


@pytest.mark.parametrize("column", ["quote", "title", "llmtimeline:earliest", "llmtimeline:exp_subject"])
def test_a_damaged_column_is_never_trusted(bundled, saved, column):
    """Bytes changed inside one column's pages: the read fails (a LoadError, raised from the thread that
    reads the columns, not a hang) or the digest differs and the cells are validated again."""
    meta = pq.ParquetFile(saved).metadata
    index = meta.schema.to_arrow_schema().names.index(column)
    chunk = meta.row_group(0).column(index)
    start = chunk.dictionary_page_offset or chunk.data_page_offset
    raw = bytearray(saved.read_bytes())
    middle = start + chunk.total_compressed_size // 2
    raw[middle:middle + 8] = bytes(b ^ 0x5A for b in raw[middle:middle + 8])
    saved.write_bytes(bytes(raw))
    try:
        tl = lt.load(saved)
    except lt.LoadError as caught:
        assert str(saved) in str(caught)
        return
    # loaded: then through validation, so the typed columns are those of the cells as read
    pd.testing.assert_frame_equal(tl.typed, lt.load(tl.cells).typed)
    if column.startswith("llmtimeline:"):
        assert tl == bundled


def test_the_digest_is_in_the_footer_and_a_wrong_one_is_not_trusted(bundled, saved):
    """The footer holds the SHA-256 of the bytes before it; a table read with pyarrow does not carry it,
    and a file written with stale typed columns and any other digest is validated again."""
    from llmtimeline.store.parquet import DIGEST

    raw = saved.read_bytes()
    footer = len(raw) - 8 - int.from_bytes(raw[-8:-4], "little")
    assert pq.ParquetFile(saved).metadata.metadata[DIGEST] == hashlib.sha256(raw[:footer]).hexdigest().encode()
    table = pq.read_table(saved)
    assert DIGEST not in table.schema.metadata and b"llmtimeline" in table.schema.metadata
    marker = json.loads(table.schema.metadata[b"llmtimeline"])
    column = {v: k for k, v in marker["typed"].items()}["earliest"]
    stale = table.set_column(table.column_names.index(column), column,
                             pa.array([0] * len(table), pa.int64()))
    with pq.ParquetWriter(saved, stale.schema) as writer:
        writer.write_table(stale)
        writer.add_key_value_metadata({DIGEST: hashlib.sha256(b"another file").hexdigest()})
    tl = lt.load(saved)
    pd.testing.assert_frame_equal(tl.typed, bundled.typed)


def test_a_file_object_is_read_like_a_file(bundled, saved):
    """``store.read_parquet`` takes a binary file object (no file descriptor: read in memory) too."""
    import io

    import llmtimeline.store as store

    cells, typed = store.read_parquet(io.BytesIO(saved.read_bytes()), "in memory")
    pd.testing.assert_frame_equal(cells, bundled.cells)
    pd.testing.assert_frame_equal(typed, bundled.typed)
    with open(saved, "rb") as handle:
        marker = json.loads(pq.read_schema(saved).metadata[b"llmtimeline"])
        import llmtimeline.store.parquet as store_parquet

        assert store_parquet._trusted(io.BytesIO(handle.read()), marker) is not None
