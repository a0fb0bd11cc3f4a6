"""The static site's cost, against the check it is built from, on the bundled file and on generated ones.

Prints one table.  Every figure is a ratio to a baseline taken in the same run
(the machine is noisy): the site's build against one ``tl.check()`` of the same
records, and its per-claim history against ``tl.history(id)``'s.

* check: one ``tl.check(as_of)`` (the baseline);
* histories: :func:`llmtimeline.views.site.histories` for the newest claims up to the
  site's limit (each claim checked against only the records that can change it),
  per claim, against ``tl.history(id)`` per claim (timed on a few claims);
* site: ``tl.to_site`` end to end (check, histories, every page, the feed,
  ClaimReview), against the check.

Usage::

    python benchmarks/site.py                     # the bundled file and 10,000 generated records
    python benchmarks/site.py --sizes 10000,50000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  # the synthetic files, beside this script

import llmtimeline as lt  # noqa: E402
from llmtimeline.views.site import HISTORY_LIMIT, histories  # noqa: E402


def _best(fn: Callable[[], object], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def measure(name: str, tl: lt.Timeline, as_of: str, sample: int = 5) -> list[str]:
    report = tl.check(as_of=as_of)
    check = _best(lambda: tl.check(as_of=as_of))
    start = time.perf_counter()
    found = histories(tl, report)
    ours = (time.perf_counter() - start) / max(len(found), 1)
    some = list(found)[:sample]
    start = time.perf_counter()
    for claim_id in some:
        tl.history(claim_id)
    theirs = (time.perf_counter() - start) / max(len(some), 1)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        tl.to_site(folder, as_of=as_of)
        site = time.perf_counter() - start
        pages = sum(1 for _ in Path(folder).rglob("*.html"))
    return [
        f"{name}: {len(tl):,} records, {len(report):,} claims, {len(found):,} histories (limit {HISTORY_LIMIT}), {pages:,} pages",
        f"  check                 {check * 1e3:9.1f} ms   (baseline)",
        f"  history per claim     {ours * 1e3:9.1f} ms   {ours / check:6.2f}x a check; tl.history: "
        f"{theirs * 1e3:.1f} ms ({theirs / ours:.1f}x ours, {len(some)} claims timed)",
        f"  site, end to end      {site:9.2f} s    {site / check:6.0f}x a check",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="generated file sizes, comma-separated (default 10000)")
    args = parser.parse_args(argv)
    lines = measure("bundled events.csv", lt.load(), "2025-06-30")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = generate.write_csv(generate.generate(size, seed=0), Path(folder) / f"{size}.csv")
            lines += measure(f"generated {size:,}", lt.load(path), generate.AS_OF)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
