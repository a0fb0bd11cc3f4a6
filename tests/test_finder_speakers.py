"""Attribution rules of the claim finder, through lt.find_claims: general shapes of wire copy and bulleted news."""

from __future__ import annotations

import pytest

import llmtimeline as lt


def _rows(text: str, published: str = "2025-11-04") -> list[dict[str, str]]:
    rows = lt.find_claims(text, published=published)
    return rows[["speaker", "actor", "deadline", "date"]].to_dict("records")


def test_a_name_of_a_place_is_no_speaker_and_states_is_no_reporting_verb():
    text = ("Acme CEO Jane Roe said Thursday that the company will sell robots in the United States by the end of 2027.\n\n"
            "“Acme is rolling out robots in several cities, and by the end of next year they will be widespread "
            "in the United States,” she said at a forum in Davos.")
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe", "Jane Roe"]


def test_said_then_a_title_and_a_name_with_a_dot_and_the_day_after_the_name():
    text = "“We expect to double our capacity by the end of 2027,” said Acme.com CEO Jane Roe on a conference call Thursday."
    assert _rows(text) == [{"speaker": "Jane Roe", "actor": "Acme.com", "deadline": "by the end of 2027",
                            "date": "2025-10-30"}]


def test_the_subject_of_a_coordinated_or_participial_reporting_verb_is_the_clause_subject():
    text = ("Acme chief executive Jane Roe spoke at a conference in Paris.\n\n"
            "Roe didn't commit to a price but said the robot would ship in the second half of 2026.\n\n"
            "Roe listed robots as a priority for Acme, telling Axios' John Smith that they would ship by June 2027.")
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe", "Jane Roe"]


def test_a_pronoun_in_a_bullet_is_the_speaker_of_the_bullet_before():
    text = ("Acme chief executive Jane Roe met reporters on Monday.\n\n"
            "  • Roe said the robot would ship in 2027, according to notes seen by John Smith.\n"
            "  • She added that a second model would follow by the end of 2028.")
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe", "Jane Roe"]


@pytest.mark.parametrize("text", [
    "State of play: Various reports have said Acme will ship a robot by 2027.",
    "Exclusive: Acme aims to ship a robot by 2027, exec tells Axios",
    "What he's saying: the robot will ship by 2027.",
])
def test_a_section_label_or_a_plural_noun_names_no_speaker(text):
    assert [r["speaker"] for r in _rows(text)] == [""]


def test_the_day_said_after_an_inverted_speaker_carries_to_the_next_sentence_of_the_paragraph():
    text = ("“We are adding capacity at an unprecedented scale,” said Acme chief executive Jane Roe last Wednesday. "
            "Roe then brought up the company’s plant in Ohio, which will scale to 2 gigawatts next year.")
    assert _rows(text) == [{"speaker": "Jane Roe", "actor": "Acme", "deadline": "next year", "date": "2025-10-29"}]
