"""Families of real news shapes, each through lt.find_claims (attribution, tense, conditions, the day said).

Every sentence here is written for the test in the shape of a family met in stored news pages
(wire copy, earnings-call reports, AFP and Reuters in French, blogs); none is copied from them.
"""

from __future__ import annotations

import pytest

import llmtimeline as lt


def _rows(text: str, published: str = "2026-01-22") -> list[dict[str, str]]:
    return lt.find_claims(text, published=published)[["speaker", "actor", "deadline", "date"]].to_dict("records")


# -- attribution ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Acme devrait doubler ses ventes d'ici la fin de l'année, a annoncé jeudi son cofondateur Jean Dupont à Bloomberg TV.",
    "Acme will double its sales by the end of the year, said its chief executive Jane Roe on Thursday.",
])
def test_a_role_noun_then_a_name_after_the_verb_gives_the_name(text):
    speaker = "Jean Dupont" if "Dupont" in text else "Jane Roe"
    assert [r["speaker"] for r in _rows(text)] == [speaker]


def test_a_role_noun_after_an_outlet_resolves_to_the_person_not_to_the_outlet():
    text = ("Acme devrait doubler ses ventes d'ici la fin de l'année, a annoncé jeudi son cofondateur Jean Dupont "
            "à Bloomberg TV.\n\n"
            "\"Nous devrions dépasser un milliard d'ici la fin de l'année\", a indiqué le patron, interrogé sur 2026.")
    assert [r["speaker"] for r in _rows(text)] == ["Jean Dupont", "Jean Dupont"]


def test_a_photo_credit_line_is_no_speaker_of_what_follows():
    text = ("( AFP / JEAN MARTIN )\n\n"
            "Acme devrait doubler ses ventes d'ici la fin de l'année, a indiqué le patron.")
    assert [r["speaker"] for r in _rows(text)] == [""]


def test_a_pronoun_is_the_person_the_previous_sentence_is_about_not_the_last_name_met():
    text = ("Jane Roe spoke after the results.\n\n"
            "In comments on the call, Roe harked back to last summer, when she hired Acme veteran John Smith "
            "to head up the lab.\n\n"
            "Over the coming months, she said, Acme would ship its first robots.")
    rows = _rows(text)
    assert [r["speaker"] for r in rows] == ["Jane Roe"]


def test_a_name_inside_a_quotation_is_not_what_the_sentence_is_about():
    text = ("“We work closely with John Smith’s team,” Jane Roe said on Monday.\n"
            "“We will ship the robot by June 2026,” she added.")
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe"]


def test_a_headline_of_a_name_then_a_quotation_names_the_speaker():
    text = "Acme CEO Jane Roe “Robots to reach homes in 5-10 years”"
    assert [(r["speaker"], r["actor"]) for r in _rows(text)] == [("Jane Roe", "Acme")]


@pytest.mark.parametrize("name", ["Bloomberg TV", "Sam Altman Discusses GPT-5"])
def test_an_outlet_unit_or_a_title_case_headline_is_no_person(name):
    text = f"{name} was on the agenda.\n\n“The robot will ship by June 2026,” he said."
    assert [r["speaker"] for r in _rows(text)] == [""]


# -- tense and conditions -------------------------------------------------------------------------


def test_a_phrase_that_says_it_is_slated_looks_forward_whatever_its_clause_narrates():
    text = "The Acme platform, now slated for mid-2026 availability, is built as an integrated system of six chips."
    assert [r["deadline"] for r in _rows(text)] == ["slated for mid-2026"]


def test_a_passive_present_is_no_past():
    text = "The robot, which is built in Ohio, will ship by June 2026."
    assert [r["deadline"] for r in _rows(text)] == ["by June 2026"]


@pytest.mark.parametrize("text", [
    "I don't know about 2030, but if you look at the rate of progress, we might have robots at home by the end of this year.",
    "Si l'on en croit la feuille de route, Acme livrera ses robots d'ici la fin de l'année.",
])
def test_an_if_of_looking_is_no_condition(text):
    assert "by the end of this year" in [r["deadline"] for r in _rows(text)] or \
        "d'ici la fin de l'année" in [r["deadline"] for r in _rows(text)]


def test_a_conceding_si_clause_holds_a_claim_and_a_real_condition_still_drops_it():
    conceding = "Si la présentation semble calée pour la fin de cette année, la disponibilité reste incertaine."
    conditional = "Si les tests sont bons, Acme livrera ses robots d'ici la fin de l'année."
    hypothesis = "If Acme ships its robot by June 2026, it will lead the market."
    assert [r["deadline"] for r in _rows(conceding)] == ["pour la fin de cette année"]
    assert _rows(conditional) == []
    assert _rows(hypothesis) == []


# -- the day said, and what is no claim ------------------------------------------------------------


def test_a_statement_reported_in_the_pluperfect_without_a_day_is_refused():
    assert _rows("Dans une vidéo, Acme avait déjà laissé entendre qu'elle livrerait ses robots l'année suivante.") == []
    assert _rows("Acme had previously indicated that the robots would ship in 2027.") == []


def test_a_pluperfect_statement_dated_by_the_sentence_before_keeps_that_month():
    text = "Acme a donné des détails en novembre. « Nous livrerons en 2027 », avait déclaré Jane Roe à l'époque."
    assert [(r["speaker"], r["date"]) for r in _rows(text)] == [("Jane Roe", "2025-11")]


@pytest.mark.parametrize("text", [
    "information fournie par Reuters 22/01/2026 à 19:00",
    "Acme news, January 22, 2026 at 10:30 a.m.",
])
def test_a_timestamp_is_no_deadline(text):
    assert _rows(text) == []


def test_the_day_of_the_meeting_where_it_was_said_is_the_day_said_and_carries_to_the_speaker():
    text = ("Le PDG d'Acme, Jean Dupont, a déclaré aux employés que l'année 2026 serait cruciale, selon CNBC qui a "
            "obtenu un enregistrement d'une réunion stratégique du 18 décembre.\n\n"
            "“Notre plus grand défi l'année prochaine sera de livrer nos robots”, a-t-il déclaré.")
    assert [(r["speaker"], r["date"]) for r in _rows(text, "2025-12-28")] == [
        ("Jean Dupont", "2025-12-18"), ("Jean Dupont", "2025-12-18")]


# -- named before or after, adverbs, prepositional phrases ------------------------------------------


def test_a_role_named_before_its_holder_is_the_holder_the_next_sentence_names():
    text = ("Acme expects to earn billions from its robots by 2027, the chief executive said on Friday. "
            "Chief Executive Jane Roe told a conference call that the first robots would ship in 2026.")
    assert [(r["speaker"], r["date"]) for r in _rows(text, "2025-10-31")] == [
        ("Jane Roe", "2025-10-31"), ("Jane Roe", "2025-10-31")]


def test_a_headline_of_an_organisation_and_a_title_is_the_holder_named_next():
    text = "Acme CEO declares robots the company's biggest focus for 2026\n\nCEO Jane Roe told employees so."
    assert [(r["speaker"], r["actor"]) for r in _rows(text)] == [("Jane Roe", "Acme")]


@pytest.mark.parametrize("text", [
    "CEO Jane Roe reportedly told employees that 2026 will be a critical year for Acme.",
    "Acme CEO Jane Roe in a message to employees for New Year has said that 2026 will be critical.",
    "“Robots will be everywhere by 2030,” Jane Roe was quoted as saying by CNBC.",
])
def test_an_adverb_a_prepositional_phrase_or_a_passive_quote_keeps_the_subject(text):
    assert [r["speaker"] for r in _rows(text)] == ["Jane Roe"]


def test_the_prime_minister_is_the_one_the_paragraph_named():
    text = ("Elle sera \"appuyée sur un programme d'investissement\", a précisé Jean Dupont. Le sommet, qui se tiendra "
            "à Paris en février, \"traduira cette ambition\", a ajouté le Premier ministre.")
    assert [r["speaker"] for r in _rows(text, "2025-01-14")] == ["Jean Dupont"]


def test_the_day_of_the_dated_event_where_the_speaker_spoke_dates_statements_before_and_after_it():
    text = ("CEO Jane Roe told Acme employees that 2026 will be a critical year.\n\n"
            "CNBC obtained audio from a December 18 strategy meeting where Roe laid out her priorities.\n\n"
            "“Scaling robots will be our biggest focus next year,” she said.")
    assert [(r["speaker"], r["date"]) for r in _rows(text, "2025-12-29")] == [
        ("Jane Roe", "2025-12-18"), ("Jane Roe", "2025-12-18")]


def test_two_dated_events_of_the_speaker_give_no_event_day():
    text = ("CEO Jane Roe told Acme employees that 2026 will be a critical year.\n\n"
            "She spoke at a December 18 strategy meeting, after a December 11 town hall where Roe spoke too.")
    assert [r["date"] for r in _rows(text, "2025-12-29")] == ["2025-12-29"]


def test_selon_lui_is_the_person_the_previous_sentence_is_about():
    text = ("C'est ce que pense Jean Dupont, le PDG d'Acme. "
            "Selon lui, les robots arriveront dans les cinq à dix prochaines années.")
    assert [r["speaker"] for r in _rows(text)] == ["Jean Dupont"]


@pytest.mark.parametrize("text", [
    "Le PDG Jean Dupont reste optimiste, prévoyant des robots dans chaque foyer d'ici la fin de la décennie.",
    "Malgré l'insistance des analystes, Dupont est resté évasif, soulignant que les robots arriveront en 2027.",
])
def test_a_french_gerund_after_a_comma_shares_the_clause_subject(text):
    ctx = "Le PDG d'Acme, Jean Dupont, a parlé mardi.\n\n"
    assert [r["speaker"] for r in _rows(ctx + text)] == ["Jean Dupont"]


def test_an_executive_named_before_is_the_one_the_next_sentence_names_with_a_title_in_apposition():
    text = ("A leading AI executive has warned that robots will take over warehouses soon.\n"
            "Jane Roe, CEO of Acme, said robots could run half of all warehouses in the next five years.")
    assert [(r["speaker"], r["actor"]) for r in _rows(text)] == [("Jane Roe", "Acme"), ("Jane Roe", "Acme")]


@pytest.mark.parametrize("text", [
    "Jean Dupont, le directeur juridique d'Acme, a ainsi dévoilé qu'une présentation était programmée « vers la fin de l'année ».",
    "Le directeur Jean Dupont a cité les robots comme l'une des grandes attractions à venir pour Acme en 2026.",
])
def test_a_reported_plan_in_the_imparfait_or_a_coming_attraction_looks_forward(text):
    assert [r["speaker"] for r in _rows(text)] == ["Jean Dupont"]


# -- datings next to the verb, and years named by "will be" ------------------------------------------


@pytest.mark.parametrize(("text", "said"), [
    ("“Acme will produce robots next year,” Jane Roe wrote on X on the 22nd.", "2024-07-22"),
    ("Acme CEO Jane Roe said in April that the company will deploy robots by the end of this year.", "2024-04"),
])
def test_a_day_of_the_month_or_a_month_right_after_the_verb_of_speech_dates_the_statement(text, said):
    assert [r["date"] for r in _rows(text, "2024-07-23")] == [said]


def test_a_month_after_the_verb_that_is_the_deadline_is_no_dating():
    assert [(r["deadline"], r["date"]) for r in _rows("Acme said it will ship the robot in April.", "2024-07-23")] == [
        ("in April", "2024-07-23")]


def test_a_prediction_whose_deadline_passed_before_the_article_is_history():
    assert _rows("For example, in 2015, he said Acme would have self-driving cars in three years.", "2024-07-23") == []


@pytest.mark.parametrize(("text", "deadlines"), [
    ("Jane Roe said the time the robot will be on the market will be 2026 instead of next year.", ["2026"]),
    ("Revenue will be 2026 million, Jane Roe said.", []),
])
def test_a_year_named_by_will_be_is_a_deadline_and_an_amount_is_not(text, deadlines):
    assert [r["deadline"] for r in _rows(text, "2024-07-23")] == deadlines


# -- second round: datelines, measures of the past, participles as adjectives, "a conclu" ---------------


@pytest.mark.parametrize(("text", "published", "kept"), [
    ("BERLIN, 4th March, 2026 (DPA) -- Acme will open its lab in Munich by June 2027.", "2026-03-04", ["by June 2027"]),
    ("Lyon, 12 mars 2026. Acme ouvrira son laboratoire d'ici juin 2027.", "2026-03-12", ["d'ici juin 2027"]),
    ("OSLO, 9th February, 2026 (NTB) -- Acme signed a deal with the city.", "2026-02-09", []),
])
def test_a_datelines_day_is_no_deadline(text, published, kept):
    assert [r["deadline"] for r in _rows(text, published)] == kept


def test_a_date_after_a_comma_that_is_no_dateline_stays_a_deadline():
    rows = _rows("Acme, the chip designer, will ship its new part on 3 March 2027 - a year late.", "2026-01-05")
    assert [r["deadline"] for r in rows] == ["on 3 March 2027"]


@pytest.mark.parametrize("text", [
    "Acme's shares have fallen 6.1% this year, lagging the index.",
    "Sales have risen 12% so far this year, the company said.",
    "L'action d'Acme a chuté de 6 % cette année.",
])
def test_a_present_perfect_over_a_period_in_progress_measures_the_past(text):
    assert _rows(text, "2026-05-07") == []


def test_a_future_over_a_period_in_progress_stays_a_claim():
    rows = _rows("Acme will ship the chip this year, Jane Roe said, after sales have risen for years.", "2026-05-07")
    assert [r["deadline"] for r in rows] == ["this year"]


@pytest.mark.parametrize("text", [
    "Acme said its increased spending in 2027 will lift margins.",
    "The plan relies on their expanded fleet in 2027, Roe said.",
])
def test_a_participle_after_a_possessive_is_an_adjective_not_a_past(text):
    assert [r["deadline"] for r in _rows(text)] == ["in 2027"]


def test_a_conclu_en_indiquant_que_names_its_subject():
    rows = _rows("Jeanne Durand a conclu en indiquant que le modèle sortira en 2027.")
    assert [(r["speaker"], r["deadline"]) for r in rows] == [("Jeanne Durand", "en 2027")]


def test_a_tickers_and_links_residue_between_the_dating_and_the_verb_keeps_the_dating():
    rows = _rows("In September, Acme (ACME.O), opens new tab said it would open the plant by 2027.", "2025-10-31")
    assert [(r["deadline"], r["date"]) for r in rows] == [("by 2027", "2025-09")]
    assert _rows("In September, Acme (ACME.O), opens new tab said it would invest in the plant.", "2025-10-31") == []


def test_a_label_line_with_a_date_dates_the_statements_under_it():
    text = ("Acme Regulatory Feed Published 03 March 2025\n\n"
            "The rules will apply in June 2026, with a longer transition until June 2027 for embedded systems.")
    rows = _rows(text, "2025-09-01")
    assert [(r["deadline"], r["date"]) for r in rows] == [("in June 2026", "2025-03-03")]


@pytest.mark.parametrize("text", [
    "Jeanne Durand dirige Acme. D'ici 2028, le modèle « sera prêt », a-t-elle même précisé.",
    "Jeanne Durand dirige Acme. Elle a en effet déclaré que le modèle sortira en 2028.",
    "Jeanne Durand dirige Acme. Elle a bien précisé que le modèle sortira en 2028.",
])
def test_an_adverb_between_auxiliary_and_participle_keeps_the_reporting_verb(text):
    assert [r["speaker"] for r in _rows(text)] == ["Jeanne Durand"]


@pytest.mark.parametrize("text", [
    "Aux côtés de Paul Martin, Jeanne Durand a détaillé sa vision. D'ici 2028, Acme « sera prête », a-t-elle assuré.",
    "Speaking alongside Paul Martin, Jane Roe laid out her plans. By 2028, Acme “will be ready,” she said.",
])
def test_a_name_after_a_preposition_of_company_is_not_the_subject_a_pronoun_resolves_to(text):
    assert [r["speaker"] for r in _rows(text)] == ["Jeanne Durand" if "Jeanne" in text else "Jane Roe"]


@pytest.mark.parametrize("text", [
    "On Monday, Acme unveiled two accelerators. The first will ship in 2026.",
    "On Monday, Acme unveiled an accelerator that will ship in 2026.",
    "Lundi, dans un communiqué, Acme a annoncé un accélérateur qui sortira en 2026.",
])
def test_a_day_opening_an_announcing_sentence_is_the_day_said(text):
    assert [(r["deadline"][-4:], r["date"]) for r in _rows(text, "2025-10-29")] == [("2026", "2025-10-27")]


def test_a_day_opening_a_sentence_that_announces_nothing_dates_nothing():
    rows = _rows("On Monday, the weather in Paris was mild. Acme will ship the accelerator in 2026.", "2025-10-29")
    assert [(r["deadline"], r["date"]) for r in rows] == [("in 2026", "2025-10-29")]


@pytest.mark.parametrize(("text", "said"), [
    ("Mardi, dans un communiqué, Acme et Globex ont annoncé leur partenariat.\n\n"
     "« La première usine sera prête au second semestre 2027 », est-il écrit.", "2025-10-28"),
    ("Acme said in a statement on Tuesday that it had signed the deal.\n\n"
     "The first plant will be ready in the second half of 2027, the statement said.", "2025-10-28"),
])
def test_a_quotation_of_a_dated_written_statement_was_said_on_its_day(text, said):
    assert [r["date"] for r in _rows(text, "2025-10-29")] == [said]


def test_a_quotation_of_a_written_statement_never_dated_keeps_the_publication_day():
    text = "Acme signed the deal.\n\nThe first plant will be ready in the second half of 2027, the statement said."
    assert [r["date"] for r in _rows(text, "2025-10-29")] == ["2025-10-29"]


def test_a_sentence_about_a_publication_is_no_dated_label_line():
    text = ("The report published on 3 March.\n\n"
            "Acme will ship the chip in June 2026, with a wider release in June 2027 for embedded systems.")
    assert [r["date"] for r in _rows(text, "2025-09-01")] == ["2025-09-01"]
