"""Scale benchmarks: CSV and Parquet loads, the check in memory and on Dask, with peak memory.

Each figure is measured in a process of its own, started through a small
wrapper that reports the child's peak resident memory
(``resource.getrusage(RUSAGE_CHILDREN)``), against a baseline measured the
same way in the same run:

* load CSV: ``lt.load(csv)`` against ``pandas.read_csv(dtype=object)``;
* load Parquet: ``lt.load(parquet)`` against ``pyarrow.parquet.read_table(...).to_pandas()``;
* check: ``tl.check()`` against ``pandas.merge_asof`` (see :mod:`run`);
* Dask: ``llmtimeline.dask.check(dd.read_parquet(...)).compute()`` on a local
  cluster of 2 worker processes, against load + check in memory;
* objects (for the Rooms issue): ``tl.events`` + ``tl.claims`` against ``lt.load``;
* report: ``llmtimeline report --no-plot`` end to end against load + check.

A load of a file up to 400 MB is timed three times in its process and the
median is shown; its peak memory is the process's after the first round (later
rounds reuse freed memory unevenly); the clock stops before the loaded result
is freed.

Usage::

    python benchmarks/run.py --scale                        # 1M records
    python benchmarks/run.py --scale --sizes 1000000,10000000
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OBJECT_SIZES = (10_000, 100_000, 1_000_000)

_WRAPPER = ("import json, resource, subprocess, sys; done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
            "sys.stderr.write(done.stderr); peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024; "
            "print(json.dumps({'out': done.stdout, 'code': done.returncode, 'peak': peak}))")


def measured(*args: str) -> dict[str, Any]:
    """Run ``python scale.py --child ARGS`` in a fresh process; its JSON result with ``peak`` (bytes)."""
    done = subprocess.run([sys.executable, "-c", _WRAPPER, sys.executable, str(Path(__file__).resolve()), "--child", *args],
                          check=True, capture_output=True, text=True)
    wrapped = json.loads(done.stdout.strip().splitlines()[-1])
    if wrapped["code"] != 0:
        raise RuntimeError(f"child {args} failed:\n{done.stderr[-3000:]}")
    result = json.loads(wrapped["out"].strip().splitlines()[-1])
    result["peak"] = int(result.pop("first_peak", wrapped["peak"]))
    return result


def _timed(fn: Any, rounds: int = 1) -> float:
    """The median time of ``rounds`` calls of ``fn``; each result is freed after the clock stops
    (freeing a million Python strings is not part of making them, for the figure or its baseline)."""
    import resource

    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        del result
        _FIRST.setdefault("first_peak", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
        _FIRST.setdefault("first_seconds", times[0])
    return sorted(times)[len(times) // 2]


#: The first round of a load: its time (the scaling rows compare first calls in a fresh process,
#: at every size, as a 10M load is timed once) and this process's peak resident memory after it, in
#: bytes: the figure's peak (later rounds reuse freed memory unevenly, and add its fragmentation).
_FIRST: dict[str, float] = {}


def _rounds(path: str) -> int:
    """Three timing rounds for a load of a file up to 400 MB (1M records), one above: a figure of a
    second or two moves by a quarter from one call to the next on a shared machine."""
    return 3 if os.path.getsize(path) <= 400e6 else 1


def child(what: str, path: str, as_of: str) -> dict[str, Any]:
    """One measurement, in this fresh process."""
    import pandas as pd
    import pyarrow.parquet as pq  # imported before the clock starts, for the baseline and lt.load alike

    import llmtimeline as lt

    if what == "read_csv":
        return {"seconds": _timed(lambda: pd.read_csv(path, dtype=object, keep_default_na=False, na_filter=False),
                                  _rounds(path)), **_FIRST}
    if what == "read_table":
        return {"seconds": _timed(lambda: pq.read_table(path).to_pandas(), _rounds(path)), **_FIRST}
    if what == "load":
        return {"seconds": _timed(lambda: lt.load(path), _rounds(path)), **_FIRST}
    if what in ("check", "merge_asof"):
        from run import merge_asof_baseline

        tl = lt.load(path)
        tl.order  # noqa: B018  (part of loading)
        if what == "check":
            return {"seconds": _timed(lambda: tl.check(as_of=as_of)), "claims": int((tl.cells["type"] != "event").sum())}
        return {"seconds": _timed(lambda: merge_asof_baseline(tl))}
    if what == "load_check":
        return {"seconds": _timed(lambda: lt.load(path).check(as_of=as_of))}
    if what == "objects":
        tl = lt.load(path)
        load_s = _timed(lambda: lt.load(path))
        tl = lt.load(path)
        return {"seconds": _timed(lambda: (tl.events, tl.claims)), "load": load_s}
    if what == "dask":
        import dask
        import dask.dataframe as dd
        from dask.distributed import Client, LocalCluster

        import llmtimeline.dask

        # two worker processes of one thread each: the engine is Python, so each worker needs its own interpreter
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster):
            # each partition gathered on its own: .compute() would first put them all into one on a worker
            seconds = _timed(lambda: pd.concat(dask.compute(*llmtimeline.dask.check(dd.read_parquet(path),
                                                                                    as_of=as_of).to_delayed())))
        return {"seconds": seconds}
    if what == "convert":  # CSV to Parquet, once per file and version of the code
        from llmtimeline.store.parquet import MARKER, fingerprint

        out = path.removesuffix(".csv") + ".parquet"
        stale = not os.path.exists(out) or fingerprint() not in (pq.read_schema(out).metadata or {}).get(MARKER, b"").decode()
        if stale:  # a file from other code would be validated like any Parquet file, not read as ours
            lt.load(path).save(out)
        return {"seconds": 0.0, "path": out}
    raise ValueError(what)


def _report_seconds(path: str, as_of: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "llmtimeline.cli", "report", "--no-plot", "--as-of", as_of, path],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def large_file(n: int, folder: Path, data_file: Any, part: int = 1_000_000) -> Path:
    """A file of ``n`` records made of generated parts of ``part`` records (ids prefixed by part):
    the generator holds a whole file in memory, which 10M records would not fit."""
    path = folder / f"records-{n}-parts-{data_file(part, folder=folder).stem}.csv"
    if path.exists():
        return path
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as out:
        for k in range(-(-n // part)):
            size = min(part, n - k * part)
            piece = data_file(size, seed=k, folder=folder)
            with open(piece, "rb") as source:
                header = source.readline()
                if k == 0:
                    out.write(header)
                for line in _prefixed(source, f"p{k}-".encode()):
                    out.write(line)
    tmp.replace(path)
    return path


def _prefixed(source: Any, prefix: bytes) -> Any:
    """The records of a generated file with ``prefix`` before each id (every record starts with its id;
    a quoted cell spanning lines is continued, not prefixed)."""
    inside = False
    for line in source:
        if not inside:
            line = prefix + line
        if line.count(b'"') % 2:
            inside = not inside
        yield line


def run(sizes: Sequence[int], as_of: str, data_file: Any, quick: bool = False) -> str:
    """Measure every size and return the table as text."""
    rows: list[tuple[str, list[str]]] = []
    got: dict[int, dict[str, dict[str, Any]]] = {}
    for n in sizes:
        csv = str(data_file(n))
        print(f"  {n:,} records: Parquet file...", file=sys.stderr, flush=True)
        parquet = measured("convert", csv, as_of)["path"]
        got[n] = {}
        for label, what, path in (("read_csv", "read_csv", csv), ("load_csv", "load", csv),
                                  ("read_table", "read_table", parquet), ("load_parquet", "load", parquet),
                                  ("merge_asof", "merge_asof", parquet), ("check", "check", parquet),
                                  ("load_check", "load_check", parquet), ("dask", "dask", parquet)):
            print(f"  {n:,} records: {label}...", file=sys.stderr, flush=True)
            got[n][label] = measured(what, path, as_of)
            print(f"    {got[n][label]['seconds']:.2f} s, peak {got[n][label]['peak'] / 2**20:,.0f} MB",
                  file=sys.stderr, flush=True)  # as it goes: a long run that is stopped keeps its figures
        if n == min(sizes):
            got[n]["report"] = {"seconds": _report_seconds(csv, as_of)}
            got[n]["load_check_csv"] = measured("load_check", csv, as_of)
    head = ["records", *[f"{n:,}" for n in sizes]]

    def sec(key: str) -> list[str]:
        return [f"{got[n][key]['seconds']:.2f}" for n in sizes]

    def mb(key: str) -> list[str]:
        return [f"{got[n][key]['peak'] / 2**20:,.0f}" for n in sizes]

    def ratio(a: str, b: str, field: str = "seconds") -> list[str]:
        return [f"{got[n][a][field] / got[n][b][field]:.2f}x" for n in sizes]

    rows += [
        ("file size, CSV (MB)", [f"{os.path.getsize(data_file(n)) / 1e6:.0f}" for n in sizes]),
        ("load CSV: pandas.read_csv dtype=object (s)", sec("read_csv")),
        ("load CSV: lt.load (s)", sec("load_csv")),
        ("load CSV: ratio (target <= 1.5x)", ratio("load_csv", "read_csv")),
        ("load CSV: peak MB read_csv / lt.load", [f"{a} / {b}" for a, b in zip(mb("read_csv"), mb("load_csv"), strict=True)]),
        ("load CSV: peak ratio (target <= 1.5x)", ratio("load_csv", "read_csv", "peak")),
        ("load Parquet: read_table().to_pandas() (s)", sec("read_table")),
        ("load Parquet: lt.load (s)", sec("load_parquet")),
        ("load Parquet: ratio (target <= 2x)", ratio("load_parquet", "read_table")),
        ("load Parquet: peak MB baseline / lt.load",
         [f"{a} / {b}" for a, b in zip(mb("read_table"), mb("load_parquet"), strict=True)]),
        ("check: pandas.merge_asof (s)", sec("merge_asof")),
        ("check: tl.check (s)", sec("check")),
        ("check: ratio", ratio("check", "merge_asof")),
        ("check: peak MB, load + check", mb("check")),
        ("dask: load + check in memory (s)", sec("load_check")),
        ("dask: llmtimeline.dask.check, 2 worker processes (s)", sec("dask")),
        ("dask: ratio to load + check in memory", ratio("dask", "load_check")),
        ("dask: peak MB, in memory / dask", [f"{a} / {b}" for a, b in zip(mb("load_check"), mb("dask"), strict=True)]),
    ]
    if len(sizes) > 1:
        small, big = sizes[0], sizes[-1]
        factor = big / small
        # a load's time is its first round in its process, at both sizes (10M is timed once)
        for label, key, field in (("load CSV time (first call)", "load_csv", "first_seconds"),
                                  ("load CSV peak", "load_csv", "peak"),
                                  ("load Parquet time (first call)", "load_parquet", "first_seconds"),
                                  ("load Parquet peak", "load_parquet", "peak"),
                                  ("check time", "check", "seconds"), ("load + check peak", "check", "peak"),
                                  ("dask time", "dask", "seconds"),
                                  ("read_csv time (baseline, first call)", "read_csv", "first_seconds"),
                                  ("read_csv peak (baseline)", "read_csv", "peak"),
                                  ("read_table time (baseline, first call)", "read_table", "first_seconds"),
                                  ("merge_asof time (baseline)", "merge_asof", "seconds")):
            r = got[big][key][field] / got[small][key][field]
            rows.append((f"scaling: {label} at {factor:.0f}x records (target <= 11x)", ["-"] * (len(sizes) - 1) + [f"{r:.1f}x"]))
    n = min(sizes)
    report = got[n]["report"]["seconds"]
    rows.append((f"report --no-plot at {n:,}: end to end (s) / load + check (s)",
                 [f"{report:.2f} / {got[n]['load_check_csv']['seconds']:.2f}"] + [""] * (len(sizes) - 1)))
    objects = [(m, measured("objects", str(data_file(m)), as_of)) for m in ((300, 3_000) if quick else OBJECT_SIZES)]
    lines = _table(head, rows)
    lines.append("")
    lines.append("objects (Rooms): tl.events + tl.claims against lt.load")
    lines += _table(["records", *[f"{m:,}" for m, _ in objects]], [
        ("lt.load (s)", [f"{o['load']:.2f}" for _, o in objects]),
        ("tl.events + tl.claims (s)", [f"{o['seconds']:.2f}" for _, o in objects]),
        ("ratio to lt.load", [f"{o['seconds'] / o['load']:.2f}x" for _, o in objects]),
    ])
    return "\n".join(lines)


def _table(head: list[str], rows: list[tuple[str, list[str]]]) -> list[str]:
    table = [head, *[[label, *values] for label, values in rows]]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    out = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
           for r in table]
    out.insert(1, "-" * len(out[0]))
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        sys.path.insert(0, str(HERE))
        print(json.dumps(child(*sys.argv[2:5])))
