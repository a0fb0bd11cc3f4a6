"""Deadline phrases, English and French, pinned to their dates (DESIGN.md conventions)."""

import datetime as dt

import pytest

import llmtimeline as lt

D = dt.date
SAID = "2024-04-09"

# The phrases with their days are in the one corpus, tests/data/deadline_corpus.csv (test_deadline_phrases.py).


def test_kinds_of_window():
    assert lt.parse_deadline("2024-06", said=SAID).kind == "date"
    assert lt.parse_deadline("within a month", said=SAID).kind == "span"
    assert lt.parse_deadline("by June", said=SAID).kind == "period"


def test_no_deadline_is_an_open_window_that_is_not_vague():
    for text in (None, "", "   "):
        window = lt.parse_deadline(text, said=SAID)
        assert window.open and not window.vague and window.kind == "none"


def test_relative_phrases_need_the_day_said_but_dates_do_not():
    assert lt.parse_deadline("2024-06-30").latest == D(2024, 6, 30)
    assert lt.parse_deadline("by June 2025").latest == D(2025, 6, 30)
    with pytest.raises(lt.DeadlineError, match="said="):
        lt.parse_deadline("within a month")


def test_uncertain_said_dates_are_read_from_their_latest_day():
    # "said in April 2024, within a month" gives the benefit of the doubt: from 2024-04-30
    assert lt.parse_deadline("within a month", said="2024-04").latest == D(2024, 5, 30)
    assert lt.parse_deadline("by the end of the year", said="2024-Q2").latest == D(2024, 12, 31)
    assert lt.parse_deadline("within a month", said=D(2024, 4, 9)).latest == D(2024, 5, 9)


def test_bad_said_date_is_a_deadline_error():
    with pytest.raises(lt.DeadlineError, match="said="):
        lt.parse_deadline("within a month", said="April")


def test_window_outside_the_calendar_is_an_error_not_a_crash():
    with pytest.raises(lt.DeadlineError):
        lt.parse_deadline("next year", said="9999-06-01")


@pytest.mark.parametrize("phrase", ["Q𐹠 2025", "within 𐹠 months", "H𐹠 2026", "by 𐹠/3/2025", "in ²3 weeks",
                                    "d'ici ① mois", "in 2³ months"])
def test_digits_that_are_not_decimal_are_refused_not_read(phrase):
    """``str.isdigit`` is True for U+10E60 (RUMI DIGIT ONE), superscripts and circled digits; ``int``
    refuses the first, and NFKD would make "²3" a 23. The phrase is refused, naming itself."""
    with pytest.raises(lt.DeadlineError, match="not a known deadline phrase"):
        lt.parse_deadline(phrase, said="2025-01-01")


@pytest.mark.parametrize("phrase, latest", [("within ３ months", dt.date(2025, 4, 1)), ("by Q３ 2025", dt.date(2025, 9, 30))])
def test_fullwidth_digits_are_digits(phrase, latest):
    assert lt.parse_deadline(phrase, said="2025-01-01").latest == latest
