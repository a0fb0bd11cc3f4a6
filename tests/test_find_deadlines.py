"""Deadline phrases found in running text: spans, windows, what is never a deadline."""

import datetime as dt
import itertools
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_deadline_phrases import BAD_EXAMPLES, CORPUS, FIRST_FAMILIES

import llmtimeline as lt

S = "2024-04-09"

#: Phrases of the tables that are deadlines only as a whole deadline cell, not in running text:
#: bare numbers of units, bare alternatives of years or months, bare days and weekdays, and idioms
#: too common in prose ("later", "one day").  With a connector ("within", "by", "in") they are found.
NOT_IN_RUNNING_TEXT = {
    "1 year 2 months", "a year and a half", "deux à trois ans", "2025 or 2026", "2026-2027", "June or July", "H2",
    "7/7", "today", "tomorrow", "the day after tomorrow", "EOD", "lundi", "aujourd'hui", "demain", "après-demain",
    "on Monday", "2025-06-30", "2024-02", "30/11/2025", "Tuesday, May 14", "vendredi 14 juin 2024",
    "roughly two years", "about 6 months", "~2026", "2025-ish", "vers 2030", "one day", "à terme", "later",
    "après 2026", "after next year", "2024-06-30", "2024-06", "2025", "2024-06~", "plus tard",
    "within a year — maybe sooner",  # found as "within a year": the hedge after the dash moves nothing
}
FINDABLE = [(r["phrase"], r["said"]) for r in CORPUS
            if r["family"] in FIRST_FAMILIES and r["expected"] != "error" and r["phrase"] not in NOT_IN_RUNNING_TEXT]
#: Surrounding words that are no deadline words and join no phrase.
#: (Articles are left out: "the 15th of May" and "le 15 mai" rightly take theirs.)
FILLER = ["OpenAI", "said", "company", "will", "ship", "its", "new", "model", "Sam", "Musk", "we", "plans",
          "announced", "release", "GPT-5", "robotaxi", "modèle", "sera", "lancé", "déclaré", "que",
          "l'entreprise", "patron", "selon", "annonce", "produit", "42", "%", "—", "(", ")", ":", "«", "»"]

TEXTS = [
    # text, said, [(phrase as written, last day or None)]
    ("Musk said Tesla would have robotaxis by the end of next year.", S, [("by the end of next year", dt.date(2025, 12, 31))]),
    ("Altman expects GPT-5 later this year, and agents in the coming months.", S,
     [("later this year", dt.date(2024, 12, 31)), ("in the coming months", None)]),
    ("« Nous le lancerons d’ici la fin de l’année prochaine », a déclaré le patron.", S,
     [("d’ici la fin de l’année prochaine", dt.date(2025, 12, 31))]),
    ("Le modèle sera disponible dans les prochains mois, voire avant.", S, [("dans les prochains mois, voire avant", None)]),
    ("We expect to ship it within 18 months, at the latest.", S, [("within 18 months, at the latest", dt.date(2025, 10, 9))]),
    ("May said the model will launch in May.", S, [("in May", dt.date(2024, 5, 31))]),
    ("Last year the company said it would ship in 2025; it shipped two years ago.", S, [("in 2025", dt.date(2025, 12, 31))]),
    ("Sam and we talked for 42 minutes about 3 models on Monday; it ships by Friday.", S,
     [("by Friday", dt.date(2024, 4, 12))]),
    ("Meta's Nick Clegg said on Tuesday: we hope to ship it within the next month.", S,
     [("within the next month", dt.date(2024, 5, 9))]),
    ("date 2024-04-10 Meta will release Llama-3 on 2024-06-30 or before.", S,
     [("on 2024-06-30 or before", dt.date(2024, 6, 30))]),
    ("GPT-5 June next year, GPT-4 5 May", S, [("June next year", dt.date(2025, 6, 30)), ("5 May", dt.date(2024, 5, 5))]),
    ("The launch, expected no earlier than 2026, slipped.", S, [("no earlier than 2026", None)]),
    ("It was released after next year's plan.", S, []),
    ("In June 2023 it shipped.", S, []),  # a window that ended before the day said is no deadline
    ("Since June 2023 nothing has shipped; earlier this year either.", S, []),
    ("Il y a deux semaines, l'entreprise a promis une sortie en mars.", S, [("en mars", dt.date(2025, 3, 31))]),
    # two readings: neither the phrase nor a part of it ("au cours de l'année") is a deadline
    ("Il le lancera au cours de l'année à venir, puis d'ici la fin de 2026.", S,
     [("d'ici la fin de 2026", dt.date(2026, 12, 31))]),
    ("They will ship it within the month, and starting in June for Europe.", S,
     [("starting in June", dt.date(2024, 6, 30))]),
    ("Le 20 mars 2024, il a promis une version d'ici le 1er juillet.", S, [("d'ici le 1er juillet", dt.date(2024, 7, 1))]),
]


@pytest.mark.parametrize(("text", "said", "expected"), TEXTS)
def test_finds_the_phrases_of_running_text_with_their_windows(text, said, expected):
    found = lt.find_deadlines(text, said=said)
    assert [(f.text, f.window.latest) for f in found] == expected
    for f in found:
        assert text[f.start:f.end] == f.text
        assert f.window == lt.parse_deadline(f.text, said=said)


def test_phrases_do_not_overlap_and_come_in_order():
    text = "by June or July, then within two years, then soon; d'ici 2030 au plus tard."
    found = lt.find_deadlines(text, said=S)
    assert [f.text for f in found] == ["by June or July", "within two years", "soon", "d'ici 2030 au plus tard"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_without_the_day_said_only_dates_are_found():
    found = lt.find_deadlines("It ships on 2025-06-30, or within a month.")
    assert [f.text for f in found] == ["on 2025-06-30"]


#: Bad phrases that hold a good one: "within a month" in "within a month, voire deux".
HOLD_A_DEADLINE = {"within a month, voire deux", "by Tuesday, May 15, 2024", "Feb 29 2025"}


@pytest.mark.parametrize("phrase", [p for p in BAD_EXAMPLES if p not in HOLD_A_DEADLINE])
def test_what_is_not_a_deadline_is_not_found(phrase):
    assert lt.find_deadlines(f"He said {phrase} here.", said=S) == []


@pytest.mark.parametrize(
    "text",
    [
        "Cette annonce intervient quelques jours seulement après le lancement de Bard.",
        "The update came a few days after the launch.",
        "Two weeks later, the model was withdrawn.",
        "Deux semaines avant la conférence, Meta a publié ses poids.",
    ],
)
def test_a_span_counted_from_another_event_is_not_a_deadline(text):
    assert lt.find_deadlines(text, said=S) == []


@pytest.mark.parametrize(("phrase", "said"), FINDABLE)
def test_every_phrase_of_the_tables_is_found_alone(phrase, said):
    # every case once (the property below samples them, so a case it never drew could hide)
    assert [f.text for f in lt.find_deadlines(phrase, said=said)] == [phrase]


@given(
    st.sampled_from(FINDABLE),
    st.lists(st.sampled_from(FILLER), max_size=6),
    st.lists(st.sampled_from(FILLER), max_size=6),
)
def test_every_phrase_of_the_tables_is_found_in_surrounding_text(case, before, after):
    phrase, said = case
    text = " ".join([*before, phrase, *after])
    start = len(" ".join(before)) + (1 if before else 0)
    found = [f for f in lt.find_deadlines(text, said=said) if f.start <= start < f.end or f.start == start]
    assert [(f.text, f.start) for f in found] == [(phrase, start)]
    assert found[0].window == lt.parse_deadline(phrase, said=said)


@given(st.text(max_size=200))
def test_finding_raises_nothing_on_any_text(text):
    for f in lt.find_deadlines(text, said=S):
        assert text[f.start:f.end] == f.text


@pytest.mark.slow
def test_hostile_texts_are_scanned_in_linear_time():
    # 10 kB texts made of the grammar's own pieces (a few seconds in all when linear; hours if quadratic),
    # and a 100 kB phrase, refused at once.
    code = (
        "import llmtimeline as lt\n"
        "for piece in ['by ', 'within ', 'in the next ', 'd ici ', 'early ', 'June or ', '2025-', 'Q3 ', '1/',"
        " 'very ', 'when it is ', 'a year and a half and ', 'the end of the ', '~', ', voire moins']:\n"
        "    text = piece * (10_000 // len(piece))\n"
        "    lt.find_deadlines(text, said='2024-04-09')\n"
        "    try:\n"
        "        lt.parse_deadline(text * 10, said='2024-04-09')\n"
        "    except lt.DeadlineError:\n"
        "        pass\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=90)


@given(st.text(max_size=300), st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)))
def test_found_windows_never_end_before_the_day_said(text, said):
    for f in lt.find_deadlines(text, said=said):
        assert text[f.start:f.end] == f.text
        assert f.window.latest is None or f.window.latest >= said


@given(st.lists(st.sampled_from([*FINDABLE, ("by June 31", S), ("1/", S), ("within the month", S)]), max_size=6),
       st.lists(st.sampled_from(FILLER), max_size=30))
def test_phrases_in_prose_are_found_where_they_are_written(cases, filler):
    text = " ".join(filler[: len(filler) // 2] + [p for p, _ in cases] + filler[len(filler) // 2:])
    for f in lt.find_deadlines(text, said=S):
        assert text[f.start:f.end] == f.text
        assert f.window == lt.parse_deadline(f.text, said=S)


def test_text_with_no_anchor_word_has_no_deadline():
    assert lt.find_deadlines("The company said that its model, which it trained on data, " * 200, said=S) == []


@pytest.mark.parametrize("mark", ["—", "–", "-", ":", ";", "(", "«", "|"])
@pytest.mark.parametrize(("date", "day"), [("15 May 2025", dt.date(2025, 5, 15)), ("le 15 mai 2025", dt.date(2025, 5, 15))])
def test_a_date_after_a_dash_or_a_colon_keeps_its_day(mark, date, day):
    # a mark in the middle of a number ("7-2", "10:30") is glued to it; with a space it only separates,
    # and the date after it is read whole (not "May 2025", which would end 16 days late)
    (found,) = lt.find_deadlines(f"Shipping {mark} {date}.", said=S)
    assert (found.text, found.window.latest) == (date, day)


@pytest.mark.parametrize("after", ["— 42", "- 42 engineers", "– 3"])
def test_a_number_after_a_span_and_a_dash_is_no_second_amount(after):
    # "a year or two" joins a second amount by a word; a dash after the unit only separates
    # (read as "6 to 42 months" it ended in 2028, a wrong day)
    (found,) = lt.find_deadlines(f"within 6 months {after}", said="2024-08-31")
    assert (found.text, found.window.latest) == ("within 6 months", dt.date(2025, 2, 28))
    with pytest.raises(lt.DeadlineError):
        lt.parse_deadline(f"within 6 months {after}", said="2024-08-31")


@pytest.mark.parametrize("form", ["in Q3", "by EOY", "au second semestre", "by H1", "in the third quarter"])
def test_a_count_after_a_period_is_no_two_digit_year(form):
    # "Q3 42 robotaxis": two digits are a year only against the period ("3Q26", "EOY26") or after an
    # apostrophe ("Q3 '26"); read as 2042 it was a wrong day
    (found,) = lt.find_deadlines(f"Tesla will ship {form} 42 robotaxis.", said=S)
    assert found.text == form and found.window.latest.year == 2024
    with pytest.raises(lt.DeadlineError):
        lt.parse_deadline(f"{form} 42", said=S)


@pytest.mark.parametrize(("text", "phrase", "last"), [
    ("at some point in 2025 — 42 firms", "at some point in 2025", dt.date(2025, 12, 31)),  # not month 42
    ("in 2025 - 26 firms will follow", "in 2025", dt.date(2025, 12, 31)),  # not the pair 2025-26
    ("in 2025-26", "in 2025-26", dt.date(2026, 12, 31)),  # written whole, it is
    ("by 2025-06-30", "by 2025-06-30", dt.date(2025, 6, 30)),
])
def test_numbers_are_read_together_only_when_written_together(text, phrase, last):
    (found,) = lt.find_deadlines(text, said=S)
    assert (found.text, found.window.latest) == (phrase, last)


@pytest.mark.parametrize(("text", "phrase"), [
    ("It ships by 25/12. Then more.", "by 25/12"),  # a full stop ends the sentence, not the date
    ("on 12/25 — plans follow", "on 12/25"),
    ("said : by 25/12 — plans", "by 25/12"),
])
def test_a_numeric_date_before_a_full_stop_or_a_dash_is_found(text, phrase):
    (found,) = lt.find_deadlines(text, said=S)
    assert (found.text, found.window.latest) == (phrase, dt.date(2024, 12, 25))


#: Phrases that the words around them make deadlines (or not), in sentences of the kinds met in 2024-26
#: AI-industry news (wire copy, French tech sites); the found phrase and its last day (None: vague).
IN_CONTEXT = [
    # starts stated as dates: "from" / "as of" before a time that names its year; "dès" (with its accent)
    ("Rapidus and Tenstorrent aim to mass produce the chips from 2028.", "2024-02-27", [("from 2028", dt.date(2028, 12, 31))]),
    ("As of 2027, every new model will carry a watermark.", S, [("As of 2027", dt.date(2027, 12, 31))]),
    ("Les clients pourront accueillir Orion sur Azure dès novembre.", "2024-10-01", [("dès novembre", dt.date(2024, 11, 30))]),
    ("La production démarrera dès 2028 au Japon.", S, [("dès 2028", dt.date(2028, 12, 31))]),
    ("Revenue is expected to double, up from 2025 levels.", S, []),  # a baseline, not a start
    ("The data from November showed a slowdown.", "2024-12-05", []),  # "from" + a bare month: no start
    ("La plupart des 2028 exemplaires sont vendus.", S, []),  # the article "des" and a count
    # a start followed by "onwards" is a lower bound: vague, never the year's last day
    ("The fab will produce chips from 2026 onwards.", S, [("from 2026 onwards", None)]),
    ("Le service sera proposé dès 2026 et au-delà.", S, [("dès 2026 et au-delà", None)]),
    ("It could ship as soon as next month.", S, [("as soon as next month", None)]),
    # the subject of a future clause
    ("2027 will be the year agents run whole companies, he said.", S, [("2027", dt.date(2027, 12, 31))]),
    ("Je pense que 2025 sera une année cruciale pour Gemini.", "2024-12-18", [("2025", dt.date(2025, 12, 31))]),
    ("Il estime que l'année 2026 devrait voir arriver les premiers robots.", S, [("l'année 2026", dt.date(2026, 12, 31))]),
    ("2026 is likely to see the arrival of many fresh efforts.", S, [("2026", dt.date(2026, 12, 31))]),
    ("The class of 2025 will graduate into a new market.", S, []),
    ("2025 was supposed to be the year of agents.", "2026-03-01", []),
    # a hedge on the whole claim stays out of the phrase; one on its time is taken in
    ('"I think 2027 will be the year of agents," Altman said.', S, [("2027", dt.date(2027, 12, 31))]),
    ("I think by June we will ship it.", S, [("by June", dt.date(2024, 6, 30))]),
    ("It will ship probably by June.", S, [("probably by June", dt.date(2024, 6, 30))]),
    # lists read "respectively": each time its own window
    ("Rubin and Vera will launch in 2025 and 2027, respectively.", S,
     [("in 2025", dt.date(2025, 12, 31)), ("2027", dt.date(2027, 12, 31))]),
    ("The three models ship in May, June and July, respectively.", S,
     [("in May", dt.date(2024, 5, 31)), ("June", dt.date(2024, 6, 30)), ("July", dt.date(2024, 7, 31))]),
    ("Les deux puces arriveront en 2026 et 2027 respectivement.", S,
     [("en 2026", dt.date(2026, 12, 31)), ("2027", dt.date(2027, 12, 31))]),
    ("Nvidia will deploy 100,000 and 10,000 GPUs respectively.", S, []),  # numbers, not times
    # tomorrow after a word of its clause; not figurative
    ("Je suis tellement excité par ce qu'on va lancer demain.", "2025-04", [("demain", dt.date(2025, 5, 1))]),
    ("We will announce the model tomorrow.", S, [("tomorrow", dt.date(2024, 4, 10))]),
    ("Ces outils seront intégrés dans les armes de demain.", S, []),
    ("Tomorrow's assistants will plan whole trips.", S, []),
    ("The AI of tomorrow will not look like today's chatbots.", S, []),
    # quotation marks inside a phrase, straight or not, separate nothing
    ('AGI will arrive within "five to ten years", he said.', "2025-03-18",
     [('within "five to ten years', dt.date(2035, 3, 18))]),
    ("L'IA arrivera d'ici \"cinq à dix ans\", a-t-il dit.", "2025-03-18", [("d'ici \"cinq à dix ans", dt.date(2035, 3, 18))]),
    ("L'IA arrivera d'ici « cinq à dix ans », a-t-il dit.", "2025-03-18", [("d'ici « cinq à dix ans", dt.date(2035, 3, 18))]),
    # a number before a date
    ("They counted 42 May 15 shipments.", S, [("May 15", dt.date(2024, 5, 15))]),
    # a part of something else is no deadline ("the second half" of the decade is not this year's)
    ("Growth will come in the second half of the decade.", S, []),
    ("Sales rise in the first quarter of the fiscal year.", S, []),
    ("Le chiffre d'affaires progressera au premier trimestre de l'exercice 2025.", S, []),
    ("It ships in the first half of 2026.", S, [("in the first half of 2026", dt.date(2026, 6, 30))]),
    # "until" a named year or month may or may not include it: refused, and the time inside is not found alone
    ("Siri's new features will now be delayed until 2026.", S, []),
    ("An extended transition period until August 2027 applies to embedded systems.", S, []),
    ("Le support est assuré jusqu'en 2027.", S, []),
    ("On le soutiendra jusqu'à fin 2026.", S, [("jusqu'à fin 2026", dt.date(2026, 12, 31))]),
    ("Support runs until the end of 2027.", S, [("until the end of 2027", dt.date(2027, 12, 31))]),
    # a hedge inside a span does not move it
    ("The device will launch within approximately a year.", S,
     [("within approximately a year", dt.date(2025, 4, 9))]),
    ("Il sera prêt dans environ un an, selon lui.", S, [("dans environ un an", dt.date(2025, 4, 9))]),
    ("It will arrive in about two years.", S, [("in about two years", dt.date(2026, 4, 9))]),
    # a bare half or season after "lors de": the first one that ends on or after the day said
    ("L'appareil sera présenté lors du second semestre.", S, [("lors du second semestre", dt.date(2024, 12, 31))]),
    ("L'appareil sera présenté lors du premier semestre.", "2024-09-10",
     [("lors du premier semestre", dt.date(2025, 6, 30))]),
    ("Il sera présenté lors de l'été.", "2024-09-10", [("lors de l'été", dt.date(2025, 8, 31))]),
    ("The model will launch in the second half, he said.", "2024-09-10",
     [("in the second half", dt.date(2024, 12, 31))]),
    ("Il sera présenté lors de la conférence de juin.", S, []),  # an event the grammar cannot date
    # a time that names its year is not counted from the event after it; a span is
    ("It will ship in 2026 after the regulators approve it.", S, [("in 2026", dt.date(2026, 12, 31))]),
    ("Il sortira en 2027 avant les élections.", S, [("en 2027", dt.date(2027, 12, 31))]),
    ("It will ship two weeks after the launch.", S, []),
    # an adverb between the subject year and its future verb
    ("2025 also will be the year of agents.", S, [("2025", dt.date(2025, 12, 31))]),
    ("2025 va réellement être l'année de l'IA.", S, [("2025", dt.date(2025, 12, 31))]),
    ("2025 also saw many launches.", S, []),
    # "the near future" said with a negation
    ("Expect it in the not very distant future, he said.", S, [("in the not very distant future", None)]),
    ("Cela arrivera dans un avenir pas si lointain.", S, [("dans un avenir pas si lointain", None)]),
    ("In the distant future, robots may rule.", S, []),
    # an editor's words in square brackets are read as written; a footnote mark is not
    ('OpenAI was "looking at something in the latter part [of 2026]."', "2026-01-22",
     [("in the latter part [of 2026]", dt.date(2026, 12, 31))]),
    ('"We will ship it [in 2026]," he said.', S, [("in 2026", dt.date(2026, 12, 31))]),
    ("It ships by [the end of] June.", S, [("by [the end of] June", dt.date(2024, 6, 30))]),
    ("It ships by June[3].", S, [("by June", dt.date(2024, 6, 30))]),
]


@pytest.mark.parametrize(("text", "said", "expected"), IN_CONTEXT)
def test_the_words_around_a_time_decide_whether_it_is_a_deadline(text, said, expected):
    found = lt.find_deadlines(text, said=said)
    assert [(f.text, f.window.latest) for f in found] == expected
    for f in found:
        assert text[f.start:f.end] == f.text
        assert f.window == lt.parse_deadline(f.text, said=said)


def test_des_with_its_accent_is_not_the_article():
    # folded, "dès" and "des" are one word; written with its accent, "dès" starts a window in running text
    assert [f.text for f in lt.find_deadlines("disponible dès 2027", said=S)] == ["dès 2027"]
    assert lt.find_deadlines("disponible des 2027", said=S) == []
    # as a whole phrase both spellings read the same
    assert lt.parse_deadline("des 2027", said=S).latest == lt.parse_deadline("dès 2027", said=S).latest
    assert lt.parse_deadline("des que possible", said=S).vague


_NUMBERS = st.one_of(
    st.one_of(st.integers(0, 40), st.integers(1990, 2035), st.integers(0, 10**7)).map(str),
    st.builds("{}{}{}".format, st.integers(0, 2100), st.sampled_from([".", ",", "/", "-", ":", "Q", "H", "h", "s"]),
              st.integers(0, 999)),  # "53.5", "12,345", "12/25", "2025-26", "3Q26", "2H27", "24h"
    st.builds("${}.{}".format, st.integers(0, 99), st.integers(0, 99)),
)
_SIGNS = st.sampled_from([" ", " ", " ", ",", ".", "/", "-", ":", "%", " | ", "\n"])
_WORDS = st.sampled_from(["May", "June", "Q3", "by", "in", "and", "or", "to", "months", "years", "the", "of",
                          "respectively", "will", "sera", "dès", "from", "tomorrow", "$", "billion", "rose", "since",
                          "ago", "probably", "at the latest", "half", "quarter", "after", "not before", "le", "on",
                          "within the month", "June 31", "early", "next year", "2.5 years", "3 1/2 months"])


@given(st.lists(st.one_of(_NUMBERS, _NUMBERS, _SIGNS, _WORDS), max_size=60), st.sampled_from([S, "2026-01-31"]))
def test_contexts_read_once_find_what_reading_each_afresh_finds(parts, said):
    # words and numbers whose context was read and held nothing are skipped when the context comes back;
    # the phrases found are those found when every start is read afresh
    from llmtimeline.deadlines import _scan

    text = " ".join(parts)
    text = text + " " + text  # the contexts come back
    cached = lt.find_deadlines(text, said=said)
    keys = _scan._context_keys
    _scan._context_keys = lambda *args: lambda i: None
    try:
        fresh = lt.find_deadlines(text, said=said)
    finally:
        _scan._context_keys = keys
    assert cached == fresh


@pytest.mark.slow
def test_a_number_before_a_number_or_with_decimals_and_no_word_after_is_never_a_deadline():
    # the scan reads such a number's context as one, whatever its figures (_scan._context_keys): pinned here
    # on numbers up to 9999 and decimal parts up to 99, after a word and after a sign
    for n in [*range(0, 100), *range(100, 10_000, 37), "05", "007"]:
        for before in ("x", "—"):
            assert lt.find_deadlines(f"{before} {n} 5 x", said=S) == []
            for sep in ".,":
                for m in [*range(0, 100, 3), "05", "123"]:
                    assert lt.find_deadlines(f"{before} {n}{sep}{m} x", said=S) == [], (n, sep, m)
