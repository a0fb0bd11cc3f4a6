"""The Parquet load against pyarrow's own read of the same file, in one run.

Rows (median of ``--repeat`` runs each, in this process, after one warm-up):

* ``pyarrow read_table().to_pandas()``: the baseline, the same file read by pyarrow into pandas;
* ``lt.load(signed)``: a file this installation saved and signed: the cells are read, the
  typed columns are used as written and the whole file is checked against its HMAC;
* ``lt.load(unsigned)``: the same file with its signature removed (written elsewhere, by
  another installation or another tool): the cells are validated and the typed columns made
  again, as for a CSV;
* ``lt.load(csv)``: the same records from CSV.

Each is printed with its time and its ratio to the baseline.

Usage::

    python benchmarks/parquet.py [--rows 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, write_csv


def _median(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up: imports, first-use costs
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    import pyarrow.parquet as pq

    import llmtimeline as lt
    from llmtimeline.store import parquet

    with tempfile.TemporaryDirectory() as folder:
        csv_path = write_csv(generate(args.rows), Path(folder) / "records.csv")
        tl = lt.load(csv_path)
        signed = Path(folder) / "signed.parquet"
        tl.save(signed)
        if not parquet.signed(signed):
            print("no installation key: every Parquet load validates the cells", file=sys.stderr)
        unsigned = Path(folder) / "unsigned.parquet"
        table = pq.read_table(signed)  # pyarrow drops the signature from the footer
        pq.write_table(table, unsigned, compression="lz4")
        assert not parquet.signed(unsigned)
        assert lt.load(unsigned) == lt.load(signed) == tl

        rows = [
            ("pyarrow read_table().to_pandas()", lambda: pq.read_table(signed).to_pandas()),
            ("lt.load(signed)", lambda: lt.load(signed)),
            ("lt.load(unsigned)", lambda: lt.load(unsigned)),
            ("lt.load(csv)", lambda: lt.load(csv_path)),
        ]
        print(f"{len(tl):,} records; Parquet {signed.stat().st_size / 2**20:.1f} MB, "
              f"CSV {csv_path.stat().st_size / 2**20:.1f} MB; median of {args.repeat}")
        base = None
        for name, fn in rows:
            seconds = _median(fn, args.repeat)
            base = base if base is not None else seconds
            print(f"{name:<36} {seconds:8.3f} s  {seconds / base:6.2f}x pyarrow")
    return 0


if __name__ == "__main__":
    sys.exit(main())
