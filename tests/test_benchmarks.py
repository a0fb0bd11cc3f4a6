"""The benchmarks cannot rot: the quick run works, and the checker agrees with a plain reference.

No timing is asserted here: the figures are for ``python benchmarks/run.py``.

The reference below is written from DESIGN.md's rules, one claim at a time with a
search of every event, from the cells of the generated rows (not from the
checker's typed columns), so it tests the whole path: store, typed columns,
checker.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import math
import re
import subprocess
import sys
from collections import deque
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


def augment(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The generated rows with what the generator leaves out: subject records (families two deep,
    aliases), subjects written as people write them, conditions on predictions, operators on
    statements, and rulings (some on the same day, to test the tie by id)."""
    rows = [dict(r, claim="", verdict="") for r in rows]
    subjects = sorted({r["subject"] for r in rows if r["type"] == "event"})
    blank = dict.fromkeys(rows[0], "")
    extra = []
    families = sorted({s.split("-")[0] for s in subjects})
    for family in families:
        extra.append(blank | {"id": f"subject-fam-{family}", "type": "subject", "date": "2020", "subject": f"fam-{family}",
                              "title": f"The {family} family", "source": "test", "facts": "part_of=fam-all"})
    extra.append(blank | {"id": "subject-fam-all", "type": "subject", "date": "2020", "subject": "fam-all",
                          "title": "Every model", "source": "test", "facts": "part_of=fam-falcon"})  # a cycle
    for i, subject in enumerate(subjects):
        if i % 3 == 0:
            facts = f"part_of=fam-{subject.split('-')[0]}" + (f"; aka=alias-{i},Alias {i} B" if i % 2 == 0 else "")
            extra.append(blank | {"id": f"subject-{subject}", "type": "subject", "date": "2021", "subject": subject,
                                  "title": subject.upper(), "source": "test", "facts": facts})
    alias_of = {s: f"Alias {i} B" for i, s in enumerate(subjects) if i % 6 == 0}
    n_pred = n_stmt = 0
    for k, r in enumerate(rows):
        if r["type"] == "event" and k % 5 == 0:
            r["subject"] = alias_of.get(r["subject"], r["subject"].upper().replace("-", " ", 1))
        elif r["type"] == "prediction":
            n_pred += 1
            if n_pred % 9 == 0:
                r["expects"] = r["expects"].rsplit(" ", 1)[0] + " fam-" + r["expects"].rsplit(" ", 1)[1].split("-")[0]
                r["subject"] = ""
            if n_pred % 7 == 0 and not r["expects"].startswith("not "):
                r["facts"] = ("params>=50e9", "context=8192", "license=apache-2.0", "params<1e10")[n_pred % 4]
        elif r["type"] == "statement" and r["facts"].startswith("params=") and "," not in r["facts"].split(";")[0]:
            n_stmt += 1
            if n_stmt % 2 == 0:
                r["facts"] = r["facts"].replace("params=", ("params>=", "params<", "params<=", "params>")[n_stmt % 4], 1)
    claims = [r for r in rows if r["type"] in ("prediction", "statement")]
    verdicts = {"prediction": ("fulfilled", "partly", "missed", "late"), "statement": ("confirmed", "partly", "contradicted")}
    for j, c in enumerate(claims[::11]):
        for n, day in enumerate(("2022-06-30", "2024-01-15", "2024-01-15") if j % 3 == 0 else ("2025-03",)):
            extra.append(blank | {"id": f"ruling-{c['id']}-{n}", "type": "ruling", "date": day, "title": "ruled",
                                  "source": "test", "claim": c["id"], "verdict": verdicts[c["type"]][(j + n) % len(verdicts[c["type"]])]})
    return rows + extra


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return augment(generate(N_RECORDS, seed=7))


@pytest.fixture(scope="module")
def timeline(rows: list[dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> lt.Timeline:
    path = tmp_path_factory.mktemp("bench") / "records.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return lt.load(path)


# -- the benchmark script ----------------------------------------------------------------------


@pytest.mark.slow  # ~30 s: run.py --quick starts a dozen child processes
def test_quick_benchmark_prints_the_table(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--data", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for row in ("lt.load + typed columns / pandas.read_csv", "lt.load + typed columns / polars.read_csv",
                "lt.load + typed columns / duckdb read_csv", "tl.check / pandas.merge_asof",
                "tl.check / polars join_asof", "llmtimeline report (chart) / load + check", "peak memory: ratio",
                "naive loop at 300 / tl.check", "import llmtimeline / import pandas", "import llmtimeline loads matplotlib"):
        assert row in done.stdout
    line = next(x for x in done.stdout.splitlines() if x.startswith("import llmtimeline loads matplotlib"))
    assert line.split()[4] == "no"


@pytest.mark.slow  # a Python process of its own
def test_import_does_not_load_matplotlib_or_pendulum() -> None:
    code = "import sys, llmtimeline; print('matplotlib' in sys.modules, 'pendulum' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


# -- the generator -------------------------------------------------------------------------------


def test_generated_rows_are_a_valid_events_csv_with_every_status(timeline: lt.Timeline) -> None:
    assert (timeline.cells["type"].isin(["event", "prediction", "statement"])).sum() == N_RECORDS
    assert set(timeline.check(as_of=AS_OF)["auto_status"]) == ALL_STATUSES


def test_generator_is_a_function_of_size_and_seed() -> None:
    assert augment(generate(300, seed=3)) == augment(generate(300, seed=3))
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
    # explicit dates as the generator writes them: not before the day said
    d = max(dt.date(2025, 6, 30), lt.parse_date(said).latest)
    for family, phrases in DEADLINES.items():
        for phrase in phrases:
            text = phrase.format(day=d.isoformat(), month=f"{d.year:04d}-{d.month:02d}",
                                 quarter=f"{d.year:04d}-Q{(d.month + 2) // 3}", year=f"{d.year:04d}",
                                 next_year=f"{d.year + 1:04d}")
            window = lt.parse_deadline(text, said=said)
            assert (window.latest is None) == (family in ("none", "vague")), text


@pytest.mark.slow  # a Python process of its own
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


def _meets(recorded: str, op: str, wanted: str) -> bool:
    """Whether a recorded value meets ``op wanted`` (DESIGN.md: "=" within 1 %, others compare numbers)."""
    if op == "=":
        return _agree(recorded, wanted)
    x, y = _number(recorded), _number(wanted)
    return x is not None and y is not None and {">=": x >= y, "<=": x <= y, ">": x > y, "<": x < y}[op]


def _facts(text: str) -> dict[str, tuple[str, list[str]]]:
    """key -> (operator, values), read the plain way."""
    out = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        m = re.match(r"([^<>=]+)(>=|<=|=|>|<)(.*)", part)
        assert m, part
        out[m.group(1).strip()] = (m.group(2), [v.strip() for v in m.group(3).split(",")])
    return out


def _norm(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().casefold())


class _Names:
    """Aliases and families read from the subject rows, the plain way (the data has no alias chains)."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.canon: dict[str, str] = {}
        self.family: dict[str, list[str]] = {}
        for r in rows:
            if r["type"] == "subject":
                facts = _facts(r["facts"])
                for alias in facts.get("aka", ("=", []))[1]:
                    self.canon[_norm(alias)] = _norm(r["subject"])
                self.family[_norm(r["subject"])] = [_norm(f) for f in facts.get("part_of", ("=", []))[1]]

    def of(self, name: str) -> str:
        return self.canon.get(_norm(name), _norm(name))

    @functools.cache  # noqa: B019  # one small object per test run
    def ancestors(self, name: str) -> set[str]:
        seen, todo = {self.of(name)}, deque([self.of(name)])
        while todo:
            for f in self.family.get(todo.popleft(), []):
                if self.of(f) not in seen:
                    seen.add(self.of(f))
                    todo.append(self.of(f))
        return seen


@functools.cache
def _window(phrase: str, said: str) -> lt.Window:
    return lt.parse_deadline(phrase or None, said=said)


@functools.cache
def _date(text: str) -> lt.When:
    return lt.parse_date(text)


def reference(rows: list[dict[str, str]], as_of: str) -> dict[str, tuple[str, str | None, int | None, str, str | None]]:
    """status, event_id, margin_days, auto_status and ruling_id of each claim known ``as_of``, by
    DESIGN.md, one claim at a time: names (aliases, families), conditions, soft horizons, rulings."""
    today = lt.parse_date(as_of).latest
    when = {r["id"]: _date(r["date"]) for r in rows}
    known = [r for r in rows if when[r["id"]].latest <= today]
    events = [r for r in known if r["type"] == "event"]
    of_kind: dict[str, list[dict[str, str]]] = {}
    for e in events:
        of_kind.setdefault(e["kind"], []).append(e)
    names = _Names(rows)
    facts = {r["id"]: _facts(r["facts"]) for r in known if r["type"] in ("event", "statement", "prediction")}
    out: dict[str, tuple[str, str | None, int | None, str, str | None]] = {}
    subject_of = {e["id"]: names.of(e["subject"]) for e in events}
    family_of = {e["id"]: names.ancestors(e["subject"]) for e in events}
    for claim in known:
        if claim["type"] not in ("prediction", "statement"):
            continue
        said = when[claim["id"]]
        if claim["type"] == "prediction":
            expects = lt.Expectation.parse(claim["expects"])
            window = _window(claim["deadline"], claim["date"])
            deadline = window.latest
            goal = deadline if deadline is not None else window.horizon  # a soft horizon judges the status
            wanted = names.of(expects.subject)
            settling = None
            for e in of_kind.get(expects.kind, []):  # the earliest matching event not certainly before the claim,
                w = when[e["id"]]  # meeting the conditions
                if wanted not in family_of[e["id"]] or w.latest < said.earliest:
                    continue
                theirs = facts[e["id"]]
                if not all(k in theirs and all(any(_meets(t, op, v) for t in theirs[k][1]) for v in vals)
                           for k, (op, vals) in facts[claim["id"]].items()):
                    continue
                key = (w.earliest, w.latest, e["id"])
                if settling is None or key < settling:
                    settling = key
            passed = goal is not None and today > goal
            if settling is None:
                verdict = ("fulfilled" if passed else "pending") if expects.negated else ("missed" if passed else "pending")
                result: tuple[str, str | None, int | None] = (verdict, None, None)
            else:
                first, last, event_id = settling
                on_time = goal is None or last <= goal
                after = goal is not None and first > goal
                if expects.negated:
                    if on_time:
                        result = ("contradicted", event_id, None)
                    elif not after:
                        result = ("undetermined", event_id, None)
                    else:
                        result = ("fulfilled" if passed else "pending", None, None)
                elif on_time:
                    result = ("fulfilled", event_id, None if deadline is None else (deadline - last).days)
                elif after:
                    result = ("late", event_id, None if deadline is None else (deadline - first).days)
                else:
                    result = ("undetermined", event_id, None)
        else:  # a statement: against the facts of every known event about its subject and its aliases
            mine = facts[claim["id"]]
            about = [e for e in events if subject_of[e["id"]] == names.of(claim["subject"])]
            shared = bad = False
            agreeing: list[tuple[Any, ...]] = []
            disagreeing: list[tuple[Any, ...]] = []
            for key, (op, values) in mine.items():
                carriers = [e for e in about if key in facts[e["id"]]]
                if not carriers:
                    continue
                shared = True
                theirs = [(e, v) for e in carriers for v in facts[e["id"]][key][1]]
                key_bad = any(not any(_meets(tv, op, mv) for _, tv in theirs) for mv in values)
                bad |= key_bad
                for e, tv in theirs:
                    w = when[e["id"]]
                    rank = (w.earliest, w.latest, e["id"])
                    if any(_meets(tv, op, mv) for mv in values):
                        agreeing.append(rank)
                    if key_bad and not all(_meets(tv, op, mv) for mv in values):
                        disagreeing.append(rank)
            if not shared:
                result = ("unverified", None, None)
            elif bad:
                result = ("contradicted", min(disagreeing)[2], None)
            else:
                result = ("confirmed", min(agreeing)[2], None)
        rulings = [(when[r["id"]].earliest, when[r["id"]].latest, r["id"], r["verdict"]) for r in known
                   if r["type"] == "ruling" and r["claim"] == claim["id"]]
        latest = max(rulings) if rulings else None
        status = latest[3] if latest else result[0]
        out[claim["id"]] = (status, result[1], result[2], result[0], latest[2] if latest else None)
    return out


def _verdicts(report: pd.DataFrame) -> dict[str, tuple[str, str | None, int | None, str, str | None]]:
    return {
        r.id: (r.status, None if pd.isna(r.event_id) else r.event_id, None if pd.isna(r.margin_days) else int(r.margin_days),
               r.auto_status, None if pd.isna(r.ruling_id) else r.ruling_id)
        for r in report.itertuples()
    }


@pytest.mark.slow
@pytest.mark.parametrize("as_of", AS_OFS)
def test_check_agrees_with_the_reference_loop(rows: list[dict[str, str]], timeline: lt.Timeline, as_of: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("llmtimeline.dates.today", lambda: dt.date(2035, 1, 1))  # a check may not speak past today
    expected = reference(rows, as_of)
    got = _verdicts(timeline.check(as_of=as_of))
    assert got.keys() == expected.keys()
    wrong = {k: (got[k], expected[k]) for k in expected if got[k] != expected[k]}
    assert not wrong, f"{len(wrong)} claims differ, e.g. {list(wrong.items())[:3]}"


@pytest.mark.slow
def test_the_reference_sees_every_status_and_every_new_rule(rows: list[dict[str, str]]) -> None:
    got = reference(rows, AS_OF)
    assert {v[3] for v in got.values()} == ALL_STATUSES
    assert "partly" in {v[0] for v in got.values()} and any(v[4] for v in got.values())
    by_id = {r["id"]: r for r in rows}
    settled = [by_id[k] for k, v in got.items() if v[1]]
    assert any(" fam-" in r["expects"] for r in settled)  # a family settled it
    assert any(r["type"] == "prediction" and r["facts"] for r in settled)  # an event met its conditions
    assert any((r["type"] == "statement" and ">" in r["facts"]) or "<" in r["facts"] for r in settled)
    soft = [k for k, v in got.items() if by_id[k]["deadline"] and v[3] in ("missed", "late")
            and lt.parse_deadline(by_id[k]["deadline"], said=by_id[k]["date"]).vague]
    assert soft  # a soft horizon passed


@pytest.mark.slow
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
    same = timeline.names.canonical  # the subject or one of its aliases, as written anyhow (DESIGN.md, "Names")
    assert len(decided) > 0
    assert all(same(subject[e]) == same(subject[s]) for s, e in zip(decided["id"], decided["event_id"], strict=True))
    assert any(subject[e] != subject[s] for s, e in zip(decided["id"], decided["event_id"], strict=True))
    assert dt.date.fromisoformat(report.attrs["as_of"]) == dt.date.fromisoformat(AS_OF)
