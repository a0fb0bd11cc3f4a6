"""Uncertain dates: forms, bounds, printing back, interval logic."""

import datetime as dt

import pytest

import llmtimeline as lt

D = dt.date

EXAMPLES = [
    # text, earliest, latest, precision, approximate
    ("2024-04-18", D(2024, 4, 18), D(2024, 4, 18), "day", False),
    ("2024-04", D(2024, 4, 1), D(2024, 4, 30), "month", False),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month", False),
    ("2023-02", D(2023, 2, 1), D(2023, 2, 28), "month", False),
    ("2024", D(2024, 1, 1), D(2024, 12, 31), "year", False),
    ("2024-Q2", D(2024, 4, 1), D(2024, 6, 30), "quarter", False),
    ("2024-Q4", D(2024, 10, 1), D(2024, 12, 31), "quarter", False),
    ("2024-04~", D(2024, 4, 1), D(2024, 4, 30), "month", True),
    ("1950", D(1950, 1, 1), D(1950, 12, 31), "year", False),
    ("2023-07-19~", D(2023, 7, 19), D(2023, 7, 19), "day", True),
]

BAD_EXAMPLES = [
    ("2024-13-01", "month 13"),
    ("2024-13", "month 13"),
    ("2024-02-30", "has 29 days"),
    ("2023-02-29", "has 28 days"),
    ("April", "expected YYYY-MM-DD"),
    ("2024-Q5", "Q5"),
    ("2024-Q0", "Q0"),
    ("24-04-18", "expected"),
    ("2024/04/18", "expected"),
    ("", "expected"),
    ("0000", "year 0000"),
    ("2024-4", "expected"),
    ("~2024", "expected"),
]


@pytest.mark.parametrize(("text", "earliest", "latest", "precision", "approximate"), EXAMPLES)
def test_parse_date_bounds_precision_and_text(text, earliest, latest, precision, approximate):
    when = lt.parse_date(text)
    assert (when.earliest, when.latest) == (earliest, latest)
    assert when.precision == precision
    assert when.approximate is approximate
    assert str(when) == text


@pytest.mark.parametrize(("text", "reason"), BAD_EXAMPLES)
def test_bad_dates_raise_date_error_naming_the_text(text, reason):
    with pytest.raises(lt.DateError) as info:
        lt.parse_date(text)
    assert isinstance(info.value, ValueError) and isinstance(info.value, lt.Error)
    assert info.value.text == text
    assert reason in str(info.value)
    assert repr(text) in str(info.value)


def test_dates_and_when_are_accepted_as_they_are():
    when = lt.parse_date("2024-04")
    assert lt.parse_date(when) is when
    assert lt.parse_date(D(2024, 4, 18)) == lt.parse_date("2024-04-18")
    assert lt.parse_date(dt.datetime(2024, 4, 18, 13, 5)) == lt.parse_date("2024-04-18")
    with pytest.raises(lt.DateError, match="got int"):
        lt.parse_date(2024)


def test_interval_logic():
    april, june1, april18 = lt.parse_date("2024-04"), lt.parse_date("2024-06-01"), lt.parse_date("2024-04-18")
    assert april < june1 and june1 > april
    assert not april < april18 and not april > april18
    assert april.overlaps(april18) and april18.overlaps(april)
    assert april <= april18 and april >= april18
    assert april.before("2024-05") and not april.before("2024-04-30")
    assert lt.parse_date("2024-Q2").after("2024-03")
    assert april.contains(D(2024, 4, 30)) and not april.contains(D(2024, 5, 1))
    assert lt.parse_date("2024").days == 366


def test_sort_key_orders_by_earliest_then_latest():
    whens = [lt.parse_date(t) for t in ("2024", "2024-01-01", "2024-Q1", "2023-12")]
    assert [str(w) for w in sorted(whens, key=lambda w: w.sort_key)] == ["2023-12", "2024-01-01", "2024-Q1", "2024"]


def test_inconsistent_bounds_cannot_be_built():
    with pytest.raises(lt.DateError, match="not one month"):
        lt.When(D(2024, 4, 1), D(2024, 4, 29), "month")
    with pytest.raises(lt.DateError):
        lt.When(D(2024, 4, 2), D(2024, 4, 1), "day")
    with pytest.raises(ValueError):
        lt.When(D(2024, 4, 1), D(2024, 4, 30), "fortnight")
