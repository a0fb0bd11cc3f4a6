"""llmtimeline.dask.check refuses what lt.load refuses, at the same lines: ids compared after NFKC with
invisible characters removed, a bad date at its record's own line, a missing column as one LoadError."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from builders import LazyModule

import llmtimeline as lt

dd = LazyModule("dask.dataframe")
dask = LazyModule("dask")
import llmtimeline.dask  # noqa: E402

pytestmark = pytest.mark.slow  # dask graphs: a few seconds

AS_OF = "2025-06-30"


@pytest.fixture(autouse=True)
def synchronous() -> Iterator[None]:
    with dask.config.set(scheduler="synchronous"):
        yield


@pytest.fixture(scope="module")
def cells() -> pd.DataFrame:
    return lt.load().cells


def _problems(frame: pd.DataFrame, partitions: int = 3) -> list[tuple[int | None, str | None, str | None]]:
    with pytest.raises(lt.LoadError) as caught:
        llmtimeline.dask.check(dd.from_pandas(frame, npartitions=partitions), as_of=AS_OF).compute()
    return [(p.line, p.column, p.value) for p in caught.value.problems]


def _loaded_problems(frame: pd.DataFrame) -> list[tuple[int | None, str | None, str | None]]:
    with pytest.raises(lt.LoadError) as caught:
        lt.load(frame)
    return [(p.line, p.column, p.value) for p in caught.value.problems]


def test_ids_that_differ_only_by_invisible_or_compatibility_characters_are_duplicates_across_partitions(cells):
    row = cells.iloc[[0]]
    spread = pd.concat([cells.iloc[:30], row.assign(id="e3"), cells.iloc[30:70], row.assign(id="e\u200b3"),
                        cells.iloc[70:], row.assign(id="ｅ3")], ignore_index=True)
    got = _problems(spread, partitions=4)
    assert got == [(30 + 1 + 40 + 2, "id", "e\u200b3"), (len(spread) + 1, "id", "ｅ3")]
    assert got == [p for p in _loaded_problems(spread) if p[1] == "id"]


def test_a_bad_date_is_reported_at_its_records_own_line(cells):
    bad = cells.copy()
    row = len(bad) - 5
    bad.loc[row, "date"] = "2024-02-30"
    assert _problems(bad) == _loaded_problems(bad) == [(row + 2, "date", "2024-02-30")]


def test_records_without_a_type_column_are_one_load_error(cells):
    got = _problems(cells.drop(columns=["type"]))
    assert got == [(1, "type", None)]


def test_absent_optional_columns_are_read_as_empty_as_load_reads_them(cells):
    lean = cells.drop(columns=["notes", "published"])
    got = llmtimeline.dask.check(dd.from_pandas(lean, npartitions=3), as_of=AS_OF).compute()
    pd.testing.assert_frame_equal(got.reset_index(drop=True), pd.DataFrame(lt.load(lean).check(as_of=AS_OF)))
