"""The finder's own phrases and per-clause tense: a year as the subject of a future verb, "to" + verb."""

from __future__ import annotations

import pytest

import llmtimeline as lt


def _found(text: str, published: str = "2024-12-10") -> list[tuple[str, str]]:
    rows = lt.find_claims(text, published=published)
    return list(zip(rows["deadline"], rows["speaker"], strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sundar Pichai, PDG de Google, a annoncé que 2025 sera une année critique pour l'entreprise.",
         [("2025", "Sundar Pichai")]),
        ('"I think 2027 will be the year of agents," Sam Altman said.', [("2027", "Sam Altman")]),
        ("Le PDG de Google, Sundar Pichai, a déclaré que l'année 2025 serait cruciale.", [("l'année 2025", "Sundar Pichai")]),
    ],
)
def test_a_year_that_is_the_subject_of_a_future_verb_is_a_deadline(text, expected):
    assert _found(text) == expected


def test_the_year_subject_is_due_at_the_end_of_that_year():
    rows = lt.find_claims("Altman said 2027 will be the year of agents.", published="2024-12-10")
    assert lt.parse_deadline(rows.loc[0, "deadline"], said=rows.loc[0, "date"]).latest.isoformat() == "2027-12-31"


@pytest.mark.parametrize(
    "text",
    [
        "2023 will be remembered as the year of chatbots.",  # a year already over when said
        "On March 5, 2025 will matter less than the launch.",  # a date's year
        "Prices in 2024-2025 will be lower, the report said.",  # a range read by the grammar, not twice
        "The 2026 will be fine.",
        "2025 was the year of agents.",  # no future verb
    ],
)
def test_years_that_are_no_subject_of_a_future_verb_add_nothing(text):
    assert [d for d, _ in _found(text) if d in ("2023", "2025", "2026")] == []


def test_to_and_a_verb_right_before_the_phrase_looks_forward_whatever_else_the_clause_narrates():
    text = "Arm plans to develop AI chips, with the first AI chip to launch in 2025 with billions of dollars pumped into it."
    assert _found(text) == [("in 2025", "")]
    assert _found("Orion, to be released in 2027, was trained on synthetic data.") == [("in 2027", "")]


def test_a_narrated_infinitive_stays_past():
    assert _found("Acme began to ship in 2025, with money pumped into it.", published="2025-12-20") == []
