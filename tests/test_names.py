"""Names: subjects matched after normalisation, aliases and families (DESIGN.md, "Names")."""

from pathlib import Path

import pytest
from builders import ev, pred, stmt, verdict

import llmtimeline as lt

EPOCH_TABLE = Path(__file__).parent / "data" / "notable_models.csv"


def subject(name: str, facts: str = "", title: str | None = None) -> lt.Subject:
    return lt.Subject(id=f"subject-{name}", date="2024-01-01", subject=name, title=title or name.title(),
                      source="test", facts=facts)


@pytest.mark.parametrize(("text", "expected"), [
    ("Gemini 2", "gemini-2"), ("gemini-2", "gemini-2"), ("GEMINI_2", "gemini-2"), ("  Gemini   2 ", "gemini-2"),
    ("gemini _ 2", "gemini-2"), ("GPT-5", "gpt-5"), ("llama-3.1", "llama-3.1"), ("Llama 3.1", "llama-3.1"),
    ("llama\t3", "llama-3"), ("Straße", "strasse"),
])
def test_normalise(text, expected):
    assert lt.normalise(text) == expected


def test_dots_and_digits_are_kept():
    assert lt.normalise("llama-3.1") != lt.normalise("llama-31")


def test_release_gemini_2_is_settled_by_an_event_about_gemini_dash_2():
    records = [pred("2024-06-01", expects="release Gemini 2", deadline="by the end of the year"),
               ev("2024-12-11", subject="gemini-2", id="g2")]
    assert verdict(records, "2025-01-01") == {"status": "fulfilled", "event_id": "g2", "margin": 20}


def test_case_and_underscores_do_not_make_a_false_missed():
    records = [pred("2025-01-01", expects="release gpt-5", deadline="2025-12-31"), ev("2025-08-07", subject="GPT_5", id="e")]
    assert verdict(records, "2026-01-01")["status"] == "fulfilled"


def test_an_alias_settles_a_prediction_and_a_statement():
    records = [subject("gemini-advanced", "aka=bard-advanced"),
               pred("2023-12-06", expects="release bard-advanced", deadline="early next year"),
               ev("2024-02-08", subject="gemini-advanced", id="ga", facts="price=19.99"),
               stmt("2024-01-01", "price=19.99", subject="Bard Advanced")]
    assert verdict(records, "2024-06-01")["event_id"] == "ga"
    assert verdict(records, "2024-06-01", "s")["status"] == "confirmed"


def test_a_family_member_settles_a_prediction_transitively():
    records = [subject("llama-3"), subject("llama-3.1", "part_of=llama-3"), subject("llama-3.1-405b", "part_of=llama-3.1"),
               pred("2024-04-18", expects="release llama-3", deadline="by the end of the year"),
               ev("2024-07-23", subject="llama-3.1-405b", id="big")]
    assert verdict(records, "2025-01-01") == {"status": "fulfilled", "event_id": "big", "margin": 161}


def test_a_family_does_not_settle_a_prediction_about_one_member():
    records = [subject("llama-3"), subject("llama-3-70b", "part_of=llama-3"),
               pred("2024-04-01", expects="release llama-3-70b", deadline="2024-12-31"), ev("2024-04-18", id="fam")]
    assert verdict(records, "2025-01-01")["status"] == "missed"


def test_statements_compare_with_aliases_only_not_with_members():
    records = [subject("llama-3", "aka=meta-llama-3"), subject("llama-3-70b", "part_of=llama-3"),
               ev("2024-04-18", subject="llama-3-70b", facts="params=70e9", id="m"),
               stmt("2024-04-10", "params=140e9", subject="meta-llama-3")]
    assert verdict(records, "2024-05-01", "s")["status"] == "unverified"  # the member's facts are its own


def test_cycles_end_the_chain():
    names = lt.Names.from_records([("a", "A", "part_of=b"), ("b", "B", "part_of=c"), ("c", "C", "part_of=a")])
    assert names.ancestors("a") == ("a", "b", "c")
    assert set(names.members("b")) == {"a", "b", "c"}
    records = [subject("a", "part_of=b"), subject("b", "part_of=a"), pred("2024-01-01", expects="release b"),
               ev("2024-02-01", subject="a", id="e")]
    assert verdict(records, "2024-03-01")["event_id"] == "e"


def test_aliases_are_an_equivalence_and_the_first_record_names_it():
    names = lt.Names.from_records([("gemini-app", "Gemini", "aka=bard"), ("bard", "Bard", "aka=Bard Chat")])
    assert {names.canonical(n) for n in ("bard", "BARD_CHAT", "gemini app")} == {"gemini-app"}
    assert names.aliases("bard") == ("gemini-app", "bard", "bard-chat")
    assert names.title("Bard Chat") == "Gemini" and names.title("nothing") is None


def test_reports_show_subject_titles():
    records = [subject("llama-3", title="Llama 3"), pred("2024-04-09", deadline="within a month"),
               ev("2024-04-18", id="rel")]
    reason = lt.Timeline(records).check(as_of="2024-05-01")["reason"].iloc[0]
    assert reason.startswith("Llama 3 was released on 2024-04-18, 21 days before the deadline of 2024-05-09")


def test_about_finds_every_name_and_member():
    tl = lt.load()
    ids = {r.id for r in tl.about("Bard")}
    assert {"bard-release", "bard-announcement", "subject-gemini-app"} <= ids
    assert {"llama-3.1-release", "llama-3-release", "clegg-llama3-within-a-month"} <= {r.id for r in tl.about("LLAMA 3")}
    with pytest.raises(lt.UnknownRecordError):
        tl.about("llama-31")


def test_the_bundled_subject_records_resolve():
    names = lt.load().names
    assert names.canonical("bard") == "gemini-app" and names.canonical("Bard Advanced") == "gemini-advanced"
    assert names.ancestors("llama-3.1-405b") == ("llama-3.1-405b", "llama-3.1", "llama-3")
    assert names.title("llama-3") == "Llama 3"


# -- Epoch AI's real table ----------------------------------------------------------------------
def _merged(with_family: bool) -> lt.Timeline:
    """The bundled claims and subject records with Epoch's 884 release events (their own events left out)."""
    bundled = lt.load()
    epoch = lt.load(EPOCH_TABLE)
    keep = [r for r in bundled if r.type != "event" and (with_family or r.type != "subject")]
    return lt.Timeline([*epoch.events, *keep])


def test_the_epoch_table_settles_the_llama_3_predictions_once_the_family_is_declared():
    llama_3 = ["clegg-llama3-within-a-month", "clegg-llama3-models-this-year", "press-llama-3-most-advanced-open"]
    without = _merged(with_family=False).check(as_of="2024-12-31").set_index("id")
    assert set(without.loc[llama_3, "status"]) <= {"pending", "missed"}  # Epoch names llama-3-70b, not llama-3
    report = _merged(with_family=True).check(as_of="2024-12-31").set_index("id")
    assert report.loc[llama_3, "status"].tolist() == ["fulfilled"] * 3
    assert report.loc[llama_3, "event_id"].tolist() == ["llama-3-70b"] * 3
    assert report.loc["clegg-llama3-within-a-month", "margin_days"] == 21
