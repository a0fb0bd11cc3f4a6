"""The deadline grammar, family by family, English and French (DESIGN.md "Dates and deadlines").

The examples are one corpus, ``tests/data/deadline_corpus.csv`` (Duckling's model: the corpus is the
spec): each row gives a phrase, its language, the day it was said, what it reads as (the last day of its
window; ``vague`` or ``vague:N`` for a vague phrase with no horizon or a soft horizon of N months; ``error``
for a refusal), its family and where it comes from.  Said-days include month ends, the leap day 2024-02-29
and 31 December.
"""

import csv
import datetime as dt
from pathlib import Path

import pytest

import llmtimeline as lt

D = dt.date
S = "2024-04-09"  # a Tuesday
LEAP = "2024-02-29"
NYE = "2024-12-31"
CORPUS_FILE = Path(__file__).parent / "data" / "deadline_corpus.csv"


def _corpus() -> list[dict[str, str]]:
    with CORPUS_FILE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


CORPUS = _corpus()
#: (phrase, day said, last day)
EXAMPLES = [(r["phrase"], r["said"], D.fromisoformat(r["expected"])) for r in CORPUS
            if r["expected"] not in ("error",) and not r["expected"].startswith("vague")]
#: (phrase, day said, soft horizon in months or None)
VAGUE = [(r["phrase"], r["said"], int(r["expected"][6:]) if ":" in r["expected"] else None) for r in CORPUS
         if r["expected"].startswith("vague")]
#: (phrase, day said) refused
REFUSED = [(r["phrase"], r["said"]) for r in CORPUS if r["expected"] == "error"]
#: The refusals of the first rounds' tables (said on S), as phrases.
BAD_EXAMPLES = [r["phrase"] for r in CORPUS if r["family"] == "refused" and r["said"] == S]
#: The families of the tables written for the first rounds (each of their phrases is found in running text).
FIRST_FAMILIES = frozenset({"spans", "ranges", "named_periods", "bare_periods", "thirds", "before", "dates",
                            "days_and_holidays", "hedged", "vague", "first_tables"})


def test_the_corpus_is_well_formed():
    for r in CORPUS:
        assert r["lang"] in ("en", "fr") and r["family"] and r["origin"], r
        D.fromisoformat(r["said"])
        assert r["expected"] in ("error", "vague") or r["expected"].startswith("vague:") or D.fromisoformat(r["expected"])
    keys = [(r["phrase"], r["said"]) for r in CORPUS]
    assert len(keys) == len(set(keys)), "a phrase is listed twice for one day said"
    assert {r["lang"] for r in CORPUS} == {"en", "fr"}


def _ids(table):
    return [f"{p}@{s}" for p, s, _ in table]


@pytest.mark.parametrize(("phrase", "said", "latest"), EXAMPLES, ids=_ids(EXAMPLES))
def test_phrase_ends_on_the_last_day_of_its_window(phrase, said, latest):
    window = lt.parse_deadline(phrase, said=said)
    assert (window.latest, window.vague, window.horizon) == (latest, False, None)
    assert window.phrase == phrase
    assert window.kind in ("date", "span", "period")


@pytest.mark.parametrize(("phrase", "said", "months"), VAGUE, ids=_ids(VAGUE))
def test_vague_phrase_has_no_day_and_its_soft_horizon(phrase, said, months):
    window = lt.parse_deadline(phrase, said=said)
    assert window.vague and window.latest is None and window.kind == "vague"
    day = lt.parse_date(said).latest
    expected = None if months is None else lt.parse_deadline(f"within {months} months", said=day).latest
    assert window.horizon == expected


@pytest.mark.parametrize(("phrase", "said"), REFUSED, ids=[f"{p}@{s}" for p, s in REFUSED])
def test_not_a_deadline_is_an_error_naming_the_phrase(phrase, said):
    with pytest.raises(lt.DeadlineError) as info:
        lt.parse_deadline(phrase, said=said)
    assert info.value.phrase == phrase
    assert repr(phrase) in str(info.value)
    assert info.value.reason


@pytest.mark.parametrize(("phrase", "reason"), [
    ("by June 31", "June 31 is not a day of the calendar"),
    ("Q5", "Q5 is not a quarter: quarters run from Q1 to Q4"),
    ("last year", "refers to the past: not a deadline"),
    (".", "punctuation alone is not a deadline"),
    ("at the latest", "a hedge alone ('probably', 'at the latest') is not a deadline"),
    ("7/8", "7/8 could be day/month or month/day: write the month in words or an ISO date"),
    ("within the month", "it reads as 30 days from the day said, or as the end of this month"),
    ("over the coming year", "it reads as 12 months from the day said, or as the next calendar year"),
    ("dans l'année", "it reads as 12 months from the day said, or as the end of this year"),
    ("in FY2027", "a fiscal year depends on the company's fiscal calendar, which the phrase does not give"),
    ("by Google I/O", "it is tied to an event the grammar cannot date; give the event's date"),
    ("by Labor Day", "a holiday whose date differs by country (or by church) is not dated by the grammar"),
    ("until 2028", "'until 2028' may or may not include the year it names: say 'until the end of ...' or 'before ...'"),
    ("jusqu'en juin", "'jusqu en juin' may or may not include the month it names: say 'until the end of ...' or "
                      "'before ...'"),
    ("next Saturday", "'next Saturday' reads as 2024-04-13 (the first one after the day said) or as 2024-04-20 "
                      "(the one of next week)"),
    ("by March 2024", "the window ends on 2024-03-31, before the day said (2024-04-09)"),
    ("by the end of 2026, within six months", "the phrase names two different days (2026-12-31 and 2024-10-09)"),
    ("24/12/14", "24/12/14 has a two-digit year: write the year in four digits"),
])
def test_refusals_say_why(phrase, reason):
    with pytest.raises(lt.DeadlineError) as info:
        lt.parse_deadline(phrase, said=S)
    assert info.value.reason == reason


def test_starts_stated_as_dates_end_with_their_period_and_lower_bounds_stay_open():
    """"starting in June" announces when a thing begins: a launch five months late is not fulfilled."""
    assert lt.parse_deadline("starting in June", said=S).latest == D(2024, 6, 30)
    assert lt.parse_deadline("à partir de juin", said=S).latest == D(2024, 6, 30)
    for phrase in ("not before June", "pas avant juin", "no earlier than June", "after June"):
        window = lt.parse_deadline(phrase, said=S)
        assert window.vague and window.horizon is None


def test_until_a_relative_period_ends_the_day_before_it():
    assert lt.parse_deadline("until next year", said=S).latest == D(2024, 12, 31)
    assert lt.parse_deadline("until the end of next year", said=S).latest == D(2025, 12, 31)
    assert lt.parse_deadline("jusqu'au 30 juin", said=S).latest == D(2024, 6, 30)


def test_the_regression_of_the_end_of_next_month_reads_again():
    assert lt.parse_deadline("d'ici la fin du mois prochain", said=S).latest == D(2024, 5, 31)


def test_kinds():
    assert lt.parse_deadline("May 15, 2025").kind == "date"
    assert lt.parse_deadline("within 18 months", said=S).kind == "span"
    assert lt.parse_deadline("by the end of next year", said=S).kind == "period"
    assert lt.parse_deadline("soon", said=S).kind == "vague"


def test_a_soft_horizon_needs_the_day_said_but_no_horizon_does_not():
    with pytest.raises(lt.DeadlineError, match="said="):
        lt.parse_deadline("in the coming weeks")
    assert lt.parse_deadline("eventually").vague


def test_a_very_long_phrase_is_refused_at_once():
    with pytest.raises(lt.DeadlineError, match="too long"):
        lt.parse_deadline("within " + "very " * 20_000 + "soon", said=S)


# -- properties -----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402 - the properties come after the tables
from hypothesis import strategies as st  # noqa: E402

#: Pieces of the grammar's own vocabulary, to build near-miss phrases from.
PIECES = sorted({w for p, _, _ in EXAMPLES + VAGUE for w in p.split()} | {"31", "29", "13", "0", "9999", "/", "-", ",",
                                                                          "Q5", "H3", "last", "ago", "not", "~"})
#: The phrases of the first rounds' tables: the property tests draw from them.
FIRST_EXAMPLES = [(r["phrase"], r["said"], D.fromisoformat(r["expected"])) for r in CORPUS
                  if r["family"] in FIRST_FAMILIES and r["expected"] != "error" and not r["expected"].startswith("vague")]


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8), st.sampled_from([S, LEAP, NYE, "9999-12-31", "0001-01-01"]))
def test_near_miss_phrases_raise_nothing_but_a_deadline_error(words, said):
    phrase = " ".join(words)
    try:
        window = lt.parse_deadline(phrase, said=said)
    except lt.Error as exc:
        assert isinstance(exc, lt.DeadlineError) and exc.phrase == phrase
        return
    day = lt.parse_date(said).latest
    assert window.latest is None or window.latest >= day  # never a window that ended before the day said
    assert window.vague == (window.latest is None) or window.kind == "none"


@given(st.text(max_size=80), st.sampled_from([S, NYE]))
def test_any_text_raises_nothing_but_a_deadline_error(text, said):
    try:
        lt.parse_deadline(text, said=said)
    except lt.Error as exc:
        assert isinstance(exc, lt.DeadlineError)


@given(st.lists(st.tuples(st.sampled_from([p for p, _, _ in FIRST_EXAMPLES + VAGUE] + ["by June 31", "within 6 weeks ago"]),
                          st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31))), min_size=1, max_size=12))
@settings(max_examples=40)
def test_a_loaded_table_reads_each_deadline_as_parse_deadline_does(rows):
    """The loader reads a phrase from many days at once; each row gets what parse_deadline gives it alone."""
    import pandas as pd

    table = pd.DataFrame({"id": [f"c{k}" for k in range(len(rows))], "type": "prediction",
                          "date": [d.isoformat() for _, d in rows], "actor": "Meta", "expects": "release llama-9",
                          "deadline": [p for p, _ in rows], "title": "Llama 9", "source": "Reuters"})
    expected = {}
    for k, (phrase, day) in enumerate(rows):
        try:
            expected[f"c{k}"] = lt.parse_deadline(phrase, said=day)
        except lt.DeadlineError as exc:
            expected[f"c{k}"] = exc.reason
    tl = lt.load(table, errors="keep")
    problems = tl.problems
    assert set(problems["column"]) <= {"deadline"}
    refused = dict(zip(problems["id"], problems["reason"], strict=True))
    typed = tl.typed.set_index(tl.cells["id"].to_numpy())

    def day(number):
        return None if number == lt.dates.NO_DAY else lt.dates.EPOCH + dt.timedelta(days=int(number))

    for claim_id, row in typed.iterrows():
        window = expected.pop(claim_id)
        assert not isinstance(window, str), (claim_id, window)
        assert (day(row["deadline"]), bool(row["vague"]), day(row["horizon"])) == (window.latest, window.vague,
                                                                                   window.horizon)
    assert refused == expected  # the rows left out were refused, each with parse_deadline's reason
