"""Deadline grammar: share of the phrase tables read, phrases per second against the previous grammar,
and the finder's speed on running and hostile text.

* tables: every phrase of ``tests/test_deadline_phrases.py`` (EXAMPLES, VAGUE, BAD_EXAMPLES) read with
  the right window or refused;
* speed: ``--n`` distinct (phrase, day said) pairs built from the tables (each phrase with many days),
  read once each with empty caches, by this grammar and by the regex grammar it replaced (commit
  ea7bc16, loaded from git) on the phrases both read;
* finder: ``find_deadlines`` on the seed articles (kB/s) and on 100 kB hostile texts (seconds).

Usage::

    python benchmarks/deadlines.py [--n 10000] [--seeds /work/shared/seeds]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_deadline_phrases import BAD_EXAMPLES, EXAMPLES, VAGUE  # noqa: E402

import llmtimeline as lt  # noqa: E402
from llmtimeline import deadlines  # noqa: E402

OLD_COMMIT = "ea7bc16"


def _old_grammar() -> object | None:
    """The previous deadlines module, from git, as its own package (None when git cannot give it)."""
    folder = Path(tempfile.mkdtemp()) / "old_llmtimeline"
    folder.mkdir()
    try:
        for name in ("dates.py", "exceptions.py", "deadlines.py"):
            text = subprocess.run(["git", "-C", str(ROOT), "show", f"{OLD_COMMIT}:llmtimeline/{name}"],
                                  check=True, capture_output=True, text=True).stdout
            (folder / name).write_text(text)
    except (OSError, subprocess.CalledProcessError):
        return None
    (folder / "__init__.py").write_text("")
    sys.path.insert(0, str(folder.parent))
    return importlib.import_module("old_llmtimeline.deadlines")


def _tables() -> None:
    good = sum(lt.parse_deadline(p, said=s).latest == want for p, s, want in EXAMPLES)
    vague = sum(lt.parse_deadline(p, said=s).vague for p, s, _ in VAGUE)
    refused = 0
    for p in BAD_EXAMPLES:
        try:
            lt.parse_deadline(p, said="2024-04-09")
        except lt.DeadlineError:
            refused += 1
    print(f"tables: {good}/{len(EXAMPLES)} dated right, {vague}/{len(VAGUE)} vague, "
          f"{refused}/{len(BAD_EXAMPLES)} refused")


def _pairs(n: int) -> list[tuple[str, dt.date]]:
    phrases = sorted({p for p, _, _ in EXAMPLES} | {p for p, _, _ in VAGUE})
    days = [dt.date(2020, 1, 1) + dt.timedelta(days=k) for k in range(-(-n // len(phrases)))]
    return [(p, d) for d in days for p in phrases][:n]


def _rate(parse: object, pairs: list[tuple[str, dt.date]]) -> float:
    start = time.perf_counter()
    for phrase, day in pairs:
        try:
            parse(phrase, said=day)  # type: ignore[operator]
        except ValueError:
            pass
    return len(pairs) / (time.perf_counter() - start)


def _speed(n: int) -> None:
    pairs = _pairs(n)
    deadlines._cached_readings.cache_clear()
    deadlines._cached_window.cache_clear()
    new = _rate(lt.parse_deadline, pairs)
    old_module = _old_grammar()
    if old_module is None:
        print(f"speed: {new:,.0f} phrases/s ({len(pairs):,} distinct pairs); old grammar not available")
        return
    both = []
    for phrase, day in pairs:
        try:
            old_module.parse_deadline(phrase, said=day)  # type: ignore[attr-defined]
            both.append((phrase, day))
        except ValueError:
            pass
    old_module._parse.cache_clear()  # type: ignore[attr-defined]
    old_module._plan.cache_clear()  # type: ignore[attr-defined]
    old = _rate(old_module.parse_deadline, both)  # type: ignore[attr-defined]
    deadlines._cached_readings.cache_clear()
    deadlines._cached_window.cache_clear()
    new_both = _rate(lt.parse_deadline, both)
    print(f"speed: {new:,.0f} phrases/s on {len(pairs):,} distinct (phrase, day) pairs; on the {len(both):,} "
          f"the old grammar reads: new {new_both:,.0f}/s, old {old:,.0f}/s (ratio {new_both / old:.2f})")


def _finder(seeds: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*")) if p.is_file()]
    if texts:
        size = sum(len(t) for t in texts)
        start = time.perf_counter()
        found = sum(len(lt.find_deadlines(t, said="2024-04-09")) for t in texts)
        took = time.perf_counter() - start
        print(f"finder: {len(texts)} seed articles, {size / 1000:.0f} kB, {found} phrases, {size / 1000 / took:.0f} kB/s")
    for piece in ("the company said ", "by ", "within the next ", "1/", "early June or ", "d'ici la fin de "):
        text = piece * (100_000 // len(piece))
        start = time.perf_counter()
        lt.find_deadlines(text, said="2024-04-09")
        print(f"finder: 100 kB of {piece!r}: {time.perf_counter() - start:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seeds", type=Path, default=Path("/work/shared/seeds"))
    args = parser.parse_args()
    _tables()
    _speed(args.n)
    _finder(args.seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
