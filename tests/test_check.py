"""The checker: each status on a small hand-made timeline, as-of views, the seed story."""

import datetime as dt

import pandas as pd
import pytest
from builders import ev, pred, stmt, verdict

import llmtimeline as lt

# DESIGN.md, "Checking rules": the report's columns, in order
COLUMNS = ["id", "date", "type", "speaker", "actor", "title", "quote", "lang", "expects", "phrase", "deadline", "vague",
           "status", "auto_status", "ruling_id", "event_id", "event_date", "margin_days", "reason", "source", "url"]


# -- predictions ---------------------------------------------------------------------------
def test_fulfilled_with_margin_deadline_minus_event():
    v = verdict([pred("2024-04-09", deadline="within a month"), ev("2024-04-18", id="rel")], "2024-06-01")
    assert v == {"status": "fulfilled", "event_id": "rel", "margin": 21}


def test_late_with_negative_margin():
    v = verdict([pred("2024-04-09", deadline="within a month"), ev("2024-05-20", id="rel")], "2024-06-01")
    assert v == {"status": "late", "event_id": "rel", "margin": -11}


def test_missed_once_the_deadline_has_passed_without_the_event():
    records = [pred("2024-04-09", deadline="within a month")]
    assert verdict(records, "2024-05-09")["status"] == "pending"  # the deadline day itself is not over
    assert verdict(records, "2024-05-10") == {"status": "missed", "event_id": None, "margin": None}


def test_pending_without_deadline_until_the_event():
    records = [pred("2024-04-09"), ev("2025-01-01", id="rel")]
    assert verdict(records, "2024-12-31")["status"] == "pending"
    assert verdict(records, "2025-01-01") == {"status": "fulfilled", "event_id": "rel", "margin": None}


def test_vague_deadline_without_a_horizon_is_open():
    # DESIGN.md: without a horizon a vague prediction is pending until an event settles it
    # (a phrase with a soft horizon, such as "soon", is tested in test_verdicts.py)
    records = [pred("2024-04-09", deadline="eventually"), ev("2026-01-01", id="rel")]
    assert verdict(records, "2025-12-31")["status"] == "pending"
    assert verdict(records, "2026-01-02") == {"status": "fulfilled", "event_id": "rel", "margin": None}


def test_undetermined_when_the_event_date_straddles_the_deadline():
    records = [pred("2024-04-09", deadline="within a month"), ev("2024-05", id="rel")]
    assert verdict(records, "2024-06-01") == {"status": "undetermined", "event_id": "rel", "margin": None}


def test_uncertain_event_dates_use_the_least_margin():
    # fulfilled: deadline - latest; late: deadline - earliest
    assert verdict([pred("2024-01-10", deadline="by the end of the year"), ev("2024-Q3", id="e")], "2025-01-01")["margin"] == 92
    assert verdict([pred("2024-01-10", deadline="2024-03-31"), ev("2024-05", id="e")], "2025-01-01")["margin"] == -31


def test_deadline_is_read_from_the_latest_day_said():
    # said "2024-04" (up to 2024-04-30): "within a month" ends 2024-05-30, so 2024-05-25 is on time
    v = verdict([pred("2024-04", deadline="within a month"), ev("2024-05-25", id="e")], "2024-06-30")
    assert v == {"status": "fulfilled", "event_id": "e", "margin": 5}


def test_settling_event_is_the_earliest_matching_event_not_certainly_before_the_claim():
    records = [
        pred("2024-04-09", deadline="within a month"),
        ev("2024-03-01", id="before"),  # certainly before the claim: ignored
        ev("2024-06-01", id="later"),
        ev("2024-04-20", id="first"),
        ev("2024-04-15", subject="llama-4", id="other-subject"),
        ev("2024-04-16", kind="announcement", id="other-kind"),
    ]
    assert verdict(records, "2024-07-01")["event_id"] == "first"


def test_event_overlapping_the_claim_date_may_settle_it():
    # the event is in April, the claim on 2024-04-09: not certainly before, so it counts
    v = verdict([pred("2024-04-09", deadline="within a month"), ev("2024-04", id="e")], "2024-07-01")
    assert v["event_id"] == "e" and v["status"] == "fulfilled"


def test_ties_are_broken_by_latest_day_then_id():
    records = [pred("2024-01-01"), ev("2024-04", id="b-month"), ev("2024-04-01", id="z-day"), ev("2024-04-01", id="a-day")]
    assert verdict(records, "2024-12-31")["event_id"] == "a-day"


# -- negated predictions ------------------------------------------------------------------------
def test_negated_prediction_contradicted_by_the_event():
    records = [pred("2023-05", expects="not license llama-2", id="p"), ev("2023-07-18", kind="license", subject="llama-2", id="lic")]
    assert verdict(records, "2023-07-17")["status"] == "pending"
    assert verdict(records, "2023-07-18") == {"status": "contradicted", "event_id": "lic", "margin": None}


def test_negated_prediction_fulfilled_when_the_deadline_passes_without_the_event():
    records = [pred("2024-01-10", expects="not release gpt-5", deadline="by the end of the year")]
    assert verdict(records, "2024-12-31")["status"] == "pending"
    assert verdict(records, "2025-01-01")["status"] == "fulfilled"
    records.append(ev("2025-08-07", subject="gpt-5", id="gpt5"))
    assert verdict(records, "2026-01-01")["status"] == "fulfilled"  # it came, but after the deadline


def test_negated_prediction_undetermined_when_the_event_straddles_the_deadline():
    records = [pred("2024-01-10", expects="not release gpt-5", deadline="2024-06-15"), ev("2024-06", subject="gpt-5")]
    assert verdict(records, "2024-12-31")["status"] == "undetermined"


# -- statements --------------------------------------------------------------------------------
def test_statement_contradicted_by_later_facts():
    records = [stmt("2024-04-09", "params=140e9"), ev("2024-04-18", facts="params=8e9,70e9", id="rel")]
    assert verdict(records, "2024-04-17", "s")["status"] == "unverified"
    assert verdict(records, "2024-04-18", "s") == {"status": "contradicted", "event_id": "rel", "margin": None}


def test_statement_numbers_agree_within_one_percent_and_text_ignores_case():
    records = [stmt("2024-04-09", "params=8e9; licence=Open"), ev("2024-04-18", facts="params=8.03e9,70e9; licence=open")]
    assert verdict(records, "2024-05-01", "s")["status"] == "confirmed"
    assert verdict([stmt("2024-04-09", "params=1.4e11"), ev("2024-04-18", facts="params=140e9")], "2024-05-01", "s")["status"] == "confirmed"
    assert verdict([stmt("2024-04-09", "params=8.1e9"), ev("2024-04-18", facts="params=8e9")], "2024-05-01", "s")["status"] == "contradicted"


def test_statement_compared_with_events_of_any_date():
    # Mistral 7B's 2023 release contradicts a 2024 article's "fine-tuned from Llama 2"
    records = [stmt("2024-04-10", "base_model=llama-2", subject="mistral-7b"),
               ev("2023-09-27", subject="mistral-7b", facts="base_model=none", id="m7b")]
    assert verdict(records, "2024-05-01", "s") == {"status": "contradicted", "event_id": "m7b", "margin": None}


def test_statement_several_values_must_each_be_among_the_events_values():
    base = [ev("2023-07-18", subject="llama-2", facts="params=7e9,13e9,70e9", id="rel")]
    assert verdict([*base, stmt("2023-07-19", "params=7e9,70e9", subject="llama-2")], "2024-01-01", "s")["status"] == "confirmed"
    assert verdict([*base, stmt("2023-07-19", "params=7e9,65e9", subject="llama-2")], "2024-01-01", "s")["status"] == "contradicted"


def test_statement_values_may_come_from_several_events():
    records = [ev("2024-04-18", facts="params=8e9,70e9", id="a"), ev("2024-07-23", facts="params=405e9", id="b"),
               stmt("2024-08-01", "params=405e9")]
    assert verdict(records, "2024-09-01", "s") == {"status": "confirmed", "event_id": "b", "margin": None}


def test_statement_unverified_without_shared_keys():
    records = [stmt("2024-04-09", "context=8192"), ev("2024-04-18", facts="params=8e9")]
    assert verdict(records, "2024-05-01", "s")["status"] == "unverified"
    assert verdict([stmt("2024-04-09", "")], "2024-05-01", "s")["status"] == "unverified"


def test_one_disagreeing_key_is_enough_to_contradict():
    records = [stmt("2024-04-09", "params=8e9; context=4096"), ev("2024-04-18", facts="params=8e9; context=8192", id="rel")]
    assert verdict(records, "2024-05-01", "s") == {"status": "contradicted", "event_id": "rel", "margin": None}


# -- as of ------------------------------------------------------------------------------------
def test_the_same_claim_moves_from_pending_to_fulfilled_as_of_moves():
    records = [pred("2024-04-09", deadline="within a month"), ev("2024-04-18", id="rel")]
    assert verdict(records, "2024-04-10")["status"] == "pending"
    assert verdict(records, "2024-04-18")["status"] == "fulfilled"


def test_the_same_claim_moves_from_pending_to_missed_to_late():
    records = [pred("2024-04-09", deadline="within a month"), ev("2024-06-01", id="rel")]
    assert [verdict(records, d)["status"] for d in ("2024-05-01", "2024-05-15", "2024-06-01")] == ["pending", "missed", "late"]


def test_nothing_from_the_future_leaks_into_a_past_verdict():
    records = [pred("2024-04-09", deadline="within a month"), ev("2024-04", id="rel")]
    # the April event is known only from 2024-04-30, its latest possible day
    assert verdict(records, "2024-04-29")["status"] == "pending"
    assert verdict(records, "2024-04-30")["status"] == "fulfilled"
    report = lt.Timeline(records).check(as_of="2024-04-08")
    assert report.empty  # the claim itself was not made yet


def test_as_of_accepts_dates_and_defaults_to_today():
    records = [pred("2024-04-09", deadline="within a month"), ev("2024-04-18")]
    tl = lt.Timeline(records)
    assert tl.check(as_of=dt.date(2024, 4, 10)).attrs["as_of"] == "2024-04-10"
    assert tl.check(as_of="2024-04").attrs["as_of"] == "2024-04-30"
    assert tl.check().attrs["as_of"] == dt.date.today().isoformat()
    with pytest.raises(lt.DateError):
        tl.check(as_of="yesterday")


def test_report_columns_and_types():
    report = lt.Timeline([pred("2024-04-09", deadline="within a month"), ev("2024-04-18")]).check(as_of="2024-05-01")
    assert list(report.columns) == COLUMNS
    assert str(report["deadline"].dtype).startswith("datetime64")
    assert str(report["event_date"].dtype).startswith("datetime64")
    assert report["deadline"].iloc[0] == pd.Timestamp("2024-05-09")
    assert report["event_date"].iloc[0] == pd.Timestamp("2024-04-18")
    assert str(report["margin_days"].dtype) == "Int64"
    for column in ("status", "auto_status"):
        assert isinstance(report[column].dtype, pd.CategoricalDtype) and report[column].cat.ordered
        assert tuple(report[column].cat.categories) == lt.STATUSES
    assert report["vague"].dtype == bool
    assert report["phrase"].iloc[0] == "within a month"


def test_the_dtypes_are_the_same_for_an_empty_report():
    full = lt.Timeline([pred("2024-04-09", deadline="within a month"), ev("2024-04-18")]).check(as_of="2024-05-01")
    empty = lt.Timeline([pred("2024-04-09", deadline="within a month"), ev("2024-04-18")]).check(as_of="2024-01-01")
    assert empty.empty and list(empty.dtypes) == list(full.dtypes)


def test_statuses_are_in_the_order_of_design():
    assert lt.STATUSES == ("fulfilled", "partly", "late", "missed", "contradicted", "undetermined", "pending",
                           "confirmed", "unverified", "invalid")


def test_events_are_not_in_the_report_and_claims_are_in_date_order():
    records = [pred("2024-05-01", id="b"), pred("2024-04", id="a"), pred("2024-04-09", id="c"), ev("2024-04-18")]
    assert lt.Timeline(records).check(as_of="2024-06-01")["id"].tolist() == ["a", "c", "b"]


# -- track record -------------------------------------------------------------------------------
def test_track_record_counts_rates_and_margins():
    records = [
        pred("2024-01-01", deadline="within a month", id="on-time", speaker="Ann"), ev("2024-01-11", id="e1"),
        pred("2024-03-01", expects="release gpt-5", deadline="within a month", id="late", speaker="Ann"),
        ev("2024-04-11", subject="gpt-5"),
        pred("2024-03-01", expects="release x", deadline="within a month", id="missed", actor="OpenAI", speaker="Bob"),
        pred("2024-03-01", expects="release y", id="open", actor="OpenAI"),
    ]
    tr = lt.Timeline(records).track_record(by="actor", as_of="2024-06-01")
    assert tr.loc["Meta", ["fulfilled", "late", "missed", "pending", "predictions"]].tolist() == [1, 1, 0, 0, 2]
    assert tr.loc["Meta", "on_time_rate"] == 0.5
    assert tr.loc["Meta", "median_margin_days"] == (21 + (-10)) / 2
    assert tr.loc["OpenAI", "on_time_rate"] == 0.0 and pd.isna(tr.loc["OpenAI", "median_margin_days"])
    by_speaker = lt.Timeline(records).track_record(by="speaker", as_of="2024-06-01")
    # DESIGN.md: no speaker named "(none)"; claims without one are left out, and said so
    assert set(by_speaker.index) == {"Ann", "Bob"}
    assert by_speaker.attrs["unattributed"] == 1 and "without a speaker" in by_speaker.attrs["note"]
    with pytest.raises(lt.Error, match="actor' or 'speaker"):
        lt.Timeline(records).track_record(by="outlet")


# -- the seed story on the bundled events.csv ------------------------------------------------
@pytest.fixture(scope="module")
def bundled():
    return lt.load()


def row(report, claim_id):
    return report.set_index("id").loc[claim_id]


def test_clegg_fulfilled_nine_days_in_with_margin_21(bundled):
    r = row(bundled.check(as_of="2026-11-25"), "clegg-llama3-within-a-month")
    assert (r["status"], r["event_id"], r["event_date"], r["margin_days"]) == (
        "fulfilled", "llama-3-release", pd.Timestamp("2024-04-18"), 21)
    assert r["quote"].startswith("D’ici un mois, voire moins") and r["lang"] == "fr"
    assert r["phrase"] == "d'ici un mois, voire moins"
    assert r["reason"] == ("Llama 3 was released on 2024-04-18, 21 days before the deadline of 2024-05-09 "
                           "(« d'ici un mois, voire moins », said 2024-04-09); event llama-3-release.")


def test_clegg_pending_as_of_2024_04_10(bundled):
    assert row(bundled.check(as_of="2024-04-10"), "clegg-llama3-within-a-month")["status"] == "pending"


def test_140_billion_parameters_contradicted(bundled):
    r = row(bundled.check(as_of="2024-05-01"), "meta-llama-3-140b-params")
    assert (r["status"], r["event_id"]) == ("contradicted", "llama-3-release")


def test_may_2023_no_commercial_use_contradicted_by_the_llama_2_licence(bundled):
    r = row(bundled.check(as_of="2023-08-01"), "meta-no-commercial-llama-may-2023")
    assert (r["status"], r["event_id"]) == ("contradicted", "llama-2-license")
    assert row(bundled.check(as_of="2023-07-01"), "meta-no-commercial-llama-may-2023")["status"] == "pending"


def test_fine_tuned_from_llama_2_claims(bundled):
    report = bundled.check(as_of="2024-05-01")
    assert row(report, "press-mistral-fine-tuned-from-llama-2")["status"] == "contradicted"
    assert row(report, "press-falcon-fine-tuned-from-llama-2")["status"] == "contradicted"
    assert row(report, "press-beluga-fine-tuned-from-llama-2")["status"] == "confirmed"


def test_gpt_5_on_the_horizon_fulfilled_in_2025(bundled):
    assert row(bundled.check(as_of="2025-08-06"), "press-gpt-5-on-the-horizon")["status"] == "pending"
    r = row(bundled.check(as_of="2025-08-07"), "press-gpt-5-on-the-horizon")
    assert (r["status"], r["event_id"]) == ("fulfilled", "gpt-5-release")


@pytest.mark.parametrize("as_of", ["2023-08-01", "2024-05-01", "2026-11-25"])
def test_every_bundled_row_has_a_reason_naming_its_event_or_what_is_missing(bundled, as_of):
    report = bundled.check(as_of=as_of)
    assert report["reason"].str.len().min() > 20
    for r in report.itertuples():
        if pd.notna(r.event_id):
            assert f"event {r.event_id}" in r.reason or f"Event {r.event_id}" in r.reason, r.id
        else:
            assert ("No " in r.reason and "is recorded" in r.reason) or "states no facts" in r.reason \
                or r.reason.startswith("No known event about"), r.id
        if pd.notna(r.ruling_id):
            assert r.reason.startswith("Ruled ") and f"ruling {r.ruling_id}" in r.reason


def test_the_350k_h100_prediction_is_quantitative_and_ruled_undetermined(bundled):
    assert str(bundled["zuckerberg-350k-h100-by-end-of-2024"].facts) == "gpus>=350e3"
    before = row(bundled.check(as_of="2024-12-31"), "zuckerberg-350k-h100-by-end-of-2024")
    assert (before["status"], before["reason"]) == ("pending", (
        "No deployment of Meta's H100 fleet with gpus>=350e3 is recorded by 2024-12-31; the deadline is "
        "2024-12-31 (« d'ici la fin de l'année », said 2024-01-18)."))
    after = row(bundled.check(as_of="2025-01-01"), "zuckerberg-350k-h100-by-end-of-2024")
    assert (after["status"], after["auto_status"], after["ruling_id"]) == (
        "undetermined", "missed", "ruling-zuckerberg-350k-h100")


def test_the_parity_forecasts_are_ruled_with_their_reasoning(bundled):
    report = bundled.check(as_of="2026-11-25")
    casey, soon = row(report, "casey-open-source-match-this-year"), row(report, "press-open-source-match-gpt-4-soon")
    assert (casey["status"], soon["status"]) == ("fulfilled", "partly")
    assert "Llama 3.1 405B" in soon["reason"] and "community" in soon["reason"]
    assert "open-model-gpt-4-parity" not in bundled  # a judgement is a ruling, not an event


def test_claims_reported_in_the_seed_articles_carry_their_urls(bundled):
    cells = bundled.cells.set_index("id")
    assert cells.loc["lecun-llama-2-upends-market", "url"].startswith("https://www.latribune.fr/")
    assert cells.loc["press-google-could-surprise", "url"] == "https://fr.businessam.be/meta-microsoft-partenariat-ia-llama-2-google"


def test_the_report_does_not_depend_on_the_order_of_the_rows():
    # a subject code that only a subject record's alias gives once took its family from whatever row
    # came last, so a shuffled file settled the Llama 2 claims differently
    import numpy as np

    tl = lt.load()
    for as_of in ("2024-05-01", "2026-12-01"):
        expected = pd.DataFrame(tl.check(as_of=as_of)).set_index("id").sort_index()
        rng = np.random.default_rng(7)
        for _ in range(12):
            shuffled = lt.load(tl.cells.iloc[rng.permutation(len(tl.cells))].reset_index(drop=True))
            got = pd.DataFrame(shuffled.check(as_of=as_of)).set_index("id").sort_index()
            pd.testing.assert_frame_equal(got, expected)


# -- no verdict for a day that has not come -------------------------------------------------------------------
@pytest.mark.parametrize("as_of", ["2099-01-01", "2030", "2026-Q4~"])
def test_a_checking_day_after_today_is_refused_naming_today(monkeypatch, as_of):
    monkeypatch.setattr("llmtimeline.dates.today", lambda: dt.date(2026, 12, 7))
    tl = lt.load()
    for call in (lambda: tl.check(as_of=as_of), lambda: tl.track_record(as_of=as_of)):
        with pytest.raises(lt.ArgumentError, match=r"after today \(2026-12-07\): the data cannot speak for days"):
            call()
    assert len(tl.check(as_of="2026-12-07")) == len(tl.claims)  # today itself is fine


def test_a_mistyped_year_cannot_publish_missed_for_a_deadline_to_come(monkeypatch):
    monkeypatch.setattr("llmtimeline.dates.today", lambda: dt.date(2026, 6, 1))
    tl = lt.Timeline([pred("2026-01-10", "release x", "by the end of 2026")])
    assert tl.check()["status"].tolist() == ["pending"]
    with pytest.raises(lt.ArgumentError):
        tl.check(as_of="2062-01-01")  # 2026 mistyped: refused, not "missed"


def test_history_shows_no_day_after_today(monkeypatch):
    monkeypatch.setattr("llmtimeline.dates.today", lambda: dt.date(2026, 6, 1))
    tl = lt.Timeline([pred("2026-01-10", "release x", "by the end of 2026")])
    history = tl.history("p")
    assert history["as_of"].max() <= pd.Timestamp("2026-06-01") and history["status"].tolist() == ["pending"]
    monkeypatch.setattr("llmtimeline.dates.today", lambda: dt.date(2027, 3, 1))
    assert tl.history("p")["status"].tolist() == ["pending", "missed"]  # the day after the deadline, once it has come


def test_the_command_line_refuses_a_future_as_of_in_one_line(capsys):
    from llmtimeline import cli

    assert cli.main(["check", "--as-of", "2999-01-01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "after today" in err and "Traceback" not in err
