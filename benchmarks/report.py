"""``llmtimeline report`` with its chart, against its floor: load + check of the same file.

The report loads, checks once, prints the scorecard and the track record, and
draws both charts into ``timeline.png`` from that one Report.  Its floor is
``lt.load(path).check(as_of)``: what a report cannot do without.  Each figure is
the median of ``--runs`` fresh processes (imports not counted: both sides
import llmtimeline and matplotlib before the clock starts), with the spread;
the ratio is report / (load + check).  The target of issues 23 and 29: at most
1.3x at 100k records.

Usage::

    python benchmarks/report.py                    # 100k records, 3 processes each
    python benchmarks/report.py --sizes 20000 --runs 3
    python benchmarks/report.py --clock cpu        # CPU seconds: on a shared, busy machine
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import AS_OF  # noqa: E402
from run import data_file  # noqa: E402

TARGET_RATIO = 1.3

# run in a fresh process: imports first, then the clock
_CHILD = r"""
import contextlib, io, json, sys, time
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot
import llmtimeline as lt
from llmtimeline import cli
import llmtimeline.views.plot
path, as_of, what, out, clock = sys.argv[1:6]
tick = time.process_time if clock == "cpu" else time.perf_counter
start = tick()
if what == "floor":
    lt.load(path).check(as_of=as_of)
else:
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["report", path, "--as-of", as_of, "-o", out])
    assert code == 0, code
print(json.dumps(tick() - start))
"""


def _run(path: Path, what: str, folder: str, clock: str = "wall") -> float:
    out = str(Path(folder) / "timeline.png")
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), AS_OF, what, out, clock], check=True,
                          capture_output=True, text=True)
    return float(json.loads(done.stdout.strip().splitlines()[-1]))


def measure(n: int, runs: int, clock: str = "wall") -> dict[str, list[float]]:
    """Seconds of each of ``runs`` fresh processes, for the floor and the report, taken in turn
    (``clock``: "wall", or "cpu" for the process's CPU time)."""
    path = data_file(n)
    times: dict[str, list[float]] = {"floor": [], "report": []}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            for what in ("floor", "report"):  # in turn, so a busy moment weighs on both
                times[what].append(_run(path, what, folder, clock))
    return times


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s ({min(values):.2f}-{max(values):.2f})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000], help="records per file (default 100000)")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per figure (default 3)")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall time (default), or the process's CPU time: steadier on a machine others load")
    args = parser.parse_args(argv)
    print(f"{'records':>9}  {'load + check':>24}  {'report with chart':>24}  ratio (target <= {TARGET_RATIO})")
    for n in args.sizes:
        times = measure(n, args.runs, args.clock)
        ratio = statistics.median(times["report"]) / statistics.median(times["floor"])
        print(f"{n:>9,}  {_spread(times['floor']):>24}  {_spread(times['report']):>24}  {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
