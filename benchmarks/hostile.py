"""Hostile files: time and peak memory per MB of input, against pandas.read_csv of the same bytes.

Each case is a file built to hurt one part of the loader or the writer; each runs
in a process of its own (with an address-space cap, so a case that pads or
rescans fails with a number instead of taking the machine), and so does its
baseline, ``pandas.read_csv(dtype=str, keep_default_na=False)`` of the very same
bytes, in the same run.  Figures per MB of input:

* ``s/MB``: wall time of the action alone (imports and first-use costs excluded:
  each process first runs the same action on a small good file);
* ``traced MB/MB``: peak of Python's allocations (tracemalloc: objects, numpy arrays);
* ``rss MB/MB``: growth of the process's peak resident memory during the action
  (what tracemalloc cannot see: pandas' C parser, the regex engine);
* ``x read_csv``: time over the baseline's time.

The target (issue 13): every case under 2 s and 300 MB per MB of input.  A case
ends "ok" when it did what it must (load or refuse with a LoadError, save, export)
within the target, "SLOW"/"BIG" when over it, or names the exception that escaped.

Usage::

    python benchmarks/hostile.py            # every case
    python benchmarks/hostile.py --quick    # smaller files (a smoke test)
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

HEADER = ["id", "type", "date", "actor", "speaker", "kind", "subject", "title", "expects", "deadline", "facts",
          "quote", "lang", "source", "url", "published", "notes"]
CAP_MB = 4096  # address space of each process: a runaway case stops here
TARGET_S, TARGET_MB = 2.0, 300.0


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADER, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _event(i: int, **cells: str) -> dict[str, str]:
    row = dict(id=f"e{i}", type="event", date="2024-04-18", actor="Meta", kind="release", subject=f"llama-{i}",
               title=f"Llama {i} released", source="Meta AI blog", url=f"https://ai.meta.com/{i}")
    row.update(cells)
    return row


def failing_url(scale: float) -> bytes:
    n = int(99_980 * scale)
    return _csv([_event(i) for i in range(10)] + [_event(10, url="http://" + "a" * n + " x")])


def number_title(scale: float) -> bytes:
    n = int(99_990 * scale)
    # ten such titles: a megabyte, so that the save's fixed costs (fsyncs, a process) are not all one sees
    return _csv([_event(i) for i in range(10)] + [_event(10 + k, title="-" + "1" * n + f"x{k}") for k in range(10)])


def malformed_lines(scale: float) -> bytes:
    n = int(20_000 * scale)
    body = "".join(f'"b{i:05d}"x,event,2024,Meta,release,x,t,ss\n' for i in range(n))
    return ("id,type,date,actor,kind,subject,title,source\n" + body).encode()


def wide_row(scale: float) -> bytes:
    good = _csv([_event(i) for i in range(1_000)])
    return good + b"," * int(1_000_000 * scale) + b"\n"


def long_phrases(scale: float) -> bytes:
    n = int(2_000 * scale)
    hedge = ", if all goes well" * 50  # ~900 characters, a hedge that moves nothing
    rows = [_event(0, subject="llama-3")]
    rows += [dict(id=f"p{i}", type="prediction", date="2024-04-09", actor="Meta", title="t", source="s",
                  expects="release llama-3", deadline=f"within {i + 1} days{hedge}") for i in range(n)]
    return _csv(rows)


def bad_dates(scale: float) -> bytes:
    n = int(50_000 * scale)
    body = "".join(f"e{i},event,2024-13,Meta,release,x{i},t,s\n" for i in range(n))
    return ("id,type,date,actor,kind,subject,title,source\n" + body).encode()


#: name, make the bytes, action, what must happen ("ok" or the exception's name)
CASES: list[tuple[str, Callable[[float], bytes], str, str]] = [
    ("100 kB failing url: load", failing_url, "load", "LoadError"),
    ("10 number-like titles of 100 kB: save", number_title, "save", "ok"),
    ("10 number-like titles of 100 kB: check --format csv", number_title, "export", "ok"),
    ("20,000 malformed lines: load", malformed_lines, "load", "LoadError"),
    ("1M-cell row after 1,000 rows: load", wide_row, "load", "LoadError"),
    # a deadline phrase over 300 characters is refused at once (no phrase people say is that long)
    ("2,000 long distinct phrases: load + check", long_phrases, "check", "LoadError"),
    ("50,000 bad dates: load (message bounded)", bad_dates, "load", "LoadError"),
]

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time, tracemalloc
    cap = int(sys.argv[3]) << 20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    action, path = sys.argv[1], sys.argv[2]
    import pandas as pd
    import llmtimeline as lt
    from llmtimeline.cli import main
    import contextlib, io

    def run(path):
        if action == "baseline":
            pd.read_csv(path, dtype=str, keep_default_na=False, on_bad_lines="skip", engine="c")
        elif action == "load":
            lt.load(path)
        elif action == "save":
            lt.load(path).save(path + ".saved.csv")
        elif action == "export":
            with contextlib.redirect_stdout(io.StringIO()):
                assert main(["check", path, "--format", "csv", "--as-of", "2025-01-01"]) == 0
        elif action == "check":
            lt.load(path).check(as_of="2025-01-01")

    run(sys.argv[4])  # warm up on a small good file: lazy imports and first-use costs are not the case's
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    t0 = time.perf_counter()
    outcome, lines = "ok", 0
    try:
        run(path)
    except BaseException as exc:
        outcome, lines = type(exc).__name__, str(exc).count(chr(10)) + 1
    seconds = time.perf_counter() - t0
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0
    print(json.dumps({"outcome": outcome, "seconds": seconds, "traced": traced, "rss_kb": rss, "lines": lines}))
    """
)


def _measure(action: str, path: Path, warm: Path, timeout: float) -> dict[str, object]:
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, action, str(path), str(CAP_MB), str(warm)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"outcome": f"timeout > {timeout:.0f} s", "seconds": timeout, "traced": 0, "rss_kb": 0, "lines": 0}
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"outcome": f"crashed ({proc.returncode})", "seconds": float("nan"), "traced": 0, "rss_kb": 0,
                "lines": 0, "stderr": proc.stderr[-300:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="files a tenth of the size")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a case may take (default 120)")
    args = parser.parse_args(argv)
    scale = 0.1 if args.quick else 1.0
    header = (f"{'case':<46} {'MB':>6} {'s/MB':>8} {'traced MB/MB':>13} {'rss MB/MB':>10} "
              f"{'x read_csv':>10} {'base s/MB':>10} {'base MB/MB':>10}  outcome")
    print(header)
    print("-" * len(header))
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.csv"
        warm.write_bytes(_csv([_event(i) for i in range(10)] + [dict(
            id="p", type="prediction", date="2024-04-09", actor="Meta", title="t", source="s",
            expects="release llama-3", deadline="within a month")]))
        for name, make, action, expected in CASES:
            raw = make(scale)
            path = Path(tmp) / "hostile.csv"
            path.write_bytes(raw)
            mb = len(raw) / 2**20
            run = _measure(action, path, warm, args.timeout)
            base = _measure("baseline", path, warm, args.timeout)
            s_mb = float(run["seconds"]) / mb  # type: ignore[arg-type]
            traced_mb = int(run["traced"]) / 2**20 / mb  # type: ignore[call-overload]
            rss_mb = int(run["rss_kb"]) / 1024 / mb  # type: ignore[call-overload]
            base_s = float(base["seconds"]) / mb  # type: ignore[arg-type]
            base_mb = max(int(base["traced"]), int(base["rss_kb"]) * 1024) / 2**20 / mb  # type: ignore[call-overload]
            ratio = float(run["seconds"]) / max(float(base["seconds"]), 1e-9)  # type: ignore[arg-type]
            outcome = str(run["outcome"])
            verdict = "ok" if outcome == expected else f"{outcome} (expected {expected})"
            if verdict == "ok" and s_mb > TARGET_S:
                verdict = "SLOW"
            if verdict == "ok" and max(traced_mb, rss_mb) > TARGET_MB:
                verdict = "BIG"
            if verdict == "ok" and int(run["lines"]) > 1_002:  # type: ignore[call-overload]
                verdict = f"message of {run['lines']} lines"
            failures += verdict != "ok"
            print(f"{name:<46} {mb:>6.2f} {s_mb:>8.3f} {traced_mb:>13.1f} {rss_mb:>10.1f} {ratio:>10.1f} "
                  f"{base_s:>10.3f} {base_mb:>10.1f}  {verdict}")
    print(f"\ntarget: under {TARGET_S:g} s and {TARGET_MB:g} MB per MB of input; {failures} case(s) off target")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
