"""The deadline grammar: spans, vague phrases, conditions, lower bounds, and the
connectors and hedges around a time.  ``read`` reads a whole phrase, ``scan``
finds phrases in running text; both share every rule.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from fractions import Fraction

from ..dates import add_months
from . import _phrases as V
from ._periods import time
from ._rules import NeedsSaid, Parser, Reading, Refusal, Time, dispatch, first_words, no_day, rule, trie
from ._text import digits, match, tokenize
from ._times import cardinal, year_number
from ._tries import AMBIGUOUS_BEFORE as _AMBIGUOUS_BEFORE
from ._tries import AMOUNT_ALTERNATIVES as _ALT_AMOUNTS
from ._tries import AMOUNT_WORDS as _AMOUNTS
from ._tries import AND_A_HALF as _HALF
from ._tries import BEFORE as _BEFORE
from ._tries import BEFORE_END as _BEFORE_END
from ._tries import COMING as _COMING
from ._tries import COMPOUND_JOINS as _AND
from ._tries import CONDITION_FILLERS as _FILLERS
from ._tries import CONDITION_WORDS as _CONDITION_WORDS
from ._tries import CONDITIONS as _CONDITIONS
from ._tries import CONNECTORS as _CONNECTORS
from ._tries import FRACTIONS as _FRACTIONS
from ._tries import HALF_A as _HALF_BEFORE
from ._tries import HEDGES as _HEDGES
from ._tries import LOWER_AFTER as _LOWER_AFTER
from ._tries import LOWER_BEFORE as _LOWER_BEFORE
from ._tries import PAST as _PAST
from ._tries import PHRASE_ALTERNATIVES as _PHRASE_ALTERNATIVES
from ._tries import READY_WORDS as _READY
from ._tries import RESTATEMENTS as _RESTATEMENTS
from ._tries import SAME_DAY as _SAME_DAY
from ._tries import SINGULAR_ARTICLES as _SINGULAR_ARTICLES
from ._tries import SPAN_AFTER as _SPAN_AFTER
from ._tries import SPAN_BEFORE as _SPAN_BEFORE
from ._tries import SPAN_DETS as _DETS
from ._tries import SPAN_INSIDE as _SPAN_INSIDE
from ._tries import SPAN_UNITS as _SPAN_UNITS
from ._tries import START_WORDS as _START_WORDS
from ._tries import STARTS as _STARTS
from ._tries import TERM_BEFORE as _TERM_BEFORE
from ._tries import TERM_JOINS as _TERM_JOINS
from ._tries import TERM_NOUNS as _TERM_NOUNS
from ._tries import TERM_WORDS as _TERM_WORDS
from ._tries import UNIT_AMOUNT_ALTERNATIVES as _ALT_AFTER_UNIT
from ._tries import UNTIL as _UNTIL
from ._tries import VAGUE as _VAGUE
from ._tries import VAGUE_AFTER as _VAGUE_AFTER
from ._tries import VAGUE_BEFORE as _VAGUE_BEFORE
from ._tries import VAGUE_DETS as _VAGUE_DETS
from ._tries import VAGUE_JOINS as _VAGUE_JOINS
from ._tries import VAGUE_MANY as _VAGUE_MANY
from ._tries import VAGUE_QUANTITIES as _VAGUE_QUANTITIES
from ._tries import VAGUE_UNITS as _VAGUE_UNITS

__all__ = ["connected", "deadline", "duration", "hedge_spans", "joined_terms", "open_ended", "past_at", "past_reference",
           "span", "vague"]

_STRENGTH = {"weak": 1, "strong": 2}
_SPAN_FIRST = first_words(V.SPAN_BEFORE, V.AMOUNT_WORDS, V.UNITS_WORDS, V.TENS_WORDS, V.SAME_DAY, V.HALF_A,
                          V.SINGULAR_ARTICLES, V.HUNDREDS, V.THOUSANDS)
_NEXT_SINGULAR = [tokenize(e).words for e in V.NEXT_SINGULAR]
_AMBIGUOUS = trie(dict(V.AMBIGUOUS))  # (phrase, why it is refused) pairs
_ONE = dt.timedelta(days=1)

#: A span: months, days and minutes (minutes become whole days, rounded up); alternatives end with the later one.
Duration = tuple[tuple[int, int, int], ...]


def _scale(unit: tuple[int, int, int], amount: Fraction) -> tuple[int, int, int] | None:
    """A unit times an amount; whole months stay months, half a month is 15 days, other fractions of a month
    are refused (no convention gives their day)."""
    months, days, minutes = unit
    if months and days == 0:
        total = months * amount
        if total.denominator == 2:
            return int(total), 15, 0
        return (int(total), 0, 0) if total.denominator == 1 else None
    total = (days * 1440 + minutes) * amount
    return 0, 0, math.ceil(total)


def _amounts(p: Parser, i: int) -> list[tuple[Fraction, int]]:
    out = [(Fraction(n), j) for n, j in cardinal(p, i) if 0 < n <= 1000]  # not "2030 years"
    out += [(Fraction(n), j) for n, j in p.phrase(_AMOUNTS, i)]
    n = p.number(i, 0, 9999)
    if n is not None and p.at(i + 1) in (".", ",") and p.number(i + 2, 0, 99) is not None:
        out.append((Fraction(f"{p.w[i]}.{p.w[i + 2]}"), i + 3))
    for a, j in list(out):
        out += [(a + Fraction(1, 2), k) for k in p.ends(_HALF, j)]
        if digits(p.w[j - 1]):  # 3 1/2
            out += [(a + Fraction(*f), k) for f, k in p.phrase(_FRACTIONS, j)]
    out += [(Fraction(*f), k) for f, k in p.phrase(_FRACTIONS, i)]  # 1/2 hour
    return out


def _unit(p: Parser, i: int) -> list[tuple[tuple[int, int, int], int]]:
    """A unit, maybe after "next"/"prochains" ("the 3 next months", "les trois prochains mois")."""
    return [(u, k) for _, j in p.opt(_SPAN_INSIDE, i) for u, k in p.phrase(_SPAN_UNITS, j)]


@rule
def _term(p: Parser, i: int) -> list[tuple[Duration, int]]:
    """3 months, a year and a half, un an et demi, half a day, 2-3 years, a year or two, 48 hours."""
    out: list[tuple[Duration, int]] = []
    for amount, j in _amounts(p, i):
        for unit, k in _unit(p, j):
            for extra, m in [(Fraction(0), k)] + [(Fraction(1, 2), m) for m in p.ends(_HALF, k)]:
                scaled = _scale(unit, amount + extra)
                if scaled is not None:
                    out.append(((scaled,), m))
                # a year or two, un an ou deux
                for n in p.ends(_ALT_AFTER_UNIT, m if extra == 0 else k):
                    out += [((s,), q) for a2, q in _amounts(p, n) if a2 > amount and (s := _scale(unit, a2))]
        for n in p.ends(_ALT_AMOUNTS, j):  # 2-3 years, deux à trois ans, one or two years
            for a2, k in _amounts(p, n):
                if a2 > amount:
                    out += [((s,), m) for unit, m in _unit(p, k) if (s := _scale(unit, a2)) is not None]
    for j in p.ends(_HALF_BEFORE, i):
        out += [((s,), k) for unit, k in _unit(p, j) if (s := _scale(unit, Fraction(1, 2))) is not None]
    return out


@rule
def duration(p: Parser, i: int) -> list[tuple[Duration, int]]:
    """A span, compounds added: "1 year 2 months", "un an et deux mois"; alternatives: "6 months or a year"."""
    out: list[tuple[Duration, int]] = list(_term(p, i))
    frontier: list[tuple[Duration, int]] = [(d, j) for d, j in out if len(d) == 1]
    for _ in range(2):
        grown: list[tuple[Duration, int]] = []
        for d, j in frontier:
            (m1, d1, n1) = d[0]
            for _, k in p.opt(_AND, j):
                for e, m in _term(p, k):
                    if len(e) == 1:
                        (m2, d2, n2) = e[0]
                        grown.append((((m1 + m2, d1 + d2, n1 + n2),), m))
        out += grown
        frontier = grown
    for d, j in list(out):
        for k in p.ends(_ALT_AMOUNTS, j):
            out += [(d + e, m) for e, m in _term(p, k)]
    return out


def _span_end(said: dt.date, span: Duration) -> dt.date:
    return max(add_months(said, m) + dt.timedelta(days=d + math.ceil(minutes / 1440)) for m, d, minutes in span)


def _span_reading(span: Duration, loose: int) -> Reading:
    def latest(said: dt.date | None) -> dt.date:
        if said is None:
            raise NeedsSaid
        return _span_end(said, span)

    return Reading("span", latest, loose=loose, span=span)


@rule
def span(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """Within 3 months, d'ici 18 mois, in the next two years, two years from now, au cours des trois prochains mois."""
    if p.w[i] not in _SPAN_FIRST and not digits(p.w[i]):
        return []
    out = []
    for pre, j in p.opt(_SPAN_BEFORE, i):
        for _, k in p.opt(_DETS, j) if pre is not None else [(None, j)]:
            found = list(duration(p, k))
            if pre is not None and pre.split()[-2:] in _NEXT_SINGULAR and k == j:  # within the next year (or two)
                for u, m in p.phrase(_SPAN_UNITS, k):
                    if not p.w[k].endswith("s") or p.w[k] == "mois":
                        found.append(((u,), m))
                        found += [((s,), q) for n in p.ends(_ALT_AMOUNTS, m) for a, q in _amounts(p, n)
                                  if a > 1 and (s := _scale(u, a)) is not None]
            for d, m in found:
                for post, n in p.opt(_SPAN_AFTER, m):
                    out.append((_span_reading(d, 3 if pre is None and post is None else 0), n))
    for _, h in p.opt(_SPAN_BEFORE, i):  # (dans) l'année qui vient, (in) the year to come, this time next year
        for _, j in p.phrase(_SINGULAR_ARTICLES, h):
            for u, k in p.phrase(_SPAN_UNITS, j):
                if not p.w[j].endswith("s") or p.w[j] == "mois":
                    out += [(_span_reading((u,), 0), m) for m in p.ends(_COMING, k)]
    out += [(_span_reading((u,), 0), j) for u, j in p.phrase(_SAME_DAY, i)]
    return out


def _vague(horizon: int | None, loose: int = 0, lower: bool = False) -> Reading:
    return Reading("vague", no_day, vague=True, horizon=horizon, loose=loose, lower=lower)


@rule
def vague(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """Soon, bientôt, in the coming weeks, dans les prochains mois, within months, in a few thousand days."""
    out = [(_vague(h, 3 if " ".join(p.w[i:j]) in V.VAGUE_LOOSE else 0), j) for h, j in p.phrase(_VAGUE, i)]
    for _, j in p.opt(_VAGUE_BEFORE, i):
        for _, k in p.opt(_VAGUE_DETS, j):
            for q, m in p.opt(_VAGUE_QUANTITIES, k):
                for _, m2 in p.phrase(_VAGUE_MANY, m) if q is not None else ():  # a few thousand days
                    m, q = m2, "many"
                units = list(p.phrase(_VAGUE_UNITS, m))
                # "in days or weeks", "dans quelques jours ou semaines": the longer horizon
                units += [(_later(h1, h2), n2) for h1, n1 in units for c in p.ends(_VAGUE_JOINS, n1)
                          for h2, n2 in p.phrase(_VAGUE_UNITS, c)]
                for h, n in units:
                    joined = n > m + 1
                    for post, r in p.opt(_VAGUE_AFTER, n):
                        if q is not None or post is not None or (joined and j > i):
                            out.append((_vague(None if q == "many" else h), r))
    out += joined_terms(p, i)
    return out


def _later(a: int | None, b: int | None) -> int | None:
    """The later of two soft horizons in months (None, no horizon, is the latest)."""
    return None if a is None or b is None else max(a, b)


@rule
def joined_terms(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """Terms joined: "à moyen et court termes", "in the short to medium term", "à court ou moyen terme",
    "short- and long-term": vague, with the later of their horizons."""
    out = []
    for _, j in p.opt(_TERM_BEFORE, i):
        for h, k in p.phrase(_TERM_WORDS, j):
            frontier = [(h, k)]
            for _ in range(2):  # up to three terms
                frontier = [(_later(h1, h2), n) for h1, m in frontier for c in p.ends(_TERM_JOINS, m)
                            for h2, n in p.phrase(_TERM_WORDS, c)]
                out += [(_vague(hz), e) for hz, n in frontier for e in p.ends(_TERM_NOUNS, n)]
    return out


@rule
def open_ended(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """Conditions ("when it is ready", "dès que possible") and lower bounds ("not before 2026", "après 2026",
    "2026 at the earliest"): vague, with no horizon."""
    out = [(_vague(None), j) for j in p.ends(_CONDITIONS, i)]
    for j in p.ends(_CONDITION_WORDS, i):
        ends = [j]
        for _ in range(5):
            ends += [k for e in ends for k in p.ends(_FILLERS, e)]
            ends = list(dict.fromkeys(ends))[:16]
        out += [(_vague(None), m) for e in ends for m in p.ends(_READY, e)]
    for _, j in p.phrase(_LOWER_BEFORE, i):
        if p.at(j) in V.LOWER_NOT_BEFORE:
            continue  # après-demain is a day
        loose = 3 if " ".join(p.w[i:j]) in V.LOWER_LOOSE else 0
        out += [(_vague(None, loose, True), k) for _, k in time(p, j)]
        out += [(_vague(None, loose, True), k) for _, k in duration(p, j)]
    for h in [i, *p.ends(_CONNECTORS, i)]:  # (in) 2028 at the earliest
        for _, j in time(p, h):
            out += [(_vague(None, lower=True), k) for k in p.ends(_LOWER_AFTER, j)]
    return out


def _time_reading(t: Time, before: bool, strength: int) -> Reading:
    kind = "date" if t.absolute else "period"
    if before and not t.end:

        def latest(said: dt.date | None) -> dt.date:
            start, _ = t.bounds(said)
            if start is None:
                raise Refusal("'before' a time with no first day is not one of the conventions")
            return start - _ONE

        return Reading(kind, latest, loose=t.loose)
    return Reading(kind, lambda said: t.bounds(said)[1], loose=t.loose)


@rule
def connected(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """Connectors ("by", "d'ici", "no later than", "before") then a time or a span; or a time or span alone.
    Each reading carries the context it needs in running text."""
    out: list[tuple[Reading, int]] = []
    states = [(i, False, 0)]  # (where, before, strongest connector)
    seen = set(states)
    for _ in range(3):
        grown = []
        for j, before, strength in states:
            steps = [(k, before, max(strength, _STRENGTH[c])) for c, k in p.phrase(_CONNECTORS, j)
                     if not (c == "weak" and strength == 1)]  # "in on", "dans en": never two weak ones
            steps += [(k, True, 2) for k in p.ends(_BEFORE, j)]
            steps += [(k, False, 2) for k in p.ends(_BEFORE_END, j)]
            grown += [s for s in steps if s not in seen]
        seen.update(grown)
        states = grown
    for j, before, strength in seen:
        if j > i and not before and p.phrase(_START_WORDS, j):
            continue  # "by the start of next year" is the day before it (a "before" connector), not early next year
        for t, k in time(p, j):
            reading = _time_reading(t, before, strength)
            if reading.loose < 3 and strength >= reading.loose:
                reading.loose = 0  # the connectors read give the context it needs
            out.append((reading, k))
        if not before and (j == i or strength == 2):  # "sometime within 2 years"; not "in within"
            for reading, k in span(p, j):
                if j > i and reading.loose == 3 and strength == 2:
                    continue  # "by 6 months": a connector is not a span's "within"
                out.append((reading, k))
    return out


@rule
def starts(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """Starts stated as dates: "starting in June", "available from April", "à partir de juin", "dès 2027",
    "beginning next quarter": the thing begins then, so the window ends on that period's last day.  "from" and
    "as of" are starts in running text only before a time that names its year ("from 2028"), and never after a
    word that makes "from" a baseline ("up from 2025"); followed by "onwards" or "and beyond", a start is a lower
    bound ("from 2026 onwards")."""
    out: list[tuple[Reading, int]] = []
    if i > 0 and p.w[i - 1] in V.STARTS_NOT_AFTER:
        return out
    for loose, j in p.phrase(_STARTS, i):
        for t, k in time(p, j):
            lowers = p.ends(_LOWER_AFTER, k)
            if lowers:  # "from 2026 onwards", "dès 2026 et au-delà": a lower bound
                out += [(_vague(None, lower=True), m) for m in lowers]
                continue
            reading = _time_reading(t, False, 0)
            if loose == 1:
                reading.loose = 0 if t.absolute and t.loose < 3 else 3
            else:
                reading.loose = loose if t.loose < 3 else 3  # "starting in" gives a bare month the context it needs
            out.append((reading, k))
    return out


@rule
def until(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """"until X": the day before X starts for a period named from the day said ("until next year"); X's last
    day for an end ("until the end of June") or a day ("until March 31"); refused for a named year, month or
    season ("until 2028"), which the speaker may or may not include."""
    out = []
    for j in p.ends(_UNTIL, i):
        for t, k in time(p, j):
            if t.end or t.grain in ("date", "day"):
                out.append((_time_reading(t, False, 0), k))
            elif t.step is not None and t.step > 0:
                out.append((_time_reading(t, True, 2), k))
            else:
                reason = (f"'{' '.join(p.w[i:k])}' may or may not include the {t.grain} it names: say 'until the "
                          f"end of ...' or 'before ...'")

                def refuse(said: dt.date | None, reason: str = reason) -> dt.date:
                    raise Refusal(reason)

                # kind "refused": in running text the time inside is not found alone either ("until August
                # 2027" is not "August 2027")
                out.append((Reading("refused", refuse, loose=t.loose), k))
    return out


@rule
def refused(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """Phrases with two common readings ("within the month", "over the coming year"), fiscal years, holidays
    that differ by country, events the grammar cannot date ("by Google I/O"): refused, naming the readings."""
    out = []
    starts_at = [i, *p.ends(_AMBIGUOUS_BEFORE, i)] + [k for _, k in time(p, i)]
    for j in dict.fromkeys(starts_at):
        for reason, k in p.phrase(_AMBIGUOUS, j):
            ends = [k, *(m for _, m in year_number(p, k)), *(k + 1 for _ in [0] if p.number(k, 0, 9999) is not None)]
            for m in dict.fromkeys(ends):
                out.append((Reading("refused", _refuse(str(reason)), loose=3), m))
    return out


def _refuse(reason: str) -> Callable[[dt.date | None], dt.date | None]:
    def latest(said: dt.date | None) -> dt.date | None:
        raise Refusal(reason)

    return latest


def _either_reading(a: Reading, b: Reading) -> Reading:
    """Alternatives and corrections of whole phrases ("by May, or by August at the latest"): the later bound."""

    def latest(said: dt.date | None) -> dt.date | None:
        x, y = a.latest(said), b.latest(said)
        if x is None or y is None:
            raise Refusal("an alternative between a date and a vague phrase names no one day")
        return max(x, y)

    kind = a.kind if a.kind == b.kind else "period"
    return Reading(kind, latest, loose=max(a.loose, b.loose))


def _restated(a: Reading, b: Reading) -> Reading:
    """A restatement ("by the end of this year, so within a few months"): the explicit part decides; two explicit
    parts that disagree are refused."""
    if b.vague:
        return a

    def latest(said: dt.date | None) -> dt.date | None:
        x, y = a.latest(said), b.latest(said)
        if x != y:
            raise Refusal(f"the phrase names two different days ({x} and {y})")
        return x

    return Reading(a.kind, latest, loose=max(a.loose, b.loose))


def _single(p: Parser, i: int) -> list[tuple[Reading, int]]:
    idioms = {j for _, j in p.phrase(_VAGUE, i)}  # "one day" is vague, not a span of one day
    return [(r, j) for r, j in dispatch("phrase", p, i) if r.vague or j not in idioms]


@rule
def deadline(p: Parser, i: int) -> list[tuple[Reading, int]]:
    """A whole deadline phrase: every "phrase" rule of the registry that may start at ``i``, and two of them
    joined: alternatives and corrections ("by May, or by August") take the later bound; a restatement ("by the
    end of this year, so within a few months") is decided by its explicit part."""
    out = _single(p, i)
    for a, j in list(out):
        if a.vague or a.kind == "refused":
            continue
        k = j + 1 if p.at(j) == "," else j
        for m in p.ends(_PHRASE_ALTERNATIVES, k):
            out += [(_either_reading(a, b), n) for b, n in _single(p, m) if not b.vague and b.kind != "refused"]
        for m in p.ends(_RESTATEMENTS, k):  # "so within a few months", "i.e. next year"
            out += [(_restated(a, b), n) for b, n in _single(p, m) if b.kind != "refused" and not b.lower]
        if k > j:  # after a comma alone, a span or a vague phrase restates: "by the end of 2026, within six months"
            out += [(_restated(a, b), n) for b, n in _single(p, k) if (b.kind == "span" or b.vague) and not b.lower]
    return out


def hedge_spans(words: list[str]) -> list[tuple[int, int]]:
    """Where the hedges are ("probably", "at the latest", "voire moins", "~"): (first, after-last) token indices."""
    found = []
    i, n = 0, len(words)
    while i < n:
        ends = match(_HEDGES, words, i) if words[i] in _HEDGES else None
        if ends:
            found.append((i, ends[-1][1]))
            i = ends[-1][1]
        else:
            i += 1
    return found


def past_at(words: list[str], i: int) -> int:
    """The index after a past reference starting at ``words[i]`` ("earlier this", "il y a"), or ``i``."""
    found = match(_PAST, words, i)
    return found[-1][1] if found else i


def past_reference(words: list[str]) -> bool:
    """True when the phrase refers to the past ("last year", "il y a deux semaines", "yesterday")."""
    return any(match(_PAST, words, i) for i in range(len(words)))
