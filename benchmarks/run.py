"""Benchmarks: llmtimeline beside the tools a data engineer would pick instead, as ratios in one run.

Every figure is the median of ``--runs`` (default 3) fresh processes, with the
spread (min-max); the figures of a round are taken in turn, so a busy moment of
a shared machine weighs on a figure and its baselines alike.  Imports are done
before the clock starts (import time is a figure of its own).

* load: ``lt.load`` (read, validate) plus the typed columns it derives on first
  use, against ``pandas.read_csv(dtype=str)``, ``polars.read_csv`` (all
  strings) and duckdb's ``read_csv`` (all VARCHAR, to Arrow) of the same file;
* check: ``tl.check()`` against ``pandas.merge_asof`` and polars' ``join_asof``,
  each matching every prediction to the first event of its kind and subject on
  or after the day said, from the same typed columns;
* report: ``llmtimeline report`` with its chart, against load + check;
* memory: peak resident memory of load + check, against ``read_csv`` +
  ``merge_asof`` straight from the text (what bare pandas needs for the join);
* scaling: each figure at 10x the records over 1x (with ``--sizes`` 10x apart);
* import: ``import llmtimeline`` against ``import pandas`` (fresh interpreters);
* naive loop: at the smallest size, the obvious O(predictions x events) loop.

The baselines are the ``bench`` extra (``pip install -e .[bench]``: polars, duckdb).

Usage::

    python benchmarks/run.py                      # 100k records, 3 fresh processes per figure
    python benchmarks/run.py --sizes 1000000      # the issue's figures
    python benchmarks/run.py --sizes 100000,1000000 --runs 5
    python benchmarks/run.py --quick              # tiny sizes, for the test suite
    python benchmarks/run.py --sizes 1000000 --figures check,merge_asof,polars_join_asof   # the check's figures only
    python benchmarks/run.py --scale              # the scale table (CSV, Parquet, Dask; see scale.py)

Data files are written once under ``benchmarks/data/`` (git-ignored) and reused.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))

from generate import AS_OF, generate, write_csv  # noqa: E402

SIZES = (100_000,)
QUICK_SIZES = (300,)
NAIVE_MAX = 100_000  # the largest file the quadratic naive loop is timed on

_NO_DAY = -(2**63)  # "no deadline" in the typed columns


# -- data -------------------------------------------------------------------------------


def generated_name(n: int, seed: int = 0) -> str:
    """The name of the generated file of ``n`` records: it carries a digest of the generator's source."""
    digest = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:8]
    return f"records-{n}-seed{seed}-{digest}.csv"


def data_file(n: int, seed: int = 0, folder: Path = DATA) -> Path:
    """The synthetic file of ``n`` records, generated on first use.

    The name carries a digest of the generator's source, so a changed generator
    never reuses stale files.
    """
    path = folder / generated_name(n, seed)
    if not path.exists():
        if n >= 200_000:  # keep the generator's memory out of this process
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), str(path), "--seed", str(seed)],
                           check=True, stdout=subprocess.DEVNULL)
        else:
            write_csv(generate(n, seed=seed), path)
    return path


# -- measurements, each run in a child process -------------------------------------------


def merge_asof_baseline(tl: Any) -> Any:
    """Each prediction matched to the first event of its kind and subject on or after it: bare pandas.

    Starts from the same typed columns ``check`` uses (dates as integer days).
    """
    import numpy as np
    import pandas as pd

    t, d = tl.cells, tl.typed
    types = t["type"].to_numpy(dtype=object)
    ev, pr = types == "event", types == "prediction"
    events = pd.DataFrame({
        "kind": t["kind"].to_numpy(dtype=object)[ev], "subject": t["subject"].to_numpy(dtype=object)[ev],
        "day": d["latest"].to_numpy()[ev], "event_id": t["id"].to_numpy(dtype=object)[ev],
    }).sort_values("day", kind="stable")
    predictions = pd.DataFrame({
        "kind": d["exp_kind"].to_numpy(dtype=object)[pr], "subject": d["exp_subject"].to_numpy(dtype=object)[pr],
        "day": d["earliest"].to_numpy()[pr], "id": t["id"].to_numpy(dtype=object)[pr],
    }).sort_values("day", kind="stable")
    matched = pd.merge_asof(predictions, events, on="day", by=["kind", "subject"], direction="forward")
    return matched.assign(found=np.asarray(matched["event_id"].notna()))


def naive_loop(tl: Any, as_of_day: int) -> list[tuple[str, str | None]]:
    """Predictions checked the obvious way: for each, a scan of every event.  O(predictions x events)."""
    t, d = tl.cells, tl.typed
    rows = list(zip(t["type"], t["id"], t["kind"], t["subject"], d["exp_kind"], d["exp_subject"], d["exp_negated"],
                    d["earliest"], d["latest"], d["deadline"], strict=True))
    known = [r for r in rows if r[8] <= as_of_day]
    events = [r for r in known if r[0] == "event"]
    out = []
    for p in known:
        if p[0] != "prediction":
            continue
        best = None
        for e in events:
            if e[2] == p[4] and e[3] == p[5] and e[8] >= p[7]:
                key = (e[7], e[8], e[1])
                if best is None or key < best:
                    best = key
        deadline = p[9]
        if best is None:
            status = "missed" if deadline != _NO_DAY and as_of_day > deadline else "pending"
        elif deadline == _NO_DAY or best[1] <= deadline:
            status = "contradicted" if p[6] else "fulfilled"
        elif best[0] > deadline:
            status = "late"
        else:
            status = "undetermined"
        out.append((status, best[2] if best else None))
    return out




def polars_baseline(tl: Any) -> Any:
    """The same match as :func:`merge_asof_baseline`, with polars' ``join_asof`` (forward, by kind and subject)."""
    import numpy as np
    import polars as pl

    t, d = tl.cells, tl.typed
    types = t["type"].to_numpy(dtype=object)
    ev, pr = types == "event", types == "prediction"
    events = pl.DataFrame({
        "kind": t["kind"].to_numpy(dtype=object)[ev].astype(str), "subject": t["subject"].to_numpy(dtype=object)[ev].astype(str),
        "day": d["latest"].to_numpy()[ev], "event_id": t["id"].to_numpy(dtype=object)[ev].astype(str),
    }).sort("day")
    predictions = pl.DataFrame({
        "kind": d["exp_kind"].to_numpy(dtype=object)[pr].astype(str),
        "subject": d["exp_subject"].to_numpy(dtype=object)[pr].astype(str),
        "day": d["earliest"].to_numpy()[pr], "id": t["id"].to_numpy(dtype=object)[pr].astype(str),
    }).sort("day")
    matched = predictions.join_asof(events, on="day", by=["kind", "subject"], strategy="forward")
    return matched.with_columns(found=pl.col("event_id").is_not_null()), np.int64(len(matched))


def pandas_floor(path: str) -> Any:
    """What bare pandas needs for the join, straight from the text: ``read_csv``, days, expectations split,
    ``merge_asof``.  Dates that are not whole days (months, quarters) are left out: a lower bound."""
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    day = pd.to_datetime(df["date"].str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    df = df.assign(day=day).dropna(subset=["day"]).sort_values("day", kind="stable")
    events = df.loc[df["type"] == "event", ["kind", "subject", "day", "id"]].rename(columns={"id": "event_id"})
    claims = df.loc[df["type"] == "prediction", ["expects", "day", "id"]]
    expected = claims["expects"].str.removeprefix("not ").str.split(" ", n=1, expand=True)
    claims = claims.assign(kind=expected[0], subject=expected[1]).drop(columns="expects")
    return pd.merge_asof(claims, events, on="day", by=["kind", "subject"], direction="forward")


#: Each figure: what it times (after its imports), in a fresh process.  "setup" is done before the clock.
FIGURES = ("load", "read_csv", "polars_read_csv", "duckdb_read_csv", "check", "merge_asof", "polars_join_asof",
           "floor", "pandas_floor", "report")


def child_figure(what: str, path: str, as_of: str, out: str) -> dict[str, Any]:
    """Seconds (and peak memory above the imports) of one figure, in this fresh process."""
    import resource

    import pandas as pd

    import llmtimeline as lt

    setup: dict[str, Any] = {}
    if what in ("polars_read_csv", "polars_join_asof"):
        import polars as pl
    if what == "duckdb_read_csv":
        import duckdb
    if what == "report":
        import contextlib
        import io

        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot

        import llmtimeline.views.plot
        from llmtimeline import cli
    if what in ("check", "merge_asof", "polars_join_asof"):
        tl = lt.load(path)
        tl.typed  # noqa: B018
        tl.order  # noqa: B018
        setup["tl"] = tl
    base = _rss_bytes()
    start = time.perf_counter()
    if what == "load":
        tl = lt.load(path)
        tl.typed  # noqa: B018
        tl.order  # noqa: B018
    elif what == "read_csv":
        pd.read_csv(path, dtype=str, keep_default_na=False)
    elif what == "polars_read_csv":
        import polars as pl

        pl.read_csv(path, infer_schema=False)
    elif what == "duckdb_read_csv":
        duckdb.read_csv(path, all_varchar=True).fetch_arrow_table()
    elif what == "check":
        setup["tl"].check(as_of=as_of)
    elif what == "merge_asof":
        merge_asof_baseline(setup["tl"])
    elif what == "polars_join_asof":
        polars_baseline(setup["tl"])
    elif what == "floor":
        lt.load(path).check(as_of=as_of)
    elif what == "pandas_floor":
        pandas_floor(path)
    elif what == "report":
        with contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(["report", path, "--as-of", as_of, "-o", out])
        assert code == 0, code
    else:
        raise ValueError(what)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"seconds": seconds, "peak": max(peak - base, 0)}


def child_naive(path: str, as_of: str) -> dict[str, Any]:
    """The naive loop's time, and the check's, in this process."""
    import llmtimeline as lt
    from llmtimeline.check import as_of_day

    tl = lt.load(path)
    tl.typed  # noqa: B018
    start = time.perf_counter()
    tl.check(as_of=as_of)
    check_s = time.perf_counter() - start
    start = time.perf_counter()
    naive_loop(tl, as_of_day(as_of))
    return {"naive": time.perf_counter() - start, "check": check_s}


#: The children keep their bytecode (outside the tree) even under PYTHONDONTWRITEBYTECODE: their imports are
#: untimed, but compiling the package in every child made a quick run take minutes on a busy machine.
_CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "PYTHONPYCACHEPREFIX": os.environ.get("PYTHONPYCACHEPREFIX") or os.path.join(tempfile.gettempdir(), "llmtimeline-pycache")}


def _run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args],
                          capture_output=True, text=True, env=_CHILD_ENV)
    if done.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))

def _rss_bytes() -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0  # pragma: no cover - not Linux


_IMPORT = ("import sys, time; t = time.perf_counter(); import {module}; s = time.perf_counter() - t; "
           "print(s, 'matplotlib' in sys.modules, 'pendulum' in sys.modules)")


def measure_imports(runs: int) -> dict[str, Any]:
    """Median import time of llmtimeline and of pandas, each in fresh interpreters, taken alternately.

    Both read cached bytecode, as after ``pip install``: the interpreters write and
    read it under a private ``PYTHONPYCACHEPREFIX`` (this overrides a
    ``PYTHONDONTWRITEBYTECODE`` in the environment, which would make only
    llmtimeline's own modules compile at every import), after one untimed import.
    """
    times: dict[str, list[float]] = {"llmtimeline": [], "pandas": []}
    heavy = {"matplotlib": False, "pendulum": False}
    cache = tempfile.mkdtemp(prefix="llmtimeline-pycache-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPYCACHEPREFIX": cache}
    for module in times:
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True, env=env, cwd=cache)
    for _ in range(runs):
        for module in times:
            out = subprocess.run([sys.executable, "-c", _IMPORT.format(module=module)],
                                 check=True, capture_output=True, text=True, env=env, cwd=cache).stdout.split()
            times[module].append(float(out[0]))
            if module == "llmtimeline":
                heavy["matplotlib"] |= out[1] == "True"
                heavy["pendulum"] |= out[2] == "True"
    shutil.rmtree(cache, ignore_errors=True)
    return {"llmtimeline": statistics.median(times["llmtimeline"]), "pandas": statistics.median(times["pandas"]),
            "runs": runs, **{f"imports_{k}": v for k, v in heavy.items()}}


# -- the table ---------------------------------------------------------------------------------

#: The targets of issue 29: (figure, its baseline, the largest ratio).
TARGETS: tuple[tuple[str, str, float], ...] = (
    ("load", "read_csv", 1.2), ("load", "polars_read_csv", 3.0), ("load", "duckdb_read_csv", float("inf")),
    ("check", "merge_asof", 1.5), ("check", "polars_join_asof", 4.0),
    ("report", "floor", 1.3), ("floor", "pandas_floor", float("inf")),
)
MEMORY_TARGET = 1.5  # peak of load + check over read_csv + merge_asof
SCALING_TARGET = 11.0  # time for 10x the records
IMPORT_TARGET = 1.2

_LABELS = {
    "load": "lt.load + typed columns", "read_csv": "pandas.read_csv", "polars_read_csv": "polars.read_csv",
    "duckdb_read_csv": "duckdb read_csv", "check": "tl.check", "merge_asof": "pandas.merge_asof",
    "polars_join_asof": "polars join_asof", "floor": "load + check", "pandas_floor": "read_csv + merge_asof",
    "report": "llmtimeline report (chart)",
}


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def _mark(ratio: float, bound: float) -> str:
    if bound == float("inf"):
        return ""
    return f"<= {bound:g}x: " + ("ok" if ratio <= bound else "MISSED")


def render(sizes: Sequence[int], times: dict[int, dict[str, list[float]]], peaks: dict[int, dict[str, list[float]]],
           imports: dict[str, Any] | None, naive: dict[str, Any] | None, runs: int) -> str:
    """The table of figures and ratios, as text (the rows of the figures measured)."""
    head = ["figure", *[f"{n:,} records" for n in sizes], "target"]
    rows: list[list[str]] = []
    have = set(times[sizes[0]])
    for what in FIGURES:
        if what in have:
            rows.append([f"{_LABELS[what]} (s)", *[_spread(times[n][what]) for n in sizes], ""])
    for what, base, bound in TARGETS:
        if not {what, base} <= have:
            continue
        ratios = [statistics.median(times[n][what]) / statistics.median(times[n][base]) for n in sizes]
        rows.append([f"{_LABELS[what]} / {_LABELS[base]}", *[f"{r:.2f}x" for r in ratios], _mark(ratios[-1], bound)])
    if {"floor", "pandas_floor"} <= have:
        mem = [statistics.median(peaks[n]["floor"]) / statistics.median(peaks[n]["pandas_floor"]) for n in sizes]
        rows.append(["peak memory: load + check (MB)", *[f"{statistics.median(peaks[n]['floor']) / 1e6:.0f}" for n in sizes], ""])
        rows.append(["peak memory: read_csv + merge_asof (MB)",
                     *[f"{statistics.median(peaks[n]['pandas_floor']) / 1e6:.0f}" for n in sizes], ""])
        rows.append(["peak memory: ratio", *[f"{r:.2f}x" for r in mem], _mark(mem[-1], MEMORY_TARGET)])
    for small, big in itertools.pairwise(sizes):
        if big == 10 * small:
            for what in ("load", "check", "floor", "report", "read_csv", "merge_asof"):
                if what not in have:
                    continue
                r = statistics.median(times[big][what]) / statistics.median(times[small][what])
                bound = SCALING_TARGET if what in ("load", "check") else float("inf")
                rows.append([f"scaling {_n(small)} -> {_n(big)}: {_LABELS[what]}", *[""] * (len(sizes) - 1), f"{r:.1f}x",
                             _mark(r, bound).replace("x:", "x the time:")])
    if naive is not None:
        rows.append([f"naive loop at {_n(naive['records'])} / tl.check", f"{naive['naive'] / naive['check']:.1f}x",
                     *[""] * (len(sizes) - 1), ""])
    if imports is not None:
        ratio = imports["llmtimeline"] / imports["pandas"]
        rows.append([f"import llmtimeline / import pandas (median of {imports['runs']})",
                     f"{imports['llmtimeline'] * 1e3:.0f} ms / {imports['pandas'] * 1e3:.0f} ms = {ratio:.2f}x",
                     *[""] * (len(sizes) - 1), _mark(ratio, IMPORT_TARGET)])
        rows.append(["import llmtimeline loads matplotlib", "yes" if imports["imports_matplotlib"] else "no",
                     *[""] * (len(sizes) - 1), "no: " + ("MISSED" if imports["imports_matplotlib"] else "ok")])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) if i in (0, len(head) - 1) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
             for r in [head, *rows]]
    lines.insert(1, "-" * len(lines[0]))
    lines.append(f"seconds: median of {runs} fresh processes (min-max); ratios of medians")
    return "\n".join(lines)


def _n(n: int) -> str:
    return f"{n:,}" if n < 10_000 else f"{n // 1000}k" if n < 1_000_000 else f"{n // 1_000_000}M"


def measure(sizes: Sequence[int], runs: int, as_of: str, folder: Path,
            figures: Sequence[str] = FIGURES) -> tuple[dict[int, dict[str, list[float]]], dict[int, dict[str, list[float]]]]:
    """Seconds and peak memory of each figure, ``runs`` fresh processes each, the figures of a round in turn."""
    times: dict[int, dict[str, list[float]]] = {}
    peaks: dict[int, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as out:
        for n in sizes:
            path = data_file(n, folder=folder)
            times[n], peaks[n] = {w: [] for w in figures}, {w: [] for w in figures}
            for r in range(runs):
                print(f"  {n:,} records, round {r + 1} of {runs}...", file=sys.stderr, flush=True)
                for what in figures:
                    got = _run_child("figure", what, str(path), as_of, str(Path(out) / "timeline.png"))
                    times[n][what].append(got["seconds"])
                    peaks[n][what].append(got["peak"])
    return times, peaks


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="comma-separated record counts (default 100000)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: for the test suite")
    parser.add_argument("--runs", type=int, default=None, help="fresh processes per figure (default 3)")
    parser.add_argument("--as-of", default=AS_OF, help=f"the checking day (default {AS_OF})")
    parser.add_argument("--data", default=str(DATA), help="folder for the generated files")
    parser.add_argument("--scale", action="store_true",
                        help="the scale table instead: CSV and Parquet loads, check, Dask (default 1M records)")
    parser.add_argument("--figures", default=None,
                        help=f"comma-separated figures to measure (default all: {','.join(FIGURES)}); with it, "
                             "the naive loop and the imports are left out")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale:
        return _scale(args)
    if args.child:
        what, *rest = args.child
        result = child_figure(*rest) if what == "figure" else child_naive(*rest)
        print(json.dumps(result))
        return 0

    if args.sizes:
        sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(","))
    else:
        sizes = QUICK_SIZES if args.quick else SIZES
    runs = args.runs or (1 if args.quick else 3)
    folder = Path(args.data)
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    figures = tuple(args.figures.split(",")) if args.figures else FIGURES
    unknown = set(figures) - set(FIGURES)
    if unknown:
        parser.error(f"unknown figures {', '.join(sorted(unknown))}: choose among {', '.join(FIGURES)}")
    times, peaks = measure(sizes, runs, args.as_of, folder, figures)
    naive = imports = None
    if not args.figures:
        naive_n = min(min(sizes), NAIVE_MAX)  # the naive loop is quadratic: at most 100k records
        naive = _run_child("naive", str(data_file(naive_n, folder=folder)), args.as_of) | {"records": naive_n}
        print("  imports...", file=sys.stderr, flush=True)
        imports = measure_imports(3 if args.quick else max(runs, 11))

    import duckdb
    import numpy
    import pandas
    import polars

    print(f"llmtimeline benchmarks: Python {platform.python_version()}, pandas {pandas.__version__}, "
          f"numpy {numpy.__version__}, polars {polars.__version__}, duckdb {duckdb.__version__}, "
          f"{os.cpu_count()} cores; as_of {args.as_of}")
    print(render(sizes, times, peaks, imports, naive, runs))
    print(f"(measured in {time.perf_counter() - started:.0f} s; data in {folder})")
    return 0


def _scale(args: argparse.Namespace) -> int:
    """The scale table of :mod:`scale` (files of more than 1M records are made of 1M-record parts)."""
    from scale import large_file
    from scale import run as run_scale

    folder = Path(args.data)
    folder.mkdir(parents=True, exist_ok=True)
    default = (300, 3_000) if args.quick else (1_000_000,)
    sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(",")) if args.sizes else default

    def path(n: int) -> Path:
        return data_file(n, folder=folder) if n <= 1_000_000 else large_file(n, folder, data_file)

    started = time.perf_counter()
    table = run_scale(sizes, args.as_of, path, quick=args.quick)
    import pandas
    import pyarrow

    print(f"llmtimeline scale benchmarks: Python {platform.python_version()}, pandas {pandas.__version__}, "
          f"pyarrow {pyarrow.__version__}, {os.cpu_count()} cores; as_of {args.as_of}; each figure in its own "
          "process (a load up to 400 MB: the median of 3 rounds)")
    print(table)
    print(f"(measured in {time.perf_counter() - started:.0f} s; data in {folder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
