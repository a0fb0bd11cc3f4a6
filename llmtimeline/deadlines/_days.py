"""Rules for the days of deadline phrases: explicit dates, weekdays, today and tomorrow.

A day and month without a year, a weekday, or "the 15th" is the first one on or
after the day said.  Numeric dates are read only where the order is certain (a
part over 12 is the day; equal parts are both); "June 31" and "7/8" are refused.
"""

from __future__ import annotations

import calendar
import datetime as dt

from . import _phrases as V
from ._rules import Parser, Refusal, Time, relative, rule, trie
from ._text import digits
from ._times import day_of_month, year_number

__all__ = ["date_time", "day_time", "weekday_time"]

_MONTHS, _WEEKDAYS, _DAYS = trie(V.MONTHS), trie(V.WEEKDAYS), trie(V.DAYS)
_WEEKDAY_BEFORE, _WEEKDAY_AFTER = trie(V.WEEKDAY_BEFORE), trie(V.WEEKDAY_AFTER)
_DAY_ARTICLES, _DAY_LINKS = trie(V.DAY_ARTICLES), trie(V.DAY_MONTH_LINKS)
_JOINS = trie(("-", "to", "au", "a", "et le", "and", "through", "jusqu au"))
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


def _day(p: Parser, month: int, day: int, year: int | None, weekday: int | None, loose: int, until: int) -> Time | None:
    if day > _MAX_DAYS[month - 1] or (year is not None and day > calendar.monthrange(year, month)[1]):
        p.refuse(f"{_MONTH_NAMES[month - 1]} {day}{'' if year is None else f', {year}'} is not a day of the calendar", until)
        return None
    if year is not None:
        d = dt.date(year, month, day)
        if weekday is not None and d.weekday() != weekday:
            p.refuse(f"{d.isoformat()} is a {_DAY_NAMES[d.weekday()]}, not a {_DAY_NAMES[weekday]}", until)
            return None
        return Time(lambda said: (d, d), "date", absolute=True, loose=loose)

    def bounds(said: dt.date) -> tuple[dt.date, dt.date]:
        found = _check_weekday(_next_on_or_after(said, month, day), weekday)
        return found, found

    return Time(relative(bounds), "date", loose=loose)


def _years(p: Parser, i: int) -> list[tuple[int | None, int]]:
    out: list[tuple[int | None, int]] = [(None, i)]
    k = i + 1 if p.at(i) == "," else i
    out += year_number(p, k)
    return out


def _weekday_prefix(p: Parser, i: int) -> list[tuple[int | None, int]]:
    out: list[tuple[int | None, int]] = [(None, i)]
    for wd, j in p.phrase(_WEEKDAYS, i):
        out.append((wd, j + 1 if p.at(j) == "," else j))
    return out


def _days_then(p: Parser, i: int) -> list[tuple[int, int]]:
    """A day of the month, or a range of days ("13-15", "du 13 au 15") read as its last day."""
    out = day_of_month(p, i)
    for _, j in list(out):
        for k in p.ends(_JOINS, j):
            out += day_of_month(p, k)
    return out


@rule
def date_time(p: Parser, i: int) -> list[tuple[Time, int]]:
    """May 15, March 3rd, 15 May 2025, le 1er mars, Tuesday, May 15; 2025-06-30; 11/30/2025, 30/11/2025, 7/7."""
    out: list[tuple[Time, int]] = []
    for wd, j in _weekday_prefix(p, i):
        for _, k in p.opt(_DAY_ARTICLES, j):
            for d, m1 in _days_then(p, k):  # 15 May, the 15th of May, le 15 mai
                for _, m2 in p.opt(_DAY_LINKS, m1):
                    for month, m3 in p.phrase(_MONTHS, m2):
                        for y, m4 in _years(p, m3):
                            t = _day(p, month, d, y, wd, 0, m4)
                            if t is not None:
                                out.append((t, m4))
        for month, k in p.phrase(_MONTHS, j):  # May 15, March 3rd, June 30, 2025
            for _, m1 in p.opt(_DAY_ARTICLES, k):
                for d, m2 in _days_then(p, m1):
                    for y, m3 in _years(p, m2):
                        t = _day(p, month, d, y, wd, 0, m3)
                        if t is not None:
                            out.append((t, m3))
        out += _numeric(p, j, wd)
        if wd is None:  # the 15th, le 15: the next one
            for _, k in p.phrase(_DAY_ARTICLES, j):
                for d, m1 in day_of_month(p, k):
                    if d <= 31 and digits(p.w[k]):

                        def next_day(said: dt.date, d: int = d) -> tuple[dt.date, dt.date]:
                            found = _next_on_or_after(said, None, d)
                            return found, found

                        out.append((Time(relative(next_day), "date", loose=2), m1))
    out += _iso(p, i)
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
    elif sep != "/":
        return []
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
    if y is None or sep not in ("-", "/"):
        return []
    m = p.number(i + 2, 0, 99, width=2)
    if m is None:
        return []
    if not 1 <= m <= 12:
        if sep == "-" and m != (y + 1) % 100:
            p.refuse(f"month {m:02d} is not between 01 and 12", i + 3)
        return []
    if p.at(i + 3) == sep and p.number(i + 4, 0, 99, width=2) is not None:
        t = _day(p, m, int(p.w[i + 4]), y, None, 1, i + 5) if int(p.w[i + 4]) >= 1 else None  # a dateline needs "by"
        return [] if t is None else [(t, i + 5)]
    if sep == "/":
        return []
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
