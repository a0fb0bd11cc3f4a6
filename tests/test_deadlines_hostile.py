"""find_deadlines on hostile text: any text ends in a clean result, spans inside the text, and work that
stays linear in the text's size (the allowance of ``_scan._WORK_PER_CHAR``), without changing what ordinary
text gives.  No timing here: the rules' work is counted (``benchmarks/deadlines.py`` measures the seconds)."""

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import llmtimeline as lt
from llmtimeline.deadlines import _scan
from llmtimeline.deadlines._registry import VOCABULARY

S = "2024-04-09"
_VOCABULARY = sorted(VOCABULARY)
_MONTHS = ["January", "June", "Sept", "mai", "juillet", "décembre", "Oct", "Dec"]


def _hostile(rng: random.Random, size: int) -> str:
    """About ``size`` characters of the grammar's own words, numbers and dates, drawn at random."""
    out: list[str] = []
    total = 0
    while total < size:
        r = rng.random()
        if r < 0.5:
            token = rng.choice(_VOCABULARY)
        elif r < 0.7:
            token = str(rng.randint(0, 2100))
        elif r < 0.85:
            token = f"{rng.choice(_MONTHS)} {rng.randint(1, 31)}"
        else:
            token = f"{rng.randint(1990, 2100)}-{rng.randint(1, 12):02d}-{rng.randint(1, 31):02d}"
        out.append(token)
        total += len(token) + 1
    return " ".join(out)[:size]


class _Counted:
    """``_scan._scan`` wrapped to add up the work it reports and the pieces it reads."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.work = 0
        self.pieces: list[int] = []
        scan = _scan._scan

        def counted(*args):  # type: ignore[no-untyped-def]
            found, work, landed = scan(*args)
            self.work += work
            self.pieces.append(work)
            return found, work, landed

        monkeypatch.setattr(_scan, "_scan", counted)


def _unbounded(monkeypatch: pytest.MonkeyPatch, text: str, said: str | None = S) -> list[lt.deadlines.FoundDeadline]:
    with monkeypatch.context() as m:
        m.setattr(_scan, "_WORK_PER_CHAR", float("inf"))
        return lt.find_deadlines(text, said=said)


@pytest.mark.parametrize("size", [40_000, 80_000, 160_000])
def test_the_work_on_hostile_text_stays_within_its_allowance(monkeypatch, size):
    text = _hostile(random.Random(size), size)
    counted = _Counted(monkeypatch)
    found = lt.find_deadlines(text, said=S)
    allowance = _scan._WORK_AT_START + _scan._WORK_PER_CHAR * len(text)
    assert counted.work <= allowance + max(counted.pieces)  # the last piece read may pass it, no more
    assert found  # read in part, not given up
    for f in found:
        assert text[f.start:f.end] == f.text


def test_hostile_text_read_in_part_gives_some_of_the_phrases_read_whole_never_others(monkeypatch):
    text = _hostile(random.Random(3), 40_000)
    bounded = lt.find_deadlines(text, said=S)
    whole = _unbounded(monkeypatch, text)
    assert len(bounded) < len(whole)  # the allowance was reached
    assert set(bounded) <= set(whole)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from([S, "2026-01-31", None]), st.sampled_from(["", " | ", ". OpenAI "]))
def test_under_a_small_allowance_the_phrases_found_are_among_those_read_whole(seed, said, other):
    # a small allowance makes small texts skip pieces: what is found after a skip is never a part of a
    # phrase that started in the words skipped ("until August 2027", "earlier this year"), nor its words paired
    # otherwise ("August 13 May 19"); the reading starts again after a word no phrase holds
    rng = random.Random(seed)
    text = other.join(_hostile(rng, rng.randint(100, 1_500)) for _ in range(4))
    with pytest.MonkeyPatch.context() as m:
        whole = lt.find_deadlines(text, said=said)
        m.setattr(_scan, "_WORK_AT_START", 0)
        m.setattr(_scan, "_WORK_PER_CHAR", 0.02)
        bounded = lt.find_deadlines(text, said=said)
    assert set(bounded) <= set(whole)
    assert [f.start for f in bounded] == sorted(f.start for f in bounded)


@pytest.mark.parametrize("piece", ["until August 2027 ", "earlier this year ", "au cours de l'année à venir ",
                                   "jusqu'en 2028 "])
def test_a_long_run_cut_in_pieces_is_never_read_from_the_middle_of_a_phrase(piece):
    # runs longer than a piece are read in overlapping pieces; each starts where the one before landed, not
    # inside "until August 2027" (which would find "August 2027")
    text = piece * (60_000 // len(piece))
    assert lt.find_deadlines(text, said=S) == []


def test_a_long_run_cut_in_pieces_keeps_its_pairs():
    text = " ".join(f"{m} {k % 28 + 1}" for k, m in enumerate(["August", "May", "June", "Oct"] * 800))
    found = lt.find_deadlines(text, said=S)
    assert [f.text.split()[0] for f in found] == ["August", "May", "June", "Oct"] * 800
    assert lt.find_deadlines(text + " x" * 10, said=S) == found


def test_what_is_found_in_the_pieces_of_a_run_is_what_one_piece_finds(monkeypatch):
    text = "; ".join(f"by {m} {k % 28 + 1}, or within {k % 9 + 1} weeks" for k, m in enumerate(_MONTHS * 100))
    monkeypatch.setattr(_scan, "_WORK_PER_CHAR", float("inf"))  # a phrase every 30 characters: over the allowance
    found = lt.find_deadlines(text, said=S)
    assert len(found) == 800
    monkeypatch.setattr(_scan, "_PIECE", 10**9)
    assert found == lt.find_deadlines(text, said=S)


_PROSE = [
    "OpenAI said on Tuesday that it would ship the model by the end of next year, or even sooner.",
    "Revenue rose 12% to $4.5 billion in the quarter ended March 31, 2024, up from $3.9 billion a year earlier.",
    "« Nous le lancerons d’ici la fin de l’année prochaine », a déclaré le patron, le 3 avril.",
    "The company expects agents in the coming months and a new chip in Q3 2025; shipments of 1,200 units.",
    "| Data center | 22,563 | 14.51 | +18.3% | 2025 |",
    "Musk said robotaxis would launch in June, and Optimus within 18 months at the latest.",
    "Le modèle sera disponible dans les prochains mois, voire avant, selon l'entreprise.",
]


@pytest.mark.parametrize("said", [S, "2025-11-15", None])
def test_ordinary_text_is_read_whole(monkeypatch, said):
    # articles and tables of figures, a few hundred kB: far under the allowance, read as without one
    rng = random.Random(1)
    text = "\n".join(rng.choice(_PROSE) for _ in range(1_000))
    counted = _Counted(monkeypatch)
    found = lt.find_deadlines(text, said=said)
    assert counted.work < _scan._WORK_PER_CHAR * len(text) / 5
    assert found == _unbounded(monkeypatch, text, said)


_FAMILIES = {
    "month names": lambda r: r.choice(_MONTHS),
    "digits with separators": lambda r: f"{r.randint(0, 99)}{r.choice('/-.:,')}{r.randint(0, 99)}",
    "d'ici": lambda r: "d'ici",
    "parentheses": lambda r: r.choice(["(", ")", "((", "(by June"]),
    "mixed scripts": lambda r: r.choice(["к 2026 году", "到2026年", "بحلول 2026", "μέχρι τον Ιούνιο", "by June"]),
    "long words": lambda r: "x" * r.randint(100, 5000),
    "no spaces": lambda r: r.choice(["by2026", "june15", "Q3", "2024", "dici"]),
}


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(_FAMILIES)), st.integers(0, 10**6), st.sampled_from(["", " ", "\n"]))
def test_hostile_families_end_in_a_clean_result(family, seed, sep):
    rng = random.Random(seed)
    text = sep.join(_FAMILIES[family](rng) for _ in range(rng.randint(1, 400)))
    found = lt.find_deadlines(text, said=S)
    assert all(text[f.start:f.end] == f.text for f in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert all(f.window.latest is None or str(f.window.latest) >= S for f in found)


@given(st.lists(st.one_of(st.sampled_from(_VOCABULARY), st.integers(0, 3000).map(str),
                          st.sampled_from([",", ".", "-", "/", "(", ")", "'", ":"])), max_size=80))
def test_text_of_the_grammars_words_ends_in_a_clean_result(words):
    text = " ".join(words)
    for f in lt.find_deadlines(text, said=S):
        assert 0 <= f.start < f.end <= len(text) and text[f.start:f.end] == f.text


@pytest.mark.parametrize("family", ["grammar words", "dense", "months and days", "lists"])
def test_the_contexts_read_once_give_what_reading_each_afresh_gives_on_hostile_text(monkeypatch, family):
    # the scan reads a context (the classes of up to 128 words from a start) once per text; on text that
    # repeats contexts the phrases are those found when every start is read afresh
    rng = random.Random(family)
    make = {
        "grammar words": lambda: _hostile(rng, 6_000),
        "dense": lambda: "\n".join(f"| Revenue | {rng.randint(1, 99)},{rng.randint(0, 999):03d} | "
                                   f"{rng.randint(2019, 2026)} | rose {rng.randint(1, 30)}% by {rng.choice(_MONTHS)} "
                                   f"{rng.randint(1, 31)}, {rng.randint(2023, 2027)}" for _ in range(120)),
        "months and days": lambda: " ".join(f"{rng.choice(_MONTHS)} {rng.randint(1, 31)}" for _ in range(700)),
        "lists": lambda: " ".join(f"in {rng.randint(2024, 2030)}, {rng.randint(2024, 2030)} or "
                                  f"{rng.randint(2024, 2030)}." for _ in range(150)),
    }[family]
    text = make()
    text = text + " " + text
    monkeypatch.setattr(_scan, "_WORK_PER_CHAR", float("inf"))
    cached = lt.find_deadlines(text, said=S)
    monkeypatch.setattr(_scan, "_context_keys", lambda *args: lambda i: None)
    assert cached == lt.find_deadlines(text, said=S)
