"""Parquet files: lossless round trips, typed columns trusted only when llmtimeline wrote them,
and every other Parquet file validated like a CSV."""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable
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
    cells = bundled.cells.assign(**{"lt_earliest": "x", "llmtimeline:earliest": "y", "reviewer": "alice"})
    path = tmp_path / "extra.parquet"
    pq.write_table(pa.Table.from_pandas(cells, preserve_index=False), path)  # another tool's file
    tl = lt.load(path)
    tl.save(tmp_path / "again.parquet")
    again = lt.load(tmp_path / "again.parquet")
    assert again == tl
    assert again.cells["lt_earliest"].eq("x").all() and again.cells["llmtimeline:earliest"].eq("y").all()
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
    assert store_parquet.signed(path)  # the typed columns are used as written
    tl = lt.load(path)
    assert tl == bundled
    pd.testing.assert_frame_equal(tl.typed, bundled.typed)
    pd.testing.assert_frame_equal(_report(tl), _report(bundled))


@pytest.mark.parametrize("column", ["quote", "title", "lt_earliest", "lt_exp_subject"])
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
    if column.startswith("lt_"):
        assert tl == bundled


def test_the_signature_is_an_hmac_of_the_whole_file_under_the_installation_key(bundled, saved):
    """The footer holds an HMAC-SHA256 of every byte of the file (its own 64 characters read as zeros)
    under this installation's key; a table read with pyarrow does not carry it."""
    import hmac

    from llmtimeline.store._key import secret
    from llmtimeline.store.parquet import DIGEST

    raw = saved.read_bytes()
    stored = pq.ParquetFile(saved).metadata.metadata[DIGEST]
    assert raw.count(stored) == 1
    expected = hmac.new(secret(), raw.replace(stored, b"0" * 64), hashlib.sha256).hexdigest().encode()
    assert stored == expected
    table = pq.read_table(saved)
    assert DIGEST not in table.schema.metadata and b"llmtimeline" in table.schema.metadata


def _late_and_fulfilled(tmp_path: Path) -> tuple[lt.Timeline, lt.Timeline]:
    """Two timelines with the same claim: the release on 2024-06-30 (late) or on 2024-06-01 (on time)."""
    def timeline(day: str) -> lt.Timeline:
        rows = ["id,type,date,actor,speaker,kind,subject,title,expects,deadline,source",
                "p1,prediction,2024-05-01,Acme,Ann,,,Acme 2 by June 9,release acme-2,2024-06-09,Wire",
                f"e1,event,{day},Acme,,release,acme-2,Acme 2 released,,,Wire"]
        return lt.load(io.StringIO("\n".join(rows) + "\n"))
    return timeline("2024-06-30"), timeline("2024-06-01")


def _forge(honest: Path, donor: Path, out: Path, digest: Callable[[bytes], bytes]) -> None:
    """The honest file's cells with the donor's typed columns, signed by ``digest`` of the bytes."""
    cells, typed = pq.read_table(honest), pq.read_table(donor)
    marker = json.loads(cells.schema.metadata[b"llmtimeline"])
    for column in marker["typed"]:
        cells = cells.set_column(cells.column_names.index(column), column, typed.column(column))
    from llmtimeline.store.parquet import DIGEST

    with pq.ParquetWriter(out, cells.schema) as writer:
        writer.write_table(cells)
        writer.add_key_value_metadata({DIGEST: b"0" * 64})
    raw = out.read_bytes()
    out.write_bytes(raw.replace(b"0" * 64, digest(raw)))


@pytest.mark.parametrize("forgery", ["sha256", "hmac-of-another-key", "digest-copied"])
def test_forged_typed_columns_are_not_trusted_the_verdict_comes_from_the_cells(tmp_path, forgery):
    """Honest cells (released 2024-06-30: late) travel with the typed columns of another file (released
    2024-06-01: fulfilled), the signature recomputed as anyone could: the verdict is still late."""
    import hmac

    from llmtimeline.store.parquet import DIGEST

    late, on_time = _late_and_fulfilled(tmp_path)
    late.save(tmp_path / "late.parquet")
    on_time.save(tmp_path / "on_time.parquet")
    donor_digest = pq.ParquetFile(tmp_path / "on_time.parquet").metadata.metadata[DIGEST]
    digests = {
        "sha256": lambda raw: hashlib.sha256(raw).hexdigest().encode(),
        "hmac-of-another-key": lambda raw: hmac.new(b"k" * 32, raw, hashlib.sha256).hexdigest().encode(),
        "digest-copied": lambda raw: donor_digest,
    }
    forged = tmp_path / "forged.parquet"
    _forge(tmp_path / "late.parquet", tmp_path / "on_time.parquet", forged, digests[forgery])
    tl = lt.load(forged)
    assert tl.check(as_of=AS_OF).set_index("id").at["p1", "status"] == "late"
    pd.testing.assert_frame_equal(tl.typed, late.typed)


def test_swapped_typed_columns_under_a_valid_data_region_are_not_trusted(tmp_path):
    """Renaming two typed columns in the footer (earliest <-> deadline, both dates, names of one length)
    leaves the data bytes alone: the signature covers the footer too."""
    late, _ = _late_and_fulfilled(tmp_path)
    path = tmp_path / "late.parquet"
    late.save(path)
    raw = bytearray(path.read_bytes())
    footer = len(raw) - 8 - int.from_bytes(raw[-8:-4], "little")
    tail = bytes(raw[footer:])
    assert b"lt_deadline" in tail and b"lt_earliest" in tail
    raw[footer:] = tail.replace(b"lt_deadline", b"@@swapped@@").replace(b"lt_earliest", b"lt_deadline").replace(
        b"@@swapped@@", b"lt_earliest")
    path.write_bytes(bytes(raw))
    try:
        tl = lt.load(path)
    except lt.LoadError:
        return
    pd.testing.assert_frame_equal(tl.typed, late.typed)


def test_a_typed_integer_column_replaced_by_text_is_derived_again_from_the_cells(bundled, saved):
    table = pq.read_table(saved)
    index = table.column_names.index("lt_kind_code")
    table = table.set_column(index, "lt_kind_code", pa.array(["x"] * len(table), pa.string()))
    pq.write_table(table, saved)
    tl = lt.load(saved)
    pd.testing.assert_frame_equal(tl.typed, bundled.typed)
    pd.testing.assert_frame_equal(_report(tl), _report(bundled))
    tl.to_html(saved.parent / "page.html", as_of=AS_OF)
    assert "<html" in (saved.parent / "page.html").read_text(encoding="utf-8").lower()


def test_a_file_object_is_read_like_a_file(bundled, saved):
    """``store.read_parquet`` takes a binary file object (no file descriptor: read in memory) too."""
    import io

    import llmtimeline.store as store

    cells, typed = store.read_parquet(io.BytesIO(saved.read_bytes()), "in memory")
    pd.testing.assert_frame_equal(cells, bundled.cells)
    pd.testing.assert_frame_equal(typed, bundled.typed)
    import llmtimeline.store.parquet as store_parquet

    assert store_parquet.signed(io.BytesIO(saved.read_bytes()))


# -- files other tools read ------------------------------------------------------------------------


def test_typed_dates_are_arrow_dates_with_nulls_and_names_that_need_no_quoting(bundled, saved):
    schema = pq.read_schema(saved)
    for name in ("lt_earliest", "lt_latest", "lt_deadline", "lt_horizon"):
        assert schema.field(name).type == pa.date32()
    table = pq.read_table(saved)
    has_deadline = (bundled.typed["deadline"] != lt.dates.NO_DAY).to_numpy()
    assert table.column("lt_deadline").null_count == int((~has_deadline).sum()) > 0
    assert all(n.replace("_", "a").isalnum() for n in schema.names if n.startswith("lt_"))


def test_duckdb_reads_the_dates_as_dates_and_compares_only_rows_that_have_one(bundled, saved):
    duckdb = pytest.importorskip("duckdb")
    deadlines = pd.to_datetime(bundled.check(as_of=AS_OF).set_index("id")["deadline"])
    typed_days = bundled.typed["deadline"].to_numpy()
    cutoff = (pd.Timestamp("2025-01-01") - pd.Timestamp("1970-01-01")).days
    expected_before = int(((typed_days != lt.dates.NO_DAY) & (typed_days < cutoff)).sum())
    assert 0 < expected_before < len(deadlines.dropna())
    con = duckdb.connect()
    before = con.execute(f"SELECT count(*) FROM read_parquet('{saved}') WHERE lt_deadline < DATE '2025-01-01'")
    assert before.fetchone()[0] == expected_before
    missing = con.execute(f"SELECT count(*) FROM read_parquet('{saved}') WHERE lt_deadline IS NULL").fetchone()[0]
    assert missing == int((typed_days == lt.dates.NO_DAY).sum())
    kind = con.execute(f"SELECT typeof(lt_earliest) FROM read_parquet('{saved}') LIMIT 1").fetchone()[0]
    assert kind == "DATE"


def test_pandas_and_polars_read_the_dates_as_dates(bundled, saved):
    import datetime as dt

    frame = pd.read_parquet(saved)
    values = frame["lt_deadline"].dropna().tolist()
    assert values and all(type(v) is dt.date for v in values)
    assert frame["lt_deadline"].isna().sum() == (bundled.typed["deadline"] == lt.dates.NO_DAY).sum()
    assert frame["id"].tolist() == bundled.cells["id"].tolist()
    polars = pytest.importorskip("polars")
    read = polars.read_parquet(saved)
    assert read.schema["lt_earliest"] == polars.Date and read.schema["lt_deadline"] == polars.Date
    assert read["lt_deadline"].null_count() == frame["lt_deadline"].isna().sum()


def _write_format_3(tl: lt.Timeline, path: Path) -> None:
    """A file as the previous format wrote it: int64 day numbers with INT64_MIN for none, columns named
    ``llmtimeline:…``, a SHA-256 of the bytes before the footer."""
    columns = {c: pa.array(tl.cells[c].tolist(), pa.string()) for c in tl.cells.columns}
    for name in tl.typed.columns:
        values = tl.typed[name].to_numpy()
        columns["llmtimeline:" + name] = pa.array(values.astype(object).tolist() if values.dtype == object
                                                  else values)
    marker = {"format": 3, "fingerprint": "0.1.0:" + "f" * 32, "rows": len(tl), "cells": list(tl.cells.columns),
              "typed": {"llmtimeline:" + t: t for t in tl.typed.columns}, "binary": [], "plain": []}
    table = pa.table(columns).replace_schema_metadata({b"llmtimeline": json.dumps(marker).encode()})
    pq.write_table(table, path)


def test_a_file_of_the_previous_format_loads_derived_again_from_its_cells(bundled, tmp_path):
    path = tmp_path / "old.parquet"
    _write_format_3(bundled, path)
    assert pq.read_schema(path).field("llmtimeline:deadline").type == pa.int64()
    tl = lt.load(path)
    assert tl == bundled
    pd.testing.assert_frame_equal(tl.typed, bundled.typed)
    assert "llmtimeline:deadline" not in tl.cells.columns
    tl.save(tmp_path / "new.parquet")
    assert pq.read_schema(tmp_path / "new.parquet").field("lt_deadline").type == pa.date32()


def test_errors_keep_is_honoured_for_parquet(bundled, tmp_path):
    cells = bundled.cells.copy()
    cells.loc[3, "date"] = "2024-02-30"
    cells.loc[7, "url"] = "javascript:alert(1)"
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.Table.from_pandas(cells, preserve_index=False), path)
    with pytest.raises(lt.LoadError, match="2024-02-30"):
        lt.load(path)
    tl = lt.load(path, errors="keep")
    assert len(tl) == len(bundled) - 2
    assert sorted(tl.problems["line"].unique().tolist()) == [5, 9]
    assert set(tl.check(as_of=AS_OF)["status"].astype(str)) >= {"invalid"} or \
        not cells.loc[[3, 7], "type"].isin(["prediction", "statement"]).any()
    tl.save(tmp_path / "back.csv")
    again = lt.load(tmp_path / "back.csv", errors="keep")
    assert again.cells["id"].tolist() == tl.cells["id"].tolist()
    assert sorted(again.invalid["id"].tolist()) == sorted(cells.loc[[3, 7], "id"].tolist())


def test_the_installation_key_is_created_once_owner_only(tmp_path, monkeypatch):
    import stat

    from llmtimeline.store import _key

    monkeypatch.setenv("LLMTIMELINE_KEY_FILE", str(tmp_path / "conf" / "parquet.key"))
    first = _key.secret()
    info = os.stat(tmp_path / "conf" / "parquet.key")
    assert first is not None and len(first) == 32
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert _key._read(str(tmp_path / "conf" / "parquet.key")) == first
    assert os.listdir(tmp_path / "conf") == ["parquet.key"]


def test_without_a_key_files_are_unsigned_and_loaded_from_their_cells(bundled, tmp_path, monkeypatch):
    from llmtimeline.store import parquet

    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "parquet.key").write_bytes(b"short")  # not a key: never used, never replaced
    monkeypatch.setenv("LLMTIMELINE_KEY_FILE", str(folder / "parquet.key"))
    path = tmp_path / "x.parquet"
    bundled.save(path)
    assert not parquet.signed(path)
    assert lt.load(path) == bundled
