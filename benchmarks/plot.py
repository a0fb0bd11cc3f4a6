"""The report figure at scale: both charts (release timeline, predictions) drawn and saved.

For each size, the file is loaded and checked once (the engine's time, also
measured by ``run.py``, is printed beside: ``check`` plus the integer columns the
views add); then the report figure is drawn from that report and saved as PNG,
median of ``--repeat`` rounds.  The baseline, in the same run and process, is
the naive figure: one scatter of every event, saved the same way; the ratio
says what thinning and aggregating buy.  The target of issue 16: the figure in
under 2 s at 1M records.

Usage::

    python benchmarks/plot.py                     # 10k, 100k, 1M (generated on first use)
    python benchmarks/plot.py --sizes 20000 --repeat 1
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import AS_OF  # noqa: E402
from run import DATA, data_file  # noqa: E402

TARGET_SECONDS = 2.0


def _time(draw, repeat: int) -> float:  # type: ignore[no-untyped-def]
    import matplotlib.pyplot as plt

    seconds = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeat):
            start = time.perf_counter()
            fig = draw()
            fig.savefig(Path(folder) / "timeline.png", dpi=100)
            seconds.append(time.perf_counter() - start)
            plt.close(fig)
    return statistics.median(seconds)


def measure(n: int, repeat: int, folder: Path, as_of: str) -> dict[str, float]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    import llmtimeline as lt
    from llmtimeline.views.plot import report_figure
    from llmtimeline.views.reading import report as full_report

    tl = lt.load(data_file(n, folder=folder))
    start = time.perf_counter()
    report = full_report(tl, as_of=as_of)
    checked = time.perf_counter() - start
    events = (tl.cells["type"] == "event").to_numpy()
    days = tl.typed["earliest"].to_numpy()[events]
    lanes = tl.cells["actor"].to_numpy(dtype=object)[events]
    _, lane = np.unique(lanes, return_inverse=True)

    def naive():  # type: ignore[no-untyped-def]
        fig, ax = plt.subplots(figsize=(16, 14))
        ax.scatter(days, lane, s=8)
        return fig

    figure = _time(lambda: report_figure(tl, as_of=as_of, report=report), repeat)
    baseline = _time(naive, repeat)
    return {"records": n, "events": int(events.sum()), "check": checked, "figure": figure, "naive": baseline}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated record counts")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per figure (median)")
    parser.add_argument("--as-of", default=AS_OF, help=f"the checking day (default {AS_OF})")
    parser.add_argument("--data", default=str(DATA), help="folder for the generated files")
    args = parser.parse_args(argv)
    folder = Path(args.data)
    folder.mkdir(parents=True, exist_ok=True)
    print("| records | events | check + view columns (s) | report figure (s) | naive scatter of every event (s) "
          "| ratio | target |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for n in (int(s) for s in args.sizes.split(",")):
        r = measure(n, args.repeat, folder, args.as_of)
        mark = "ok" if r["figure"] < TARGET_SECONDS else "MISSED"
        print(f"| {n:,} | {r['events']:,} | {r['check']:.2f} | {r['figure']:.2f} | {r['naive']:.2f} | {r['figure'] / r['naive']:.2f} "
              f"| < {TARGET_SECONDS:g} s: {mark} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
