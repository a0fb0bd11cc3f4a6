"""The check says the same whatever the storage of the cells' text: Python strings or Arrow strings.

The store gives pandas' ``str`` (Arrow) columns; the engine also takes object columns (a Table made by
other code) and ``ArrowDtype`` strings, in one chunk or many.

The engine reads any :class:`llmtimeline.table.Table`; a store may hand it cells
of object dtype or Arrow-backed (pandas' ``str`` dtype, or an ``ArrowDtype``).
The report (statuses, reasons, columns, dtypes) must not change with it.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from test_benchmarks import augment

import llmtimeline as lt
from llmtimeline.check import check
from llmtimeline.table import Table

ROOT = Path(__file__).resolve().parent.parent

def _in_chunks(column: pd.Series, size: int = 7) -> pd.Series:
    """The column as pandas' ``str`` dtype over Arrow chunks of ``size`` cells (as a CSV reader leaves them)."""
    from pandas.core.arrays.string_arrow import ArrowStringArray

    whole = pa.array(column.tolist(), pa.large_string())
    chunks = pa.chunked_array([whole.slice(i, size) for i in range(0, len(whole), size)] or [whole], pa.large_string())
    return pd.Series(ArrowStringArray(chunks, dtype=pd.StringDtype("pyarrow", na_value=np.nan)), index=column.index)


STORAGES = {
    "object": lambda column: column.astype(object),
    "str": lambda column: column.astype("str"),
    "str in chunks": _in_chunks,
    "arrow string": lambda column: column.astype(pd.ArrowDtype(pa.string())),
    "arrow large_string": lambda column: column.astype(pd.ArrowDtype(pa.large_string())),
}


class StoredAs:
    """A timeline whose text cells are held in another storage (every other attribute its own)."""

    def __init__(self, timeline: lt.Timeline, storage: str, every: int = 1) -> None:
        self._timeline = timeline
        cells = timeline.cells
        text = [c for c in cells.columns if cells[c].dtype == object or isinstance(cells[c].dtype, pd.StringDtype)]
        self._cells = cells.assign(**{c: STORAGES[storage](cells[c]) for c in text[::every]})

    def __len__(self) -> int:
        return len(self._timeline)

    @property
    def cells(self) -> pd.DataFrame:
        return self._cells

    def __getattr__(self, name: str) -> Any:
        return getattr(self._timeline, name)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> lt.Timeline:
    """Generated records with every case: families, aliases, titles, conditions, operators, rulings."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    rows = augment(generate(1_500, seed=11))
    path = tmp_path_factory.mktemp("storage") / "records.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return lt.load(path)


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(pd.DataFrame(got), pd.DataFrame(want), check_exact=True)
    assert got.attrs == want.attrs


def test_the_stand_in_is_a_table_with_arrow_cells() -> None:
    stored = StoredAs(lt.load(), "str")
    assert isinstance(stored, Table)
    assert all(str(dtype) == "str" for dtype in stored.cells.dtypes)
    assert all(str(dtype) == "object" for dtype in StoredAs(lt.load(), "object").cells.dtypes)
    chunked = StoredAs(lt.load(), "str in chunks").cells["id"]
    assert str(chunked.dtype) == "str" and chunked.array.__arrow_array__().num_chunks > 10


@pytest.mark.parametrize("storage", sorted(STORAGES))
@pytest.mark.parametrize("as_of", ["2024-05-01", "2025-06-30"])
def test_bundled_records_check_the_same_in_arrow_strings(storage: str, as_of: str) -> None:
    tl = lt.load()
    _same(check(StoredAs(tl, storage), as_of=as_of), tl.check(as_of=as_of))


def test_the_generated_records_hold_every_case(generated: lt.Timeline) -> None:
    report = generated.check(as_of="2024-12-31")
    assert {"fulfilled", "late", "missed", "pending", "undetermined", "contradicted", "confirmed",
            "unverified"} <= set(report["auto_status"])
    assert report["ruling_id"].notna().any() and report["vague"].any() and generated.names.has_families


@pytest.mark.parametrize("storage", sorted(STORAGES))
@pytest.mark.parametrize("as_of", ["2021-02-14", "2024-12-31"])
def test_generated_records_check_the_same_in_arrow_strings(generated: lt.Timeline, storage: str, as_of: str) -> None:
    _same(check(StoredAs(generated, storage), as_of=as_of), generated.check(as_of=as_of))


def test_some_columns_arrow_and_some_objects_check_the_same(generated: lt.Timeline) -> None:
    _same(check(StoredAs(generated, "object", every=2), as_of="2024-12-31"), generated.check(as_of="2024-12-31"))


def test_records_kept_with_problems_are_reported_the_same(tmp_path: Path) -> None:
    path = tmp_path / "records.csv"
    lt.load().save(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    bad = dict.fromkeys(header, "")
    bad |= {"id": "broken-claim", "type": "prediction", "date": "2024-13-45", "actor": "Meta", "title": "x",
            "expects": "release llama-9", "source": "test"}
    path.write_text("\n".join([*lines, ",".join(bad[c] for c in header)]) + "\n", encoding="utf-8")
    tl = lt.load(path, errors="keep")
    want = tl.check(as_of="2025-01-01")
    assert (want["status"] == "invalid").sum() == 1
    _same(check(StoredAs(tl, "str"), as_of="2025-01-01"), want)


def test_an_empty_timeline_checks_the_same() -> None:
    tl = lt.load()
    nothing = check(StoredAs(tl, "str"), as_of="1990-01-01")
    assert len(nothing) == 0
    _same(nothing, tl.check(as_of="1990-01-01"))
    assert np.array_equal(nothing.columns, tl.check(as_of="2024-05-01").columns)
