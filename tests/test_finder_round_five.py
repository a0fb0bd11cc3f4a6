"""The fifth round of the claim finder: families of misses of the English development set ``finder_pages_dev2``.

Each test states a family on sentences written for it (never an article's words), through the public API.
"""

from __future__ import annotations

import pandas as pd

import llmtimeline as lt


def _rows(text: str, published: str = "2025-03-10") -> pd.DataFrame:
    return lt.find_claims(text, published=published, source="test")


def _deadlines(text: str, published: str = "2025-03-10") -> list[str]:
    return list(_rows(text, published)["deadline"])


# -- tense: words that look like a verb of the past and are not one ------------------------------------------------

def test_a_naming_participle_is_no_verb_of_the_past() -> None:
    assert _deadlines("Acme is building a new chip platform called Nova in the second half of next year.") \
        == ["in the second half of next year"]
    assert _deadlines('Acme is training the code-named "Orion," a successor to its first model, with the goal of '
                      "release in the first quarter of next year.") == ["in the first quarter of next year"]


def test_a_past_verb_that_names_nothing_is_still_a_past_verb() -> None:
    assert _deadlines("In January, Acme called for a pause of its rivals' work.") == []


def test_an_adjective_after_a_contracted_be_is_no_past() -> None:
    assert _deadlines("“We’re thrilled to show the details of our work later this year,” Jane Roe said.") \
        == ["later this year"]
    assert _deadlines("“We’re excited for people to see what we’ve been making very soon,” the spokesperson added.") \
        == ["very soon"]


def test_the_modal_may_looks_forward_and_the_month_does_not() -> None:
    rows = _rows("Acme CEO Jane Roe said that Acme may unveil a new model later this year during a call with analysts "
                 "after the company reported record sales.")
    assert list(rows[["deadline", "speaker"]].itertuples(index=False, name=None)) == [("later this year", "Jane Roe")]
    # "May" the month in a past clause does not make that clause forward
    assert _deadlines("In May, Acme laid out plans of $5 billion for the year.", "2025-09-10") == []


def test_irregular_verbs_of_the_past_narrate() -> None:
    assert _deadlines("In January, Acme laid out spending plans for the year — a bet that will shape its future.") == []
    assert _deadlines("In February, Acme held a hackathon for its partners — the winners will be named later.") == []


def test_a_habit_is_no_prediction() -> None:
    assert _deadlines("Acme typically unveils new phones in September at its annual event.") == []
    found = _deadlines("Acme usually ships in September, but this year it will ship in October.")
    assert found and "in September" not in found


def test_a_passive_progressive_is_no_past_reference() -> None:
    rows = _rows("Jane Roe said there is no chance of such a system being created within the next 12 months.")
    assert list(rows["deadline"]) == ["within the next 12 months"]


def test_surprise_at_a_negated_condition_states_what_is_expected() -> None:
    assert _deadlines("Jane Roe said she would be “surprised” if robots were not folding laundry by the end of the "
                      "year.") == ["by the end of the year"]
    assert _deadlines("Jane Roe a dit qu'elle serait étonnée si les robots ne pliaient pas le linge d'ici la fin de "
                      "l'année.") == ["d'ici la fin de l'année"]
    # without the negation, the condition stays a condition
    assert _deadlines("Jane Roe said she would be surprised if robots were folding laundry by the end of the year.") \
        == []


# -- dates of the past around a phrase ---------------------------------------------------------------------------

def test_a_date_that_goes_on_with_a_past_year_is_history() -> None:
    assert _deadlines("Jane Roe speaks at a conference in Paris on Sept. 12, 2023.", "2024-02-01") == []
    # a year still to come keeps the phrase
    assert _deadlines("Acme will open its new campus on Sept. 12, 2025.", "2024-02-01") != []


def test_a_lead_dating_a_past_event_is_not_the_day_said() -> None:
    text = ("Acme CEO Jane Roe attends a launch event in Paris on Sept. 12, 2023.\n\n"
            "Acme CEO Jane Roe said the company will show its new assistant later this year.")
    rows = _rows(text, "2024-02-01")
    assert list(rows[["deadline", "date"]].itertuples(index=False, name=None)) == [("later this year", "2024-02-01")]


def test_a_dateline_without_a_place_is_no_deadline() -> None:
    text = ("March 12 (Reuters) – Acme will ship its model code-named “Nova” in the coming weeks, the New York Times "
            "reported on Thursday.")
    assert _deadlines(text, "2026-03-12") == ["in the coming weeks"]


# -- attribution ------------------------------------------------------------------------------------------------

def test_as_per_attributes_like_according_to() -> None:
    rows = _rows("Acme is releasing a new chip platform called Nova for 2027, as per the company's CEO Jane Roe in a "
                 "recent announcement.")
    assert list(rows[["deadline", "speaker"]].itertuples(index=False, name=None)) == [("for 2027", "Jane Roe")]


def test_a_possessive_of_a_person_named_before_is_no_organisation() -> None:
    text = ("Acme CEO Jane Roe says she expects the robots will be able to work alone this year.\n\n"
            "Roe’s comments came on a podcast with two investors.\n\n"
            "“I think we’ll be done this year,” Roe said on the podcast.")
    rows = _rows(text)
    assert list(rows[["speaker", "actor"]].itertuples(index=False, name=None)) == [("Jane Roe", "Acme")] * 2


def test_the_comments_by_a_person_name_the_role_that_made_them() -> None:
    text = ("The president of software giant Microsoft said there is no chance of such a system being created within "
            "the next 12 months.\n\n"
            "The comments by Jane Roe, also vice chair, come a year after the release of the assistant.")
    rows = _rows(text)
    assert list(rows[["speaker", "actor"]].itertuples(index=False, name=None)) == [("Jane Roe", "Microsoft")]


def test_a_role_of_an_organisation_without_a_holder_named_leaves_the_speaker_empty() -> None:
    rows = _rows("The president of software giant Microsoft said there is no chance of such a system being created "
                 "within the next 12 months.\n\nThe assistant was released a year ago.")
    assert list(rows[["speaker", "actor"]].itertuples(index=False, name=None)) == [("", "Microsoft")]
