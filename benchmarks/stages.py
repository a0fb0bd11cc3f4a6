"""Where a CSV load's time goes: each stage of ``lt.load`` timed in one load, against ``read_csv``.

The loader's stages are timed by wrapping its internal functions for the
length of one load (the wrappers add a few microseconds per call; the stages
are called a few dozen times), beside ``pandas.read_csv(dtype=object)`` of the
same file in the same process:

* ``pyarrow read``: pyarrow's CSV reader making the cells (C++, several threads);
* ``cells to objects``: one Python string per distinct value of each column;
* ``scan``: the numpy pass for line numbers and the doubts that send a file to
  the careful reader (runs beside pyarrow, so its time overlaps);
* ``cell rules``: the rules of each column, on its distinct values;
* ``dates and expects``: dates and ``expects`` parsed, per distinct value;
* ``ids``: duplicates, compared as a reader sees them;
* ``deadlines``: each distinct (phrase, day said) read by the grammar;
* ``typed columns``: the integer columns the engine works on;
* the rest (record rules, unescaping, the Timeline).

With ``--check``, the same for ``tl.check`` (the file loaded first, untimed),
beside ``pandas.merge_asof`` of the same typed columns (``run.py``'s baseline):
the family groups, the settling search, the statements' facts, rulings and
report columns (the rest of the engine), the text columns (cells to Arrow
strings) and the reason sentences.

Usage::

    python benchmarks/stages.py                 # 1M records (generated on first use)
    python benchmarks/stages.py --check --sizes 100000   # where a check's time goes
    python benchmarks/stages.py --sizes 100000
    python benchmarks/stages.py --sizes 1000000,10000000   # 10M made of ten 1M parts, as run.py --scale does
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import itertools
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import AS_OF, DATA, data_file, generated_name  # noqa: E402
from scale import large_file  # noqa: E402

#: (label, module, function) of each stage timed.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("pyarrow read", "llmtimeline.store._csv", "_read_arrow"),
    ("scan (beside pyarrow)", "llmtimeline.store._csv", "_scan"),
    ("cells to objects", "llmtimeline.store._csv", "_columns"),
    ("control characters", "llmtimeline.validation", "_bad_cells"),
    ("cell rules", "llmtimeline.validation", "_check_column"),
    ("dates and expects", "llmtimeline.validation", "_parse_column"),
    ("ids", "llmtimeline.validation", "_check_ids"),
    ("deadlines", "llmtimeline.validation", "_read_windows"),
    ("typed columns", "llmtimeline.validation", "typed_from_parsed"),
)


#: (label, module, function) of each stage of a check timed (called by name from the engine's module).
CHECK_STAGES: tuple[tuple[str, str, str], ...] = (
    ("family groups", "llmtimeline.check.engine", "event_groups"),
    ("settling events", "llmtimeline.check.engine", "settle_predictions"),
    ("statements' facts", "llmtimeline.check.engine", "check_statements"),
    ("text columns", "llmtimeline.check.engine", "columns"),
    ("reasons", "llmtimeline.check.engine", "reasons"),
    ("the DataFrame", "llmtimeline.check.engine", "frame"),
)


#: What each stage used besides its seconds: CPU seconds (user + system), system seconds, page faults.
USAGE: dict[str, list[float]] = {}


def _usage() -> list[float]:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return [r.ru_utime + r.ru_stime, r.ru_stime, float(r.ru_minflt + r.ru_majflt)]


def _wrapped(seconds: dict[str, float], label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start, used = time.perf_counter(), _usage()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[label] = seconds.get(label, 0.0) + time.perf_counter() - start
            before = USAGE.get(label, [0.0, 0.0, 0.0])
            USAGE[label] = [b + after - u for b, after, u in zip(before, _usage(), used, strict=True)]

    return timed


@contextlib.contextmanager
def _timed_stages(stages: Sequence[tuple[str, str, str]], seconds: dict[str, float]) -> Iterator[None]:
    """Within the block, each stage's function (module, name) adds its seconds to ``seconds[label]``."""
    originals = []
    for label, module_name, name in stages:
        module = importlib.import_module(module_name)
        originals.append((module, name, getattr(module, name)))
        setattr(module, name, _wrapped(seconds, label, getattr(module, name)))
    try:
        yield
    finally:
        for module, name, fn in originals:
            setattr(module, name, fn)


def measure(path: Path) -> tuple[float, float, dict[str, float]]:
    """``read_csv``'s seconds, ``lt.load``'s, and each stage's seconds within that load."""
    import pandas as pd

    import llmtimeline as lt

    start = time.perf_counter()
    pd.read_csv(path, dtype=object, keep_default_na=False, na_filter=False)
    baseline = time.perf_counter() - start
    seconds: dict[str, float] = {}
    with _timed_stages(STAGES, seconds):
        start = time.perf_counter()
        lt.load(path)
        total = time.perf_counter() - start
    return baseline, total, seconds


def measure_check(path: Path, as_of: str) -> tuple[float, float, dict[str, float]]:
    """``merge_asof``'s seconds, ``tl.check``'s, and each stage's seconds within that check (the file
    loaded first, untimed)."""
    import polars  # noqa: F401  # imported before the clocks start, as run.py does
    from run import merge_asof_baseline, polars_baseline

    import llmtimeline as lt

    tl = lt.load(path)
    tl.typed  # noqa: B018
    tl.order  # noqa: B018
    start, used = time.perf_counter(), _usage()
    with warnings.catch_warnings():  # polars says it cannot check the sortedness of 'by' groups: they are sorted
        warnings.simplefilter("ignore")
        polars_baseline(tl)
    USAGE["polars"] = [time.perf_counter() - start, *(after - u for after, u in zip(_usage(), used, strict=True))]
    start, used = time.perf_counter(), _usage()
    merge_asof_baseline(tl)
    baseline = time.perf_counter() - start
    USAGE["baseline"] = [after - u for after, u in zip(_usage(), used, strict=True)]
    seconds: dict[str, float] = {}
    with _timed_stages(CHECK_STAGES, seconds):
        start, used = time.perf_counter(), _usage()
        tl.check(as_of=as_of)
        total = time.perf_counter() - start
        USAGE["total"] = [after - u for after, u in zip(_usage(), used, strict=True)]
    return baseline, total, seconds


def _print_stages(stages: tuple[tuple[str, str, str], ...], seconds: dict[str, float], total: float, baseline: float,
                  base_name: str, skip: str = "") -> None:
    """Each stage's seconds, its ratio to the baseline, and its CPU seconds, system seconds and page faults
    (a busy machine stretches the seconds; the CPU seconds much less)."""
    accounted = 0.0
    for label, _, _ in stages:
        s = seconds.get(label, 0.0)
        if label != skip:
            accounted += s
        cpu, system, faults = USAGE.get(label, [0.0, 0.0, 0.0])
        print(f"  {label:<24} {s:6.2f} s  {s / baseline:5.2f}x {base_name}   cpu {cpu:6.2f} s, sys {system:5.2f} s, "
              f"{faults:>10,.0f} page faults")
    rest = max(total - accounted, 0.0)
    print(f"  {'the rest':<24} {rest:6.2f} s  {rest / baseline:5.2f}x {base_name}")


def _data(n: int, folder: Path) -> Path:
    """The file of ``n`` records: generated in one piece up to 1M (or when such a file is there), else made
    of 1M-record parts."""
    whole = data_file(n, folder=folder) if n <= 1_000_000 else None
    if whole is None:
        candidate = folder / generated_name(n)
        whole = candidate if candidate.exists() else None
    return whole if whole is not None else large_file(n, folder, data_file)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000", help="comma-separated record counts (default 1000000)")
    parser.add_argument("--data", default=str(DATA), help="folder for the generated files")
    parser.add_argument("--check", action="store_true", help="the stages of tl.check (beside merge_asof) instead")
    parser.add_argument("--as-of", default=AS_OF, help=f"the checking day of --check (default {AS_OF})")
    args = parser.parse_args(argv)
    figures: dict[int, tuple[float, ...]] = {}
    for n in (int(s.replace("_", "")) for s in args.sizes.split(",")):
        folder = Path(args.data)
        path = _data(n, folder)
        if args.check:
            baseline, total, seconds = measure_check(path, args.as_of)
            (cpu, system, faults), base_cpu = USAGE["total"], USAGE["baseline"][0]
            polars_s, polars_cpu = USAGE["polars"][:2]
            print(f"{n:,} records: tl.check {total:.2f} s, {total / baseline:.2f}x pandas.merge_asof {baseline:.2f} s, "
                  f"{total / polars_s:.2f}x polars join_asof {polars_s:.2f} s; CPU {cpu:.2f} s = {cpu / base_cpu:.2f}x "
                  f"merge_asof's {base_cpu:.2f} s, {cpu / polars_cpu:.2f}x polars' {polars_cpu:.2f} s ({system:.2f} s "
                  f"system, {faults:,.0f} page faults)")
            figures[n] = (total, baseline, polars_s, cpu, base_cpu, polars_cpu)
            _print_stages(CHECK_STAGES, seconds, total, baseline, "merge_asof")
            continue
        baseline, total, seconds = measure(path)
        print(f"{n:,} records ({path.stat().st_size / 1e6:.0f} MB): lt.load {total:.2f} s, "
              f"{total / baseline:.2f}x pandas.read_csv(dtype=object) {baseline:.2f} s")
        _print_stages(STAGES, seconds, total, baseline, "read_csv", skip="scan (beside pyarrow)")
    for small, big in itertools.pairwise(sorted(figures)):
        a, b = figures[small], figures[big]
        print(f"{_n(small)} -> {_n(big)} records ({big / small:g}x): tl.check {b[0] / a[0]:.1f}x the seconds, "
              f"{b[3] / a[3]:.1f}x the CPU; merge_asof {b[1] / a[1]:.1f}x, {b[4] / a[4]:.1f}x; "
              f"polars join_asof {b[2] / a[2]:.1f}x, {b[5] / a[5]:.1f}x")
    return 0


def _n(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n:,}"


if __name__ == "__main__":
    sys.exit(main())
