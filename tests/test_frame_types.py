"""The types of the DataFrames users get: counts are integers, id columns are text even when every
value is missing, and a deadline has one type (datetime64) in every frame."""

from __future__ import annotations

import pandas as pd
import pytest

import llmtimeline as lt
from llmtimeline.check.track_record import COLUMNS

COUNTS = [c for c in COLUMNS if c not in ("on_time_rate", "median_margin_days")]


@pytest.fixture(scope="module")
def tl() -> lt.Timeline:
    return lt.load()


@pytest.mark.parametrize("by", ["actor", "speaker"])
def test_track_record_counts_are_integers_and_rates_floats(tl: lt.Timeline, by: str) -> None:
    record = tl.track_record(by=by, as_of="2026-11-25")
    assert all(record[c].dtype == "int64" for c in COUNTS)
    assert record["on_time_rate"].dtype == "float64"
    assert record["median_margin_days"].dtype == "float64"


def test_track_record_by_period_keeps_integer_counts(tl: lt.Timeline) -> None:
    yearly = tl.track_record(by="actor", freq="YE", as_of="2025-06-30")
    assert all(yearly[c].dtype == "int64" for c in COUNTS)
    assert int(yearly.loc[("2024-12-31", "Meta"), "fulfilled"]) == yearly.loc[("2024-12-31", "Meta"), "fulfilled"]


def test_history_ids_are_text_even_when_all_missing(tl: lt.Timeline) -> None:
    history = tl.history("zuckerberg-350k-h100-by-end-of-2024")
    assert history["event_id"].isna().all()  # nothing settled it: every value missing
    report = tl.check(as_of="2025-06-30")
    assert history["event_id"].dtype == report["event_id"].dtype
    assert history["ruling_id"].dtype == report["ruling_id"].dtype
    assert pd.api.types.is_string_dtype(history["event_id"])


def test_deadline_has_one_type_in_every_frame(tl: lt.Timeline) -> None:
    report = tl.check(as_of="2025-06-30").set_index("id")
    claims = tl.claims_frame().set_index("id")
    assert claims["deadline"].dtype == report["deadline"].dtype
    assert str(claims["deadline"].dtype).startswith("datetime64")
    assert pd.api.types.is_string_dtype(claims["phrase"]) and pd.api.types.is_string_dtype(report["phrase"])
    clegg = "clegg-llama3-within-a-month"
    assert claims.loc[clegg, "deadline"] == report.loc[clegg, "deadline"] == pd.Timestamp("2024-05-09")
    assert claims.loc[clegg, "phrase"] == report.loc[clegg, "phrase"] == "d'ici un mois, voire moins"
