"""llmtimeline.dask.check equals tl.check() on the same records, on a dask.distributed cluster."""

from __future__ import annotations

import functools
import io
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from builders import LazyModule

import llmtimeline as lt

dd = LazyModule("dask.dataframe")
distributed = LazyModule("dask.distributed")
import llmtimeline.dask  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate, write_csv  # noqa: E402

# a cluster and several checks: a few seconds; one pytest-xdist worker starts the cluster once (--dist loadgroup)
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("dask")]

AS_OF = "2025-06-30"


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> lt.Timeline:
    """The bundled records (aliases, families, rulings) and 3,000 generated ones, in one file."""
    path = write_csv(generate(3000, seed=5), tmp_path_factory.mktemp("dask") / "generated.csv")
    cells = pd.concat([lt.load().cells, lt.load(path).cells], ignore_index=True).fillna("")
    out = tmp_path_factory.mktemp("dask") / "mixed.csv"
    lt.load(_csv(cells, out)).save(out)
    return lt.load(out)


def _csv(cells: pd.DataFrame, path: Path) -> Path:
    cells.to_csv(path, index=False)
    return path


def _expected(tl: lt.Timeline, as_of: str) -> pd.DataFrame:
    return pd.DataFrame(tl.check(as_of=as_of))


@pytest.fixture(scope="module")
def expected(mixed: lt.Timeline) -> Callable[[str], pd.DataFrame]:
    """The in-memory check of ``mixed`` as of a day: each day's check made once for every test comparing with it."""
    return functools.cache(functools.partial(_expected, mixed))


@pytest.mark.parametrize(("partitions", "as_of"), [(5, AS_OF), (2, "2024-05-01")])
def test_the_dask_check_equals_the_check_in_memory(client, mixed, expected, partitions, as_of):
    records = dd.from_pandas(mixed.cells.sample(frac=1, random_state=1), npartitions=partitions)  # any order
    got = llmtimeline.dask.check(records, as_of=as_of).compute().reset_index(drop=True)  # each partition has its own index
    pd.testing.assert_frame_equal(got, expected(as_of))
    assert set(got["status"]) >= {"fulfilled", "late", "missed", "pending", "confirmed", "contradicted"}


FAMILY = """id,type,date,actor,speaker,kind,subject,title,expects,deadline,facts,quote,lang,source,url,published,notes,claim,verdict
sub-fam,subject,2024-01-01,,,,fam-x,Fam X,,,,,,blog,,,,,
sub-big,subject,2024-01-01,,,,fam-x-big,Fam X Big,,,part_of=fam-x,,,blog,,,,,
sub-alias,subject,2024-01-01,,,,fam-y,Fam Y,,,aka=Fam Why,,,blog,,,,,
ev-big,event,2024-03-01,Acme,,release,fam-x-big,Acme releases Fam X Big,,,params=7e9,,,blog,,,,,
ev-y,event,2024-04-01,Acme,,release,fam-y,Acme releases Fam Y,,,params=8e9,,,blog,,,,,
pr-fam,prediction,2024-01-10,Acme,,,,Acme says Fam X ships,release fam-x,within three months,,,,blog,,,,,
pr-alias,prediction,2024-01-10,Acme,,,,Acme says Fam Why ships,release fam-why,within a month,,,,blog,,,,,
st-alias,statement,2024-05-01,Acme,,,fam-why,Fam Why has 8B parameters,,,params=8e9,,,blog,,,,,
ru-alias,ruling,2024-06-01,,Editors,,,Ruled by hand,,,,,,blog,,,,pr-alias,partly
"""


def test_a_family_split_over_every_partition_meets_in_one(client, tmp_path):
    tl = lt.load(_csv(pd.read_csv(io.StringIO(FAMILY), dtype=str, keep_default_na=False), tmp_path / "f.csv"))
    records = dd.from_pandas(tl.cells, npartitions=len(tl))  # one record per partition before the shuffle
    got = llmtimeline.dask.check(records, as_of=AS_OF).compute().set_index("id")
    expected = _expected(tl, AS_OF).set_index("id")
    pd.testing.assert_frame_equal(got, expected)
    assert got.loc["pr-fam", "event_id"] == "ev-big"  # a member's release settles the family's prediction
    assert got.loc["pr-alias", "status"] == "partly"  # the ruling met its claim
    assert got.loc["st-alias", "status"] == "confirmed"  # an alias's event confirms the statement


def test_records_read_back_from_saved_parquet_files(client, mixed, expected, tmp_path):
    mixed.save(tmp_path / "records.parquet")  # the typed columns stored beside the cells are left out
    records = dd.read_parquet(tmp_path / "records.parquet")
    got = llmtimeline.dask.check(records, as_of=AS_OF).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected(AS_OF))


def test_an_id_used_in_two_partitions_is_a_load_error(client, mixed):
    cells = mixed.cells
    twice = pd.concat([cells, cells.iloc[[0]]], ignore_index=True)
    with pytest.raises(lt.LoadError, match=cells["id"].iloc[0]):
        llmtimeline.dask.check(dd.from_pandas(twice, npartitions=3), as_of=AS_OF)


def test_the_report_is_spread_over_partitions_in_order(client, mixed, expected):
    """No partition holds the whole report: each holds a range of the report's order."""
    report = llmtimeline.dask.check(dd.from_pandas(mixed.cells, npartitions=4), as_of=AS_OF)
    import dask

    parts = dask.compute(*report.to_delayed())  # one run of the graph for all partitions
    sizes = [len(p) for p in parts]
    assert len(sizes) >= 4 and max(sizes) < sum(sizes) / 2
    pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), expected(AS_OF))


def test_the_report_written_by_the_workers_reads_back_as_the_check_in_memory(client, mixed, expected, tmp_path):
    """The README's way for millions of rows: each worker writes its ranges of the report."""
    report = llmtimeline.dask.check(dd.from_pandas(mixed.cells, npartitions=3), as_of=AS_OF)
    report.to_parquet(tmp_path / "report")
    back = dd.read_parquet(tmp_path / "report").compute().reset_index(drop=True)
    wanted = expected(AS_OF)
    # Parquet keeps the values; pandas reads dates back in milliseconds and the statuses as other categoricals
    pd.testing.assert_frame_equal(back.astype(wanted.dtypes.to_dict()), wanted)
