"""The benchmarks cannot rot: the quick run works, and the checker agrees with a plain reference.

No timing is asserted here: the figures are for ``python benchmarks/run.py``.

The reference below is written from DESIGN.md's rules, one claim at a time with a
search of every event, from the cells of the generated rows (not from the
checker's typed columns), so it tests the whole path: store, typed columns,
checker.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import llmtimeline as lt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import AS_OF, DEADLINES, generate, write_csv  # noqa: E402

N_RECORDS = 3_000
AS_OFS = ["2018-06-30", "2021-02-14", "2023-09-30", "2024-12-31", AS_OF, "2035-01-01"]
ALL_STATUSES = {"fulfilled", "late", "missed", "pending", "undetermined", "contradicted", "confirmed", "unverified"}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return generate(N_RECORDS, seed=7)


@pytest.fixture(scope="module")
def timeline(rows: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> lt.Timeline:
    path = write_csv(rows, tmp_path_factory.mktemp("bench") / "records.csv")
    return lt.load(path)


# -- the benchmark script ----------------------------------------------------------------------


def test_quick_benchmark_prints_the_table(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--data", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for row in ("load: ratio to read_csv", "check: ratio to merge_asof", "check: naive loop", "scaling: load",
                "memory: peak per record", "import: ratio to pandas", "import llmtimeline loads matplotlib", "plot:"):
        assert row in done.stdout
    line = next(x for x in done.stdout.splitlines() if x.startswith("import llmtimeline loads matplotlib"))
    assert line.split()[4] == "no"


def test_import_does_not_load_matplotlib_or_pendulum() -> None:
    code = "import sys, llmtimeline; print('matplotlib' in sys.modules, 'pendulum' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


# -- the generator -------------------------------------------------------------------------------


def test_generated_rows_are_a_valid_events_csv_with_every_status(timeline: lt.Timeline) -> None:
    assert len(timeline) == N_RECORDS
    assert set(timeline.check(as_of=AS_OF)["status"]) == ALL_STATUSES


def test_generator_is_a_function_of_size_and_seed() -> None:
    assert generate(500, seed=3) == generate(500, seed=3)
    assert generate(500, seed=3) != generate(500, seed=4)


def test_generated_text_is_hard_to_parse(rows: list[dict[str, str]]) -> None:
    text = "".join(v for r in rows for v in r.values())
    for needle in (",", '"', "&", "'", "\n", "é", "«"):
        assert needle in text
    precisions = {len(r["date"].rstrip("~")) for r in rows} | {"Q" in r["date"] for r in rows}
    assert {10, 7, 4, True} <= precisions
    assert any(r["date"].endswith("~") for r in rows)
    assert any(r["expects"].startswith("not ") for r in rows)
    assert {r["lang"] for r in rows} >= {"fr", "en"}


@pytest.mark.parametrize("said", ["2016-03-31", "2024-01-31", "2024-02-29", "2025-12-31", "2027-06"])
def test_every_deadline_phrase_of_the_generator_is_known(said: str) -> None:
    for family, phrases in DEADLINES.items():
        for phrase in phrases:
            text = phrase.format(day="2025-06-30", month="2025-06", quarter="2025-Q2", year="2025")
            window = lt.parse_deadline(text, said=said)
            assert (window.latest is None) == (family in ("none", "vague")), text


def test_the_cli_validates_a_generated_file(tmp_path: Path) -> None:
    path = write_csv(generate(400, seed=1), tmp_path / "small.csv")
    done = subprocess.run([sys.executable, "-m", "llmtimeline.cli", "validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# -- the reference checker ---------------------------------------------------------------------


def _number(value: str) -> float | None:
    try:
        x = float(value.replace("_", ""))
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def _agree(a: str, b: str) -> bool:
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return abs(x - y) <= 0.01 * max(abs(x), abs(y))
    return a.casefold() == b.casefold()


def reference(rows: list[dict[str, str]], as_of: str) -> dict[str, tuple[str, str | None, int | None]]:
    """status, event_id and margin_days of each claim known ``as_of``, by DESIGN.md, one claim at a time."""
    today = lt.parse_date(as_of).latest
    when = {r["id"]: lt.parse_date(r["date"]) for r in rows}
    known = [r for r in rows if when[r["id"]].latest <= today]
    events = [r for r in known if r["type"] == "event"]
    facts = {r["id"]: lt.Facts.parse(r["facts"]) for r in known if r["type"] != "prediction"}
    out: dict[str, tuple[str, str | None, int | None]] = {}
    for claim in known:
        if claim["type"] == "event":
            continue
        said = when[claim["id"]]
        if claim["type"] == "prediction":
            expects = lt.Expectation.parse(claim["expects"])
            deadline = lt.parse_deadline(claim["deadline"] or None, said=claim["date"]).latest
            settling = None
            for e in events:  # the earliest matching event not certainly before the claim
                w = when[e["id"]]
                if e["kind"] == expects.kind and e["subject"] == expects.subject and w.latest >= said.earliest:
                    key = (w.earliest, w.latest, e["id"])
                    if settling is None or key < settling:
                        settling = key
            passed = deadline is not None and today > deadline
            if settling is None:
                if expects.negated:
                    out[claim["id"]] = ("fulfilled" if passed else "pending", None, None)
                else:
                    out[claim["id"]] = ("missed" if passed else "pending", None, None)
                continue
            first, last, event_id = settling
            on_time = deadline is None or last <= deadline
            after = deadline is not None and first > deadline
            if expects.negated:
                if on_time:
                    out[claim["id"]] = ("contradicted", event_id, None)
                elif not after:
                    out[claim["id"]] = ("undetermined", event_id, None)
                else:
                    out[claim["id"]] = ("fulfilled" if passed else "pending", None, None)
            elif on_time:
                out[claim["id"]] = ("fulfilled", event_id, None if deadline is None else (deadline - last).days)
            elif after:
                out[claim["id"]] = ("late", event_id, (deadline - first).days)
            else:
                out[claim["id"]] = ("undetermined", event_id, None)
        else:  # a statement: against the facts of every known event about its subject, whatever its date
            mine = facts[claim["id"]]
            about = [e for e in events if e["subject"] == claim["subject"]]
            shared = bad = False
            agreeing: list[tuple[Any, ...]] = []
            disagreeing: list[tuple[Any, ...]] = []
            for key, values in mine.items():
                carriers = [e for e in about if key in facts[e["id"]]]
                if not carriers:
                    continue
                shared = True
                theirs = [(e, v) for e in carriers for v in facts[e["id"]][key]]
                key_bad = any(not any(_agree(mv, tv) for _, tv in theirs) for mv in values)
                bad |= key_bad
                for e, tv in theirs:
                    w = when[e["id"]]
                    rank = (w.earliest, w.latest, e["id"])
                    if any(_agree(mv, tv) for mv in values):
                        agreeing.append(rank)
                    if key_bad and not all(_agree(mv, tv) for mv in values):
                        disagreeing.append(rank)
            if not shared:
                out[claim["id"]] = ("unverified", None, None)
            elif bad:
                out[claim["id"]] = ("contradicted", min(disagreeing)[2], None)
            else:
                out[claim["id"]] = ("confirmed", min(agreeing)[2], None)
    return out


def _verdicts(report: pd.DataFrame) -> dict[str, tuple[str, str | None, int | None]]:
    return {
        r.id: (r.status, None if pd.isna(r.event_id) else r.event_id, None if pd.isna(r.margin_days) else int(r.margin_days))
        for r in report.itertuples()
    }


@pytest.mark.parametrize("as_of", AS_OFS)
def test_check_agrees_with_the_reference_loop(rows: list[dict[str, str]], timeline: lt.Timeline, as_of: str) -> None:
    expected = reference(rows, as_of)
    got = _verdicts(timeline.check(as_of=as_of))
    assert got.keys() == expected.keys()
    wrong = {k: (got[k], expected[k]) for k in expected if got[k] != expected[k]}
    assert not wrong, f"{len(wrong)} claims differ, e.g. {list(wrong.items())[:3]}"


def test_the_reference_sees_every_status(rows: list[dict[str, str]]) -> None:
    assert {s for s, _, _ in reference(rows, AS_OF).values()} == ALL_STATUSES


def test_check_is_the_same_for_a_loaded_timeline_and_one_built_from_its_records(timeline: lt.Timeline) -> None:
    rebuilt = lt.Timeline(list(timeline))
    for as_of in (AS_OFS[2], AS_OF):
        a = timeline.check(as_of=as_of).sort_values("id", ignore_index=True)
        b = rebuilt.check(as_of=as_of).sort_values("id", ignore_index=True)
        pd.testing.assert_frame_equal(pd.DataFrame(a), pd.DataFrame(b))


def test_check_is_the_same_after_a_save_and_load(timeline: lt.Timeline, tmp_path: Path) -> None:
    timeline.save(tmp_path / "again.csv")
    again = lt.load(tmp_path / "again.csv")
    pd.testing.assert_frame_equal(pd.DataFrame(timeline.check(as_of=AS_OF)), pd.DataFrame(again.check(as_of=AS_OF)))


def test_the_deciding_statement_event_is_an_event_about_its_subject(timeline: lt.Timeline) -> None:
    report = timeline.check(as_of=AS_OF)
    decided = report[(report["type"] == "statement") & report["event_id"].notna()]
    subject = dict(zip(timeline.cells["id"], timeline.cells["subject"], strict=True))
    assert len(decided) > 0
    assert all(subject[e] == subject[s] for s, e in zip(decided["id"], decided["event_id"], strict=True))
    assert dt.date.fromisoformat(report.attrs["as_of"]) == dt.date.fromisoformat(AS_OF)
