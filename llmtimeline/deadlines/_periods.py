"""Rules for named periods and what is built over any time: this/next/the X after next,
thirds ("early", "mi-", "fin"), ends ("the end of X", EOY), "later this X", "the rest
of X", and alternatives or ranges ("June or July", "between 2025 and 2027").

Named periods end on their last day; thirds split a year at 30 April and 31
August and a month at the 10th and the 20th.
"""

from __future__ import annotations

import datetime as dt

from ..dates import add_months, first_yearly, last_day_of_month, next_period, period_bounds, third_bounds
from . import _phrases as V
from ._days import clock, clock_before
from ._rules import Parser, Refusal, Time, dispatch, fixed, relative, rule, trie
from ._text import digits
from ._times import year_spec

__all__ = ["base_time", "end_time", "period_time", "plain_time", "respectively_after", "third_time", "time",
           "within_time"]

_GRAINS, _THIS_BEFORE, _THIS_AFTER = trie(V.GRAINS), trie(V.THIS_BEFORE), trie(V.THIS_AFTER)
_NEXT_BEFORE, _NEXT_AFTER, _AFTER_NEXT = trie(V.NEXT_BEFORE), trie(V.NEXT_AFTER), trie(V.AFTER_NEXT)
_THIRDS, _ARTICLES, _END_ABBR = trie(V.THIRDS), trie(V.PERIOD_ARTICLES), trie(V.END_ABBREVIATIONS)
_REST_OF, _LATER, _LATER_LINKS = trie(V.REST_OF), trie(V.LATER), trie(V.LATER_LINKS)
_ALTS, _RANGE_STARTS, _RANGE_JOINS = trie(V.ALTERNATIVES), trie(V.RANGE_STARTS), trie(V.RANGE_JOINS)
_ELLIPTIC = trie(V.ELLIPTIC)
_LIST_JOINS, _RESPECTIVELY = trie(V.LIST_JOINS), trie(V.RESPECTIVELY)
_RESPECTIVE_WORDS = frozenset(w for entry in V.RESPECTIVELY for w in entry.split() if w.isalpha())
_MAX_ITEMS = 4  # the longest list read "respectively" ("in 2025, 2026, 2027 and 2028, respectively")
_LIST_SEPARATORS = frozenset(V.LIST_SEPARATORS)
_LIST_GRAINS = frozenset({"year", "month", "quarter", "half", "season"})
_ARTICLE_ONLY = frozenset(V.ARTICLES)
_CLOCK_AFTER_DAY, _ON, _ARTICLE_TRIE = trie(V.CLOCK_AFTER_DAY), trie(V.CLOCK_ON), trie(V.ARTICLES)
_PERIOD_GRAINS = frozenset({"year", "half", "quarter", "month", "week", "weekend", "day", "decade"})
_THIRD_INDEX = {"early": 0, "mid": 1, "late": 2, "end": 2}


def _period(grain: str, steps: int, loose: int) -> Time:
    if steps == 0:
        return Time(relative(lambda said: period_bounds(grain, said)), grain, loose=loose, step=0)
    return Time(relative(lambda said: next_period(grain, said, steps)), grain, loose=loose, step=steps)


@rule
def period_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """This year, the current quarter, l'année en cours, next month, l'an prochain, the year after next."""
    out: list[tuple[Time, int]] = []
    for pre, j in p.opt(_THIS_BEFORE, i):
        for grain, k in p.phrase(_GRAINS, j):
            for post, m in p.opt(_THIS_AFTER, k):
                if pre is None and post is None:
                    continue
                article_only = post is None and pre in _ARTICLE_ONLY
                out.append((_period(grain, 0, (3 if grain == "day" else 1) if article_only else 0), m))
            if grain == "decade":
                continue  # "next decade": the 2030s or 2031-2040? not decided, so refused
            for m in p.ends(_NEXT_AFTER, k):
                if pre is None or pre in _ARTICLE_ONLY:
                    out.append((_period(grain, 1, 0), m))
            for m in p.ends(_AFTER_NEXT, k):
                if pre in (None, "the"):
                    out.append((_period(grain, 2, 0), m))
    for j in p.ends(_NEXT_BEFORE, i):
        out += [(_period(grain, 1, 0), k) for grain, k in p.phrase(_GRAINS, j) if grain != "decade"]
    return out


def _bare_grain(p: Parser, i: int) -> list[tuple[Time, int]]:
    """"year" in "end of year", "mi-year": the current one."""
    return [(_period(grain, 0, 0), j) for grain, j in p.phrase(_GRAINS, i)]


def _third(base: Time, which: str) -> Time | None:
    index = _THIRD_INDEX[which]
    grain = base.grain
    recur = base.recur
    if grain == "month" and recur is not None:  # mid-February: the first one ending on or after the day said

        def part(y: int) -> tuple[dt.date, dt.date]:
            start, end = recur(y)
            return third_bounds(start, end, grain, index)

        bounds = relative(lambda said: first_yearly(said, part))
    elif grain in ("year", "month"):

        def bounds(said: dt.date | None) -> tuple[dt.date | None, dt.date]:
            start, end = base.bounds(said)
            assert start is not None
            return third_bounds(start, end, grain, index)
    elif which in ("late", "end") and grain != "date":

        def bounds(said: dt.date | None) -> tuple[dt.date | None, dt.date]:
            return None, base.bounds(said)[1]
    else:
        return None
    return Time(bounds, grain, absolute=base.absolute, loose=2 if grain == "day" else 0, end=which == "end")


@rule
def third_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """Early 2025, mid-June, late next year, the end of the month, début juillet, mi-2025, fin de l'année prochaine."""
    out = []
    for which, j in p.phrase(_THIRDS, i):
        for _, k in p.opt(_ARTICLES, j):
            for base, m in plain_time(p, k) + _bare_grain(p, k):
                t = _third(base, which)
                if t is None:
                    p.refuse(f"'{which}' of a {base.grain} is not one of the conventions (a year or a month)", m)
                else:
                    out.append((t, m))
    return out


@rule
def end_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """EOY, year-end, month end, EOQ, fin d'année, EOY 2025: the end of the current period (or of that year)."""
    out = []
    ends = [(g, j) for _, h in p.opt(_ARTICLE_TRIE, i) for g, j in p.phrase(_END_ABBR, h)]  # (the) EOY
    for grain, j in ends:
        out.append((_third(_period(grain, 0, 0), "end"), j))
        if grain == "year":
            from ._times import short_year

            specs = [*year_spec(p, j), *short_year(p, j, apostrophe=False)]  # EOY 2026, EOY '26, EOY26
            for spec, k in specs:
                if isinstance(spec, int):
                    base = fixed(dt.date(spec, 1, 1), dt.date(spec, 12, 31), "year")
                    out.append((_third(base, "end"), k))
    return [(t, j) for t, j in out if t is not None]


@rule
def within_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """Later this year, later in 2025, plus tard dans l'année; the rest of the year, le reste de l'année."""
    out = []
    for j in p.ends(_LATER, i):
        for _, k in p.opt(_LATER_LINKS, j):
            out += [(t, m) for t, m in plain_time(p, k) if t.grain in _PERIOD_GRAINS | {"season"}]
    for j in p.ends(_REST_OF, i):
        for _, k in p.opt(_ARTICLES, j):
            out += [(t, m) for t, m in period_time(p, k) + _bare_grain(p, k) if t.grain in _PERIOD_GRAINS]
    return [(Time(t.fn, t.grain, absolute=t.absolute, end=t.end), m) for t, m in out]  # "later" says it is a time


def plain_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """A time named directly (not a part of another one): every "plain" rule of the registry."""
    return dispatch("plain", p, i)


def base_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """Any single time a phrase may name: a plain one, or a part of one ("early June", "the end of the year")."""
    return [*dispatch("plain", p, i), *dispatch("part", p, i)]


def _after(t: Time) -> Time | None:
    """The period after ``t`` ("next year or the year after"), or None when ``t`` has no grain to step by."""
    grain = t.grain
    if grain in _PERIOD_GRAINS:
        return Time(lambda said: next_period(grain, t.bounds(said)[1]), grain, absolute=t.absolute)
    if grain == "season":

        def bounds(said: dt.date | None) -> tuple[dt.date | None, dt.date]:
            start, end = t.bounds(said)
            nxt = add_months(end, 12)
            return (None if start is None else add_months(start, 12)), last_day_of_month(nxt.year, nxt.month)

        return Time(bounds, grain, absolute=t.absolute)
    return None


def _either(a: Time, b: Time) -> Time:
    """The later of two times (alternatives and ranges take the upper bound)."""

    def bounds(said: dt.date | None) -> tuple[dt.date | None, dt.date]:
        (s1, e1), (s2, e2) = a.bounds(said), b.bounds(said)
        if e2 < e1:
            raise Refusal("the second of the two times ends before the first")
        return (None if s1 is None or s2 is None else min(s1, s2)), e2

    return Time(bounds, b.grain, absolute=a.absolute and b.absolute, loose=min(a.loose, b.loose), end=b.end)


def _second(p: Parser, first: Time, k: int) -> list[tuple[Time, int]]:
    """What may follow "or" / "to": another time, "next" / "the year after" (one period after the first), or a
    third of it ("this year or early next")."""
    elliptic = [(n, m) for m in p.ends(_ELLIPTIC, k) if (n := _after(first)) is not None]
    for which, j in p.phrase(_THIRDS, k):
        for m in p.ends(_ELLIPTIC, j):
            after = _after(first)
            third = None if after is None else _third(after, which)
            if third is not None:
                elliptic.append((third, m))
    taken = {m for _, m in elliptic}
    return elliptic + [(t, m) for t, m in base_time(p, k) if m not in taken]


def _with_clock(p: Parser, found: list[tuple[Time, int]]) -> list[tuple[Time, int]]:
    """A day and a time of day ("tomorrow at 7:25 pm", "demain à 18h", "Friday at noon"): the day."""
    out = []
    for t, j in found:
        if t.grain in ("day", "date"):
            for _, k in p.opt(_CLOCK_AFTER_DAY, j):
                out += [(t, m) for m in clock(p, k, bare=k > j and p.w[k - 1] in V.CLOCK_BARE_AFTER)]
    return out


def respectively_after(p: Parser, j: int) -> bool:
    """True when the words from ``j`` are the rest of a list of times read "respectively" (", respectively",
    "and 2027, respectively"): each time of such a list is its own window, not one alternative."""
    if _RESPECTIVE_WORDS.isdisjoint(p.w[j:j + 4 * _MAX_ITEMS]):
        return False  # (the common case, at once)
    if p.phrase(_RESPECTIVELY, j):
        return True
    frontier = [j]
    for _ in range(_MAX_ITEMS):
        frontier = [m for e in frontier for c in p.ends(_LIST_JOINS, e) for _, m in base_time(p, c)]
        if not frontier:
            return False
        if any(p.phrase(_RESPECTIVELY, e) for e in frontier):
            return True
    return False


@rule
def time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """A time, or alternatives and ranges of times read as the later one: "2025 or 2026", "Q3-Q4",
    "this year or next", "between June and August", "de juin à août"."""
    out = list(base_time(p, i))
    out += _with_clock(p, out)
    for j in clock_before(p, i):  # by midnight Friday, at 9am tomorrow, by 5pm today
        for _, k in p.opt(_ON, j):
            out += [(t, m) for t, m in base_time(p, k) if t.grain in ("day", "date")]
    frontier = [(t, j) for t, j in out if not respectively_after(p, j)]  # "in 2025 and 2027, respectively"
    for _ in range(2):
        grown = []
        for t, j in frontier:
            for sep, k in p.phrase(_ALTS, j):
                if sep in ("-", "/") and t.grain == "date" and digits(p.w[j - 1]) and digits(p.at(k)):
                    continue  # 24/12/14 is one date, not two
                listed = sep in _LIST_SEPARATORS
                grown += [(_either(t, u), m) for u, m in _second(p, t, k)
                          if (sep not in ("-", "/") and not listed) or u.grain == t.grain  # Q3-Q4; not 2024-Q2
                          if not listed or t.grain in _LIST_GRAINS]  # June, July or August; not "May 15, 2025"
        out += grown
        frontier = grown
    for j in p.ends(_RANGE_STARTS, i):
        for t, k in base_time(p, j):
            for m in p.ends(_RANGE_JOINS, k):
                for u, n in _second(p, t, m):
                    either = _either(t, u)
                    either.loose = 0  # "between June and August" says it is a time
                    out.append((either, n))
    return out
