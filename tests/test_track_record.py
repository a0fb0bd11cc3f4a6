"""The track record, honest (DESIGN.md, "Checking rules"): what counts against the on-time rate,
predictions and statements apart, claims without a speaker, the rolling view."""

import pandas as pd
import pytest
from builders import ev, pred, stmt

import llmtimeline as lt
from llmtimeline.check.track_record import COLUMNS


def _records() -> list:
    return [
        pred("2024-01-01", deadline="within a month", id="on-time", speaker="Ann"), ev("2024-01-11", id="e1"),
        pred("2024-01-02", expects="not license llama-3", id="contradicted", speaker="Ann"),
        ev("2024-02-01", kind="license", id="lic"),
        pred("2024-03-01", expects="release x", deadline="2025-03-31", id="late", speaker="Ann"),
        ev("2025-06-01", subject="x", id="ex"),
        stmt("2024-04-01", "params=1", id="st-bad"), ev("2024-04-02", subject="llama-3", facts="params=2"),
        pred("2024-03-01", expects="release y", deadline="within a year", id="missed", actor="OpenAI"),
    ]


def test_a_contradicted_negated_prediction_counts_against_the_on_time_rate():
    tr = lt.Timeline(_records()).track_record(by="actor", as_of="2025-12-31")
    meta = tr.loc["Meta"]
    assert meta[["fulfilled", "late", "predictions_contradicted", "predictions"]].tolist() == [1, 1, 1, 3]
    assert meta["on_time_rate"] == pytest.approx(1 / 3)
    assert tr.loc["OpenAI", "missed"] == 1 and tr.loc["OpenAI", "on_time_rate"] == 0


def test_predictions_and_statements_have_their_own_columns():
    tr = lt.Timeline(_records()).track_record(as_of="2025-12-31")
    assert list(tr.columns) == list(COLUMNS)
    assert tr.loc["Meta", ["statements", "statements_contradicted"]].tolist() == [1, 1]
    assert tr.loc["Meta", "predictions"] == 3  # the contradicted statement is not a prediction


def test_claims_without_a_speaker_are_left_out_and_said_so():
    tr = lt.Timeline(_records()).track_record(by="speaker", as_of="2025-12-31")
    assert list(tr.index) == ["Ann"]
    assert tr.attrs["unattributed"] == 2 and tr.attrs["note"] == "2 claims without a speaker are not counted"
    assert "(none)" not in tr.index


def test_the_median_margin_is_over_fulfilled_and_late_predictions():
    tr = lt.Timeline(_records()).track_record(by="speaker", as_of="2025-12-31")
    assert tr.loc["Ann", "median_margin_days"] == (21 + (-62)) / 2


def test_the_rolling_view_takes_each_year_as_known_at_its_end():
    yearly = lt.Timeline(_records()).track_record(by="actor", freq="YE", as_of="2025-12-31")
    assert yearly.index.names == ["as_of", "actor"]
    assert sorted({d.year for d in yearly.index.get_level_values("as_of")}) == [2024, 2025]
    meta_2024 = yearly.loc[(pd.Timestamp("2024-12-31"), "Meta")]
    assert meta_2024[["fulfilled", "predictions_contradicted", "pending"]].tolist() == [1, 1, 1]  # "late" not known yet
    assert yearly.loc[(pd.Timestamp("2025-12-31"), "Meta"), "late"] == 1


def test_the_bundled_meta_record_is_no_longer_100_percent_as_of_may_2024():
    tr = lt.load().track_record(by="actor", as_of="2024-05-01")
    assert tr.loc["Meta", "predictions_contradicted"] == 1  # "no commercial Llama", May 2023
    assert tr.loc["Meta", "on_time_rate"] < 1


def test_a_bad_frequency_or_grouping_is_a_clear_error():
    with pytest.raises(lt.Error, match="freq"):
        lt.Timeline(_records()).track_record(freq="fortnightly")
    with pytest.raises(lt.Error, match="actor' or 'speaker"):
        lt.Timeline(_records()).track_record(by="outlet")
