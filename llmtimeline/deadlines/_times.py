"""Rules for the yearly times of deadline phrases: years, quarters, halves, seasons,
months, holidays, decades, and the numbers they are written with.

Each rule returns :class:`~llmtimeline._rules.Time` values; a period without a
year is the first one that ends on or after the day said, one with "next" /
"prochain" the first that starts after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..dates import first_yearly, last_day_of_month, nth_weekday
from . import _phrases as V
from ._rules import Parser, Time, fixed, relative, rule
from ._text import digits
from ._tries import AFTER_NEXT as _AFTER_NEXT
from ._tries import DECADE_WORDS as _DECADE_WORDS
from ._tries import HALF_WORDS as _HALF_WORDS
from ._tries import HOLIDAY_BEFORE as _HOLIDAY_BEFORE
from ._tries import HOLIDAYS as _HOLIDAYS
from ._tries import HUNDREDS as _HUNDREDS
from ._tries import LAST_WORDS as _LAST
from ._tries import MONTH_BEFORE as _MONTH_BEFORE
from ._tries import MONTHS as _MONTHS
from ._tries import NEXT_WORDS as _NEXT_WORDS
from ._tries import NUMBER_JOINS as _NUMBER_JOINS
from ._tries import OF_NEXT_YEAR as _NEXT_YEAR
from ._tries import OF_THIS_YEAR as _THIS_YEAR
from ._tries import ORDINAL_WORDS as _ORD
from ._tries import QUARTER_BEFORE as _QUARTER_BEFORE
from ._tries import QUARTER_WORDS as _QUARTER_WORDS
from ._tries import SEASON_BEFORE as _SEASON_BEFORE
from ._tries import SEASONS as _SEASONS
from ._tries import TENS_WORDS as _TENS
from ._tries import THOUSANDS as _THOUSANDS
from ._tries import UNITS_WORDS as _UNITS
from ._tries import YEAR_LINKS as _YEAR_LINKS
from ._tries import YEAR_WORDS as _YEAR_WORDS

__all__ = ["cardinal", "day_of_month", "decade_time", "half_time", "holiday_time", "month_time", "ordinal",
           "quarter_time", "season_time", "year_spec", "year_time", "yearly"]

YearBounds = Callable[[int], tuple[dt.date, dt.date]]
#: A year named after a period: an absolute year, ("rel", k) for said's year + k, or None (the first one).
YearSpec = int | tuple[str, int] | None

_ARTICLE_ONLY = frozenset(V.ARTICLES)


# -- numbers ---------------------------------------------------------------------------

def _below_hundred(p: Parser, i: int) -> list[tuple[int, int]]:
    """1 to 99 in words: "eighteen", "twenty four", "vingt et un", "soixante dix huit"."""
    out: list[tuple[int, int]] = list(p.phrase(_UNITS, i))
    for tens, j in p.phrase(_TENS, i):
        out.append((tens, j))
        for _, k in p.opt(_NUMBER_JOINS, j):
            out += [(tens + u, m) for u, m in p.phrase(_UNITS, k) if 1 <= u <= 19 and (u <= 9 or tens in (60, 80))]
    return out


def _below_thousand(p: Parser, i: int) -> list[tuple[int, int]]:
    """1 to 999 in words: "two hundred and forty", "deux cent quarante", "cent vingt"."""
    out = _below_hundred(p, i)
    heads = [(u, j) for u, j in out if 1 <= u <= 9] + [(1, i)]  # "hundred" alone ("cent") is one hundred
    for u, j in heads:
        for h, k in p.phrase(_HUNDREDS, j):
            if j == i and h != 100:
                continue
            if j == i and p.w[i] not in ("cent", "cents"):
                continue  # "hundred days" is not a number; "cent jours" is
            value = u * h
            out.append((value, k))
            for _, m in p.opt(_NUMBER_JOINS, k):
                out += [(value + r, n) for r, n in _below_hundred(p, m)]
    return out


@rule
def cardinal(p: Parser, i: int) -> list[tuple[int, int]]:
    """A whole number in digits or words: "18", "eighteen", "vingt et un", "two hundred and forty",
    "deux cent quarante", "mille", "three thousand"."""
    out: list[tuple[int, int]] = []
    n = p.number(i, 0, 999999)
    if n is not None:
        out.append((n, i + 1))
    if p.w[i].isdigit():
        return out  # no table of number words holds digits: "3 thousand" is not read ("3,000" is)
    small = _below_thousand(p, i)
    out += small
    for u, j in [*small, (1, i)]:
        for t, k in p.phrase(_THOUSANDS, j):
            if j == i and p.w[i] != "mille":
                continue
            value = u * t
            out.append((value, k))
            for _, m in p.opt(_NUMBER_JOINS, k):
                out += [(value + r, q) for r, q in _below_thousand(p, m)]
    return out


def day_of_month(p: Parser, i: int) -> list[tuple[int, int]]:
    """1 to 31: "15", "15th", "1er", "first", "quinze"."""
    out = []
    d = p.number(i, 1, 31)
    if d is not None and len(p.w[i]) <= 2:
        out.append((d, i + 1))
        if p.at(i + 1) in V.ORDINAL_SUFFIXES:
            out.append((d, i + 2))
    out += [(v, j) for v, j in p.phrase(_ORD, i) if v <= 31]
    if not digits(p.at(i)):
        out += [(v, j) for v, j in cardinal(p, i) if 1 <= v <= 31]
    return out


def ordinal(p: Parser, i: int, hi: int) -> list[tuple[int, int]]:
    out = [(v, j) for v, j in p.phrase(_ORD, i) if v <= hi]
    d = p.number(i, 1, 9)
    if d is not None and p.at(i + 1) in V.ORDINAL_SUFFIXES:
        out.append((d, i + 2))
    return out


# -- years ------------------------------------------------------------------------------

def year_number(p: Parser, i: int) -> list[tuple[int, int]]:
    """A year in four digits, maybe after "the year" / "l'an"; or two digits after an apostrophe ("'26")."""
    out = []
    for _, j in p.opt(_YEAR_WORDS, i):
        y = p.number(j, 1, 9999, width=4)
        if y is not None:
            out.append((y, j + 1))
    out += short_year(p, i, apostrophe=True)
    return out


def short_year(p: Parser, i: int, *, apostrophe: bool) -> list[tuple[int, int]]:
    """A year in two digits, 20YY: "'26" (``apostrophe``), or "26" written against a business form ("3Q26", "EOY26")."""
    j = i + 1 if p.at(i) == "'" else i
    if apostrophe != (j > i) or (not apostrophe and not p.glued(j)):
        return []  # "Q3 42" is no year: in running text the 42 is a count ("in Q3 42 robotaxis will ship")
    yy = p.number(j, 0, 99, width=2)
    return [] if yy is None else [(2000 + yy, j + 1)]


def year_spec(p: Parser, i: int) -> list[tuple[YearSpec, int]]:
    """The year after a month, quarter, half or holiday: "2025", "of 2025", "next year", "de cette année"."""
    out: list[tuple[YearSpec, int]] = [(None, i)]
    for _, j in p.opt(_YEAR_LINKS, i):
        out += year_number(p, j)
    out += [(("rel", 0), j) for j in p.ends(_THIS_YEAR, i)]
    out += [(("rel", 1), j) for j in p.ends(_NEXT_YEAR, i)]
    return out


def yearly(bounds: YearBounds, spec: YearSpec, grain: str, *, nxt: bool = False, loose: int = 0) -> Time:
    if isinstance(spec, int):
        year = spec
        return Time(lambda said: bounds(year), grain, absolute=True, loose=loose)
    if spec is None:
        return Time(relative(lambda said: first_yearly(said, bounds, starting_after=nxt)), grain, loose=loose,
                    recur=None if nxt else bounds)
    k = spec[1]
    return Time(relative(lambda said: bounds(said.year + k)), grain, loose=loose)


def _month_bounds(m: int) -> YearBounds:
    return lambda y: (dt.date(y, m, 1), last_day_of_month(y, m))


def _quarter_bounds(q: int) -> YearBounds:
    return lambda y: (dt.date(y, 3 * q - 2, 1), last_day_of_month(y, 3 * q))


def _half_bounds(h: int) -> YearBounds:
    return lambda y: (dt.date(y, 6 * h - 5, 1), last_day_of_month(y, 6 * h))


def _season_bounds(first: int) -> YearBounds:
    if first == 12:
        return lambda y: (dt.date(y, 12, 1), last_day_of_month(y + 1, 2))
    return lambda y: (dt.date(y, first, 1), last_day_of_month(y, first + 2))


def _with_year(p: Parser, j: int, bounds: YearBounds, grain: str, nxt: bool, loose_bare: int) -> list[tuple[Time, int]]:
    """A yearly period followed by its year, "next"/"prochain", or nothing (the first one ending on/after said)."""
    out = []
    for spec, k in year_spec(p, j):
        out.append((yearly(bounds, spec, grain, nxt=nxt, loose=loose_bare if spec is None and not nxt else 0), k))
    if not nxt:
        out += [(yearly(bounds, None, grain, nxt=True), k) for k in p.ends(_NEXT_WORDS, j)]
    if grain in ("quarter", "half"):  # a two-digit year: "Q3 '25", "3Q26", "2H26", "H1 27"
        out += [(yearly(bounds, y, grain), k) for y, k in short_year(p, j, apostrophe=False)]
    return out


# -- yearly periods -------------------------------------------------------------------------

@rule
def quarter_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """Q3, T3, 3Q 2025, 2025-Q3, the third quarter (of 2025), le 3e trimestre, next Q1."""
    out: list[tuple[Time, int]] = []
    starts: list[tuple[int, int, bool]] = []  # (quarter, index after it, needs a year)
    nxt = p.at(i) in V.NEXT_QUARTER
    i0 = i + 1 if nxt or p.at(i) in _ARTICLE_ONLY else i
    w = p.at(i0)
    if w in V.QUARTER_LETTERS and digits(p.at(i0 + 1)) and len(p.at(i0 + 1)) == 1:
        q = int(p.w[i0 + 1])
        if not 1 <= q <= 4:
            p.refuse(f"{w.upper()}{q} is not a quarter: quarters run from Q1 to Q4", i0 + 2)
            return out
        starts.append((q, i0 + 2, False))
    if p.number(i0, 1, 4, width=1) is not None and p.at(i0 + 1) == "q":
        starts.append((int(w), i0 + 2, True))
    for q, j in ordinal(p, i0, 4):
        starts += [(q, k, False) for k in p.ends(_QUARTER_WORDS, j)]
    for j in p.ends(_LAST, i0):
        starts += [(4, k, True) for k in p.ends(_QUARTER_WORDS, j)]
    for q, j, needs_year in starts:
        for t, k in _with_year(p, j, _quarter_bounds(q), "quarter", nxt, 0):
            if not (needs_year and k == j):
                out.append((t, k))
    for y, j in year_number(p, i):
        k = j + 1 if p.at(j) == "-" else j
        if p.at(k) in V.QUARTER_LETTERS and p.number(k + 1, 1, 4, width=1) is not None:
            out.append((yearly(_quarter_bounds(int(p.w[k + 1])), y, "quarter"), k + 2))
    for _, h in p.opt(_QUARTER_BEFORE, i):  # the 2027 second quarter
        for y, j in year_number(p, h):
            for q, k in ordinal(p, j, 4):
                out += [(yearly(_quarter_bounds(q), y, "quarter"), m) for m in p.ends(_QUARTER_WORDS, k)]
    return out


@rule
def half_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """H2, S1 2025, 2H 2025, the second half (of next year), the back half, le second semestre."""
    starts: list[tuple[int, int, bool]] = []
    w = p.at(i)
    if w in V.HALF_LETTERS and p.at(i + 1) in ("1", "2"):
        starts.append((int(p.w[i + 1]), i + 2, False))
    if w in ("1", "2") and p.at(i + 1) == "h":
        starts.append((int(w), i + 2, True))
    starts += [(h, j, False) for h, j in p.phrase(_HALF_WORDS, i)]
    out = []
    for _, h0 in p.opt(_QUARTER_BEFORE, i):  # the 2027 second half
        for y, j in year_number(p, h0):
            out += [(yearly(_half_bounds(h), y, "half"), k) for h, k in p.phrase(_HALF_WORDS, j)]
    for h, j, needs_year in starts:
        for t, k in _with_year(p, j, _half_bounds(h), "half", False, 1):
            if not (needs_year and k == j):
                out.append((t, k))
    return out


@rule
def season_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """Summer, this fall, next spring, l'été prochain, summer 2025, winter 2025-26."""
    out: list[tuple[Time, int]] = []
    for pre, j in p.opt(_SEASON_BEFORE, i):
        if pre == "past":
            continue
        for first, k in p.phrase(_SEASONS, j):
            bounds = _season_bounds(first)
            for t, m in _with_year(p, k, bounds, "season", pre == "next", 1 if pre in (None, "article") else 0):
                if first == 12 and t.absolute:
                    y = t.bounds(None)[0]
                    if y is not None and p.at(m) in ("-", "/") and p.number(m + 1, 0, 9999) in (y.year + 1, (y.year + 1) % 100):
                        out.append((t, m + 2))
                    else:
                        p.refuse("a winter named by one year is ambiguous: say 'winter 2025-26'", m)
                    continue
                out.append((t, m))
    return out


@rule
def month_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """June, June 2025, next June, juin prochain, June next year, le mois de juin."""
    out = []
    for pre, j in p.opt(_MONTH_BEFORE, i):
        for m, k in p.phrase(_MONTHS, j):
            loose = 1 if pre in (None, "article") else 0
            out += _with_year(p, k, _month_bounds(m), "month", pre == "next", loose)
            if pre is None:  # March after next: the second March that starts after the day said
                out += [(_after_next(_month_bounds(m)), e) for e in p.ends(_AFTER_NEXT, k)]
    return out


def _after_next(bounds: YearBounds) -> Time:
    def after_next(said: dt.date) -> tuple[dt.date | None, dt.date]:
        return bounds(first_yearly(said, bounds, starting_after=True)[0].year + 1)

    return Time(relative(after_next), "month")


def _holiday_bounds(rule_: tuple[int, ...]) -> YearBounds:
    def bounds(y: int) -> tuple[dt.date, dt.date]:
        day = dt.date(y, rule_[0], rule_[1]) if len(rule_) == 2 else nth_weekday(y, *rule_)
        return day, day

    return bounds


@rule
def holiday_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """Christmas, New Year's Day, Thanksgiving (4th Thursday of November), le 14 juillet."""
    out = []
    for pre, h in p.opt(_HOLIDAY_BEFORE, i):  # this Thanksgiving, next Halloween
        for rule_, j in p.phrase(_HOLIDAYS, h):
            bounds = _holiday_bounds(rule_)
            if pre == "next":
                out.append((yearly(bounds, None, "day", nxt=True), j))
                continue
            for spec, k in year_spec(p, j):
                out.append((yearly(bounds, spec, "day", loose=1 if spec is None and pre is None else 0), k))
    return out


@rule
def decade_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """The 2030s, les années 2030: ten calendar years."""
    out = []
    for _, j in p.opt(_DECADE_WORDS, i):
        y = p.number(j, 1000, 9990, width=4)
        if y is not None and y % 10 == 0 and (p.at(j + 1) == "s" or p.w[i] == "les"):
            k = j + 2 if p.at(j + 1) == "s" else j + 1
            out.append((fixed(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade"), k))
    return out


@rule
def year_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """2025 (a whole year), and a pair of years written "2025-26" or "2025/2026" (the later one ends it)."""
    out = []
    for y, j in year_number(p, i):
        out.append((fixed(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", loose=1), j))
        yy = p.number(j + 1, 0, 99, width=2)
        if (p.at(j) in ("-", "/") and yy == (y + 1) % 100 and (yy > 12 or p.at(j) == "/")  # 2011-12 is December
                and p.glued(j) and p.glued(j + 1)):  # written whole: "in 2025 — 26 firms" is a year and a count
            out.append((fixed(dt.date(y, 1, 1), dt.date(y + 1, 12, 31), "years"), j + 2))
    return out
