"""Deadline grammar: the share of public phrases read right, the wrong days, the refusals, and the speed of
``find_deadlines`` on article text, with dateparser (``search_dates``) as the baseline in the same run.

* phrases: ``benchmarks/deadline_phrases.csv`` (the development corpus: Duckling's EN/FR time corpora
  with their expected values moved to DESIGN.md's conventions, the families of issue 24, phrases of 2024-26
  AI-industry news) and ``tests/data/deadline_corpus.csv`` (the corpus the tests run).  Each phrase is read
  with ``parse_deadline`` and counted as right, a *wrong day* (a day where another day, a refusal or a vague
  window was expected: the one outcome that makes a verdict false), refused (an error where a window was
  expected), or other (vague where a day was expected, another soft horizon, a day where a refusal was
  expected is counted as a wrong day).  dateparser, when installed, reads the phrases that expect a day
  (``dateparser.parse`` from the day said, preferring the future) and is right when it gives that day.
* speed: ``find_deadlines`` on the seed articles (``--seeds``) repeated to about 1 MB, caches cleared, in MB per
  second of CPU time (the process's own, so that other work on a shared machine does not count);
  dateparser's ``search_dates`` on one copy; then the hostile families (``FAMILIES``: text dense with numbers,
  the grammar's own words and numbers drawn at random, runs of month names, digits with separators, dates at
  every word, "d'ici" repeated, nested parentheses, very long words, a MB without spaces, mixed scripts...),
  each at 1 MB (``--size``) and half of it: seconds per MB against the budget of 2 s/MB (DESIGN: any input, 1 MB
  in under 2 s), against the articles and against the anchor regex over the same text (the floor: one compiled
  scan) in the same run, with the ratio of the two sizes (linear is 2).

Usage::

    python benchmarks/deadlines.py [--seeds /work/shared/seeds] [--corpus PATH ...] [--show-wrong]
    python benchmarks/deadlines.py --family months digits   # some hostile families only (no phrase counts)

dateparser is optional (``pip install llmtimeline[bench]``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import llmtimeline as lt  # noqa: E402
from llmtimeline import deadlines  # noqa: E402

CORPORA = [ROOT / "benchmarks" / "deadline_phrases.csv", ROOT / "tests" / "data" / "deadline_corpus.csv"]

try:  # the baseline, optional
    import dateparser
    from dateparser.search import search_dates
except ImportError:  # pragma: no cover - depends on the environment
    dateparser = None


def _expected_window(expected: str, said: dt.date) -> tuple[str, dt.date | None, dt.date | None]:
    """("date", day, None), ("vague", None, horizon) or ("error", None, None) from a corpus cell."""
    if expected == "error":
        return "error", None, None
    if expected.startswith("vague"):
        months = expected.partition(":")[2]
        horizon = lt.dates.add_months(said, int(months)) if months else None
        return "vague", None, horizon
    return "date", dt.date.fromisoformat(expected), None


def _outcome(phrase: str, said: dt.date, expected: str) -> str:
    kind, day, horizon = _expected_window(expected, said)
    try:
        window = lt.parse_deadline(phrase, said=said)
    except lt.DeadlineError:
        return "right" if kind == "error" else "refused"
    if window.latest is not None:
        return "right" if kind == "date" and window.latest == day else "wrong day"
    if kind == "vague" and window.vague and window.horizon == horizon:
        return "right"
    return "other"


def _dateparser_right(phrase: str, said: dt.date, expected: str) -> bool:
    kind, day, _ = _expected_window(expected, said)
    if kind != "date" or dateparser is None:
        return False
    base = dt.datetime(said.year, said.month, said.day, 12)
    try:
        got = dateparser.parse(phrase, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"})
    except Exception:
        return False
    return got is not None and got.date() == day


def _phrases(paths: list[Path], show_wrong: bool) -> None:
    for path in paths:
        if not path.exists():
            continue
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        counts: Counter[str] = Counter()
        by_lang: dict[str, Counter[str]] = {}
        dp_right = dp_total = 0
        for row in rows:
            said = dt.date.fromisoformat(row["said"])
            outcome = _outcome(row["phrase"], said, row["expected"])
            counts[outcome] += 1
            by_lang.setdefault(row["lang"], Counter())[outcome] += 1
            if show_wrong and outcome != "right":
                print(f"  {outcome:9} {row['phrase']!r} said {row['said']} expected {row['expected']} ({row['family']})")
            if dateparser is not None and not row["expected"].startswith(("vague", "error")):
                dp_total += 1
                dp_right += _dateparser_right(row["phrase"], said, row["expected"])
        n = len(rows)
        langs = ", ".join(f"{k}: {c['right']}/{sum(c.values())}" for k, c in sorted(by_lang.items()))
        print(f"{path.name}: {n} phrases; read right {counts['right']} ({counts['right'] / n:.1%}; {langs}); "
              f"wrong days {counts['wrong day']}; refused {counts['refused']}; other {counts['other']}")
        if dateparser is not None:
            print(f"  dateparser.parse on the {dp_total} that expect a day: {dp_right} right ({dp_right / dp_total:.1%})")


def _clear() -> None:
    deadlines._cached_readings.cache_clear()
    deadlines._cached_window.cache_clear()


def _mb_per_s(text: str, fn: object) -> tuple[float, float]:
    """MB of ``text`` per second of this process's CPU time (a shared machine's other work is not counted)."""
    start = time.process_time()
    fn(text)  # type: ignore[operator]
    took = max(time.process_time() - start, 1e-9)
    return len(text.encode()) / 1e6 / took, took


def number_dense(size: int, seed: int = 7) -> str:
    """About ``size`` characters dense with numbers: table rows, financial sentences, runs of figures."""
    rng = random.Random(seed)
    months = ["Jan", "Feb", "March", "April", "May", "June", "Sept", "Oct", "Nov", "Dec"]
    labels = ["Revenue", "Operating income", "Net income", "EPS", "Data center", "Gaming", "Units shipped", "Capex"]
    lines: list[str] = []
    total = 0
    while total < size:
        r = rng.random()
        if r < 0.4:
            line = (f"| {rng.choice(labels)} | {rng.randint(1, 99)},{rng.randint(0, 999):03d} | {rng.randint(1, 999)}."
                    f"{rng.randint(0, 99):02d} | {rng.uniform(-60, 60):+.1f}% | {rng.randint(2019, 2026)} |")
        elif r < 0.7:
            line = (f"{rng.choice(labels)} rose {rng.randint(1, 99)}% to ${rng.randint(1, 99)}.{rng.randint(0, 99)} "
                    f"billion in the quarter ended {rng.choice(months)} {rng.randint(1, 28)}, {rng.randint(2020, 2025)}, "
                    f"up from ${rng.randint(1, 99)}.{rng.randint(0, 9)} billion a year earlier; "
                    f"{rng.randint(100, 9999):,} employees, {rng.randint(1, 12)} of {rng.randint(12, 40)} sites.")
        else:
            line = " ".join(str(rng.randint(0, 10 ** rng.randint(1, 6))) for _ in range(12))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)[:size]


def hostile(size: int, seed: int = 11) -> str:
    """About ``size`` characters of the grammar's own words and numbers, drawn at random."""
    from llmtimeline.deadlines._registry import VOCABULARY

    rng = random.Random(seed)
    words = sorted(VOCABULARY)
    out: list[str] = []
    total = 0
    while total < size:
        token = rng.choice(words) if rng.random() < 0.7 else str(rng.randint(0, 2100))
        out.append(token)
        total += len(token) + 1
    return " ".join(out)[:size]


def _repeat(piece: str) -> Callable[[int], str]:
    return lambda size: (piece * (size // len(piece) + 1))[:size]


def _drawn(make: Callable[[random.Random], str], seed: int = 5) -> Callable[[int], str]:
    """About ``size`` characters of pieces drawn at random (the same for a seed), joined by spaces."""

    def text(size: int) -> str:
        rng = random.Random(seed)
        out: list[str] = []
        total = 0
        while total < size:
            out.append(make(rng))
            total += len(out[-1]) + 1
        return " ".join(out)[:size]

    return text


_MONTHS = ("January February March April May June July August September October November December janvier février "
           "mars avril mai juin juillet août septembre octobre novembre décembre Jan Feb Mar Apr Jun Jul Aug Sep Sept "
           "Oct Nov Dec").split()

#: Hostile texts, each built to hurt one part of the scan (the held-out checks may use any of them): each is
#: read at two sizes, in seconds per MB against the budget of 2 s/MB.
FAMILIES: dict[str, Callable[[int], str]] = {
    "dense with numbers": number_dense,
    "grammar words and numbers": hostile,
    "month names, drawn": _drawn(lambda r: r.choice(_MONTHS)),
    "month names in order": _repeat(" ".join(_MONTHS[:12]) + " "),
    "months and days": _drawn(lambda r: f"{r.choice(_MONTHS)} {r.randint(1, 31)}"),
    "digits with separators": _drawn(lambda r: "".join(f"{r.randint(0, 99)}{r.choice('/-.:,')}" for _ in range(8))),
    "ISO dates": _drawn(lambda r: f"{r.randint(1990, 2100)}-{r.randint(1, 12):02d}-{r.randint(1, 31):02d}"),
    "numeric dates": _repeat("12/11/2025 "),
    "'d'ici ' repeated": _repeat("d'ici "),
    "'d'ici la fin de ' repeated": _repeat("d'ici la fin de "),
    "'within the next N units or' chains": _drawn(
        lambda r: f"within the next {r.randint(1, 99)} {r.choice(['days', 'weeks', 'months', 'years'])} or"),
    "lists of years": _repeat("in 2026, 2027, 2028 or 2029 "),
    "nested parentheses": lambda size: "(" * (size // 2) + ")" * (size - size // 2),
    "nested parentheses with dates": _repeat("(by June (in 2026 ("),
    "very long words": _repeat("x" * 50_000 + " "),
    "no spaces, letters": _repeat("abcdefghij"),
    "no spaces, digits": _repeat("2024123117"),
    "no spaces, mixed": _repeat("by2026june15Q3"),
    "mixed scripts": _repeat("к 2026 году 到2026年 by June 2026 بحلول 2026 μέχρι τον Ιούνιο "),
    "one long sentence": _repeat("the company said that its model, which it trained on data "),
    "'1/' repeated": _repeat("1/"),
    "'by ' repeated": _repeat("by "),
    "'early June or ' repeated": _repeat("early June or "),
}


def _families(prose_rate: float, said: str, size: int, only: list[str] | None) -> None:
    """Seconds per MB of each hostile family at ``size`` characters and half of it (linear: ratio 2), against the
    budget, the articles, and the one compiled scan of the anchor words over the same text (the floor: what a
    regex costs)."""
    from llmtimeline.deadlines._registry import ANCHORS

    print(f"hostile families at {size / 1e6:.1f} MB (CPU s/MB; budget 2 s/MB; the articles "
          f"{1 / prose_rate:.2f} s/MB; baseline: the anchor regex over the same text):")
    worst = 0.0
    for name, make in FAMILIES.items():
        if only and not any(o.lower() in name.lower() for o in only):
            continue
        times = []
        for n in (size // 2, size):
            text = make(n)
            _clear()
            times.append(_mb_per_s(text, lambda t: lt.find_deadlines(t, said=said))[1])
        mb = len(text.encode()) / 1e6
        per_mb = times[1] / mb
        start = time.process_time()
        anchors = sum(1 for _ in ANCHORS.finditer(text.lower()))
        regex = max(time.process_time() - start, 1e-9) / mb
        found = len(lt.find_deadlines(text, said=said))
        worst = max(worst, per_mb)
        verdict = "ok" if per_mb <= 2 else "OVER BUDGET"
        print(f"  {name:38} {per_mb:5.2f} s/MB {verdict:11} ({per_mb * prose_rate:4.1f}x the articles, "
              f"{per_mb / regex:5.0f}x the regex: {regex:.3f} s/MB, {anchors} anchors); ratio "
              f"{times[1] / max(times[0], 1e-9):.1f} (linear is 2); {found} phrases found")
    print(f"  the slowest family: {worst:.2f} s/MB (budget 2 s/MB)")


def _speed(seeds: Path, size: int, only: list[str] | None) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*")) if p.is_file()] if seeds.is_dir() else []
    if not texts:
        print(f"speed: no seed articles in {seeds}")
        return
    one = "\n\n".join(texts)
    big = "\n\n".join([one] * max(1, 1_000_000 // len(one.encode())))
    said = "2024-04-09"
    lt.find_deadlines("by June", said=said)  # the grammar's tables are built on first use: not timed
    _clear()
    rate, _took = _mb_per_s(one, lambda t: lt.find_deadlines(t, said=said))
    print(f"find_deadlines: {len(one.encode()) / 1000:.0f} kB of articles, cold: {rate:.2f} MB/s; "
          f"found {len(lt.find_deadlines(one, said=said))} phrases")
    best = 0.0
    for _ in range(3):  # the best of three: the machine may be shared
        _clear()
        rate, _ = _mb_per_s(big, lambda t: lt.find_deadlines(t, said=said))
        best = max(best, rate)
    rate = best
    print(f"find_deadlines: {len(big.encode()) / 1e6:.2f} MB (the articles repeated, caches cleared): "
          f"{rate:.2f} MB/s (best of 3)")
    if dateparser is not None:
        rate_dp, _ = _mb_per_s(one, lambda t: search_dates(t, languages=["en", "fr"]))
        print(f"dateparser.search.search_dates: {len(one.encode()) / 1000:.0f} kB: {rate_dp:.3f} MB/s; "
              f"find_deadlines is {rate / rate_dp:.0f}x faster")
    else:
        print("dateparser is not installed: no baseline (pip install llmtimeline[bench])")
    _families(rate, said, size, only)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("/work/shared/seeds"))
    parser.add_argument("--corpus", type=Path, nargs="*", default=CORPORA)
    parser.add_argument("--show-wrong", action="store_true", help="print every phrase not read right")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--size", type=float, default=1.0, help="MB of each hostile family (default 1)")
    parser.add_argument("--family", nargs="*", help="only the families whose name holds one of these words")
    args = parser.parse_args()
    if not args.family:
        _phrases(args.corpus, args.show_wrong)
    if not args.no_speed:
        _speed(args.seeds, int(args.size * 1e6), args.family)
    return 0


if __name__ == "__main__":
    sys.exit(main())
