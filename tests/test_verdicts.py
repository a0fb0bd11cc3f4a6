"""Verdicts a newsroom can publish: rulings, partial outcomes, soft horizons, conditions, operators.

Each rule on a small hand-made timeline (DESIGN.md, "Checking rules").
"""

import datetime as dt

import pandas as pd
import pytest
from builders import ev, pred, stmt, verdict
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt


def ruling(day: str, verdict_: str, claim: str = "p", id: str = "r", title: str = "ruled so") -> lt.Ruling:
    return lt.Ruling(id=id, date=day, claim=claim, verdict=verdict_, title=title, source="editor", speaker="Ed")


def row(records: list, as_of: str, claim_id: str = "p") -> pd.Series:
    return lt.Timeline(records).check(as_of=as_of).set_index("id").loc[claim_id]


# -- rulings ------------------------------------------------------------------------------------
def test_a_ruling_replaces_the_automatic_status_from_its_day_only():
    records = [pred("2024-01-18", deadline="by the end of the year"), ruling("2025-02-01", "undetermined")]
    before = row(records, "2025-01-31")
    assert (before["status"], before["auto_status"], before["ruling_id"]) == ("missed", "missed", None) or pd.isna(
        before["ruling_id"])
    after = row(records, "2025-02-01")
    assert (after["status"], after["auto_status"], after["ruling_id"]) == ("undetermined", "missed", "r")
    assert after["reason"].startswith("Ruled undetermined on 2025-02-01 by Ed: ruled so (ruling r;")
    assert "the automatic verdict was missed" in after["reason"]


def test_the_latest_ruling_wins_and_ties_go_by_id():
    records = [pred("2024-01-01", deadline="2024-06-30"), ruling("2024-08-01", "missed", id="a"),
               ruling("2024-09-01", "partly", id="b"), ruling("2024-09-01", "fulfilled", id="c")]
    assert row(records, "2024-08-15")["status"] == "missed"
    assert (row(records, "2024-09-01")["status"], row(records, "2024-09-01")["ruling_id"]) == ("fulfilled", "c")


def test_partly_is_a_verdict_and_keeps_the_automatic_one_beside_it():
    records = [pred("2025-06-01", expects="launch robotaxi", deadline="within a month"),
               ev("2025-06-22", kind="launch", subject="robotaxi", id="austin"),
               ruling("2025-07-01", "partly", title="Launched with a safety monitor on board")]
    r = row(records, "2025-07-02")
    assert (r["status"], r["auto_status"], r["event_id"]) == ("partly", "fulfilled", "austin")
    order = list(lt.Timeline(records).check(as_of="2025-07-02")["status"].cat.categories)
    assert order.index("fulfilled") < order.index("partly") < order.index("late")


@pytest.mark.parametrize(("claim_type", "bad"), [("prediction", "confirmed"), ("statement", "fulfilled"),
                                                  ("prediction", "invalid"), ("prediction", "won")])
def test_a_verdict_must_suit_its_claim(claim_type, bad):
    claim = pred("2024-01-01") if claim_type == "prediction" else stmt("2024-01-01", "params=8e9", id="p")
    with pytest.raises(ValueError, match="is no verdict for"):  # RecordError alone, LoadError in a timeline
        lt.Timeline([claim, ruling("2024-02-01", bad)])


def test_a_ruling_must_name_a_claim_of_the_file(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,type,date,actor,kind,subject,title,source,claim,verdict\n"
                    "e,event,2024-01-01,Meta,release,x,T,s,,\n"
                    "r1,ruling,2024-02-01,,,,why,s,nothing-here,missed\n"
                    "r2,ruling,2024-02-01,,,,why,s,e,missed\n"
                    "r3,ruling,2024-02-01,,,,why,s,,\n", encoding="utf-8")
    with pytest.raises(lt.LoadError) as info:
        lt.load(path)
    got = {(p.line, p.column, p.reason) for p in info.value.problems}
    assert (3, "claim", "no claim of the file has the id 'nothing-here'") in got
    assert any(line == 4 and "type 'event'" in reason for line, _, reason in got)
    assert {(5, "claim"), (5, "verdict")} <= {(line, column) for line, column, _ in got}


def test_history_lists_the_automatic_status_and_the_rulings_over_time():
    records = [pred("2024-01-18", deadline="by the end of the year"), ruling("2025-02-01", "undetermined")]
    h = lt.Timeline(records).history("p")
    assert h["as_of"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-18", "2025-01-01", "2025-02-01"]
    assert h["status"].astype(str).tolist() == ["pending", "missed", "undetermined"]
    assert h["auto_status"].astype(str).tolist() == ["pending", "missed", "missed"]
    with pytest.raises(lt.UnknownRecordError):
        lt.Timeline(records).history("r")


_DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat)
_PHRASES = st.sampled_from(["", "within a month", "by the end of the year", "soon", "eventually", "2025-12-31"])  # never before the day said


@st.composite
def _claims_and_events(draw: st.DrawFn) -> list:
    subjects = ["llama-3", "gpt-5", "gemini-2"]
    records: list = []
    for i in range(draw(st.integers(1, 4))):
        negated = draw(st.booleans())
        records.append(pred(draw(_DAYS), expects=("not " if negated else "") + "release " + draw(st.sampled_from(subjects)),
                            deadline=draw(_PHRASES), id=f"p{i}"))
    for i in range(draw(st.integers(0, 2))):
        records.append(stmt(draw(_DAYS), draw(st.sampled_from(["params=8e9", "params>=1e10", "context=8192"])),
                            subject=draw(st.sampled_from(subjects)), id=f"s{i}"))
    for i in range(draw(st.integers(0, 3))):
        records.append(ev(draw(_DAYS), subject=draw(st.sampled_from(subjects)), id=f"e{i}",
                          facts=draw(st.sampled_from(["", "params=8e9,70e9", "context=4096"]))))
    return records


@pytest.mark.slow  # each example builds and checks two timelines (~50 ms)
@settings(max_examples=50)  # the ci profile's 300 took 17 s; each rule is tested on its own above
@given(_claims_and_events(), _DAYS, st.data())
def test_rulings_that_agree_with_the_automatic_verdict_change_nothing(records, as_of, data):
    """The report is the same whether rulings are given or the automatic verdict is taken, when
    every ruling known on the checking day agrees with the automatic verdict of that day."""
    auto = lt.Timeline(records).check(as_of=as_of)
    rulings = []
    for claim, status, said in zip(auto["id"], auto["status"], auto["date"], strict=True):
        for k in range(data.draw(st.integers(0, 2))):
            day = data.draw(st.dates(dt.date.fromisoformat(said), dt.date.fromisoformat(as_of)).map(dt.date.isoformat))
            rulings.append(ruling(day, str(status), claim=claim, id=f"r-{claim}-{k}"))
    ruled = lt.Timeline([*records, *rulings]).check(as_of=as_of)
    same = [c for c in auto.columns if c not in ("ruling_id", "reason")]
    pd.testing.assert_frame_equal(pd.DataFrame(auto[same]), pd.DataFrame(ruled[same]))
    assert (ruled["ruling_id"].notna()).sum() == len({r.claim for r in rulings})


def test_rulings_agreeing_on_the_checking_day_give_the_same_report():
    records = [pred("2024-04-09", deadline="within a month", id="p"), ev("2024-04-18", id="rel"),
               pred("2024-01-01", expects="release gpt-5", deadline="2024-06-30", id="q")]
    auto = lt.Timeline(records).check(as_of="2024-12-31")
    rulings = [ruling("2024-12-31", str(s), claim=c, id=f"r-{c}") for c, s in zip(auto["id"], auto["status"], strict=True)]
    ruled = lt.Timeline([*records, *rulings]).check(as_of="2024-12-31")
    cols = [c for c in auto.columns if c not in ("ruling_id", "reason")]
    pd.testing.assert_frame_equal(pd.DataFrame(auto[cols]), pd.DataFrame(ruled[cols]))
    assert ruled["ruling_id"].tolist() == ["r-q", "r-p"]


# -- soft horizons -------------------------------------------------------------------------------
# "in the coming weeks" said 2025-06-10: soft horizon 3 months, to 2025-09-10
@pytest.mark.parametrize(("event_day", "as_of", "status"), [
    ("2025-08-01", "2025-12-31", "fulfilled"),   # met
    (None, "2025-09-10", "pending"),             # the horizon's last day is not over
    (None, "2025-09-11", "missed"),              # missed
    ("2026-11-01", "2026-12-01", "late"),        # the example: no longer "fulfilled"
])
def test_a_soft_horizon_judges_the_status_never_the_margin(event_day, as_of, status):
    records = [pred("2025-06-10", deadline="in the coming weeks")]
    if event_day:
        records.append(ev(event_day, id="e"))
    r = row(records, as_of)
    assert (r["status"], r["vague"], r["deadline"]) == (status, True, pd.Timestamp("2025-09-10"))
    assert pd.isna(r["margin_days"])
    assert "soft horizon" in r["reason"]


def test_bientot_is_no_longer_pending_forever():
    records = [pred("2025-01-15", deadline="bientôt")]
    assert row(records, "2025-07-15")["status"] == "pending"
    assert row(records, "2025-07-16")["status"] == "missed"


# -- conditions on predictions ---------------------------------------------------------------------
@pytest.mark.parametrize(("condition", "settles"), [
    ("gpus>=350e3", True), ("gpus>=350001", False), ("gpus>349e3", True), ("gpus>350e3", False),
    ("gpus<=350e3", True), ("gpus<350e3", False), ("gpus<351e3", True),
    ("gpus=352e3", True),   # within 1 %
    ("gpus=360e3", False), ("vendor=NVIDIA", True), ("vendor=amd", False),
    ("racks>=1", False),    # an event lacking the key does not meet it
])
def test_each_condition_operator(condition, settles):
    records = [lt.Claim(id="p", type="prediction", date="2024-01-18", actor="Meta", title="fleet", source="s",
                        expects="deployment h100-fleet", deadline="by the end of the year", facts=condition),
               ev("2024-06-01", kind="deployment", subject="h100-fleet", facts="gpus=350000; vendor=nvidia", id="e")]
    r = row(records, "2025-01-01")
    assert (r["status"], r["event_id"] if settles else None) == (("fulfilled", "e") if settles else ("missed", None))


def test_the_settling_event_is_the_first_that_meets_the_conditions():
    records = [lt.Claim(id="p", type="prediction", date="2024-01-18", actor="Meta", title="fleet", source="s",
                        expects="deployment h100-fleet", deadline="by the end of the year", facts="gpus>=350e3"),
               ev("2024-03-01", kind="deployment", subject="h100-fleet", facts="gpus=100000", id="small"),
               ev("2025-02-01", kind="deployment", subject="h100-fleet", facts="gpus=360000", id="big")]
    assert verdict(records, "2024-12-31") == {"status": "pending", "event_id": None, "margin": None}
    assert verdict(records, "2025-01-01")["status"] == "missed"
    assert verdict(records, "2025-03-01") == {"status": "late", "event_id": "big", "margin": -32}
    assert "with gpus>=350e3" in row(records, "2025-01-01")["reason"]


# -- statements with operators ----------------------------------------------------------------------
@pytest.mark.parametrize(("facts", "status"), [
    ("gpus>=20000", "confirmed"), ("gpus>=30000", "contradicted"), ("gpus<30000", "confirmed"),
    ("gpus<=24000", "contradicted"), ("gpus>24999", "confirmed"), ("gpus=25100", "confirmed"),
    ("gpus>=20000; days<=100", "confirmed"), ("gpus>=20000; days<90", "contradicted"),
])
def test_statements_compare_as_their_operators_say(facts, status):
    records = [stmt("2024-04-10", facts, subject="gpt-4"),
               ev("2023-03-14", subject="gpt-4", facts="gpus=25000; days=95", id="train")]
    assert verdict(records, "2024-05-01", "s") == {"status": status, "event_id": "train", "margin": None}


def test_a_text_value_meets_no_comparison():
    records = [stmt("2024-04-10", "gpus>=1", subject="gpt-4"), ev("2023-03-14", subject="gpt-4", facts="gpus=many")]
    assert verdict(records, "2024-05-01", "s")["status"] == "contradicted"


@pytest.mark.parametrize(("facts", "message"), [
    (";;;", "holds no fact"), (" ; ; ", "holds no fact"), ("gpus>=lots", "compares with one number"),
    ("gpus>=1,2", "compares with one number"),
])
def test_bad_facts_are_errors(facts, message):
    with pytest.raises(lt.RecordError, match=message):
        stmt("2024-04-10", facts)


# -- invalid rows (errors="keep") -------------------------------------------------------------------
def test_a_timeline_without_problems_has_an_empty_problems_table():
    tl = lt.Timeline([pred("2024-04-09")])
    assert tl.problems.empty and {"id", "line", "column", "value", "reason"} <= set(tl.problems.columns)


def test_today_is_the_default_as_of_for_rulings_too():
    records = [pred("2024-01-18", deadline="by the end of the year"), ruling("2025-02-01", "undetermined")]
    assert lt.Timeline(records).check()["status"].iloc[0] == "undetermined"
    assert dt.date.today().isoformat() >= "2025-02-01"
