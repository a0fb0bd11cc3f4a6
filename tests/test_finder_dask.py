"""llmtimeline.dask.find_claims over a dask.bag of articles equals the rows found one by one, on a local cluster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from builders import LazyModule

import llmtimeline as lt

db = LazyModule("dask.bag")
distributed = LazyModule("dask.distributed")
import llmtimeline.dask  # noqa: E402

# a cluster: a few seconds; one pytest-xdist worker starts it (--dist loadgroup, shared with test_dask's group)
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("dask")]

DEV = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "finder_dev"
HTML = Path(__file__).resolve().parent / "data" / "articles" / "acme.html"


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def _articles() -> list[dict[str, str]]:
    frame = pd.read_csv(DEV / "articles.csv", dtype=str, keep_default_na=False)
    out = [{"text": (DEV / f"{row.id}.txt").read_text(encoding="utf-8"), "published": row.published,
            "source": f"{row.id}.txt", "url": row.url} for row in frame.itertuples()]
    page = lt.read_article(HTML)
    out.append({"text": page.text, "published": page.published, "source": HTML.name, "url": page.url})
    out.append({"text": "Nothing to propose here.", "published": "2025-01-01", "source": "empty.txt", "url": ""})
    return out


def _one_by_one(articles: list[dict[str, str]]) -> pd.DataFrame:
    frames = [lt.find_claims(a["text"], published=a["published"], source=a["source"], url=a["url"] or None)
              for a in articles]
    return pd.concat(frames, ignore_index=True)


@pytest.mark.parametrize("partitions", [1, 4, 7])
def test_the_dask_finder_equals_the_rows_found_one_by_one(client, partitions):
    articles = _articles()
    got = llmtimeline.dask.find_claims(db.from_sequence(articles, npartitions=partitions)).compute()
    expected = _one_by_one(articles)
    assert len(expected) > 20
    pd.testing.assert_frame_equal(got.reset_index(drop=True).astype(str), expected.astype(str))


def test_a_bag_of_article_objects_and_an_empty_partition(client):
    page = lt.read_article(HTML)
    bag = db.from_sequence([page], npartitions=1)
    got = llmtimeline.dask.find_claims(bag).compute()
    assert got["deadline"].tolist() == lt.find_claims(page.text, published=page.published, url=page.url)["deadline"].tolist()


def test_an_article_without_a_day_is_an_error_naming_it(client):
    bag = db.from_sequence([{"text": "Acme will ship by June.", "published": "2025-01-01"},
                            {"text": "Acme will ship by June."}], npartitions=1)
    with pytest.raises(lt.Error, match=r"article 1 of partition 0: no 'published' day"):
        llmtimeline.dask.find_claims(bag).compute()
