"""Claim finder on the five seed articles: recall, precision, and a baseline in the same run.

* recall: share of the bundled predictions with a deadline (events.csv rows with
  ``type=prediction``, a non-empty ``deadline`` and a seed file as ``source``) that a
  proposal matches: overlapping quote text (a common run of 25 characters or more) or
  the same deadline phrase in the same sentence;
* precision: share of proposals that are real forward-looking claims, by the
  hand-labelled list ``benchmarks/finder_labels.csv`` (one row per proposed sentence
  of the finder or the baseline; a proposal missing from it is an error, not a guess);
* baseline: dateparser's ``search_dates`` flagging every sentence (same splitter) in
  which it finds a date (skipped with a message when dateparser is not installed);
* sentence splitting: the rule-based splitter against ``pysbd`` on the hand-checked
  passages of ``benchmarks/finder_sentences.txt`` (gold sentences found exactly) and
  their speed on the seeds (best of 5).

Usage::

    python benchmarks/finder.py [--seeds /work/shared/seeds]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import warnings
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

import llmtimeline as lt
from llmtimeline._sentences import split_sentences  # the benchmark measures the private splitter itself

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def norm(text: str) -> str:
    """Spaces collapsed, apostrophes straight, a leading bullet or dash left out (both splitters are
    compared on the sentence itself)."""
    return " ".join(text.replace("’", "'").split()).lstrip("–—-•· ")


def overlaps(a: str, b: str, least: int = 25) -> bool:
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= min(least, len(a), len(b))


def seeds_and_truth(seeds: Path) -> tuple[dict[str, tuple[str, str]], pd.DataFrame]:
    events = pd.read_csv(ROOT / "events.csv", dtype=str, keep_default_na=False)
    on_seeds = events[events["source"].isin([p.name for p in seeds.glob("*.txt")])]
    published = on_seeds.groupby("source")["published"].first()
    articles = {name: ((seeds / name).read_text(encoding="utf-8"), published[name]) for name in published.index}
    truth = on_seeds[(on_seeds["type"] == "prediction") & (on_seeds["deadline"] != "")]
    return articles, truth


def load_labels() -> list[dict[str, str]]:
    with open(HERE / "finder_labels.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def label_of(labels: list[dict[str, str]], source: str, sentence: str) -> bool:
    key = norm(sentence)
    for row in labels:
        if row["source"] == source and key.startswith(norm(row["sentence"])):
            return row["forward"] == "yes"
    raise SystemExit(f"no label for a proposal of {source}: {sentence[:80]!r}; label it in finder_labels.csv")


def sentence_of(text: str, spans: list[tuple[int, int]], quote: str) -> str:
    for a, b in spans:
        if norm(quote) in norm(text[a:b]):
            return text[a:b]
    raise AssertionError(f"quote not in any sentence: {quote[:60]!r}")


def score(name: str, proposals: list[tuple[str, str, str]], truth: pd.DataFrame, labels: list[dict[str, str]]) -> dict[str, object]:
    """proposals: (source, sentence, deadline phrase or "")."""
    found = 0
    for row in truth.itertuples():
        if any(src == row.source and (overlaps(sentence, row.quote) or (deadline and norm(deadline) == norm(row.deadline)
                                                                          and norm(row.deadline) in norm(sentence)))
               for src, sentence, deadline in proposals):
            found += 1
    good = sum(label_of(labels, src, sentence) for src, sentence, _ in proposals)
    return {"method": name, "proposals": len(proposals), "recall": f"{found}/{len(truth)} = {found / len(truth):.0%}",
            "precision": f"{good}/{len(proposals)} = {good / len(proposals):.0%}" if proposals else "n/a"}


def finder_proposals(articles: dict[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    out = []
    for name, (text, published) in articles.items():
        spans = split_sentences(text)
        rows = lt.find_claims(text, published=published, source=name)
        for row in rows.itertuples():
            out.append((name, sentence_of(text, spans, row.quote), row.deadline))
    return out


def baseline_proposals(articles: dict[str, tuple[str, str]]) -> list[tuple[str, str, str]] | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    out = []
    for name, (text, _) in articles.items():
        for a, b in split_sentences(text):
            sentence = text[a:b]
            lang = "fr" if sum(w in sentence.split() for w in ("le", "la", "les", "de", "est")) >= 1 else "en"
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                dates = search_dates(sentence, languages=[lang])
            if dates:
                out.append((name, sentence, ""))
    return out


def read_gold() -> list[tuple[str, list[str]]]:
    passages, current = [], []
    for line in (HERE / "finder_sentences.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line == "---":
            passages.append(current)
            current = []
        elif line:
            current.append(line)
    passages.append(current)
    out = []
    for gold in passages:
        text = ""
        for k, sentence in enumerate(gold):
            if sentence.startswith("\\n"):
                text += "\n" + sentence[2:]
            else:
                text += (" " if k else "") + sentence
        out.append((text, [s.removeprefix("\\n") for s in gold]))
    return out


def splitters() -> dict[str, object]:
    import pysbd

    fr = pysbd.Segmenter(language="fr", clean=False)
    en = pysbd.Segmenter(language="en", clean=False)

    def ours(text: str) -> list[str]:
        return [text[a:b] for a, b in split_sentences(text)]

    def sbd(text: str) -> list[str]:
        seg = fr if sum(w in text.split() for w in ("le", "la", "les", "de", "est")) else en
        return [s.strip() for s in seg.segment(text) if s.strip()]

    return {"rule-based (llmtimeline)": ours, "pysbd 0.3": sbd}


def compare_splitters(articles: dict[str, tuple[str, str]]) -> None:
    gold = read_gold()
    total = sum(len(g) for _, g in gold)
    seed_text = "\n".join(t for t, _ in articles.values())
    print(f"\nSentence splitting: {len(gold)} hand-checked passages, {total} gold sentences; speed on the seeds "
          f"({len(seed_text):,} characters), best of 5")
    timings = {}
    for name, split in splitters().items():
        right = sum(sum(norm(s) in {norm(x) for x in split(text)} for s in want) for text, want in gold)
        best = min(_timed(split, seed_text) for _ in range(5))
        timings[name] = best
        print(f"  {name:26s} {right}/{total} gold sentences exact   {best * 1000:7.1f} ms")
    ours, sbd = timings.values()
    print(f"  pysbd / rule-based time: {sbd / ours:.0f}x")


def _timed(split: object, text: str) -> float:
    start = time.perf_counter()
    split(text)  # type: ignore[operator]
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="/work/shared/seeds", type=Path)
    args = parser.parse_args(argv)
    articles, truth = seeds_and_truth(args.seeds)
    labels = load_labels()
    print(f"Seed articles: {len(articles)}; bundled predictions with a deadline: {len(truth)}")
    results = [score("llmtimeline.find_claims", finder_proposals(articles), truth, labels)]
    baseline = baseline_proposals(articles)
    if baseline is None:
        print("baseline skipped: dateparser is not installed (pip install dateparser)")
    else:
        results.append(score("dateparser search_dates, any date", baseline, truth, labels))
    print(pd.DataFrame(results).to_string(index=False))
    compare_splitters(articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
