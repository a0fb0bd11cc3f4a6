"""Benchmarks: llmtimeline against bare pandas on synthetic files of 10k, 100k and 1M records.

Prints one table.  Every figure is compared with a baseline measured in the same
run (a ratio), because the machine is noisy; each timing is the best of a few
runs, taken alternately with its baseline.

* load: ``lt.load`` (read and validate) plus the typed columns it derives on first
  use (dates as days, deadlines, expectations), against a bare
  ``pandas.read_csv(dtype=str, keep_default_na=False)`` of the same file;
* check: ``tl.check()`` against a bare ``pandas.merge_asof`` matching each
  prediction to the first event of its kind and subject on or after it, and, at
  the smallest size of 10k or more, against a naive Python loop over every
  (prediction, event) pair;
* scaling: time for 10x the records over time for 1x;
* memory: peak resident memory per record (load, typed columns and a check) in a
  process of its own, against ``read_csv``'s in another;
* import: ``import llmtimeline`` against ``import pandas``, each in fresh
  processes, median of several; matplotlib must not be imported;
* plot: drawing and saving a timeline of 10,000 events (``tl.plot()``).

Usage::

    python benchmarks/run.py                      # 10k, 100k, 1M records
    python benchmarks/run.py --sizes 10000,100000
    python benchmarks/run.py --quick              # tiny sizes, for the test suite

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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))

from generate import AS_OF, generate, write_csv  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (300, 3_000)
PLOT_EVENTS = 10_000
QUICK_PLOT_EVENTS = 200
_EVENT_SHARE = 0.45

_NO_DAY = -(2**63)  # "no deadline" in the typed columns

#: The targets of issue 5, as (figure, bound).
TARGETS = {"load": 3.0, "check": 2.0, "scaling": 12.0, "import": 1.2, "plot": 3.0}


# -- data -------------------------------------------------------------------------------


def data_file(n: int, seed: int = 0, folder: Path = DATA) -> Path:
    """The synthetic file of ``n`` records, generated on first use.

    The name carries a digest of the generator's source, so a changed generator
    never reuses stale files.
    """
    digest = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:8]
    path = folder / f"records-{n}-seed{seed}-{digest}.csv"
    if not path.exists():
        if n >= 200_000:  # keep the generator's memory out of this process
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), str(path), "--seed", str(seed)],
                           check=True, stdout=subprocess.DEVNULL)
        else:
            write_csv(generate(n, seed=seed), path)
    return path


# -- measurements, each run in a child process -------------------------------------------


def _best(fns: Sequence[Callable[[], Any]], repeat: int) -> list[float]:
    """Best time of each function over ``repeat`` rounds, the functions taken in turn each round."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


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



def child_timing(path: str, as_of: str, repeat: int, naive: bool) -> dict[str, Any]:
    """Load and check timings against their baselines, in this (fresh) process."""
    import pandas as pd

    import llmtimeline as lt
    from llmtimeline.check import as_of_day

    def bare() -> None:
        pd.read_csv(path, dtype=str, keep_default_na=False)

    loaded: dict[str, Any] = {}

    def load() -> None:
        loaded["tl"] = lt.load(path)

    def derive() -> None:
        tl = loaded["tl"]
        tl.typed  # noqa: B018  (computed on first use)
        tl.order  # noqa: B018

    def load_all() -> None:
        load()
        derive()

    read_s, = _best([bare], 1)  # warm the file cache
    read_s, load_all_s = _best([bare, load_all], repeat)
    load_s, derive_s = _best([load, derive], 1)
    tl = loaded["tl"]
    day = as_of_day(as_of)
    report = tl.check(as_of=as_of)
    merge_s, check_s = _best([lambda: merge_asof_baseline(tl), lambda: tl.check(as_of=as_of)], repeat + 1)
    result = {
        "records": len(tl), "bytes": os.path.getsize(path), "read_csv": read_s, "load_total": load_all_s,
        "load": load_s, "derive": derive_s, "merge_asof": merge_s, "check": check_s,
        "statuses": sorted(set(report["status"])),
    }
    if naive:
        start = time.perf_counter()
        naive_loop(tl, day)
        result["naive"] = time.perf_counter() - start
    return result


def _rss_bytes() -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0  # pragma: no cover - not Linux


def child_memory(path: str, as_of: str, what: str) -> dict[str, Any]:
    """Peak resident memory above the imports, for a load and a check (or a bare read_csv)."""
    import resource

    import pandas as pd

    import llmtimeline as lt

    base = _rss_bytes()
    if what == "read_csv":
        n = len(pd.read_csv(path, dtype=str, keep_default_na=False))
    else:
        tl = lt.load(path)
        tl.check(as_of=as_of)
        n = len(tl)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"records": n, "peak": peak - base}


def child_plot(path: str, as_of: str) -> dict[str, Any]:
    """Time to draw and save the timeline of ``path`` (matplotlib imported beforehand)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import llmtimeline as lt

    try:
        import llmtimeline.views.plot
    except ImportError:
        return {"available": False}
    tl = lt.load(path)
    tl.typed  # noqa: B018
    n_events = int((tl.cells["type"] == "event").sum())
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        ax = tl.plot(as_of=as_of)
        ax.figure.savefig(Path(folder) / "timeline.png")
        seconds = time.perf_counter() - start
    plt.close("all")
    return {"available": True, "events": n_events, "seconds": seconds}


def _run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


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


def _n(n: int) -> str:
    return f"{n // 1000}k" if n < 1_000_000 else f"{n // 1_000_000}M"


def _mark(value: float | None, bound: float) -> str:
    if value is None:
        return ""
    return "ok" if value <= bound else "MISSED"


def render(sizes: Sequence[int], timing: dict[int, dict[str, Any]], memory: dict[int, dict[str, Any]],
           imports: dict[str, Any], plot: dict[str, Any], naive_size: int | None) -> str:
    """The table of figures, as text."""
    head = ["records"] + [f"{n:,}" for n in sizes] + ["target"]
    rows: list[list[str]] = []

    def row(label: str, values: Sequence[str], target: str = "") -> None:
        rows.append([label, *values, target])

    def sec(key: str) -> list[str]:
        return [f"{timing[n][key]:.3f}" if key in timing[n] else "-" for n in sizes]

    row("file size (MB)", [f"{timing[n]['bytes'] / 1e6:.1f}" for n in sizes])
    row("load: pandas.read_csv (s)", sec("read_csv"))
    row("load: lt.load (s)", sec("load"))
    row("load: + typed columns, first use (s)", sec("derive"))
    row("load: lt.load + typed columns (s)", sec("load_total"))
    ratios = [timing[n]["load_total"] / timing[n]["read_csv"] for n in sizes]
    row("load: ratio to read_csv", [f"{r:.2f}x" for r in ratios],
        f"<= {TARGETS['load']:g}x at the largest: {_mark(ratios[-1], TARGETS['load'])}")
    row("check: pandas.merge_asof (s)", sec("merge_asof"))
    row("check: tl.check (s)", sec("check"))
    ratios = [timing[n]["check"] / timing[n]["merge_asof"] for n in sizes]
    row("check: ratio to merge_asof", [f"{r:.2f}x" for r in ratios],
        f"<= {TARGETS['check']:g}x at the largest: {_mark(ratios[-1], TARGETS['check'])}")
    if naive_size is not None:
        row(f"check: naive loop at {_n(naive_size)} (s)", [f"{timing[n]['naive']:.2f}" if n == naive_size else "-" for n in sizes])
        row("check: naive loop / tl.check",
            [f"{timing[n]['naive'] / timing[n]['check']:.0f}x" if n == naive_size else "-" for n in sizes])
    worst: list[float] = []
    for label, key, ours in (("load", "load_total", True), ("check", "check", True),
                             ("read_csv (baseline)", "read_csv", False), ("merge_asof (baseline)", "merge_asof", False)):
        values = ["-"]
        for small, big in itertools.pairwise(sizes):
            if big == 10 * small:
                r = timing[big][key] / timing[small][key]
                if ours:
                    worst.append(r)
                values.append(f"{r:.1f}x")
            else:
                values.append("-")
        row(f"scaling: {label} time at 10x records", values)
    row("scaling: worst of load and check", [""] * len(sizes),
        f"<= {TARGETS['scaling']:g}x: {_mark(max(worst), TARGETS['scaling'])}" if worst else "")
    row("memory: peak per record, load + check (B)", [f"{memory[n]['lt'] / n:,.0f}" for n in sizes])
    row("memory: peak per record, read_csv (B)", [f"{memory[n]['read_csv'] / n:,.0f}" for n in sizes])
    row("statuses produced", [str(len(timing[n]["statuses"])) for n in sizes], "8 of 8")
    blank = [""] * len(sizes)
    ratio = imports["llmtimeline"] / imports["pandas"]
    row(f"import llmtimeline (ms, median of {imports['runs']})", [f"{imports['llmtimeline'] * 1e3:.0f}", *blank[1:]])
    row(f"import pandas (ms, median of {imports['runs']})", [f"{imports['pandas'] * 1e3:.0f}", *blank[1:]])
    row("import: ratio to pandas", [f"{ratio:.2f}x", *blank[1:]], f"<= {TARGETS['import']:g}x: {_mark(ratio, TARGETS['import'])}")
    row("import llmtimeline loads matplotlib", ["yes" if imports["imports_matplotlib"] else "no", *blank[1:]],
        "no: " + ("MISSED" if imports["imports_matplotlib"] else "ok"))
    if plot.get("available"):
        row(f"plot: draw + save {plot['events']:,} events (s)", [f"{plot['seconds']:.2f}", *blank[1:]],
            f"< {TARGETS['plot']:g} s: {_mark(plot['seconds'], TARGETS['plot'])}")
    else:
        row("plot: draw + save a timeline", ["n/a (plot not available)", *blank[1:]])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) if i in (0, len(head) - 1) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
             for r in [head, *rows]]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="comma-separated record counts (default 10000,100000,1000000)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes and one round each: for the test suite")
    parser.add_argument("--repeat", type=int, default=None, help="timing rounds per figure (default 3, 2 from 1M)")
    parser.add_argument("--as-of", default=AS_OF, help=f"the checking day (default {AS_OF})")
    parser.add_argument("--data", default=str(DATA), help="folder for the generated files")
    parser.add_argument("--scale", action="store_true",
                        help="the scale table instead: CSV and Parquet loads, check, Dask (default 1M records)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale:
        return _scale(args)

    if args.child:
        what, *rest = args.child
        if what == "timing":
            result = child_timing(rest[0], rest[1], int(rest[2]), rest[3] == "1")
        elif what == "memory":
            result = child_memory(rest[0], rest[1], rest[2])
        else:
            result = child_plot(rest[0], rest[1])
        print(json.dumps(result))
        return 0

    if args.sizes:
        sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(","))
    else:
        sizes = QUICK_SIZES if args.quick else SIZES
    folder = Path(args.data)
    folder.mkdir(parents=True, exist_ok=True)
    big = [n for n in sizes if n >= 10_000]
    naive_size = min(big) if big else (min(sizes) if args.quick else None)
    started = time.perf_counter()
    timing: dict[int, dict[str, Any]] = {}
    memory: dict[int, dict[str, Any]] = {}
    for n in sizes:
        path = data_file(n, folder=folder)
        repeat = args.repeat or (1 if args.quick else 2 if n >= 1_000_000 else 3)
        print(f"  {n:,} records: timing...", file=sys.stderr, flush=True)
        timing[n] = _run_child("timing", str(path), args.as_of, str(repeat), "1" if n == naive_size else "0")
        print(f"  {n:,} records: memory...", file=sys.stderr, flush=True)
        memory[n] = {"lt": _run_child("memory", str(path), args.as_of, "lt")["peak"],
                     "read_csv": _run_child("memory", str(path), args.as_of, "read_csv")["peak"]}
    print("  imports...", file=sys.stderr, flush=True)
    imports = measure_imports(3 if args.quick else 15)
    print("  plot...", file=sys.stderr, flush=True)
    n_plot = QUICK_PLOT_EVENTS if args.quick else PLOT_EVENTS
    plot = _run_child("plot", str(data_file(round(n_plot / _EVENT_SHARE), folder=folder)), args.as_of)

    import numpy
    import pandas

    print(f"llmtimeline benchmarks: Python {platform.python_version()}, pandas {pandas.__version__}, "
          f"numpy {numpy.__version__}, {os.cpu_count()} cores; as_of {args.as_of}; best of "
          f"{args.repeat or ('1' if args.quick else '3 (2 at 1M)')} rounds")
    print(render(sizes, timing, memory, imports, plot, naive_size))
    print(f"(measured in {time.perf_counter() - started:.0f} s; data in {folder})")
    if not plot.get("available"):
        print("note: llmtimeline.views.plot is not available, so the plot figure is n/a")
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
