"""Deadline phrases, English and French, pinned to their dates (DESIGN.md conventions)."""

import datetime as dt

import pytest

import llmtimeline as lt

D = dt.date
SAID = "2024-04-09"

# phrase, said, latest day of the window
PHRASES = [
    # explicit dates in every parse_date form
    ("2024-06-30", SAID, D(2024, 6, 30)),
    ("2024-06", SAID, D(2024, 6, 30)),
    ("2024-Q3", SAID, D(2024, 9, 30)),
    ("2025", SAID, D(2025, 12, 31)),
    ("2024-06~", SAID, D(2024, 6, 30)),
    ("by 2024-06-30", SAID, D(2024, 6, 30)),
    ("June 30, 2025", SAID, D(2025, 6, 30)),
    ("le 30 juin 2025", SAID, D(2025, 6, 30)),
    # spans run from the day said, calendar months
    ("within a month", SAID, D(2024, 5, 9)),
    ("within a month", "2024-01-31", D(2024, 2, 29)),
    ("within a month", "2023-01-31", D(2023, 2, 28)),
    ("within two weeks", SAID, D(2024, 4, 23)),
    ("within 3 days", SAID, D(2024, 4, 12)),
    ("within six months", SAID, D(2024, 10, 9)),
    ("within a year", "2024-02-29", D(2025, 2, 28)),
    ("in the next 3 months", SAID, D(2024, 7, 9)),
    ("within the next year", SAID, D(2025, 4, 9)),
    ("within a fortnight", SAID, D(2024, 4, 23)),
    ("d'ici un mois", SAID, D(2024, 5, 9)),
    ("d'ici un mois, voire moins", SAID, D(2024, 5, 9)),
    ("D’ici un mois, voire moins", SAID, D(2024, 5, 9)),
    ("d'ici trois mois", SAID, D(2024, 7, 9)),
    ("dans les deux semaines", SAID, D(2024, 4, 23)),
    ("dans six mois", SAID, D(2024, 10, 9)),
    ("d'ici une quinzaine de jours", SAID, D(2024, 4, 24)),
    ("within a month or even sooner", SAID, D(2024, 5, 9)),
    # named periods end on their last day
    ("by the end of the month", SAID, D(2024, 4, 30)),
    ("by the end of the quarter", SAID, D(2024, 6, 30)),
    ("by the end of the year", SAID, D(2024, 12, 31)),
    ("by end of year", SAID, D(2024, 12, 31)),
    ("by year-end", SAID, D(2024, 12, 31)),
    ("this year", SAID, D(2024, 12, 31)),
    ("later this year", SAID, D(2024, 12, 31)),
    ("next year", SAID, D(2025, 12, 31)),
    ("next month", SAID, D(2024, 5, 31)),
    ("next month", "2024-12-15", D(2025, 1, 31)),
    ("next quarter", SAID, D(2024, 9, 30)),
    ("by the end of next year", SAID, D(2025, 12, 31)),
    ("by June", SAID, D(2024, 6, 30)),
    ("by June", "2024-07-01", D(2025, 6, 30)),
    ("by April", SAID, D(2024, 4, 30)),
    ("by June 2025", SAID, D(2025, 6, 30)),
    ("by Q3", SAID, D(2024, 9, 30)),
    ("by Q1", SAID, D(2025, 3, 31)),
    ("by Q2", SAID, D(2024, 6, 30)),
    ("by Q3 2025", SAID, D(2025, 9, 30)),
    ("by 2025", SAID, D(2025, 12, 31)),
    ("by the end of 2024", SAID, D(2024, 12, 31)),
    ("H2 2024", SAID, D(2024, 12, 31)),
    ("in the second half of 2025", SAID, D(2025, 12, 31)),
    ("by summer", SAID, D(2024, 8, 31)),
    ("by summer", "2024-09-01", D(2025, 8, 31)),
    ("by winter", SAID, D(2025, 2, 28)),
    ("early 2025", SAID, D(2025, 4, 30)),
    ("mid-2025", SAID, D(2025, 8, 31)),
    ("late 2025", SAID, D(2025, 12, 31)),
    ("before 2025", SAID, D(2024, 12, 31)),
    ("d'ici la fin de l'année", SAID, D(2024, 12, 31)),
    ("d’ici la fin de l’année", SAID, D(2024, 12, 31)),
    ("D'ICI LA FIN DE L'ANNÉE", SAID, D(2024, 12, 31)),
    ("d'ici à la fin de l'année", SAID, D(2024, 12, 31)),
    ("au cours de cette année", SAID, D(2024, 12, 31)),
    ("cette année", SAID, D(2024, 12, 31)),
    ("dans l'année", SAID, D(2024, 12, 31)),
    ("avant la fin du mois", SAID, D(2024, 4, 30)),
    ("avant la fin de l'année", SAID, D(2024, 12, 31)),
    ("l'année prochaine", SAID, D(2025, 12, 31)),
    ("l'an prochain", SAID, D(2025, 12, 31)),
    ("le mois prochain", SAID, D(2024, 5, 31)),
    ("d'ici l'été", SAID, D(2024, 8, 31)),
    ("d'ici l'ete", SAID, D(2024, 8, 31)),
    ("d'ici l'été", "2024-08-31", D(2024, 8, 31)),
    ("d'ici l'été", "2024-09-01", D(2025, 8, 31)),
    ("cet été", SAID, D(2024, 8, 31)),
    ("avant l'été", SAID, D(2024, 5, 31)),
    ("d'ici juin", SAID, D(2024, 6, 30)),
    ("d'ici fin 2024", SAID, D(2024, 12, 31)),
    ("d'ici le T3", SAID, D(2024, 9, 30)),
    ("au troisième trimestre", SAID, D(2024, 9, 30)),
    ("au second semestre", SAID, D(2024, 12, 31)),
    ("début 2025", SAID, D(2025, 4, 30)),
    ("fin juin", SAID, D(2024, 6, 30)),
    ("en 2025", SAID, D(2025, 12, 31)),
    ("au plus tard en juin", SAID, D(2024, 6, 30)),
]

VAGUE = [
    "soon", "very soon", "shortly", "in the coming weeks", "in the coming months", "in the near future",
    "bientôt", "prochainement", "sous peu", "dans les prochains mois", "dans les prochaines semaines",
    "au cours des prochains mois", "dans les semaines à venir", "à l'horizon", "à moyen terme",
    "dans quelques mois", "later",
]

UNKNOWN = ["blah", "when pigs fly", "d'ici la saint-glinglin", "within a month, voire deux", "2024-13", "by Octember"]


@pytest.mark.parametrize(("phrase", "said", "latest"), PHRASES)
def test_phrase_gives_the_last_day_of_its_window(phrase, said, latest):
    window = lt.parse_deadline(phrase, said=said)
    assert window.latest == latest
    assert not window.vague and not window.open
    assert window.phrase == phrase


@pytest.mark.parametrize("phrase", VAGUE)
def test_vague_phrases_give_an_open_window_marked_vague(phrase):
    window = lt.parse_deadline(phrase, said=SAID)
    assert window.vague and window.open and window.latest is None
    assert window.kind == "vague"


@pytest.mark.parametrize("phrase", UNKNOWN)
def test_unknown_phrases_raise_an_error_naming_them(phrase):
    with pytest.raises(lt.DeadlineError) as info:
        lt.parse_deadline(phrase, said=SAID)
    assert info.value.phrase == phrase
    assert repr(phrase) in str(info.value)
    assert isinstance(info.value, lt.Error) and isinstance(info.value, ValueError)


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
