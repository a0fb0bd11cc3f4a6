"""Families of the fourth round of the claim finder, through lt.find_claims: headings that restate an
attributed claim, quotations a colon introduces, role nouns whose holder is named later, the day a next
sentence dates a statement on, and years named by reference ("the same year").

Every sentence is written for the test in the shape of a family met in the development sets; none is
copied from an article.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt


def _rows(text: str, published: str = "2025-03-05") -> list[dict[str, str]]:
    return lt.find_claims(text, published=published)[["speaker", "actor", "deadline", "date"]].to_dict("records")


# -- headings --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("heading", ["Acme Robots Expected in 2027", "Acme robots: mass production in 2027"])
def test_a_heading_takes_the_speaker_of_the_attributed_claim_with_the_same_window(heading):
    text = (f"{heading}\n\nAcme chief executive Jane Roe said mass production of the robots is expected to begin "
            "by the end of 2027.")
    assert [(r["speaker"], r["actor"]) for r in _rows(text)] == [("Jane Roe", "Acme"), ("Jane Roe", "Acme")]


def test_a_subhead_takes_the_speaker_of_the_claim_after_it():
    text = ("Jane Roe posted on X about Acme's robots.\n"
            "Robots Expected in 2027\n"
            "Roe said that mass production of the robots is expected in 2027.")
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe", "Jane Roe"]


def test_a_heading_whose_window_no_attributed_claim_shares_stays_the_press_own():
    text = ("Acme Robots Expected in 2027\n\n"
            "Acme chief executive Jane Roe said a first model would ship by June.")
    rows = _rows(text)
    assert (rows[0]["speaker"], rows[0]["actor"], rows[0]["deadline"]) == ("", "Press", "Expected in 2027")
    assert rows[1]["speaker"] == "Jane Roe"


def test_a_sentence_that_ends_with_a_full_stop_is_no_heading():
    text = ("Acme robots are expected in 2027.\n\n"
            "Acme chief executive Jane Roe said mass production of the robots is expected in 2027.")
    assert [r["speaker"] for r in _rows(text)] == ["", "Jane Roe"]


# -- quotations a colon introduces -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "speaker"), [
    ("Ce mercredi, Jean Dupont a publié un message très court : « Nous lancerons le modèle demain. »", "Jean Dupont"),
    ("Aux côtés de Paul Martin, Jean Dupont a livré ses perspectives : « Le modèle sortira avant la fin de l'année. »",
     "Jean Dupont"),
    ("Jane Roe put it simply: “The robot ships by June.”", "Jane Roe"),
])
def test_a_quotation_after_a_colon_is_said_by_the_clause_subject(text, speaker):
    assert [r["speaker"] for r in _rows(text)] == [speaker]


def test_a_pronoun_before_the_colon_is_the_person_named_before():
    text = "Jane Roe runs Acme. She wrote a short post: “The robot ships by June.”"
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe"]


def test_a_colon_quotation_with_no_subject_named_names_no_one():
    assert [r["speaker"] for r in _rows("The plan is simple: “The robot ships by June.”")] == [""]


# -- role nouns --------------------------------------------------------------------------------------------------

def test_the_head_of_an_unnamed_company_is_the_executive_the_next_sentence_names():
    text = ("The head of one of the largest chip companies says the new GPU will arrive within two years.\n"
            "John Smith, CEO of Chipco, said demand keeps growing.")
    assert [(r["speaker"], r["actor"]) for r in _rows(text)] == [("John Smith", "Chipco")]


def test_a_role_in_apposition_before_the_name_holds_the_name():
    text = ("Pour le patron de Chipco, la nouvelle puce arrivera d'ici deux ans.\n\n"
            "Le PDG de Chipco, Jean Dupont, estime que la demande reste forte.")
    assert [r["speaker"] for r in _rows(text)] == ["Jean Dupont"]


# -- the day said from the next sentence ---------------------------------------------------------------------------

def test_a_lead_without_speaker_takes_the_day_the_next_sentence_reports_the_news_on():
    text = ("Acme plans to launch the model by the end of the year. Cofounder Jean Dupont announced Thursday in Davos "
            "that the company also plans acquisitions.")
    assert [r["date"] for r in _rows(text)] == ["2025-02-27"]


def test_a_statement_takes_the_day_its_speaker_is_dated_on_in_the_next_sentence():
    text = ("Acme CEO Jane Roe has said the company will open three plants, with the first one expected next year.\n\n"
            "“We are calling the first one Atlas,” Roe wrote Monday in a post.")
    assert [r["date"] for r in _rows(text)] == ["2025-03-03"]


def test_the_next_sentence_of_another_speaker_dates_nothing():
    text = ("Acme CEO Jane Roe said the first plant is expected next year. Later, rival John Smith said on Monday "
            "that his plants were ready.")
    assert _rows(text)[0]["date"] == "2025-03-05"


# -- years named by reference ----------------------------------------------------------------------------------------

def test_the_same_year_is_the_year_named_before():
    text = ("Acme will ship its Rubin chip in 2026. The company will also launch a new CPU dubbed Vera the same year, "
            "Acme CEO Jane Roe said.")
    rows = lt.find_claims(text, published="2024-06-03")
    assert rows["deadline"].tolist() == ["in 2026", "in 2026"]  # the reference written out, so that the row loads
    assert "read from 'the same year'" in rows.loc[1, "notes"]
    assert rows.loc[1, "quote"].endswith("the same year, Acme CEO Jane Roe said.")


def test_a_day_of_the_same_year_reads_that_year():
    text = ("À compter du 2 février 2025, les pratiques interdites devront être retirées du marché. Le 2 mai de la même "
            "année, un code de bonne pratique sera défini.")
    rows = lt.find_claims(text, published="2024-07-15")
    assert rows["deadline"].tolist() == ["À compter du 2 février 2025", "Le 2 mai 2025"]
    assert "read from 'Le 2 mai de la même année'" in rows.loc[1, "notes"]
    rows["expects"] = "release code-de-bonne-pratique"
    assert len(lt.load(rows)) == 2  # the rows load once a person fills 'expects'


@pytest.mark.parametrize("text", [
    "The same year will be decisive for Acme.",  # no year named before: no deadline
    "Jane Roe founded Acme in 2015 and left the same year.",  # a past year: history
])
def test_the_same_year_with_no_future_year_before_is_no_claim(text):
    assert _rows(text, "2024-06-03") == []


@settings(max_examples=25, deadline=None)
@given(year=st.integers(2026, 2040), gap=st.sampled_from(["", " It was a long process.", " Analysts were surprised."]))
def test_the_same_year_reads_whichever_year_was_named(year, gap):
    text = f"Acme will ship Rubin in {year}.{gap} Acme will also launch Vera the same year, Jane Roe said."
    rows = lt.find_claims(text, published="2025-01-10")
    reference = rows[rows["notes"].str.contains("read from 'the same year'")]
    assert reference["deadline"].tolist() == [f"in {year}"]
    assert lt.parse_deadline(reference.iloc[0]["deadline"], said=dt.date(2025, 1, 10)).latest == dt.date(year, 12, 31)


# -- more speakers: possessive writings, apposed names after a preposition, spokespeople, standalone quotes ---------

def test_a_persons_written_message_that_says_is_that_person():
    text = "Jane Roe sent a message to staff. Roe’s message said that the company could go public within the next year."
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe"]


def test_a_name_in_apposition_after_a_role_of_attribution_is_the_speaker():
    text = "Selon le patron de Chipco, Jean Dupont, la puce sortira d'ici décembre."
    assert [(r["speaker"], r["actor"]) for r in _rows(text)] == [("Jean Dupont", "Chipco")]


def test_a_spokesperson_is_never_the_person_of_the_sentence_before():
    text = ("Jane Roe has said the robot would ship this summer. Meanwhile, Chipco plans to launch its chip by June, "
            "a spokesperson said.")
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe", ""]


def test_a_spokesperson_speaks_for_the_known_organisation_its_sentence_names():
    text = ("Jane Roe has said the robot would ship this summer. Meanwhile, Google plans to launch Gemini 4 by June, "
            "a spokesperson said.")
    assert [(r["speaker"], r["actor"]) for r in _rows(text)] == [("Jane Roe", ""), ("", "Google")]


def test_a_quotation_opening_a_paragraph_is_the_person_the_paragraph_before_is_about():
    text = "Jane Roe, Acme's chief executive, talked to reporters.\n\n\"We will ship it by June.\""
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe"]


def test_a_role_of_an_organisation_is_the_person_just_spoken_of_when_the_article_gave_no_role():
    text = "Jean Dupont a pris la parole mardi. Le patron de Chipco estime que la puce arrivera d'ici juin."
    assert [(r["speaker"], r["actor"]) for r in _rows(text)] == [("Jean Dupont", "Chipco")]


def test_a_role_of_an_organisation_is_not_a_person_known_in_another_role():
    text = ("Jean Dupont, directeur financier de Chipco, a pris la parole. Le patron de Chipco estime que la puce "
            "arrivera d'ici juin.")
    assert [r["speaker"] for r in _rows(text)] == [""]


def test_the_same_year_is_read_after_a_letter_whose_lower_case_is_longer():
    text = "İstanbul: Acme will ship Rubin in 2026. Acme will also launch Vera the same year, Jane Roe said."
    rows = lt.find_claims(text, published="2025-01-10")
    assert rows["deadline"].tolist() == ["in 2026", "in 2026"]


def test_according_to_a_word_met_for_the_first_time_is_a_source_not_a_person():
    text = ("Jane Roe said the robot would ship in 2026.\n"
            "According to Technews, Roe's new plan means Acme is late. Acme CEO said in April that the robot would ship "
            "by the end of this year.")
    rows = _rows(text, "2024-07-23")
    assert [r["speaker"] for r in rows] == ["Jane Roe", "Jane Roe"]  # Technews is no one; "Roe's plan" is about Roe


def test_according_to_a_surname_already_named_is_that_person():
    text = "Jane Roe runs Acme. According to Roe, the robot will ship by June."
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe"]


@pytest.mark.parametrize("text", [
    "In only two years, Acme has become a key player.",
    "Acme has grown in two years from ten to a thousand staff.",
])
def test_a_span_in_a_present_perfect_clause_measures_the_past(text):
    assert _rows(text) == []


def test_a_span_after_a_present_perfect_of_another_clause_still_looks_forward():
    text = "Acme has become a key player, and it will double its staff within two years."
    assert [r["deadline"] for r in _rows(text)] == ["within two years"]


@pytest.mark.parametrize("verb", ["expects", "anticipates", "predicts"])
def test_a_present_view_of_what_comes_looks_forward_after_a_past_clause(verb):
    text = f"Acme's revenue rose 20% in 2024 and the company {verb} 15% growth in 2025."
    assert [r["deadline"] for r in _rows(text)] == ["in 2025"]
