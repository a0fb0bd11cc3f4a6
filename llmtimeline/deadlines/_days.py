"""Rules for the days of deadline phrases: explicit dates, weekdays, today and tomorrow.

A day and month without a year, a weekday, or "the 15th" is the first one on or
after the day said.  Numeric dates are read only where the order is certain (a
part over 12 is the day; equal parts are both); "June 31" and "7/8" are refused.
"""

from __future__ import annotations

import calendar
import datetime as dt

from ..dates import first_yearly
from . import _phrases as V
from ._rules import Parser, Refusal, Time, dispatch, relative, rule, trie
from ._text import digits
from ._times import day_of_month, short_year, year_number

__all__ = ["clock", "date_time", "day_time", "nth_weekday_time", "weekday_time"]

_MONTHS, _WEEKDAYS, _DAYS = trie(V.MONTHS), trie(V.WEEKDAYS), trie(V.DAYS)
_WEEKDAY_BEFORE, _WEEKDAY_AFTER = trie(V.WEEKDAY_BEFORE), trie(V.WEEKDAY_AFTER)
_DAY_ARTICLES, _DAY_LINKS = trie(V.DAY_ARTICLES), trie(V.DAY_MONTH_LINKS)
_JOINS = trie(V.DAY_RANGE_JOINS)
_DATE_THIS, _WEEKDAY_AFTER_DATE = trie(V.DATE_THIS), trie(V.WEEKDAY_AFTER_DATE)
_POSITIONS, _POSITION_ARTICLES, _DAY_WORDS = trie(V.POSITIONS), trie(V.POSITION_ARTICLES), trie(V.DAY_WORDS)
_POSITION_LINKS, _WEEKEND_WORDS = trie(V.POSITION_LINKS), trie(V.WEEKEND_WORDS)
_CLOCK_WORDS, _CLOCK_BEFORE, _CLOCK_SUFFIXES = trie(V.CLOCK_WORDS), trie(V.CLOCK_BEFORE), trie(V.CLOCK_SUFFIXES)
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MAX_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _next_on_or_after(said: dt.date, month: int | None, day: int) -> dt.date:
    """The first ``day`` of ``month`` (of any month when None) on or after ``said``."""
    if month is None:
        y, m = said.year, said.month
        for _ in range(3):
            if day <= calendar.monthrange(y, m)[1] and dt.date(y, m, day) >= said:
                return dt.date(y, m, day)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        for y in range(said.year, said.year + 9):
            if day <= calendar.monthrange(y, month)[1] and dt.date(y, month, day) >= said:
                return dt.date(y, month, day)
    raise Refusal("no such day after the day said")  # pragma: no cover - a day recurs within 8 years


def _check_weekday(day: dt.date, weekday: int | None) -> dt.date:
    if weekday is not None and day.weekday() != weekday:
        raise Refusal(f"{day.isoformat()} is a {_DAY_NAMES[day.weekday()]}, not a {_DAY_NAMES[weekday]}")
    return day


def _day(p: Parser, month: int, day: int, year: int | None, weekday: int | None, loose: int, until: int,
         after: int | None = None, first: tuple[int, int] | None = None) -> Time | None:
    """The day ``day`` of ``month`` (of ``year``, or the first one on or after the day said), checked against the
    weekday written before it (``weekday``) or after it (``after``); for the last day of a range, ``first`` is
    the range's first day and the weekday written before it ("du lundi 1er au mercredi 10 juillet")."""
    if weekday is not None and after is not None and weekday != after:
        return None
    weekday = after if weekday is None else weekday
    if day > _MAX_DAYS[month - 1] or (year is not None and day > calendar.monthrange(year, month)[1]):
        p.refuse(f"{_MONTH_NAMES[month - 1]} {day}{'' if year is None else f', {year}'} is not a day of the calendar", until)
        return None
    if year is not None:
        d = dt.date(year, month, day)
        if weekday is not None and d.weekday() != weekday:
            p.refuse(f"{d.isoformat()} is a {_DAY_NAMES[d.weekday()]}, not a {_DAY_NAMES[weekday]}", until)
            return None
        if first is not None:
            try:
                _check_first(d, first)
            except Refusal as exc:
                p.refuse(exc.reason, until)
                return None
        return Time(lambda said: (d, d), "date", absolute=True, loose=loose)

    def bounds(said: dt.date) -> tuple[dt.date, dt.date]:
        found = _check_weekday(_next_on_or_after(said, month, day), weekday)
        if first is not None:
            _check_first(found, first)
        return found, found

    return Time(relative(bounds), "date", loose=loose)


def _check_first(last: dt.date, first: tuple[int, int]) -> None:
    """Check the weekday written before the first day of a range (``first``: day, weekday) that ends on ``last``."""
    day, weekday = first
    if day >= last.day:
        raise Refusal(f"the range of days ends on {last.isoformat()}, not after its first day ({day})")
    start = last.replace(day=day)
    _check_weekday(start, weekday)


def _years(p: Parser, i: int) -> list[tuple[int | None, int]]:
    out: list[tuple[int | None, int]] = [(None, i)]
    k = i + 1 if p.at(i) in (",", ".") else i  # June 30, 2025; 20 sept. 2014
    out += year_number(p, k)
    return out


def _weekday_after(p: Parser, i: int) -> list[tuple[int | None, int]]:
    """Nothing, or a weekday after a date: "March 13, a Friday", "Jul 18, Fri", "13 mars (un vendredi)"."""
    out: list[tuple[int | None, int]] = [(None, i)]
    for _, j in p.opt(_WEEKDAY_AFTER_DATE, i):
        for wd, k in p.phrase(_WEEKDAYS, j):
            out.append((wd, k + 1 if p.at(k) == ")" else k))
    return out


def _weekday_prefix(p: Parser, i: int) -> list[tuple[int | None, int]]:
    out: list[tuple[int | None, int]] = [(None, i)]
    for wd, j in p.phrase(_WEEKDAYS, i):
        out.append((wd, j + 1 if p.at(j) == "," else j))
    return out


def _days_then(p: Parser, i: int) -> list[tuple[int, int, int | None, int | None]]:
    """A day of the month, or a range of days ("13-15", "du 13 au 15", "lundi 1er au mercredi 10") read as its last
    day: (last day, index after it, the first day of a range or None, the weekday written before the last day of a
    range or None)."""
    days = day_of_month(p, i)
    out: list[tuple[int, int, int | None, int | None]] = [(d, j, None, None) for d, j in days]
    for d1, j in days:
        for k in p.ends(_JOINS, j):
            out += [(d2, m, d1, None) for d2, m in day_of_month(p, k)]
            for wd2, k2 in _weekday_prefix(p, k)[1:]:  # au mercredi 10
                out += [(d2, m, d1, wd2) for d2, m in day_of_month(p, k2)]
    return out


@rule
def date_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """May 15, March 3rd, 15 May 2025, le 1er mars, Tuesday, May 15; 2025-06-30; 11/30/2025, 30/11/2025, 7/7."""
    out: list[tuple[Time, int]] = []
    for _, i1 in p.opt(_DATE_THIS, i):  # this December 3
        for wd, j in _weekday_prefix(p, i1):
            out += _day_and_month(p, j, wd)
            if i1 == i:
                out += _day_alone(p, j, wd)
    out += _iso(p, i)
    m, y = p.number(i, 1, 12), p.number(i + 2, 1000, 9999, width=4)
    if m is not None and p.at(i + 1) == "/" and y is not None and len(p.w[i]) <= 2:  # 2/2013
        last = calendar.monthrange(y, m)[1]
        out.append((Time(lambda said: (dt.date(y, m, 1), dt.date(y, m, last)), "month", absolute=True, loose=1), i + 3))
    return out


def _day_and_month(p: Parser, j: int, wd: int | None) -> list[tuple[Time, int]]:
    """15 May, the 15th of May, le 15 mai, May 15, March 3rd, June 30, 2025 (after a weekday ``wd`` if given)."""
    out: list[tuple[Time, int]] = []
    starts = [(wd, k) for _, k in p.opt(_DAY_ARTICLES, j)]
    if wd is None:  # le lundi 15 juillet, du lundi 1er au mercredi 10 juillet
        starts += [(w, k) for _, h in p.phrase(_DAY_ARTICLES, j) for w, k in _weekday_prefix(p, h)[1:]]
    for wd, k in starts:
        for d, m1, d1, wd2 in _days_then(p, k):  # 15 May, the 15th of May, le 15 mai, du lundi 1er au 10 juillet
            for _, m2 in p.opt(_DAY_LINKS, m1):
                for month, m3 in p.phrase(_MONTHS, m2):
                    for y, m4 in _years(p, m3):
                        for after, m5 in _weekday_after(p, m4):
                            t = _ranged_day(p, month, d, y, wd, m5, after, d1, wd2)
                            if t is not None:
                                out.append((t, m5))
    for month, k in p.phrase(_MONTHS, j):  # May 15, March 3rd, June 30, 2025
        for _, m1 in p.opt(_DAY_ARTICLES, k):
            for d, m2, d1, wd2 in _days_then(p, m1):
                for y, m3 in _years(p, m2):
                    for after, m4 in _weekday_after(p, m3):
                        t = _ranged_day(p, month, d, y, wd, m4, after, d1, wd2)
                        if t is not None:
                            out.append((t, m4))
    return out


def _ranged_day(p: Parser, month: int, d: int, year: int | None, wd: int | None, until: int, after: int | None,
                d1: int | None, wd2: int | None) -> Time | None:
    """The last day of a day or a range of days in ``month``: the weekday written before a range (``wd``) is its
    first day's (``d1``), the one after its join (``wd2``) or after the date (``after``) its last day's."""
    if d1 is None:
        return _day(p, month, d, year, wd, 0, until, after)
    if wd2 is not None and after is not None and wd2 != after:
        return None
    return _day(p, month, d, year, wd2, 0, until, after, None if wd is None else (d1, wd))


def _day_alone(p: Parser, j: int, wd: int | None) -> list[tuple[Time, int]]:
    """Numeric dates (30/11/2025, le 31.12.2026) and a day of the month alone (the 15th, le 15, du 13 au 18,
    Tuesday the 19th, mercredi 13): the next one."""
    out: list[tuple[Time, int]] = []
    for _, k in p.opt(_DAY_ARTICLES, j):  # 30/11/2025, le 31.12.2026
        out += _numeric(p, k, wd)
    articles = p.phrase(_DAY_ARTICLES, j) if wd is None else p.opt(_DAY_ARTICLES, j)
    if wd is None and digits(p.at(j)) and p.at(j + 1) in V.ORDINAL_SUFFIXES:  # on 24th
        articles = [*articles, (None, j)]
    for _, k in articles:  # the 15th, le 15, du 13 au 18, Tuesday the 19th, mercredi 13: the next one
        for d, m1, _, wd2 in _days_then(p, k):
            if wd2 is None and d <= 31 and (digits(p.w[k]) or (p.w[k] in V.ORDINAL_WORDS and k > j)):

                def next_day(said: dt.date, d: int = d, wd: int | None = wd) -> tuple[dt.date, dt.date]:
                    found = _check_weekday(_next_on_or_after(said, None, d), wd)
                    return found, found

                out.append((Time(relative(next_day), "date", loose=2 if wd is None else 0), m1))
    return out


def _numeric(p: Parser, i: int, weekday: int | None) -> list[tuple[Time, int]]:
    a, b = p.number(i, 1, 31), p.number(i + 2, 1, 31)
    sep = p.at(i + 1)
    if a is None or b is None or sep not in ("/", ".", "-") or len(p.w[i]) > 2 or len(p.w[i + 2]) > 2:
        return []
    year: int | None = None
    end = i + 3
    if p.at(i + 3) == sep and p.number(i + 4, 1000, 9999, width=4) is not None:
        year, end = int(p.w[i + 4]), i + 5
    elif p.at(i + 3) == sep and short_year(p, i + 4, apostrophe=False):  # 24/12/14: which century?
        p.refuse(f"{p.w[i]}{sep}{p.w[i + 2]}{sep}{p.w[i + 4]} has a two-digit year: write the year in four digits",
                 i + 5)
        return []
    elif sep != "/" or (p.at(i + 3) in ("/", ".", "-") and p.glued(i + 3) and p.number(i + 4, 0, 9999) is not None):
        return []  # "25/12-2025" is not read in parts; "by 25/12 — plans" is a date before a dash
    if a > 12 and b <= 12:
        day, month = a, b
    elif b > 12 and a <= 12:
        month, day = a, b
    elif a == b <= 12:
        day = month = a
    elif a > 12:
        p.refuse(f"{p.w[i]}/{p.w[i + 2]} has no month", i + 3)
        return []
    else:
        p.refuse(f"{p.w[i]}/{p.w[i + 2]} could be day/month or month/day: write the month in words or an ISO date", i + 3)
        return []
    t = _day(p, month, day, year, weekday, 0 if year is not None else 1, end)
    return [] if t is None else [(t, end)]


def _iso(p: Parser, i: int) -> list[tuple[Time, int]]:
    """2025-06-30, 2025-06, 2025/06/30."""
    y = p.number(i, 1, 9999, width=4)
    sep = p.at(i + 1)
    if y is None or sep not in ("-", "/") or not (p.glued(i + 1) and p.glued(i + 2)):
        return []  # written whole: "in 2025 — 42 models" is a year and a count, not month 42
    m = p.number(i + 2, 0, 99)
    if m is None or len(p.w[i + 2]) > 2 or (len(p.w[i + 2]) == 1 and p.at(i + 3) != sep):
        return []
    if not 1 <= m <= 12:
        if sep == "-" and m != (y + 1) % 100:
            p.refuse(f"month {m:02d} is not between 01 and 12", i + 3)
        return []
    if p.at(i + 3) == sep and p.number(i + 4, 0, 99) is not None and len(p.w[i + 4]) <= 2:
        t = _day(p, m, int(p.w[i + 4]), y, None, 1, i + 5) if int(p.w[i + 4]) >= 1 else None  # a dateline needs "by"
        return [] if t is None else [(t, i + 5)]
    last = calendar.monthrange(y, m)[1]
    return [(Time(lambda said: (dt.date(y, m, 1), dt.date(y, m, last)), "month", absolute=True, loose=1), i + 3)]


@rule
def weekday_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """Monday, by Wednesday, next Friday, lundi prochain, Monday next week, mardi de la semaine prochaine."""
    out = []
    for pre, j in p.opt(_WEEKDAY_BEFORE, i):
        for wd, k in p.phrase(_WEEKDAYS, j):
            for post, m in p.opt(_WEEKDAY_AFTER, k):
                if pre is not None and post is not None:
                    continue
                mode = pre if post is None else post

                def bounds(said: dt.date, wd: int = wd, mode: object = mode) -> tuple[dt.date, dt.date]:
                    if mode == "next?":  # "next Saturday": the first one after the day said, or next week's
                        first = said + dt.timedelta(days=(wd - said.weekday()) % 7 or 7)
                        monday = said - dt.timedelta(days=said.weekday()) + dt.timedelta(days=7)
                        week = monday + dt.timedelta(days=wd)
                        if first != week:
                            raise Refusal(f"'next {_DAY_NAMES[wd]}' reads as {first.isoformat()} (the first one after the "
                                          f"day said) or as {week.isoformat()} (the one of next week)")
                        return first, first
                    if mode == "after next":  # Friday after next: the second one after the day said
                        day = said + dt.timedelta(days=((wd - said.weekday()) % 7 or 7) + 7)
                        return day, day
                    if mode in ("this", "next"):
                        monday = said - dt.timedelta(days=said.weekday()) + dt.timedelta(days=7 if mode == "next" else 0)
                        day = monday + dt.timedelta(days=wd)
                    else:  # the first one on (0) or after (1) the day said
                        day = said + dt.timedelta(days=(wd - said.weekday()) % 7 or (7 if mode == 1 else 0))
                    return day, day

                # in running text "said on Tuesday" dates a statement: a bare weekday needs "by", "until", "d'ici"
                out.append((Time(relative(bounds), "day", loose=2 if mode is None else 0), m))
    return out


@rule
def day_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """Today, tonight, end of day, tomorrow, the day after tomorrow, aujourd'hui, demain, après-demain."""
    out = []
    for offset, j in p.phrase(_DAYS, i):

        def bounds(said: dt.date, offset: int = offset) -> tuple[dt.date, dt.date]:
            day = said + dt.timedelta(days=offset)
            return day, day

        out.append((Time(relative(bounds), "day", loose=2), j))
    return out


def _in_period(base: Time, pick: object) -> Time:
    """A day picked inside a time (``pick(first, last)``); for a month named without its year ("the last Friday of
    June"), the first such day on or after the day said."""
    recur = base.recur

    def day_in(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
        d = pick(start, end)  # type: ignore[operator]
        return d, d

    if recur is not None:

        def part(y: int) -> tuple[dt.date, dt.date]:
            return day_in(*recur(y))

        return Time(relative(lambda said: first_yearly(said, part)), "date", absolute=base.absolute)

    def bounds(said: dt.date | None) -> tuple[dt.date | None, dt.date]:
        start, end = base.bounds(said)
        if start is None:
            raise Refusal("a day by its position needs a period with a first day")
        return day_in(start, end)

    return Time(bounds, "date", absolute=base.absolute)


def _nth_weekday(n: int, wd: int | None) -> object:
    def pick(start: dt.date, end: dt.date) -> dt.date:
        if wd is None:  # the nth (or last) day
            d = start + dt.timedelta(days=n - 1) if n > 0 else end
        elif n > 0:
            d = start + dt.timedelta(days=(wd - start.weekday()) % 7 + 7 * (n - 1))
        else:
            d = end - dt.timedelta(days=(end.weekday() - wd) % 7)
        if not start <= d <= end:
            raise Refusal(f"the period has no such day ({d.isoformat()} falls outside it)")
        return d

    return pick


@rule
def nth_weekday_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """Days by position: the second Monday of March, le dernier vendredi de juin, the last day of March, the first
    day of next month, le premier mercredi du mois prochain, the 15th of next month, le 15 du mois prochain."""
    out: list[tuple[Time, int]] = []
    for _, j in p.opt(_POSITION_ARTICLES, i):
        picks: list[tuple[object, int]] = []
        for n, k in p.phrase(_POSITIONS, j):
            picks += [(_nth_weekday(n, wd), m) for wd, m in p.phrase(_WEEKDAYS, k)]
            picks += [(_nth_weekday(n, None), m) for m in p.ends(_DAY_WORDS, k)]
            picks += [(_nth_weekday(n, 6), m) for m in p.ends(_WEEKEND_WORDS, k)]  # a weekend by its Sunday
        if j > i or digits(p.w[i]):  # the 15th of next month, le 15 du mois prochain, 20th of next month
            for d, k in day_of_month(p, j):
                for _, m in p.opt(_DAY_WORDS, k):
                    picks.append((_nth_weekday(d, None), m))
        for pick, k in picks:
            for m in p.ends(_POSITION_LINKS, k):
                for base, n in dispatch("plain", p, m):  # the periods a day may sit in
                    if base.grain in ("month", "year", "quarter", "half", "week", "season"):
                        out.append((_in_period(base, pick), n))
    return out


def clock(p: Parser, i: int, bare: bool = False) -> list[int]:
    """A time of day ("7:25 pm", "18h", "18h30", "noon", "minuit"; a bare hour "11" when ``bare``, after "at"):
    the indices after it."""
    out = list(p.ends(_CLOCK_WORDS, i))
    h = p.number(i, 0, 24)
    if h is not None and len(p.w[i]) <= 2:
        j = i + 1
        if p.at(j) == ":" and p.number(j + 1, 0, 59, width=2) is not None:
            j += 2
        ends = [j] if j > i + 1 or bare else []
        for k in p.ends(_CLOCK_SUFFIXES, j):
            ends.append(k)
            if p.w[j] == "h" and p.number(k, 0, 59, width=2) is not None:
                ends.append(k + 1)
        out += ends
    return out


def clock_before(p: Parser, i: int) -> list[int]:
    """A time of day before a day ("by midnight Friday", "at 9am tomorrow"): the indices after it."""
    return [k for _, j in p.opt(_CLOCK_BEFORE, i) for k in clock(p, j)]
