"""Every record rule is defined once (llmtimeline.schema) and gives the same problems
whether a record comes from a file or is checked as an object built in code."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import DEADLINE_PHRASES, NEAR_DATES, record_dates

import llmtimeline as lt
from llmtimeline.model import record_problems
from llmtimeline.schema import CELL_RULES, COLUMNS, RECORD_RULES

GOOD = {
    "id": "clegg-llama3-within-a-month", "type": "prediction", "date": "2024-04-09", "actor": "Meta",
    "speaker": "Nick Clegg", "kind": "", "subject": "", "title": "Clegg: Llama 3 within a month",
    "expects": "release llama-3", "deadline": "d'ici un mois, voire moins", "facts": "",
    "quote": "D'ici un mois, voire moins", "lang": "fr", "source": "004_44db87e179630db2.txt",
    "url": "", "published": "2024-04-10~", "notes": "",
}


def _file_problems(row: dict[str, str]) -> list[tuple[str | None, str]]:
    """(column, reason) of every problem lt.load reports for a file of this one row."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerow([row.get(c, "") for c in COLUMNS])  # claim, verdict: for rulings only
    try:
        _load_text(out.getvalue())
    except lt.LoadError as error:
        return sorted((p.column, p.reason) for p in error.problems)
    return []


def _load_text(text: str) -> lt.Timeline:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.csv"
        path.write_text(text, encoding="utf-8", newline="")
        return lt.load(path)


def _object_problems(row: dict[str, str]) -> list[tuple[str | None, str]]:
    return sorted((p.column, p.reason) for p in record_problems(row))


def test_the_rules_are_data_with_a_column_and_a_reason():
    assert all(rule.column in COLUMNS for rule in RECORD_RULES)
    assert all(rule.column == column and callable(rule.check) for column, rule in CELL_RULES.items())
    assert {rule.column for rule in RECORD_RULES} >= {"id", "type", "date", "title", "source", "actor", "lang"}


def test_a_good_record_has_no_problem_either_way():
    assert _file_problems(GOOD) == [] == _object_problems(GOOD)


def test_a_control_character_does_not_hide_the_other_problems_of_its_row():
    row = {**GOOD, "date": "2024-13", "title": "", "notes": "bell \x07 here"}
    problems = _file_problems(row)
    assert [c for c, _ in problems] == ["date", "notes", "title"]
    assert problems == _object_problems(row)


def test_several_problems_of_one_row_are_all_reported():
    row = {**GOOD, "type": "statement", "expects": "release llama-3", "quote": "x", "lang": "", "actor": "",
           "speaker": ""}
    problems = _file_problems(row)
    assert {c for c, _ in problems} >= {"actor", "deadline", "expects", "lang", "subject"}
    assert problems == _object_problems(row)


_VALUES = {
    "type": st.sampled_from(["event", "prediction", "statement", "", "rumour"]),
    "date": st.one_of(record_dates, st.sampled_from(NEAR_DATES)),
    "actor": st.sampled_from(["Meta", "", " Meta", "Acme\x07"]),
    "speaker": st.sampled_from(["", "Nick Clegg"]),
    "kind": st.sampled_from(["", "release", "Release", "ship it"]),
    "subject": st.sampled_from(["", "llama-3", "Llama 3", " llama"]),
    "title": st.sampled_from(["", "A title", "two\nlines"]),
    "expects": st.sampled_from(["", "release llama-3", "not release llama-3", "release"]),
    "deadline": st.one_of(st.sampled_from(DEADLINE_PHRASES), st.sampled_from(["", "when pigs fly", "2024-02-30"])),
    "facts": st.sampled_from(["", "params=8e9", "params 8e9", "a=1; a=2"]),
    "quote": st.sampled_from(["", "Il a dit « bientôt »"]),
    "lang": st.sampled_from(["", "fr", "French"]),
    "source": st.sampled_from(["", "seed.txt"]),
    "url": st.sampled_from(["", "https://example.org/a", "ftp://x", "http://"]),
    "published": st.sampled_from(["", "2024-04-10~", "2024-04-31"]),
}


@settings(max_examples=60)
@given(st.fixed_dictionaries(_VALUES))
def test_a_file_and_an_object_report_the_same_problems(values):
    row = {**GOOD, **values}
    assert _file_problems(row) == _object_problems(row)


def _claim(**changes: str) -> lt.Claim:
    fields: dict[str, object] = {k: v for k, v in GOOD.items() if k not in ("kind", "url", "published")}
    fields["source"] = lt.Source(GOOD["source"], GOOD["url"], GOOD["published"])
    fields.update(changes)
    return lt.Claim(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lang": ""}, "prediction 'clegg-llama3-within-a-month': lang: a quote needs the code of its language, e.g. 'fr'"),
        ({"actor": "", "speaker": ""},
         "prediction 'clegg-llama3-within-a-month': actor: a claim needs an actor (organisation) or a speaker"),
        ({"deadline": "when pigs fly", "title": " padded"},
         "prediction 'clegg-llama3-within-a-month': title: title has spaces at its start or end; deadline: {deadline}"),
    ],
)
def test_record_errors_give_every_reason_exactly(changes, message):
    with pytest.raises(lt.RecordError) as caught:
        _claim(**changes)
    if "{deadline}" in message:
        try:
            lt.parse_deadline("when pigs fly", said="2024-04-09")
        except lt.DeadlineError as error:
            message = message.replace("{deadline}", error.reason)
    assert str(caught.value) == message


def test_a_bad_date_in_code_is_a_date_error_naming_the_text():
    with pytest.raises(lt.DateError) as caught:
        _claim(date="2024-13")
    assert str(caught.value) == "'2024-13' is not a date: month 13 is not between 01 and 12"
    assert isinstance(caught.value, ValueError)
