"""The Timeline: records in date order, frames, lookups."""

import pandas as pd
import pytest
from builders import ev, pred, stmt

import llmtimeline as lt


@pytest.fixture(scope="module")
def tl():
    return lt.load()


def test_events_and_claims_are_in_date_order(tl):
    for records in (tl.events, tl.claims):
        keys = [(r.date.earliest, r.date.latest, r.id) for r in records]
        assert keys == sorted(keys)
    assert all(isinstance(e, lt.Event) for e in tl.events)
    assert {c.type for c in tl.claims} == {"prediction", "statement"}
    n_subjects = int((tl.cells["type"] == "subject").sum())
    assert len(tl.events) + len(tl.claims) + len(tl.rulings) + n_subjects == len(tl)
    assert tl.predictions and all(c.type == "prediction" for c in tl.predictions)


def test_frames_have_datetime_bounds_and_string_text(tl):
    events = tl.events_frame()
    assert str(events["earliest"].dtype).startswith("datetime64")
    assert str(events["latest"].dtype).startswith("datetime64")
    assert (events["earliest"] <= events["latest"]).all()
    assert events["earliest"].is_monotonic_increasing
    assert str(events["title"].dtype) == "str"
    claims = tl.claims_frame()
    clegg = claims.set_index("id").loc["clegg-llama3-within-a-month"]
    assert clegg["phrase"] == "d'ici un mois, voire moins"
    assert clegg["deadline"] == pd.Timestamp("2024-05-09")
    assert claims["deadline"].dtype == tl.check(as_of="2024-05-01")["deadline"].dtype  # one type in every frame
    assert claims.set_index("id").loc["press-gpt-5-on-the-horizon", "vague"]


def test_month_precision_bounds_in_frames():
    f = lt.Timeline([ev("2023-07", id="x")]).events_frame()
    assert (f.loc[0, "earliest"], f.loc[0, "latest"]) == (pd.Timestamp("2023-07-01"), pd.Timestamp("2023-07-31"))
    assert f.loc[0, "precision"] == "month"


def test_lookup_by_id_and_subject(tl):
    assert tl["llama-3-release"].subject == "llama-3"
    assert "llama-3-release" in tl and "nope" not in tl
    assert tl.get("nope") is None
    with pytest.raises(lt.UnknownRecordError, match="nope") as info:
        tl["nope"]
    assert isinstance(info.value, KeyError)
    about = tl.about("llama-3")
    ids = [r.id for r in about]
    assert "llama-3-release" in ids and "clegg-llama3-within-a-month" in ids and "meta-llama-3-140b-params" in ids
    with pytest.raises(lt.UnknownRecordError):
        tl.about("no-such-model")
    assert "llama-3" in tl.subjects and "Meta" in tl.actors


def test_timeline_from_records_equals_its_reload(tmp_path):
    records = [ev("2024-04-18", id="rel"), pred("2024-04-09", deadline="within a month"), stmt("2024-04-09", "params=8e9")]
    tl = lt.Timeline(records)
    tl.save(tmp_path / "x.csv")
    again = lt.load(tmp_path / "x.csv")
    assert again == tl and list(again) == list(tl)
    assert again.claims == tl.claims


def test_duplicate_ids_and_foreign_objects_are_refused():
    with pytest.raises(lt.RecordError, match="duplicate ids: 'x'"):
        lt.Timeline([ev("2024", id="x"), ev("2025", id="x")])
    with pytest.raises(lt.RecordError, match="got dict"):
        lt.Timeline([{"id": "x"}])


def test_repr_counts_records(tl):
    assert repr(tl).startswith(f"<Timeline: {len(tl.events)} events, {len(tl.claims)} claims")
