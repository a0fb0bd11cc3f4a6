"""Rules for times that the words around them make deadlines in running text.

A bare year or day needs a connector to be a deadline in running text ("in 2027",
"by tomorrow"): alone, "2027" may be a count and "demain" is often figurative.  These
rules read the words next to a time, without taking them into the phrase, and make
the time alone a deadline when they say it is one:

* the subject of a future clause: "2027 will be the year", "2025 sera une année
  cruciale", "2026 is expected to see" (a time that names its year);
* the later items of a list read "respectively": "in 2025 and 2027, respectively"
  gives "in 2025" and "2027", each its own window (the list read whole would give
  the first thing the second one's day);
* a day after a word of its clause: "we launch tomorrow", "ce qu'on va lancer
  demain" (not "the world of tomorrow", "l'IA de demain", "tomorrow's").

Each is one rule of the registry; its words are in ``_phrases``.
"""

from __future__ import annotations

import datetime as dt

from . import _phrases as V
from ._periods import respectively_after, time
from ._rules import Parser, Reading, Time, rule, trie

__all__ = ["day_in_clause", "future_subject", "respective"]

_FUTURE_AFTER, _LIST_JOINS, _DAYS_IN_CLAUSE = trie(V.FUTURE_AFTER), trie(V.LIST_JOINS), trie(V.DAYS_IN_CLAUSE)
_FUTURE_ADVERBS = trie(V.FUTURE_ADVERBS)
_JOIN_WORDS = frozenset(w for entry in V.LIST_JOINS for w in entry.split())


def _reading(t: Time) -> Reading:
    """The time's own window (its last day), needing no more context in running text."""

    def latest(said: dt.date | None) -> dt.date:
        return t.bounds(said)[1]

    return Reading("date" if t.absolute else "period", latest)


@rule
def future_subject(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """A time that names its year, then a future verb: "2027 will be the year", "2025 sera une année cruciale",
    "l'année 2026 devrait voir", with an adverb before the verb ("2027 also will be"): the time (without the verb)."""
    if i > 0 and p.w[i - 1] in V.FUTURE_NOT_AFTER:
        return []  # "the class of 2025 will", "plans for 2027 would"
    return [(_reading(t), j) for t, j in time(p, i) if t.absolute and t.loose < 3 and _future_verb(p, j)]


def _future_verb(p: Parser, j: int) -> bool:
    """A future verb at ``j``, or after an adverb there ("2027 also will be", "2026 sera aussi" reads "sera")."""
    return any(p.phrase(_FUTURE_AFTER, m) for m in (j, *p.ends(_FUTURE_ADVERBS, j)))


@rule
def respective(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """A later item of a list of times read "respectively" ("in 2025 and 2027, respectively", "en mars et juin
    respectivement"): the time alone, with the context of the list."""
    if i < 2 or p.w[i - 1] not in _JOIN_WORDS:
        return []
    found = [(_reading(t), j) for t, j in time(p, i) if t.loose < 3 and respectively_after(p, j)]
    return found if found and _previous_joins(p, i) else []


def _previous_joins(p: Parser, i: int) -> list[tuple[Time, int]]:
    """The times that end a few words before ``i``, each followed by a list join that ends at ``i``."""
    out = []
    for k in range(max(0, i - 8), i - 1):
        for t, j in time(p, k):
            out += [(t, m) for m in p.ends(_LIST_JOINS, j) if m == i]
    return out


@rule
def day_in_clause(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """"tomorrow", "demain", "après-demain" after a word of their clause ("we launch tomorrow"): the day; not after
    a word that makes it figurative ("the AI of tomorrow", "l'IA de demain", "aujourd'hui et demain"), at the head
    of a sentence, or possessive ("tomorrow's")."""
    if i == 0 or not p.w[i - 1].isalpha() or p.w[i - 1] in V.DAY_NOT_AFTER or not p.phrase(_DAYS_IN_CLAUSE, i):
        return []
    return [(_reading(t), j) for t, j in time(p, i) if t.grain == "day" and p.at(j) != "s"]
