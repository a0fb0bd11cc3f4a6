"""The store reads a column of deadlines as parse_deadline reads each one: ISO dates by the quick path included."""

import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline.dates import NO_DAY, day_number
from llmtimeline.validation import _date_deadline

HEADER = "id,type,date,actor,speaker,kind,subject,title,expects,deadline,facts,quote,lang,source,url,published,notes"


def _grammar_last_day(phrase):
    """The last day the grammar gives a phrase read without a day said, when it names a date."""
    try:
        window = lt.parse_deadline(phrase)
    except lt.DeadlineError:
        return None
    return window.latest if window.latest is not None and not window.vague else None


iso_shapes = st.one_of(
    st.integers(0, 9999).map(lambda y: f"{y:04d}"),
    st.tuples(st.integers(0, 9999), st.integers(0, 9)).map(lambda t: f"{t[0]:04d}-Q{t[1]}"),
    st.tuples(st.integers(0, 9999), st.integers(0, 99)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}"),
    st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),
)


@settings(max_examples=300, deadline=None)
@given(iso_shapes)
def test_an_iso_deadline_ends_where_the_grammar_says(phrase):
    assert _date_deadline(phrase) == _grammar_last_day(phrase)


@pytest.mark.parametrize("phrase", ["2024-02-29", "2023-02-29", "2026-Q4", "2026-13", "0000", "0012-13", "by 2026",
                                    "within a month", "soon", "2026-06-30~", " 2026", "２０２６"])
def test_the_quick_path_and_the_grammar_agree_on_edge_cases(phrase):
    assert _date_deadline(phrase) == _grammar_last_day(phrase)


def _load(rows):
    lines = [HEADER] + [f"p{i},prediction,{said},Meta,,,,t,release llama-{i},{phrase},,,,blog,,,"
                        for i, (said, phrase) in enumerate(rows)]
    return lt.load(io.StringIO("\n".join(lines)), errors="keep")


def test_a_loaded_column_of_deadlines_equals_parse_deadline_row_by_row():
    rows = [("2024-04-09", "2026-03-31"), ("2024-04", "2026-Q1"), ("2024", "2027"), ("2025-01-02", "2025-02"),
            ("2024-04-09", "within a month"), ("2024-04-09", "2026-03-31"), ("2024-12-31", "by the end of the year")]
    tl = _load(rows)
    assert len(tl.problems) == 0
    got = tl.typed["deadline"].tolist()
    for (said, phrase), day in zip(rows, got, strict=True):
        window = lt.parse_deadline(phrase, said=lt.parse_date(said).latest)
        assert day == (NO_DAY if window.latest is None else day_number(window.latest))


def test_an_iso_deadline_before_the_day_said_is_refused_with_the_grammars_reason():
    tl = _load([("2026-05-01", "2026-03-31"), ("2026-03-01", "2026-03-31"), ("2026-04", "2026-Q1")])
    problems = tl.problems
    assert problems["line"].tolist() == [2, 4]
    assert set(problems["column"]) == {"deadline"}
    for reason, said in zip(problems["reason"], ["2026-05-01", "2026-04-30"], strict=True):
        assert said in reason and "ends on" in reason
    assert tl.typed["deadline"].tolist() == [day_number(dt.date(2026, 3, 31))]
