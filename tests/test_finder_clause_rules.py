"""Clause rules of the finder's fourth round, each through lt.find_claims: phrases that find_deadlines finds
and that a clause rule used to drop (a range read as two clauses, "expects this to", "in preparation for",
a French reporting verb with its "que" a few words on, "pour être" + participle, a condition of a trailing
participle clause), and the day of a dated dinner.

Every sentence here is written for the test; none is copied from an article.
"""

from __future__ import annotations

import pytest

import llmtimeline as lt


def _rows(text: str, published: str = "2026-01-22") -> list[dict[str, str]]:
    return lt.find_claims(text, published=published)[["speaker", "deadline", "date"]].to_dict("records")


def test_a_range_between_two_amounts_is_one_clause_and_expects_this_to_looks_forward():
    text = ("Acme spent $3.5 billion on chips in 2025, and expects this to climb to between $5 billion and "
            "$6 billion in 2027, Chief Financial Officer Jane Roe said.")
    assert [r["deadline"] for r in _rows(text)] == ["in 2027"]


def test_without_the_expecting_verb_the_narrated_past_still_drops_the_phrase():
    text = "Acme spent $3.5 billion on chips in 2025, and between $5 billion and $6 billion in 2026, Jane Roe said."
    assert _rows(text, published="2027-03-01") == []


def test_in_preparation_for_looks_forward_past_the_narrated_work():
    text = ("The company said its engineers have worked over the past months on new voice models, in preparation "
            "for shipping a headset that runs on voice alone within approximately a year.")
    assert [r["deadline"] for r in _rows(text)] == ["within approximately a year"]


def test_a_french_reporting_verb_with_its_que_after_the_place_reports_it_does_not_narrate():
    text = ("Jeanne Roux, directrice de la stratégie d'Acme, a déclaré au salon de Lyon que le robot de la société "
            "est en bonne voie pour une présentation fin 2027.")
    assert [(r["speaker"], r["deadline"]) for r in _rows(text)] == [("Jeanne Roux", "fin 2027")]


def test_a_french_narrated_past_still_drops_the_phrase():
    text = "Jeanne Roux a présenté au salon de Lyon le robot de la société fin 2026."
    assert _rows(text, published="2027-03-01") == []


def test_pour_etre_and_a_participle_before_the_phrase_looks_forward():
    text = ("Lors de son discours, Jeanne Roux a bien précisé que le casque était en bonne voie pour être "
            "commercialisé lors du second semestre.")
    assert [r["deadline"] for r in _rows(text)] == ["lors du second semestre"]


def test_a_condition_of_a_trailing_participle_clause_is_that_clause_s_own():
    text = ("Jane Roe says robots could replace half of all warehouse jobs within five years, raising the risk "
            "of mass layoffs unless governments act now.")
    assert [r["deadline"] for r in _rows(text)] == ["within five years"]


@pytest.mark.parametrize("text", [
    "Acme will ship the robot within five years unless regulators object.",
    "Acme will ship the robot within five years, assuming regulators agree, unless the chips run short.",
    "If the tests go well, Acme will ship the robot within five years, raising its sales.",
])
def test_a_condition_of_the_phrase_s_own_clause_still_drops_it(text):
    assert _rows(text) == []


def test_a_dated_dinner_naming_the_speaker_gives_the_day_of_a_later_quote():
    text = ("During a dinner with reporters, Acme CEO Jane Roe spoke about chips. The dinner took place on "
            "March 3, 2026, and Roe talked for hours.\n"
            "Roe noted the need for more chips. “You should expect Acme to build ten data centers in the not "
            "very distant future,” she stated.")
    rows = _rows(text, published="2026-03-06")
    assert [(r["deadline"], r["date"]) for r in rows] == [("in the not very distant future", "2026-03-03")]
